"""The gazetteer and site kinds the repeat code uses now: built from the tables (the
shipped files while a table is empty), once per process per lexicon stamp.

    from ducha.places import lexicon
    now = lexicon.current()          # now.gazetteer, now.lexicon, now.stamp
    extract(text, region=r, gazetteer=now.gazetteer, lexicon=now.lexicon)

Every place or site-kind change writes a new stamp in its own transaction, so a web or
worker process sees the change on its next call (one small query) and rebuilds once.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from ducha.core.textsim import Gazetteer, Lexicon, default_gazetteer, default_lexicon
from ducha.places.models import LexiconStamp, Place, PlaceKind, SiteFamily, SiteWord
from ducha.places.services.site_kinds import shipped_kinds


@dataclass(frozen=True)
class Current:
    stamp: str
    gazetteer: Gazetteer
    lexicon: Lexicon
    from_files: bool  # neither table has rows: the shipped files as they are


_lock = threading.Lock()
_built: dict[str, Current] = {}  # the one stamp this process last built


def stamp() -> str:
    return LexiconStamp.objects.filter(pk=1).values_list("stamp", flat=True).first() or ""


def current() -> Current:
    now = stamp()
    hit = _built.get(now)
    if hit is not None:
        return hit
    with _lock:  # one build per process, not one per thread
        hit = _built.get(now)
        if hit is None:
            hit = build(now)
            _built.clear()
            _built[now] = hit
        return hit


def build(stamp_: str = "") -> Current:
    """A fresh build. While the site-kind table is empty its lexicon is still a new
    object, so a caller may tell one build from the next by `lexicon` alone."""
    gazetteer = build_gazetteer()
    lexicon = build_lexicon()
    if gazetteer is None and lexicon is None:
        return Current(stamp_, default_gazetteer(), default_lexicon(), True)
    return Current(stamp_, gazetteer or default_gazetteer(), lexicon or Lexicon(shipped_kinds()), False)


def build_gazetteer() -> Gazetteer | None:
    """The places table as the core's gazetteer: divisions as (code, name) rows, the
    others as extra places within their parent (parents first); None while empty."""
    rows = list(Place.objects.values_list("pk", "ref", "code", "name", "kind", "parent_id", "river_id", "aliases"))
    if not rows:
        return None
    ref_of = {pk: ref for pk, ref, *_ in rows}
    divisions, aliases, added = [], {}, []
    for pk, ref, code, name, kind, parent, river, names in rows:
        if kind in PlaceKind.DIVISIONS:
            divisions.append((code, name))
            if names:
                aliases[code] = list(names)
        else:
            added.append((pk, ref, name, kind, parent, river, names))
    parent_of = {pk: parent for pk, _, _, _, _, parent, _, _ in rows}

    def depth(pk):
        n = 0
        while parent_of.get(pk) and n < 20:
            pk, n = parent_of[pk], n + 1
        return n

    places = [
        {
            "id": ref,
            "level": PlaceKind.level_of(kind),
            "name": name,
            "aliases": list(names),
            "within": [ref_of[parent]] if parent else [],
            **({"river": ref_of[river]} if river else {}),
        }
        for pk, ref, name, kind, parent, river, names in sorted(added, key=lambda a: (depth(a[0]), a[0]))
    ]
    return Gazetteer.from_divisions(divisions, {"aliases": aliases, "places": places})


def build_lexicon() -> Lexicon | None:
    """The site-kind families of the table with the shipped pollution words and company
    rules; None while the table is empty."""
    families = list(SiteFamily.objects.order_by("position", "pk"))
    if not families:
        return None
    words: dict[int, list[str]] = {}
    for family_id, word in SiteWord.objects.order_by("pk").values_list("family_id", "word"):
        words.setdefault(family_id, []).append(word)
    data = shipped_kinds()
    data["families"] = [
        {"id": f.key, "label": f.label, "related": list(f.related), "words": words.get(f.pk, [])} for f in families
    ]
    return Lexicon(data)
