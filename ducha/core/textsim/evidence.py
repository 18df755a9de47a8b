"""The words two complaints share as evidence, marked in each text for the person who
decides: places that agree (the same place, or one within the other: a village and its
town), words of the same kind of site, and the same company. Two villages of one town
are not marked: they disagree. Positions are those of the original texts.

    >>> a, b = marked("石潭镇古城村养猪场臭", "古城村的养殖场", region_a="430321", region_b="430321")
    >>> [w for w, m in a if m], [w for w, m in b if m]
    (['石潭镇古城村养猪场'], ['古城村', '养殖场'])
"""

from __future__ import annotations

import unicodedata

from .gazetteer import CITY, COUNTY, PROVINCE, Gazetteer, Mention, default_gazetteer
from .lexicon import Lexicon, default_lexicon

BROAD = (PROVINCE, CITY, COUNTY)  # a shared county or city is no evidence worth marking


def marked(
    text_a: str,
    text_b: str,
    *,
    region_a: str = "",
    region_b: str = "",
    gazetteer: Gazetteer | None = None,
    lexicon: Lexicon | None = None,
) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """Each text as (piece, marked) pieces, in order, that join back into the text."""
    g, lex = gazetteer or default_gazetteer(), lexicon or default_lexicon()
    a, b = _Read(text_a, region_a, g, lex), _Read(text_b, region_b, g, lex)
    return _pieces(text_a, a.shared_spans(b, g)), _pieces(text_b, b.shared_spans(a, g))


class _Read:
    def __init__(self, text: str, region: str, g: Gazetteer, lex: Lexicon) -> None:
        # one character for one, so positions are those of the original text
        self.text = "".join(unicodedata.normalize("NFKC", c).lower()[:1] or " " for c in text or "")
        self.mentions = g.find(self.text, region=region or None)
        mask = bytearray(len(self.text))
        for m in self.mentions:
            mask[m.start : m.end] = b"\x01" * (m.end - m.start)
        self.kind_words = lex.kind_words(self.text)
        self.families = {f for _, f in self.kind_words}
        self.companies = {c.key: c.name for c in lex.companies(self.text, mask)}
        self.lineages = [self._lineage(m, g) for m in self.mentions]

    @staticmethod
    def _lineage(m: Mention, g: Gazetteer) -> set[str]:
        return {x for i in m.ids for x in g.lineage(i) if g.level(x) not in BROAD}

    def shared_spans(self, other: _Read, g: Gazetteer) -> list[tuple[int, int]]:
        spans = []
        theirs = list(zip(other.mentions, other.lineages, strict=True))
        for m, mine in zip(self.mentions, self.lineages, strict=True):
            ids = set(m.ids)
            # the same place, or one within the other; but not when the other text names
            # another place of the same level (two villages of one town disagree)
            related = [o for o, lin in theirs if mine & lin & (ids | set(o.ids))]
            level = _levels(m, g)
            rivals = [o for o, _ in theirs if o not in related and level & _levels(o, g)]
            if related and not rivals:
                spans.append((m.start, m.end))
        words = [w for w, f in self.kind_words if f in other.families]
        words += [name for key, name in self.companies.items() if key in other.companies]
        for word in dict.fromkeys(words):
            at = self.text.find(word)
            while at >= 0:
                spans.append((at, at + len(word)))
                at = self.text.find(word, at + len(word))
        return spans


def _levels(m: Mention, g: Gazetteer) -> set[str]:
    """The levels a mention may be at: its places', or for a name no place answers to
    (an old village name) the level its form says (长山村: a village)."""
    return {g.level(i) for i in m.ids} or {g.surface_level(m.surface)} - {""}


def _pieces(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    marks = bytearray(len(text))
    for start, end in spans:
        marks[start:end] = b"\x01" * (end - start)
    out: list[tuple[str, bool]] = []
    for i, ch in enumerate(text):
        flag = bool(marks[i])
        if out and out[-1][1] == flag:
            out[-1] = (out[-1][0] + ch, flag)
        else:
            out.append((ch, flag))
    return out
