"""Is a candidate about the same site? A score that explains itself.

The score is a sum of evidence, each item a reason in words, clipped to [0, 1]:

* places, finest level first: the same village is strong, the same town weaker, the
  same county weak; two different villages (of one town), two different towns or two
  different counties count against. The same river section, road, park or landmark is
  strong; the same river weak (it runs through the province).
* companies: the same company key is strong, two different ones count against; the
  same owner (刘某养猪场) helps a little, two different owners count against a little.
* the kind of site: the same family helps, a related family (砂石 / 采石) a little, an
  unrelated one counts against (same town, another kind is a look-alike).
* pollution types: shared helps a little; disjoint ones do not count against (one
  complainant smells the site, another hears its trucks at night).
* the text similarity: the Dice coefficient of the two normalised texts' character
  bigram sets, times a weight. It is the similarity shown, and two different texts
  never show 1.00.

The weights are one table (`WEIGHTS`) so a reader can see them and a page can show them.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field

from .features import Features
from .gazetteer import COUNTY, LAKE, RIVER, TOWN, VILLAGE, Gazetteer, default_gazetteer
from .lexicon import Lexicon, default_lexicon

WEIGHTS: dict[str, float] = {
    "village": 0.45,
    "village_conflict": -0.50,
    "town": 0.20,
    "town_conflict": -0.45,
    "county": 0.05,
    "county_conflict": -0.50,
    "site": 0.40,  # river section, road, park, landmark
    "water": 0.10,
    "company": 0.50,
    "company_conflict": -0.45,
    "owner": 0.25,
    "owner_conflict": -0.20,
    "kind": 0.25,
    "kind_related": 0.10,
    "kind_conflict": -0.40,
    "pollution": 0.05,
    "text": 0.80,  # times the text similarity
}
SITE_LEVELS = {"section": "河段", "road": "道路", "park": "园区", "landmark": "地点"}


@dataclass(frozen=True, slots=True)
class Suggestion:
    """`candidate_key` may be about the same site as `key`; `reasons` say why, in
    Chinese; `evidence` gives each reason's weight; `similarity` is the two texts'."""

    key: Hashable
    candidate_key: Hashable
    score: float
    reasons: list[str] = field(default_factory=list)
    similarity: float = 0.0
    evidence: tuple[tuple[str, float], ...] = ()


def text_similarity(a: Features, b: Features) -> float:
    """Dice coefficient of the two normalised texts' bigram sets, 0–1; below 1 unless
    the two texts are the same."""
    x, y = a.bigrams, b.bigrams
    if not a.text or not b.text:
        return 0.0
    sim = 2 * len(x & y) / (len(x) + len(y))
    if a.digest != b.digest or a.text != b.text:
        sim = min(sim, 0.99)
    return sim


def score(
    a: Features,
    b: Features,
    *,
    key: Hashable = None,
    candidate_key: Hashable = None,
    gazetteer: Gazetteer | None = None,
    lexicon: Lexicon | None = None,
) -> Suggestion:
    """How likely two complaints are about the same site, and why."""
    g = gazetteer or default_gazetteer()
    lex = lexicon or default_lexicon()
    items: list[tuple[str, float]] = []
    conflicts: list[tuple[str, float]] = []
    _places(a, b, g, items, conflicts)
    _companies(a, b, items, conflicts)
    _kinds(a, b, lex, items, conflicts)
    if a.pollution and b.pollution:
        shared = [p for p in a.pollution if p in b.pollution]
        if shared:  # disjoint types say little: people complain of different aspects
            items.append((f"同类污染：{'、'.join(shared)}", WEIGHTS["pollution"]))
    sim = text_similarity(a, b)
    items.append((f"文本相似度{sim:.2f}", round(WEIGHTS["text"] * sim, 3)))
    evidence = (*items, *conflicts)
    total = sum(w for _, w in evidence)
    return Suggestion(
        key=key,
        candidate_key=candidate_key,
        score=round(min(1.0, max(0.0, total)), 3),
        reasons=[r for r, _ in evidence],
        similarity=round(sim, 2),
        evidence=evidence,
    )


def _places(a: Features, b: Features, g: Gazetteer, items: list, conflicts: list) -> None:
    la, lb = a.at_level, b.at_level
    va, vb = la.get(VILLAGE, frozenset()), lb.get(VILLAGE, frozenset())
    ta, tb = la.get(TOWN, frozenset()), lb.get(TOWN, frozenset())
    ca, cb = la.get(COUNTY, frozenset()), lb.get(COUNTY, frozenset())
    same_town = ta & tb
    county_conflict = bool(ca and cb and not ca & cb)
    if va & vb and not county_conflict:
        items.append((f"同一村：{_names(va & vb, a, b, g)}", WEIGHTS["village"]))
    elif same_town:
        items.append((f"同一镇街：{_names(same_town, a, b, g)}", WEIGHTS["town"]))
        if va and vb:
            conflicts.append((f"不同村：{_names(va, a, b, g)}与{_names(vb, a, b, g)}", WEIGHTS["village_conflict"]))
    elif ta and tb and not county_conflict:
        conflicts.append((f"不同镇街：{_names(ta, a, b, g)}与{_names(tb, a, b, g)}", WEIGHTS["town_conflict"]))
    elif va and vb and not ta and not tb and not county_conflict:
        conflicts.append((f"不同村：{_names(va, a, b, g)}与{_names(vb, a, b, g)}", WEIGHTS["village_conflict"]))
    if county_conflict:
        conflicts.append((f"不同区县：{_names(ca, a, b, g)}与{_names(cb, a, b, g)}", WEIGHTS["county_conflict"]))
    elif ca & cb and not same_town and not va & vb:
        items.append((f"同一区县：{_names(ca & cb, a, b, g)}", WEIGHTS["county"]))
    for level, label in SITE_LEVELS.items():
        shared = la.get(level, frozenset()) & lb.get(level, frozenset())
        if shared:
            items.append((f"同一{label}：{_names(shared, a, b, g)}", WEIGHTS["site"]))
    waters = (la.get(RIVER, frozenset()) | la.get(LAKE, frozenset())) & (
        lb.get(RIVER, frozenset()) | lb.get(LAKE, frozenset())
    )
    if waters and not county_conflict:
        items.append((f"同一水体：{_names(waters, a, b, g)}", WEIGHTS["water"]))


def _companies(a: Features, b: Features, items: list, conflicts: list) -> None:
    for owner, label, weight, against in (
        (False, "企业", WEIGHTS["company"], WEIGHTS["company_conflict"]),
        (True, "业主", WEIGHTS["owner"], WEIGHTS["owner_conflict"]),
    ):
        ka = [c for c in a.companies if c.owner is owner]
        kb = [c for c in b.companies if c.owner is owner]
        if not ka or not kb:
            continue
        agreed = next((x for x in ka for y in kb if _same_company(x.key, y.key)), None)
        if agreed is not None:
            items.append((f"同一{label}：{agreed.name}", weight))
        else:
            names_a, names_b = "、".join(c.name for c in ka), "、".join(c.name for c in kb)
            conflicts.append((f"不同{label}：{names_a}与{names_b}", against))


def _same_company(x: str, y: str) -> bool:
    return x == y or (min(len(x), len(y)) >= 2 and (x in y or y in x))


def _kinds(a: Features, b: Features, lex: Lexicon, items: list, conflicts: list) -> None:
    if not a.kinds or not b.kinds:
        return
    shared = [k for k in a.kinds if k in b.kinds]
    if shared:
        items.append((f"同类场所：{'、'.join(lex.label(k) for k in shared)}", WEIGHTS["kind"]))
        return
    related = [(x, y) for x in a.kinds for y in b.kinds if lex.related(x, y)]
    if related:
        x, y = related[0]
        items.append((f"相近场所：{lex.label(x)}与{lex.label(y)}", WEIGHTS["kind_related"]))
        return
    la, lb = "、".join(lex.label(k) for k in a.kinds), "、".join(lex.label(k) for k in b.kinds)
    conflicts.append((f"场所类型不同：{la}与{lb}", WEIGHTS["kind_conflict"]))


def _names(ids, a: Features, b: Features, g: Gazetteer) -> str:
    """Places as the complaints wrote them, else as people usually write them."""
    written = {}
    for f in (a, b):
        for ref in f.places:
            for id_ in ref.ids:
                written.setdefault(id_, ref.name)
    out = []
    for id_ in sorted(ids):
        if id_.startswith("n:"):
            out.append(id_.rsplit(":", 1)[-1])
        else:
            out.append(written.get(id_) or g.name(id_))
    return "、".join(dict.fromkeys(out))
