"""The repeat index in the database: each complaint's features (`RepeatProfile`) and
candidate keys (`RepeatKey`), written in the transaction that writes the complaint
(import, re-import of changed text or region, a complaint from a visit), so a rollback
takes them back and deleting a complaint deletes them.

Candidates of a complaint are the latest complaints of its city, imported before it,
that share one of its keys: one query of per-key range scans on the keys' index
(`candidates_for`), and only those few are scored in Python. Nothing is held in a
process between calls, so memory does not grow with the number of complaints.
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Sequence
from contextlib import contextmanager

from django.db import connection, transaction

from ducha.complaints.models import Complaint, ComplaintPollution, PollutionType, RepeatKey, RepeatProfile
from ducha.complaints.services import bulk
from ducha.core.textsim import PER_KEY, Features, extract_many, keys, rank
from ducha.places import lexicon

CHUNK = 2000  # complaints indexed per round trip
KEY_LENGTH = 100  # RepeatKey.key's length; a longer key is stored as its digest
UNION_KEYS = 400  # per-key subqueries per statement (SQLite allows 500 in a compound)


def scope_of(region_code: str | None) -> str:
    """The city a complaint's candidates come from: the first four digits of its region."""
    return (region_code or "")[:4]


def split_key(key: str) -> tuple[str, str]:
    """ "p:430321112" → ("p", "430321112"); a key too long for the column → its digest."""
    kind, rest = key[0], key[2:]
    if len(rest) > KEY_LENGTH:
        rest = "#" + hashlib.blake2b(rest.encode("utf-8"), digest_size=16).hexdigest()
    return kind, rest


def write_index(items: Sequence[tuple[int, str, str, Iterable[str]]]) -> None:
    """(Re)write the features and keys of complaints given as (id, text, region code,
    pollution type codes). Joins the caller's transaction."""
    if not items:
        return
    names = dict(PollutionType.objects.values_list("code", "name"))
    now = lexicon.current()  # the office's places and site kinds
    features = extract_many(
        [(text, region or "", [names.get(c, c) for c in codes]) for _, text, region, codes in items],
        gazetteer=now.gazetteer,
        lexicon=now.lexicon,
    )
    ids = [pk for pk, *_ in items]
    with transaction.atomic():
        RepeatKey.objects.filter(complaint_id__in=ids).delete()
        RepeatProfile.objects.filter(complaint_id__in=ids).delete()
        profiles, rows = [], []
        for (pk, _, region, _), f in zip(items, features, strict=True):
            profiles.append((pk, json.dumps(f.to_dict(), ensure_ascii=False)))
            scope = scope_of(region)
            rows.extend((pk, scope, *split_key(k)) for k in dict.fromkeys(keys(f)))
        bulk.insert_rows(RepeatProfile._meta.db_table, ("complaint_id", "features"), profiles)
        bulk.insert_rows(RepeatKey._meta.db_table, ("complaint_id", "scope", "kind", "key"), rows)


def index_complaints(ids: Sequence[int]) -> int:
    """(Re)index these complaints from what the database holds; returns how many."""
    done = 0
    for lo in range(0, len(ids), CHUNK):
        part = list(ids[lo : lo + CHUNK])
        codes = defaultdict(list)
        for pk, code in ComplaintPollution.objects.filter(complaint_id__in=part).values_list(
            "complaint_id", "pollution_type_id"
        ):
            codes[pk].append(code)
        rows = Complaint.objects.filter(pk__in=part).order_by("pk").values_list("pk", "text", "region_id")
        items = [(pk, text, region, sorted(codes[pk])) for pk, text, region in rows]
        write_index(items)
        done += len(items)
    return done


def index_missing() -> int:
    """Index the complaints that have no features yet (written before the index
    existed, or by hand in a test); returns how many."""
    # Each profile belongs to one complaint, so equal counts mean none is missing: two
    # index-only counts instead of an anti-join over every complaint on every scan.
    if RepeatProfile.objects.count() == Complaint.objects.count():
        return 0
    ids = list(Complaint.objects.filter(repeat_profile__isnull=True).order_by("pk").values_list("pk", flat=True))
    return index_complaints(ids)


def reindex(*, chunk: int = CHUNK) -> int:
    """Rebuild every complaint's features and keys (after the gazetteer or the lexicon
    changed), chunk by chunk, each in its own transaction; the same result when run twice."""
    done, last = 0, 0
    while True:
        ids = list(Complaint.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:chunk])
        if not ids:
            return done
        with transaction.atomic():
            done += index_complaints(ids)
        last = ids[-1]


