"""Writing a parsed batch file into the database, chunk by chunk, all or nothing.

The parser streams records; we write them in chunks inside one transaction, and roll
the whole transaction back when the parser found any error (or on a dry run). So a
10^6-row CSV never sits in memory, and a bad file changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.db import connection
from django.utils import timezone

from ducha.audit.services import record
from ducha.complaints.models import Complaint, ComplaintPollution, ComplaintStatus, PollutionSynonym, PollutionType
from ducha.complaints.services import bulk, repeat_index
from ducha.core import pii_text
from ducha.core.names import RegionNames
from ducha.core.parsing import ComplaintRecord
from ducha.core.pii import MASKERS
from ducha.fields import PiiTextField, pii_keys, revealed
from ducha.org import names

CHUNK = 2000
# Fields a record carries and a re-import may change; the order is the digest's.
CONTENT_FIELDS = (
    "channel",
    "accepted_at",
    "text",
    "region_id",
    "pollution_types",
    "is_key",
    "team_repeat",
    "complainant_name",
    "complainant_phone",
    "complainant_id_number",
    "complainant_address",
    "target",
)
PII_MASK = {
    "complainant_name": MASKERS["name"],
    "complainant_phone": MASKERS["phone"],
    "complainant_id_number": MASKERS["id_number"],
    "complainant_address": MASKERS["address"],
}


def region_lookup() -> tuple[RegionNames, list[str]]:
    """Names, aliases and derived short forms → code (org.names), and the parent names a
    file may prefix (湖南省湘潭市…)."""
    return names.region_lookup()


def pollution_lookup() -> dict[str, str]:
    words = dict(PollutionType.objects.values_list("name", "code"))
    words.update(PollutionSynonym.objects.values_list("text", "pollution_type_id"))
    return words


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    updated_refs: list[str] = field(default_factory=list)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def content_of(rec: ComplaintRecord) -> dict:
    return {
        "channel": rec.channel or "",
        "accepted_at": _aware(rec.accepted_at),
        "text": rec.text,
        "region_id": rec.region_code,
        "pollution_types": tuple(sorted(rec.pollution_types)),
        "is_key": bool(rec.is_key),
        "team_repeat": rec.team_repeat,
        "complainant_name": rec.complainant_name or "",
        "complainant_phone": rec.complainant_phone or "",
        "complainant_id_number": rec.complainant_id_number or "",
        "complainant_address": rec.complainant_address or "",
        "serial": rec.serial,
        "target": rec.target or "",
    }


def digest(content: dict) -> str:
    # a field added later (target) joins the digest only when it holds something, so the
    # complaints imported before it keep their digests and re-import unchanged
    keys = [k for k in CONTENT_FIELDS if k != "target" or content.get(k)]
    payload = [content[k].isoformat() if isinstance(content[k], dt.datetime) else content[k] for k in keys]
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=list).encode("utf-8")
    return hmac.new(pii_keys()[1], data, hashlib.sha256).hexdigest()


def _for_audit(content: dict) -> dict:
    out = {}
    for key, value in content.items():
        if key in PII_MASK:
            value = PII_MASK[key](value)
        elif key == "text":
            value = pii_text.mask_text(value, [content.get("complainant_name", "")])
        elif isinstance(value, dt.datetime):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        out[key] = value
    return out


def _chunks(records: Iterable[ComplaintRecord], size: int) -> Iterator[list[ComplaintRecord]]:
    it = iter(records)
    while chunk := list(islice(it, size)):
        yield chunk


def write_records(
    records: Iterable[ComplaintRecord],
    *,
    actor,
    inspection,
    batch,
    progress: Callable[[int], None] | None = None,
) -> Counts:
    counts = Counts()
    done = 0
    for chunk in _chunks(records, CHUNK):
        _write_chunk(chunk, actor=actor, inspection=inspection, batch=batch, counts=counts)
        done += len(chunk)
        if progress:
            progress(done)
    return counts


def _write_chunk(chunk: list[ComplaintRecord], *, actor, inspection, batch, counts: Counts) -> None:
    contents = {rec.ref: content_of(rec) for rec in chunk}
    digests = {ref: digest(c) for ref, c in contents.items()}
    existing = dict(
        Complaint.objects.filter(inspection=inspection, ref__in=list(contents)).values_list("ref", "content_digest")
    )
    new_refs = [ref for ref in contents if ref not in existing]
    changed = [ref for ref, d in existing.items() if d != digests[ref]]
    counts.unchanged += len(existing) - len(changed)
    if new_refs:
        _create(new_refs, contents, digests, inspection=inspection, batch=batch)
        counts.created += len(new_refs)
    for ref in changed:
        _update(ref, contents[ref], digests[ref], actor=actor, inspection=inspection)
        counts.updated += 1
        counts.updated_refs.append(ref)


# Columns written by the bulk insert (bulk.insert_rows: why not bulk_create).
_INSERT_COLUMNS = (
    "inspection_id",
    "batch_id",
    "ref",
    "serial",
    "channel",
    "accepted_at",
    "text",
    "region_code",
    "is_key",
    "team_repeat",
    "status",
    "complainant_name",
    "complainant_phone",
    "complainant_id_number",
    "complainant_address",
    "content_digest",
    "version",
    "created_at",
    "updated_at",
    "due_explanation",
    "closure_note",
    "repeats_checked",
    "target",
)
_PII = ("complainant_name", "complainant_phone", "complainant_id_number", "complainant_address")


def _create(refs, contents, digests, *, inspection, batch) -> None:
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    seal_field = {name: Complaint._meta.get_field(name) for name in _PII}
    rows = []
    for ref in refs:
        c = contents[ref]
        pii = [seal_field[name].get_prep_value(c[name]) for name in _PII]
        rows.append(
            (
                inspection.pk,
                batch.pk,
                ref,
                c["serial"],
                c["channel"],
                ops.adapt_datetimefield_value(c["accepted_at"]),
                PiiTextField.column_value(c["text"], [c["complainant_name"]]),  # identity in it sealed
                c["region_id"],
                c["is_key"],
                c["team_repeat"],
                ComplaintStatus.RECEIVED,
                *pii,
                digests[ref],
                1,
                now,
                now,
                "",
                "",
                False,
                c["target"],
            )
        )
    bulk.insert_rows(Complaint._meta.db_table, _INSERT_COLUMNS, rows)
    ids = dict(Complaint.objects.filter(inspection=inspection, ref__in=refs).values_list("ref", "id"))
    links = [(ids[ref], code) for ref in refs for code in contents[ref]["pollution_types"]]
    if links:
        bulk.insert_rows(ComplaintPollution._meta.db_table, ("complaint_id", "pollution_type_id"), links)
    # The repeat keys go in with the rows, in the same transaction.
    repeat_index.write_index(
        [
            (ids[ref], contents[ref]["text"], contents[ref]["region_id"], contents[ref]["pollution_types"])
            for ref in refs
        ]
    )


def _update(ref: str, content: dict, new_digest: str, *, actor, inspection) -> None:
    complaint = Complaint.objects.select_for_update().get(inspection=inspection, ref=ref)
    old = {k: getattr(complaint, k) for k in CONTENT_FIELDS if k != "pollution_types"}
    old["text"] = revealed(old["text"])  # compared as written; masked for the audit below
    old["pollution_types"] = tuple(
        sorted(ComplaintPollution.objects.filter(complaint=complaint).values_list("pollution_type_id", flat=True))
    )
    # Compare raw values: two phone numbers can mask alike and still differ.
    changed = [k for k in CONTENT_FIELDS if old[k] != content[k]]
    masked_old, masked_new = _for_audit(old), _for_audit(content)
    before = {k: masked_old[k] for k in changed}
    after = {k: masked_new[k] for k in changed}
    for key, value in content.items():
        if key != "pollution_types":
            setattr(complaint, key, value)
    complaint.content_digest = new_digest
    complaint.version += 1
    fields = [k for k in CONTENT_FIELDS if k != "pollution_types"] + [
        "serial",
        "content_digest",
        "version",
        "updated_at",
    ]
    complaint.save(update_fields=fields)
    if old["pollution_types"] != content["pollution_types"]:
        ComplaintPollution.objects.filter(complaint=complaint).delete()
        ComplaintPollution.objects.bulk_create(
            [ComplaintPollution(complaint=complaint, pollution_type_id=code) for code in content["pollution_types"]]
        )
    if {"text", "region_id", "pollution_types"} & set(changed):
        repeat_index.write_index([(complaint.pk, complaint.text, complaint.region_id, content["pollution_types"])])
    record(actor=actor, action="complaints.complaint.update", obj=complaint, before=before, after=after)
