"""Identity written inside free text: found, kept apart behind placeholders, masked.

Pure Python (no Django). A complaint's text, a handling report or a notice may carry a
phone number, an ID number or the complainant's own name. At save the text is split in
two: a template where each finding is a placeholder, and the originals, sealed apart:

    extract("来电张伟13812345678", names=["张伟"])
      -> ("来电⟦pii:1⟧⟦pii:2⟧", [("name", "张伟"), ("mobile", "13812345678")])
    masked(template, originals)   -> "来电张*138****5678"      what everyone sees
    restore(template, originals)  -> "来电张伟13812345678"     the audited reveal

What counts (the specification is ducha/core/tests/data/pii_text_cases.json):
mobile numbers (spaces or dashes between 3-4-4, +86 before), landlines with their area
code (0731-58581234, （0731）5551234, spaces), 18-digit ID numbers whose birth date is a
date (last character X allowed, grouped 6-8-4), full-width digits alike, and the
complainant's own name. A number glued to letters or digits (受理编号 X3HN2024…, a
credit code, a bank account) or to a decimal point (coordinates, emission figures) is
not a phone; dates, amounts, 文号 and plates are left as written: plates name the
vehicle complained about, which the handler needs, not the person who complained.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ducha.core.pii import mask_id_number, mask_name, mask_phone

MOBILE, LANDLINE, ID_NUMBER, NAME = "mobile", "landline", "id_number", "name"

# full-width digits and signs read as ASCII, one character for one, so offsets hold
_ASCII = str.maketrans("０１２３４５６７８９Ｘｘ－＋（）　—–", "0123456789Xx-+() --")  # dashes as typed in Word
_BEFORE = r"(?<![0-9A-Za-z.+])"  # not inside a longer code, number or decimal
_AFTER = r"(?![0-9A-Za-z元万亿]|\.\d)"  # 13800000000元 is an amount
_DATE = r"(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
_PATTERNS = [  # in this order: an ID number holds digits a phone pattern would also take
    (ID_NUMBER, re.compile(_BEFORE + r"[1-9]\d{5} ?" + _DATE + r" ?\d{3}[0-9Xx]" + _AFTER)),
    (MOBILE, re.compile(_BEFORE + r"(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}" + _AFTER)),
    (LANDLINE, re.compile(_BEFORE + r"(?:\(0\d{2,3}\) ?|0\d{2,3}[ -]?)\d{3,4}[ -]?\d{4}" + _AFTER)),
]
PLACEHOLDER = re.compile(r"⟦pii:(\d+)⟧")
# Every number pattern holds seven digits with at most single separators between them:
# most texts have none, and this one cheap scan lets them skip the patterns.
_CANDIDATE = re.compile(r"[0-9０-９](?:[ \-－—–)）]?[0-9０-９]){6}")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str


def find(text: str, names=()) -> list[Span]:
    """Where identity is written in text, in order, never overlapping."""
    taken: list[Span] = []
    if _CANDIDATE.search(text):
        plain = text.translate(_ASCII)
        for kind, pattern in _PATTERNS:
            for m in pattern.finditer(plain):
                _take(taken, Span(m.start(), m.end(), kind))
    for name in sorted({(n or "").strip() for n in names}, key=len, reverse=True):
        if len(name) < 2:  # a surname alone names nobody
            continue
        for m in re.finditer(re.escape(name), text):
            _take(taken, Span(m.start(), m.end(), NAME))
    return sorted(taken, key=lambda s: s.start)


def _take(taken: list[Span], span: Span) -> None:
    if all(span.end <= t.start or span.start >= t.end for t in taken):
        taken.append(span)


def extract(text: str, names=()) -> tuple[str, list[tuple[str, str]]]:
    """The text with a placeholder for each finding, and the findings (kind, original)."""
    text = (text or "").replace("⟦", "〚").replace("⟧", "〛")  # a typed placeholder is only text
    parts, originals, at = [], [], 0
    for span in find(text, names):
        originals.append((span.kind, text[span.start : span.end]))
        parts += [text[at : span.start], f"⟦pii:{len(originals)}⟧"]
        at = span.end
    parts.append(text[at:])
    return "".join(parts), originals


def _fill(template: str, originals, show) -> str:
    def one(m: re.Match) -> str:
        n = int(m.group(1))
        if not 1 <= n <= len(originals):
            return m.group(0)
        kind, value = originals[n - 1]
        return show(kind, value)

    return PLACEHOLDER.sub(one, template)


def restore(template: str, originals) -> str:
    """The text as it was written (for the audited reveal)."""
    return _fill(template, originals, lambda kind, value: value)


def masked(template: str, originals) -> str:
    """The text as everyone else sees it: each finding masked."""
    return _fill(template, originals, mask)


def mask(kind: str, value: str) -> str:
    digits = re.sub(r"[^0-9Xx]", "", value.translate(_ASCII))
    if kind == MOBILE:
        return mask_phone(digits[-11:])
    if kind == LANDLINE:  # area codes: 010 and 02X have three digits, the rest four
        area = digits[:3] if digits[1] in "12" else digits[:4]
        return f"{area}-****{digits[-4:]}"
    if kind == ID_NUMBER:
        return mask_id_number(digits)
    return mask_name(value)


def mask_text(text: str, names=()) -> str:
    """Plain text with its identity masked in place (audit values, rows not yet sealed)."""
    template, originals = extract(text, names)
    return masked(template, originals) if originals else text
