"""Repeat complaints (重复件): earlier complaints about the same site, as a pure core.

    from ducha.core.textsim import extract, keys, score

    f = extract(text, region="430321")          # once per complaint; f.to_dict() to keep
    keys(f)                                     # ["p:430321112", "p:430321112237", "c:宏达", "m:0:…"]
    # candidates: complaints sharing a key (a keys table, or MemoryIndex), then
    s = score(f, other)                         # s.score, s.reasons, s.similarity

`gazetteer` finds places (data: the statistics bureau's divisions and extra places),
`lexicon` kinds of site and companies (data: site-kinds.json), `features` extracts,
`candidates` blocks and picks the best few, `score` weighs the evidence in words.
Never imports Django.
"""

from . import minhash
from .candidates import FLOOR, LIMIT, PER_KEY, TOP, MemoryIndex, RepeatIndex, best, keys, rank, suggest, suggest_many
from .features import Features, PlaceRef, extract, extract_many, normalise
from .gazetteer import Gazetteer, default_gazetteer
from .lexicon import Company, Lexicon, default_lexicon
from .score import WEIGHTS, Suggestion, score, text_similarity

DEFAULT_THRESHOLD = FLOOR

__all__ = [
    "DEFAULT_THRESHOLD",
    "FLOOR",
    "LIMIT",
    "PER_KEY",
    "TOP",
    "WEIGHTS",
    "Company",
    "Features",
    "Gazetteer",
    "Lexicon",
    "MemoryIndex",
    "PlaceRef",
    "RepeatIndex",
    "Suggestion",
    "best",
    "default_gazetteer",
    "default_lexicon",
    "extract",
    "extract_many",
    "keys",
    "minhash",
    "normalise",
    "rank",
    "score",
    "suggest",
    "suggest_many",
    "text_similarity",
]