def load_features(ids: Iterable[int]) -> dict[int, tuple[str, Features]]:
    """{complaint id: (scope, features)} from the stored profiles."""
    g = lexicon.current().gazetteer
    out = {}
    ids = list(ids)
    for lo in range(0, len(ids), CHUNK):
        rows = RepeatProfile.objects.filter(complaint_id__in=ids[lo : lo + CHUNK]).values_list(
            "complaint_id", "complaint__region_id", "features"
        )
        for pk, region, data in rows:
            out[pk] = (scope_of(region), Features.from_dict(data, g))
    return out


@contextmanager
def no_cycle_collection():
    """Python's cycle collector off for a scan, one collection after. A scan makes
    thousands of short-lived objects, freed by reference counting; each automatic full
    collection would walk the gazetteer's hundreds of thousands of objects again, a
    third of a scan's time."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
            gc.collect(1)


class FeatureCache:
    """The features of the complaints a scan has just looked at, at most `size` of them
    (the oldest used go first): one scan's working set, never the whole table, and
    dropped with the scan. Candidates are mostly recent complaints, so a cold scan
    decodes each one's features about once."""

    def __init__(self, size: int = 4000) -> None:
        self.size = size
        self._items: OrderedDict[int, tuple[str, Features]] = OrderedDict()

    def get_many(self, ids: Iterable[int]) -> dict[int, tuple[str, Features]]:
        ids = list(dict.fromkeys(ids))
        items = self._items
        out = {pk: items[pk] for pk in ids if pk in items}
        for pk in out:
            items.move_to_end(pk)
        missing = [pk for pk in ids if pk not in out]
        loaded = load_features(missing)
        out.update(loaded)
        items.update(loaded)
        while len(items) > self.size:
            items.popitem(last=False)
        return out


def candidates_for(targets: dict[int, tuple[str, Features]], *, limit: int | None = None) -> dict[int, list[int]]:
    """For each target complaint, its candidates: the complaints of its city before it
    that share a key, the latest `PER_KEY` per key, ranked by the keys shared."""
    want: dict[int, list[tuple[str, str]]] = {pk: [split_key(k) for k in keys(f)] for pk, (_, f) in targets.items()}
    by_scope: dict[str, list[int]] = defaultdict(list)
    for pk, (scope, _) in targets.items():
        by_scope[scope].append(pk)
    out: dict[int, list[int]] = {}
    for scope, pks in by_scope.items():
        postings = _postings(scope, {k for pk in pks for k in want[pk]}, pks, want)
        for pk in pks:
            found = {}
            for k in want[pk]:
                earlier = [c for c in postings.get(k, ()) if c < pk][-PER_KEY:]
                if earlier:
                    found[k[0] + ":" + k[1]] = earlier
            out[pk] = rank(found, exclude=pk, **({"limit": limit} if limit else {}))
    return out


def _postings(scope: str, wanted: set[tuple[str, str]], pks: list[int], want) -> dict[tuple[str, str], list[int]]:
    """Under each key, the latest complaints before the last target (enough that each
    target still has its `PER_KEY` earlier ones), oldest first."""
    below = max(pks)
    extra: dict[tuple[str, str], int] = defaultdict(int)
    for pk in pks:
        for k in want[pk]:
            extra[k] += 1
    table = connection.ops.quote_name(RepeatKey._meta.db_table)
    found: dict[tuple[str, str], list[int]] = defaultdict(list)
    wanted_list = sorted(wanted)
    for lo in range(0, len(wanted_list), UNION_KEYS):
        part = wanted_list[lo : lo + UNION_KEYS]
        one = (
            f"SELECT * FROM (SELECT kind, key, complaint_id FROM {table} WHERE scope = %s AND kind = %s AND key = %s"
            " AND complaint_id < %s ORDER BY complaint_id DESC LIMIT %s) AS k{n}"
        )
        sql = " UNION ALL ".join(one.format(n=n) for n in range(len(part)))
        params = [p for kind, key in part for p in (scope, kind, key, below, PER_KEY + extra[(kind, key)])]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for kind, key, pk in cursor.fetchall():
                found[(kind, key)].append(pk)
    for ids in found.values():
        ids.sort()
    return found
