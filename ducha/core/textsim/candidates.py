"""Candidates by blocking, then the best few above a floor.

`keys(features)` are plain strings a database can index beside the complaint:

    p:<code>             a town or village it names (a village gives its town's key too),
                         or an extra place finer than a county (x:section:…, x:road:…)
    n:<scope>:<name>     a village or town name with no listed place where the text puts
                         it (an old village name), within that town or county
    r:<water>@<county>   a river or lake within a county it names (or its region)
    k:<place>|<family>   a town (or county) and a kind of site it names (石潭镇 and 畜禽养殖)
    s:<river>|<name>     a river section written after its river (涟水姜畲段)
    w:<county>:<name>    a road, compound or landmark written in the text (金桂路), in its county
    c:<company key>      a company's own name (宏达)
    m:<band>:<hash>      a MinHash band of its text (near-duplicate texts)

Complaints that share a key are candidates; each key counts by how much it says
(`KEY_WEIGHT`), the best-ranked `limit` are scored, and those at or above the floor,
best first, are suggested (`TOP` at most). The application keeps the keys in a database
table of (key, complaint) rows with an index (complaints/services/repeat_index.py);
`MemoryIndex` keeps them in a dict for the core's tests and benchmarks.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence

from .features import Features, extract, extract_many
from .gazetteer import COUNTY, DIVISION_LEVELS, LAKE, RIVER, TOWN, VILLAGE, Gazetteer
from .lexicon import Lexicon
from .score import Suggestion, quick_score, score

FLOOR = 0.35  # a suggestion below this is not shown
TOP = 8  # suggestions per complaint at most: a site complained of by many keeps them all in view
PER_KEY = 100  # the latest complaints per key that are looked at
LIMIT = 40  # candidates scored per complaint
KEY_WEIGHT = {
    "p9": 1.0,
    "p12": 3.0,
    "px": 2.0,
    "n": 2.0,
    "r": 1.0,
    "k": 2.0,
    "k6": 0.5,
    "s": 2.0,
    "w": 2.0,
    "c": 3.0,
    "m": 1.0,
}


def keys(f: Features) -> list[str]:
    """The candidate keys of one complaint (see the module's docstring)."""
    out: dict[str, None] = {}
    at = f.at_level
    for level in (VILLAGE, TOWN):
        for id_ in sorted(at.get(level, ())):
            if not id_.startswith("n:"):
                out[f"p:{id_}"] = None
    for level, ids in at.items():
        if level not in DIVISION_LEVELS and level not in (RIVER, LAKE):
            out.update((f"p:{i}", None) for i in sorted(ids))
    counties = sorted(i for i in at.get(COUNTY, ()) if not i.startswith("n:"))
    towns = sorted(i for i in at.get(TOWN, ()) if not i.startswith("n:"))
    for ref in f.places:
        if ref.ids or ref.level not in (VILLAGE, TOWN):
            continue
        scope = ref.scope or (towns[0] if len(towns) == 1 and ref.level == VILLAGE else "")
        scope = scope or (counties[0] if len(counties) == 1 else "")
        if scope:
            out[f"n:{scope}:{ref.name}"] = None
    for level in (RIVER, LAKE):
        for water in sorted(at.get(level, ())):
            out.update((f"r:{water}@{c}", None) for c in counties[:3])
    # A town and a kind of site together narrow a busy town's complaints to its sites of
    # that kind: ranked first among the town's candidates.
    out.update((f"k:{t}|{kind}", None) for t in towns[:3] for kind in f.kinds[:3])
    # A county and a kind: weak, for the complaints that name no town (黄竹片的养猪场).
    out.update((f"k:{c}|{kind}", None) for c in counties[:2] for kind in f.kinds[:3])
    out.update((f"s:{section}", None) for section in f.sections)
    out.update((f"w:{c}:{landmark}", None) for landmark in f.landmarks for c in counties[:2])
    out.update((f"c:{c.key}", None) for c in f.companies if not c.owner)
    out.update((f"m:{i}:{b}", None) for i, b in enumerate(f.bands))
    return list(out)


def key_weight(key: str) -> float:
    kind = key[0]
    if kind == "k" and key.index("|") == 8:  # k:<county>|…
        return KEY_WEIGHT["k6"]
    if kind == "p":
        code = key[2:]
        return KEY_WEIGHT["px"] if code.startswith("x:") else KEY_WEIGHT.get(f"p{len(code)}", 1.0)
    return KEY_WEIGHT.get(kind, 1.0)


def rank(
    found: Mapping[str, Sequence[Hashable]],
    *,
    exclude: Hashable = None,
    limit: int = LIMIT,
    recency: Callable[[Hashable], int] | None = None,
) -> list[Hashable]:
    """Candidates from the complaints found under each key, best first: by the weight
    of the keys shared, then the latest (`recency`, by default the id itself, as a
    database's ids are in the order complaints arrived)."""
    weight: dict[Hashable, float] = {}
    for key, ids in found.items():
        w = key_weight(key)
        get = weight.get
        for id_ in ids:  # the one loop over every posting: kept bare, it is the hot path
            weight[id_] = get(id_, 0.0) + w
    weight.pop(exclude, None)
    late = weight.keys() if recency is None else map(recency, weight.keys())
    return [i for *_, i in heapq.nlargest(limit, zip(weight.values(), late, weight.keys(), strict=True))]


def best(
    f: Features,
    candidates: Iterable[tuple[Hashable, Features]],
    *,
    key: Hashable = None,
    floor: float = FLOOR,
    top: int = TOP,
    gazetteer: Gazetteer | None = None,
    lexicon: Lexicon | None = None,
) -> list[Suggestion]:
    """The `top` best suggestions at or above `floor`, best first (scored without
    reasons first; only those shown are explained)."""
    quick = [(quick_score(f, other, lexicon=lexicon, floor=floor), k, other) for k, other in candidates]
    kept = sorted((q for q in quick if q[0] >= floor), key=lambda q: -q[0])
    if len(kept) > top:  # the text similarity breaks ties: keep every one tied with the last shown
        kept = [q for q in kept if q[0] >= kept[top - 1][0]]
    scored = [score(f, other, key=key, candidate_key=k, gazetteer=gazetteer, lexicon=lexicon) for _, k, other in kept]
    scored.sort(key=lambda s: (-s.score, -s.similarity))
    return scored[:top]


class MemoryIndex:
    """Keys and features in memory: for tests, benchmarks and callers without a
    database table. `lookup` answers what a keys table would."""

    def __init__(self, *, gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None) -> None:
        # the places and site kinds its features were extracted with (None: the shipped ones)
        self.gazetteer, self.lexicon = gazetteer, lexicon
        self._postings: dict[str, list[Hashable]] = {}
        self._features: dict[Hashable, Features] = {}
        self._keys: dict[Hashable, list[str]] = {}
        self._arrived: dict[Hashable, int] = {}  # the order complaints were added: their recency

    def __len__(self) -> int:
        return len(self._features)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._features

    def features(self, key: Hashable) -> Features:
        return self._features[key]

    def add(self, key: Hashable, features: Features) -> None:
        self.remove(key)
        self._features[key] = features
        self._arrived.setdefault(key, len(self._arrived))
        self._keys[key] = keys(features)
        for k in self._keys[key]:
            self._postings.setdefault(k, []).append(key)

    def remove(self, key: Hashable) -> None:
        if key not in self._features:
            return
        del self._features[key]
        for k in self._keys.pop(key):
            self._postings[k].remove(key)

    def lookup(self, wanted: Iterable[str], *, per_key: int = PER_KEY) -> dict[str, list[Hashable]]:
        """The latest `per_key` complaints under each key (latest last)."""
        return {k: self._postings[k][-per_key:] for k in wanted if self._postings.get(k)}

    def suggest(
        self,
        f: Features,
        *,
        key: Hashable = None,
        floor: float = FLOOR,
        top: int = TOP,
        accept: Callable[[Hashable], bool] | None = None,
    ) -> list[Suggestion]:
        """Suggestions for one complaint's features among the indexed ones; `accept`
        filters candidates (e.g. only earlier complaints)."""
        found = self.lookup(keys(f))
        ids = [i for i in rank(found, exclude=key, recency=self._arrived.__getitem__) if accept is None or accept(i)]
        candidates = ((i, self._features[i]) for i in ids)
        return best(f, candidates, key=key, floor=floor, top=top, gazetteer=self.gazetteer, lexicon=self.lexicon)


class RepeatIndex(MemoryIndex):
    """A `MemoryIndex` fed with texts: `add_many((key, text) or (key, text, region))`."""

    def add_many(self, items: Iterable[tuple]) -> None:
        items = list(items)
        texts = [(i[1], i[2] if len(i) > 2 else "") for i in items]
        found = extract_many(texts, gazetteer=self.gazetteer, lexicon=self.lexicon)
        for (key, *_), f in zip(items, found, strict=True):
            self.add(key, f)


def suggest_many(
    index: MemoryIndex,
    items: Sequence[tuple],
    *,
    floor: float = FLOOR,
    top: int = TOP,
    earlier_only: bool = False,
) -> list[list[Suggestion]]:
    """Suggestions for (key, text) or (key, text, region) items, e.g. a new batch;
    with `earlier_only`, only candidates whose key is smaller (imported before). The
    texts are read with the index's gazetteer and site kinds."""
    texts = [(i[1], i[2] if len(i) > 2 else "") for i in items]
    features = extract_many(texts, gazetteer=index.gazetteer, lexicon=index.lexicon)
    out = []
    for (key, *_), f in zip(items, features, strict=True):
        accept = (lambda c, k=key: c < k) if earlier_only and key is not None else None
        out.append(index.suggest(f, key=key, floor=floor, top=top, accept=accept))
    return out


def suggest(index: MemoryIndex, text: str, *, key: Hashable = None, region: str = "", **kw) -> list[Suggestion]:
    return index.suggest(extract(text, region=region), key=key, **kw)
