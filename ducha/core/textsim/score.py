"""Is a candidate about the same site? A score that explains itself.

score = min(1, sum of the agreements) × the product of the conflicts' factors, where
each agreement and each conflict is a reason in words:

* places, finest level first: the same village is strong, the same town weaker, the
  same county weak. Two different listed villages of one town, two different towns or
  two different counties are conflicts (a name the gazetteer does not list there, such
  as an old village name 原黄泥村, only ever agrees: it may have been merged). The same
  river section, road, park or landmark is strong, the same river weak; two sections
  of one river conflict.
* companies: the same company key is strong; two different legal names (有限公司…)
  conflict; the same owner (刘某养猪场) helps a little, two owners conflict a little.
* the kind of site: the same family helps, a related family (砂石 / 采石) a little, an
  unrelated one is a conflict (same village, another kind is a look-alike).
* pollution types: shared helps a little; disjoint ones do not count against (one
  complainant smells the site, another hears its trucks at night).
* the text similarity: the Dice coefficient of the two normalised texts' character
  bigram sets, times a weight. It is the similarity shown, and two different texts
  never show 1.00.

Conflicts multiply, so no amount of shared wording lifts two villages' pig farms
into one. The weights and factors are two tables a reader (and a page) can see.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field

from .features import Features
from .gazetteer import COUNTY, LAKE, RIVER, TOWN, VILLAGE, Gazetteer, default_gazetteer
from .lexicon import Lexicon, default_lexicon

WEIGHTS: dict[str, float] = {
    "village": 0.45,
    "town": 0.20,
    "county": 0.05,
    "site": 0.40,  # river section, road, park, landmark listed as data
    "landmark": 0.30,  # a road, compound or landmark written the same way
    "water": 0.10,
    "group": 0.10,  # the same 村民小组 of the same village
    "company": 0.50,
    "owner": 0.25,
    "kind": 0.25,
    "kind_related": 0.10,
    "pollution": 0.05,
    "text": 0.80,  # times the text similarity
}
FACTORS: dict[str, float] = {
    "village": 0.35,
    "town": 0.30,
    "county": 0.20,
    "section": 0.50,
    "group": 0.75,
    "company": 0.30,
    "owner": 0.70,
    "kind": 0.35,
}
SITE_LEVELS = {"section": "河段", "road": "道路", "park": "园区", "landmark": "地点"}


@dataclass(frozen=True, slots=True)
class Suggestion:
    """`candidate_key` may be about the same site as `key`; `reasons` say why, in
    Chinese; `evidence` gives each reason's weight (agreements, added) or factor
    (conflicts, multiplied); `similarity` is the two texts'."""

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
    total = min(1.0, sum(w for _, w in items))
    for _, factor in conflicts:
        total *= factor
    return Suggestion(
        key=key,
        candidate_key=candidate_key,
        score=round(total, 3),
        reasons=[r for r, _ in evidence],
        similarity=round(sim, 2),
        evidence=evidence,
    )


def _listed(ids: frozenset[str]) -> frozenset[str]:
    return frozenset(i for i in ids if not i.startswith("n:"))


