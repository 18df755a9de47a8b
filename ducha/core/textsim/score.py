"""Is a candidate about the same target? A score in [0, 1] and its reasons in Chinese.

score = (1 - (1 - T) * (1 - E)) * C, where

* T is the text similarity (rapidfuzz token_set_ratio over the two normalised texts'
  character bigrams, so word order and extra details matter little);
* E combines the evidence of what both name (noisy-or of the weights below): the same
  village, company, dock or compound is strong, the same town weak, the same kind of
  site weak;
* C multiplies the penalties for what contradicts: two different villages, companies or
  docks at the same level mean two targets, however alike the wording (two pig farms in
  one town, the same company name in two towns).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .features import (
    BRIDGE,
    CITY,
    COMPANY,
    COMPOUND,
    COUNTY,
    DOCK,
    GROUP,
    KIND_FAMILY,
    LEVEL_ORDER,
    PARK,
    PROVINCE,
    ROAD,
    SECTION,
    TOWN,
    VILLAGE,
    WATER,
    Features,
    Place,
    extract,
)
from .index import RepeatIndex

DEFAULT_THRESHOLD = 0.6


@dataclass(frozen=True, slots=True)
class LevelRule:
    label: str  # 同一{label}：… / 不同{label}：…
    weight: float  # evidence when both name the same place
    conflict: float  # factor when both name a place of this level and none agree
    contains: bool = False  # names agree when one contains the other (宏达 / 株洲宏达)


LEVEL_RULES: dict[str, LevelRule] = {
    PROVINCE: LevelRule("地点", 0.01, 0.8),
    CITY: LevelRule("地点", 0.02, 0.8),
    COUNTY: LevelRule("地点", 0.04, 0.6),
    TOWN: LevelRule("地点", 0.10, 0.45),
    PARK: LevelRule("园区", 0.10, 0.7),
    VILLAGE: LevelRule("村", 0.35, 0.4),
    GROUP: LevelRule("组", 0.10, 0.85),
    COMPOUND: LevelRule("小区", 0.35, 0.4, contains=True),
    ROAD: LevelRule("道路", 0.10, 0.8),
    WATER: LevelRule("水体", 0.08, 0.7),
    SECTION: LevelRule("河段", 0.25, 0.5),
    BRIDGE: LevelRule("桥梁", 0.10, 0.8),
    DOCK: LevelRule("码头", 0.45, 0.35, contains=True),
    COMPANY: LevelRule("企业", 0.45, 0.35, contains=True),
}
SAME_KIND = 0.15
SAME_KIND_FAMILY = 0.07
KIND_CONFLICT = 0.8


@dataclass(frozen=True, slots=True)
class Scored:
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """`candidate_key` may be a repeat of `key` (重复件); reasons are for the user."""

    key: Hashable
    candidate_key: Hashable
    score: float
    reasons: list[str] = field(default_factory=list)


def text_similarity(a: str, b: str) -> float:
    """0–1 similarity of two normalised texts, insensitive to order and additions."""
    if not a or not b:
        return 0.0
    return fuzz.token_set_ratio(Features(a).bigrams, Features(b).bigrams) / 100


def score_pair(a: Features, b: Features) -> Scored:
    """How likely two complaints are about the same target, and why."""
    return _score(a, b, with_reasons=True)


def _score(a: Features, b: Features, *, with_reasons: bool, threshold: float | None = None) -> Scored:
    """With `threshold` (and no reasons asked), stop as soon as the place evidence alone
    decides: conflicts can cap the score below it whatever the text says."""
    same: list[str] = []
    different: list[str] = []
    miss = 1.0  # product of (1 - weight) over the evidence
    factor = 1.0
    levels_a, levels_b = a.by_level, b.by_level
    for level in LEVEL_ORDER:
        pa = levels_a.get(level)
        if not pa:
            continue
        pb = levels_b.get(level)
        if not pb:
            continue
        rule = LEVEL_RULES[level]
        agreed = _agree(pa, pb, contains=rule.contains)
        if agreed is not None:
            miss *= 1 - rule.weight
            if with_reasons:
                same.append(f"同一{rule.label}：{agreed}")
        else:
            factor *= rule.conflict
            if with_reasons:
                different.append(f"不同{rule.label}：{_names(pa)}与{_names(pb)}")
    if a.kinds and b.kinds:
        shared = [k for k in a.kinds if k in b.kinds]
        if shared:
            miss *= 1 - SAME_KIND
            if with_reasons:
                same.append(f"同类场所：{'、'.join(shared)}")
        elif {KIND_FAMILY[k] for k in a.kinds} & {KIND_FAMILY[k] for k in b.kinds}:
            miss *= 1 - SAME_KIND_FAMILY
            if with_reasons:
                same.append(f"相近场所：{'、'.join(a.kinds)}与{'、'.join(b.kinds)}")
        else:
            factor *= KIND_CONFLICT
            if with_reasons:
                different.append(f"场所类型不同：{'、'.join(a.kinds)}与{'、'.join(b.kinds)}")
    if threshold is not None and not with_reasons and factor < threshold:
        return Scored(round(factor, 3))  # even identical text could not reach it
    text = fuzz.token_set_ratio(a.bigrams, b.bigrams) / 100 if a.text and b.text else 0.0
    score = round((1 - (1 - text) * miss) * factor, 3)
    if not with_reasons:
        return Scored(score)
    return Scored(score, [*same, f"文本相似度{text:.2f}", *different])


def _agree(pa: Sequence[Place], pb: Sequence[Place], *, contains: bool) -> str | None:
    """The name of a place both name, if any."""
    for x in pa:
        for y in pb:
            if x.key == y.key:
                return x.name
            if contains and min(len(x.key), len(y.key)) >= 2 and (x.key in y.key or y.key in x.key):
                return x.name
    return None


def _names(places: Sequence[Place]) -> str:
    return "、".join(p.name for p in places)


# -- with an index ---------------------------------------------------------------------


def suggest(
    index: RepeatIndex,
    text: str,
    *,
    key: Hashable | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = 10,
    pool: int = 30,
) -> list[Suggestion]:
    """Earlier complaints in `index` that `text` may repeat, best first.

    `key` is the new complaint's own key (excluded if it is already indexed); `pool`
    candidates from the index are reranked, those reaching `threshold` returned.
    """
    return suggest_many(index, [(key, text)], threshold=threshold, limit=limit, pool=pool)[0]


def suggest_many(
    index: RepeatIndex,
    items: Sequence[tuple[Hashable | None, str]],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = 10,
    pool: int = 30,
) -> list[list[Suggestion]]:
    """`suggest` for a batch of (key, text), e.g. a day's hand-over (交办批次)."""
    features = [extract(text) for _, text in items]
    keys = [key for key, _ in items]
    candidates = index.query_features(features, exclude_keys=keys, limit=pool)
    out = []
    for key, feature, found in zip(keys, features, candidates, strict=True):
        suggestions = []
        for candidate in found:
            other = index.features(candidate.key)
            if _score(feature, other, with_reasons=False, threshold=threshold).score >= threshold:
                scored = _score(feature, other, with_reasons=True)
                suggestions.append(Suggestion(key, candidate.key, scored.score, scored.reasons))
        suggestions.sort(key=lambda s: -s.score)
        out.append(suggestions[:limit])
    return out


def suggest_within(
    index: RepeatIndex,
    keys: Sequence[Hashable] | None = None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[Suggestion]:
    """Repeats among indexed complaints (`keys`, e.g. one batch; or all), best first."""
    out = []
    for pair in index.pairs_within(keys, min_similarity=0.0):
        a, b = index.features(pair.key), index.features(pair.other_key)
        if _score(a, b, with_reasons=False, threshold=threshold).score >= threshold:
            scored = _score(a, b, with_reasons=True)
            out.append(Suggestion(pair.key, pair.other_key, scored.score, scored.reasons))
    out.sort(key=lambda s: -s.score)
    return out
