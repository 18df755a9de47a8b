"""Is a candidate about the same site? A score that explains itself.

score = min(1, sum of the agreements) × the product of the conflicts' factors, where
each agreement and each conflict is a reason in words:

* places, finest level first: the same village is strong, the same town weaker, the
  same county weak. Two different listed villages of one town, two different towns or
  two different counties are conflicts (a name the gazetteer does not list there, such
  as an old village name 原黄泥村, only ever agrees: it may have been merged; a town
  name placed in another county does conflict). The same
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
from .gazetteer import COUNTY, TOWN, VILLAGE, Gazetteer, default_gazetteer
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
    "company_named": 0.35,  # one names a company, the other writes its name without a suffix
    "owner": 0.25,
    "kind": 0.25,
    "kind_related": 0.10,
    "pollution": 0.05,
    "text": 0.80,  # times the text similarity
}
FACTORS: dict[str, float] = {
    "village": 0.30,  # a conflict of places alone keeps a pair below the floor
    "town": 0.30,
    "county": 0.20,
    "section": 0.30,  # a section is the size of a town
    "group": 0.75,
    "company": 0.30,
    "owner": 0.70,
    "kind": 0.30,
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
    if sim > 0.99 and (a.digest != b.digest or a.text != b.text):
        sim = 0.99
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
    e = _Evidence(a, b, gazetteer or default_gazetteer(), lexicon or default_lexicon(), explain=True)
    evidence = (*e.items, *e.conflicts)
    return Suggestion(
        key=key,
        candidate_key=candidate_key,
        score=e.total,
        reasons=[r for r, _ in evidence],
        similarity=round(e.similarity, 2),
        evidence=evidence,
    )


def quick_score(a: Features, b: Features, *, lexicon: Lexicon | None = None, floor: float = 0.0) -> float:
    """`score(a, b).score` without the reasons, for ranking many candidates: the same
    rules as `_Evidence` (a test holds the two equal), with no text written. A pair whose
    conflicts keep it below `floor` whatever its text returns 0 without comparing texts."""
    total, factor = 0.0, 1.0
    la, lb = a.at_level, b.at_level
    ca, cb = a.listed(COUNTY), b.listed(COUNTY)
    county_conflict = bool(ca and cb and not ca & cb)
    if county_conflict:
        factor *= FACTORS["county"]
    else:
        va, vb = la.get(VILLAGE), lb.get(VILLAGE)
        ta, tb = la.get(TOWN), lb.get(TOWN)
        if va and vb and not va.isdisjoint(vb):
            total += WEIGHTS["village"]
            if a.groups and b.groups:
                if set(a.groups).isdisjoint(b.groups):
                    factor *= FACTORS["group"]
                else:
                    total += WEIGHTS["group"]
        elif ta and tb and not ta.isdisjoint(tb):
            total += WEIGHTS["town"]
            if a.listed(VILLAGE) and b.listed(VILLAGE):
                factor *= FACTORS["village"]
        else:
            if ta and tb:
                factor *= FACTORS["town"]
            if ca and cb:
                total += WEIGHTS["county"]
        if a.landmarks and b.landmarks and not set(a.landmarks).isdisjoint(b.landmarks):
            total += WEIGHTS["landmark"]
        if a.waters and b.waters and not a.waters.isdisjoint(b.waters):
            total += WEIGHTS["water"]
    if a.sites and b.sites:
        for level in SITE_LEVELS:
            x, y = la.get(level), lb.get(level)
            if x and y and not x.isdisjoint(y):
                total += WEIGHTS["site"]
    if a.sections and b.sections:
        if not set(a.sections).isdisjoint(b.sections):
            total += WEIGHTS["site"]
        elif {x.split("|")[0] for x in a.sections} & {x.split("|")[0] for x in b.sections}:
            factor *= FACTORS["section"]
    if a.companies or b.companies:
        if _named_elsewhere(a, b):
            total += WEIGHTS["company_named"]
    if a.companies and b.companies:
        for owner, weight, against in (
            (False, WEIGHTS["company"], FACTORS["company"]),
            (True, WEIGHTS["owner"], FACTORS["owner"]),
        ):
            ka = [c for c in a.companies if c.owner is owner]
            kb = [c for c in b.companies if c.owner is owner]
            if not ka or not kb:
                continue
            if any(_same_company(x.key, y.key) for x in ka for y in kb):
                total += weight
                continue
            if not owner:
                ka, kb = [c for c in ka if c.legal], [c for c in kb if c.legal]
            if ka and kb:
                factor *= against
    if a.kinds and b.kinds:
        if not set(a.kinds).isdisjoint(b.kinds):
            total += WEIGHTS["kind"]
        else:
            lex = lexicon or default_lexicon()
            if any(lex.related(x, y) for x in a.kinds for y in b.kinds):
                total += WEIGHTS["kind_related"]
            else:
                factor *= FACTORS["kind"]
    if a.pollution and b.pollution and not set(a.pollution).isdisjoint(b.pollution):
        total += WEIGHTS["pollution"]
    if min(1.0, total + WEIGHTS["text"]) * factor < floor:
        return 0.0
    total += round(WEIGHTS["text"] * text_similarity(a, b), 3)
    return round(min(1.0, total) * factor, 3)


class _Evidence:
    """The agreements (added) and conflicts (multiplied) between two complaints; the
    reason texts are written only when `explain`."""

    def __init__(self, a: Features, b: Features, g: Gazetteer, lex: Lexicon, *, explain: bool) -> None:
        self.a, self.b, self.g, self.lex, self.explain = a, b, g, lex, explain
        self.items: list[tuple[str, float]] = []
        self.conflicts: list[tuple[str, float]] = []
        self._places()
        self._companies()
        self._kinds()
        if a.pollution and b.pollution:
            shared = [p for p in a.pollution if p in b.pollution]
            if shared:  # disjoint types say little: people complain of different aspects
                self.agree(WEIGHTS["pollution"], lambda: f"同类污染：{'、'.join(shared)}")
        self.similarity = sim = text_similarity(a, b)
        self.agree(round(WEIGHTS["text"] * sim, 3), lambda: f"文本相似度{sim:.2f}")
        total = min(1.0, sum(w for _, w in self.items))
        for _, factor in self.conflicts:
            total *= factor
        self.total = round(total, 3)

    def agree(self, weight: float, reason) -> None:
        self.items.append((reason() if self.explain else "", weight))

    def conflict(self, factor: float, reason) -> None:
        self.conflicts.append((reason() if self.explain else "", factor))

    def names(self, ids) -> str:
        return _names(ids, self.a, self.b, self.g)

    def _places(self) -> None:
        a, b = self.a, self.b
        la, lb = a.at_level, b.at_level
        empty: frozenset[str] = frozenset()
        va, vb = la.get(VILLAGE, empty), lb.get(VILLAGE, empty)
        ta, tb = la.get(TOWN, empty), lb.get(TOWN, empty)
        ca, cb = a.listed(COUNTY), b.listed(COUNTY)
        county_conflict = bool(ca and cb and not ca & cb)
        same_village = va & vb if not county_conflict else empty
        same_town = ta & tb if not county_conflict else empty
        # Only listed places conflict: an unlisted name may be an old one, merged since.
        if same_village:
            self.agree(WEIGHTS["village"], lambda: f"同一村：{self.names(same_village)}")
            groups = [x for x in a.groups if x in b.groups]
            if groups:
                self.agree(WEIGHTS["group"], lambda: f"同一村民小组：{'、'.join(groups)}组")
            elif a.groups and b.groups:
                self.conflict(
                    FACTORS["group"], lambda: f"不同村民小组：{'、'.join(a.groups)}组与{'、'.join(b.groups)}组"
                )
        elif same_town:
            self.agree(WEIGHTS["town"], lambda: f"同一镇街：{self.names(same_town)}")
            lva, lvb = a.listed(VILLAGE), b.listed(VILLAGE)
            if lva and lvb:
                self.conflict(FACTORS["village"], lambda: f"不同村：{self.names(lva)}与{self.names(lvb)}")
        elif not county_conflict and ta and tb:
            # Every town counts here: a town name the county does not list is a real
            # town elsewhere (merged townships are not in the list at all), unlike the
            # old village names that other villages still bear.
            self.conflict(FACTORS["town"], lambda: f"不同镇街：{self.names(ta)}与{self.names(tb)}")
        if county_conflict:
            self.conflict(FACTORS["county"], lambda: f"不同区县：{self.names(ca)}与{self.names(cb)}")
        elif ca & cb and not same_town and not same_village:
            self.agree(WEIGHTS["county"], lambda: f"同一区县：{self.names(ca & cb)}")
        for level, label in SITE_LEVELS.items():
            shared = la.get(level, empty) & lb.get(level, empty)
            if shared:
                self.agree(WEIGHTS["site"], lambda shared=shared, label=label: f"同一{label}：{self.names(shared)}")
        self._sections()
        if a.landmarks and b.landmarks and not county_conflict:
            landmarks = [x for x in a.landmarks if x in b.landmarks]
            if landmarks:
                self.agree(WEIGHTS["landmark"], lambda: f"同一地标：{'、'.join(landmarks)}")
        waters = a.waters & b.waters
        if waters and not county_conflict:
            self.agree(WEIGHTS["water"], lambda: f"同一水体：{self.names(waters)}")

    def _sections(self) -> None:
        """Sections written after their river: the same one agrees, two of one river conflict."""
        a, b, g = self.a, self.b, self.g
        if not a.sections or not b.sections:
            return
        shared = [x for x in a.sections if x in b.sections]
        if shared:
            self.agree(WEIGHTS["site"], lambda: f"同一河段：{'、'.join(_section_name(x, g) for x in shared)}")
        elif {x.split("|")[0] for x in a.sections} & {x.split("|")[0] for x in b.sections}:
            na = "、".join(_section_name(x, g) for x in a.sections)
            nb = "、".join(_section_name(x, g) for x in b.sections)
            self.conflict(FACTORS["section"], lambda: f"不同河段：{na}与{nb}")

    def _companies(self) -> None:
        a, b = self.a, self.b
        named = _named_elsewhere(a, b)
        if named is not None:
            self.agree(WEIGHTS["company_named"], lambda: f"两件都提到：{named.name}")
        if not a.companies or not b.companies:
            return
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
                self.agree(weight, lambda agreed=agreed, label=label: f"同一{label}：{agreed.name}")
                continue
            # A trade name and a legal name may be one company (华盛化工厂 / 华盛精细化工有限
            # 公司, 合泰养殖场 / 私人养殖场): only two legal names, or two owners, conflict.
            if not owner:
                ka, kb = [c for c in ka if c.legal], [c for c in kb if c.legal]
            if ka and kb:
                names_a, names_b = "、".join(c.name for c in ka), "、".join(c.name for c in kb)
                self.conflict(against, lambda x=names_a, y=names_b, label=label: f"不同{label}：{x}与{y}")

    def _kinds(self) -> None:
        a, b, lex = self.a, self.b, self.lex
        if not a.kinds or not b.kinds:
            return
        shared = [k for k in a.kinds if k in b.kinds]
        if shared:
            self.agree(WEIGHTS["kind"], lambda: f"同类场所：{'、'.join(lex.label(k) for k in shared)}")
            return
        related = [(x, y) for x in a.kinds for y in b.kinds if lex.related(x, y)]
        if related:
            x, y = related[0]
            self.agree(WEIGHTS["kind_related"], lambda: f"相近场所：{lex.label(x)}与{lex.label(y)}")
            return
        la, lb = "、".join(lex.label(k) for k in a.kinds), "、".join(lex.label(k) for k in b.kinds)
        self.conflict(FACTORS["kind"], lambda: f"场所类型不同：{la}与{lb}")


def _section_name(section: str, g: Gazetteer) -> str:
    river, name = section.split("|", 1)
    return f"{g.name(river)}{name}段"


def _named_elsewhere(a: Features, b: Features):
    """A company one names (its own name, two characters or more) that the other only
    writes without a suffix (润民建材有限公司 / 润民那个搅拌站), when the other names
    no company of that key; else None."""
    for x, y in ((a, b), (b, a)):
        for c in x.companies:
            if c.owner or len(c.key) < 2 or c.key not in y.text:
                continue
            if not any(_same_company(c.key, o.key) for o in y.companies if not o.owner):
                return c
    return None


def _same_company(x: str, y: str) -> bool:
    return x == y or (min(len(x), len(y)) >= 2 and (x in y or y in x))


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