def _places(a: Features, b: Features, g: Gazetteer, items: list, conflicts: list) -> None:
    la, lb = a.at_level, b.at_level
    empty: frozenset[str] = frozenset()
    va, vb = la.get(VILLAGE, empty), lb.get(VILLAGE, empty)
    ta, tb = la.get(TOWN, empty), lb.get(TOWN, empty)
    ca, cb = _listed(la.get(COUNTY, empty)), _listed(lb.get(COUNTY, empty))
    county_conflict = bool(ca and cb and not ca & cb)
    same_village = va & vb if not county_conflict else empty
    same_town = ta & tb if not county_conflict else empty
    # Only listed places conflict: an unlisted name may be an old one, merged since.
    lva, lvb, lta, ltb = _listed(va), _listed(vb), _listed(ta), _listed(tb)
    if same_village:
        items.append((f"同一村：{_names(same_village, a, b, g)}", WEIGHTS["village"]))
        shared_groups = [x for x in a.groups if x in b.groups]
        if shared_groups:
            items.append((f"同一村民小组：{'、'.join(shared_groups)}组", WEIGHTS["group"]))
        elif a.groups and b.groups:
            conflicts.append((f"不同村民小组：{'、'.join(a.groups)}组与{'、'.join(b.groups)}组", FACTORS["group"]))
    elif same_town:
        items.append((f"同一镇街：{_names(same_town, a, b, g)}", WEIGHTS["town"]))
        if lva and lvb:
            conflicts.append((f"不同村：{_names(lva, a, b, g)}与{_names(lvb, a, b, g)}", FACTORS["village"]))
    elif lta and ltb and not county_conflict:
        conflicts.append((f"不同镇街：{_names(lta, a, b, g)}与{_names(ltb, a, b, g)}", FACTORS["town"]))
    if county_conflict:
        conflicts.append((f"不同区县：{_names(ca, a, b, g)}与{_names(cb, a, b, g)}", FACTORS["county"]))
    elif ca & cb and not same_town and not same_village:
        items.append((f"同一区县：{_names(ca & cb, a, b, g)}", WEIGHTS["county"]))
    for level, label in SITE_LEVELS.items():
        shared = la.get(level, empty) & lb.get(level, empty)
        if shared:
            items.append((f"同一{label}：{_names(shared, a, b, g)}", WEIGHTS["site"]))
    _sections(a, b, g, items, conflicts)
    landmarks = [x for x in a.landmarks if x in b.landmarks]
    if landmarks and not county_conflict:
        items.append((f"同一地标：{'、'.join(landmarks)}", WEIGHTS["landmark"]))
    waters = (la.get(RIVER, empty) | la.get(LAKE, empty)) & (lb.get(RIVER, empty) | lb.get(LAKE, empty))
    if waters and not county_conflict:
        items.append((f"同一水体：{_names(waters, a, b, g)}", WEIGHTS["water"]))


def _sections(a: Features, b: Features, g: Gazetteer, items: list, conflicts: list) -> None:
    """Sections written after their river: the same one agrees, two of one river conflict."""
    shared = [x for x in a.sections if x in b.sections]
    if shared:
        items.append((f"同一河段：{'、'.join(_section_name(x, g) for x in shared)}", WEIGHTS["site"]))
        return
    rivers_a = {x.split("|")[0] for x in a.sections}
    rivers_b = {x.split("|")[0] for x in b.sections}
    if rivers_a & rivers_b:
        na = "、".join(_section_name(x, g) for x in a.sections)
        nb = "、".join(_section_name(x, g) for x in b.sections)
        conflicts.append((f"不同河段：{na}与{nb}", FACTORS["section"]))


def _section_name(section: str, g: Gazetteer) -> str:
    river, name = section.split("|", 1)
    return f"{g.name(river)}{name}段"


def _companies(a: Features, b: Features, items: list, conflicts: list) -> None:
    for owner, label, weight, against in (
        (False, "企业", WEIGHTS["company"], FACTORS["company"]),
        (True, "业主", WEIGHTS["owner"], FACTORS["owner"]),
    ):
        ka = [c for c in a.companies if c.owner is owner]
        kb = [c for c in b.companies if c.owner is owner]
        if not ka or not kb:
            continue
        agreed = next((x for x in ka for y in kb if _same_company(x.key, y.key)), None)
        if agreed is not None:
            items.append((f"同一{label}：{agreed.name}", weight))
            continue
        # A trade name and a legal name may be one company (华盛化工厂 / 华盛精细化工有限公司…
        # but also 合泰养殖场 / 私人养殖场): only two legal names, or two owners, conflict.
        if not owner:
            ka, kb = [c for c in ka if c.legal], [c for c in kb if c.legal]
        if ka and kb:
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
    conflicts.append((f"场所类型不同：{la}与{lb}", FACTORS["kind"]))


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
