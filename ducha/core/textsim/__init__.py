"""Repeat complaints (重复件): earlier complaints about the same target, as a pure core.

    from ducha.core.textsim import RepeatIndex, suggest

    index = RepeatIndex()
    index.add_many((c.pk, c.text) for c in earlier_complaints)
    for s in suggest(index, new_text, key=new_pk):
        s.candidate_key, s.score, s.reasons  # 0.87, ["同一地点：石潭镇", "同一村：古城村", …]

`features` finds the places and site kinds a complaint names, `index` finds candidates
(MinHash-LSH over character 3-grams, plus shared specific places), `score` reranks them.
Never imports Django.
"""

from .features import Features, Place, extract, find_kinds, find_places, normalise
from .index import Candidate, Pair, RepeatIndex
from .score import (
    DEFAULT_THRESHOLD,
    Scored,
    Suggestion,
    score_pair,
    suggest,
    suggest_many,
    suggest_within,
    text_similarity,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "Candidate",
    "Features",
    "Pair",
    "Place",
    "RepeatIndex",
    "Scored",
    "Suggestion",
    "extract",
    "find_kinds",
    "find_places",
    "normalise",
    "score_pair",
    "suggest",
    "suggest_many",
    "suggest_within",
    "text_similarity",
]
