"""A table's header: fields and their synonyms, the header block (group rows above,
refining rows below, up to `MAX_HEADER_ROWS`) and its columns mapped to fields;
`table.find_table` finds the header row and calls these.

Pure Python: never imports Django.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .cells import Cell, cell_text, column_letter, is_blank
from .workbook import Row


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str  # the canonical Chinese header, used in messages
    synonyms: tuple[str, ...] = ()


def header_key(text: str) -> str:
    """Matching key of a header cell: NFKC (（）→ ()), no whitespace or newlines, no "*"
    (people star required columns), no trailing colon, lower case. For matching only:
    the header is reported as written."""
    k = "".join(unicodedata.normalize("NFKC", text).split())
    return k.replace("*", "").rstrip(":").lower()


_PARENTHETICAL = re.compile(r"\([^()]*\)")  # 受理编号(必填) → 受理编号, after NFKC


class HeaderMatcher:
    """Header text → field name, by synonyms; unknown headers give None."""

    def __init__(self, fields: Iterable[FieldSpec]) -> None:
        self.fields = {f.name: f for f in fields}
        self._by_key: dict[str, str] = {}
        for f in self.fields.values():
            for name in (f.label, *f.synonyms):
                self._by_key[header_key(name)] = f.name
        self._cache: dict[str, str | None] = {}

    def match(self, value: Cell) -> str | None:
        if value.__class__ is not str:
            return None
        try:
            return self._cache[value]
        except KeyError:
            pass
        k = header_key(value)
        found = self._by_key.get(k)
        if found is None and "(" in k:
            found = self._by_key.get(_PARENTHETICAL.sub("", k))
        if len(self._cache) < 10_000:
            self._cache[value] = found
        return found


@dataclass(frozen=True)
class Column:
    index: int
    letter: str
    header: str  # as written, ends stripped


# Rows that are part of the sheet but not of the data. One regex, tried only on the
# first filled cell of a row, so the cost per data row is a failed match at char one.
_SPECIAL = re.compile(
    r"\s*(?:"
    r"(?P<section>[一二三四五六七八九十]+\s*[、.．]|[(（]\s*[一二三四五六七八九十]+\s*[)）])"
    r"|(?P<note>(?:注|备注|说明|附注)\s*\d*\s*[:：])"
    r"|(?P<sign>(?:填报人|填表人|审核人|审批人|联系人|联系电话|制表人|制表|签发人|签发"
    r"|负责人|分管领导|填报单位|报送单位|制表单位|填报时间|填表时间|填报日期|填表日期)"
    r"\s*(?:[:：]|$))"
    r"|(?P<total>合\s*计|总\s*计|小\s*计)"
    r")"
)


MAX_HEADER_ROWS = 3
MAX_GROUP_LEN = 16  # a group label is short: 行政区域, 举报人信息, 办理情况
MAX_LABEL_LEN = 40  # a header label, spaces removed ("责任单位（排名第一的为牵头单位）" is 16)
_NOT_A_LABEL = re.compile(r"[:：]|^\d+(?:\.\d+)?$|\d{4}\s*[年./\-]\s*\d{1,2}")


def _label(value: Cell) -> bool:
    """Could this cell be a header label? Short text, no "key：value", no number or date."""
    if is_blank(value):
        return True
    if value.__class__ is not str:
        return False
    k = header_key(value)
    if not 0 < len(k) <= MAX_LABEL_LEN or _NOT_A_LABEL.search(k) is not None:
        return False
    if k[0] == "(" and k[-1] == ")":
        return False  # "（责任单位排在第一位的为牵头单位）": a remark, not a label
    m = _SPECIAL.match(value)
    return m is None or m.lastgroup == "sign"  # 联系电话 is a label; 一、来电 is a section


def _cell(row: Row, i: int) -> Cell:
    return row[i] if i < len(row) else ""


def _filled_groups(upper: Row, lower: Row) -> list[Cell]:
    """`upper` with each group carried over the blank cells to its right that have a
    label below: a CSV saved from Excel keeps a merged group only in its first cell.
    A group is a cell whose own column is refined below (a label that differs)."""
    width = max(len(upper), len(lower))
    out: list[Cell] = []
    carry: Cell = ""
    for i in range(width):
        u, low = _cell(upper, i), _cell(lower, i)
        if not is_blank(u):
            carry = u if (not is_blank(low) and low != u) else ""
            out.append(u)
        elif carry != "" and not is_blank(low):
            out.append(carry)
        else:
            carry = ""
            out.append(u)
    return out


def _lowest(block: list[Row]) -> Row:
    """The block's labels as its bottom row sees them (a blank below a label keeps the
    label: merged down, or blank in a CSV)."""
    width = max(len(r) for r in block)
    out = []
    for i in range(width):
        value: Cell = ""
        for row in block:
            v = _cell(row, i)
            if not is_blank(v):
                value = v
        out.append(value)
    return out


def _refines(block: list[Row], lower: Row, matcher: HeaderMatcher, anchor: str) -> bool:
    """Is `lower` a sub-header of the header rows `block` (市 | 县（市、区） under
    行政区域), rather than the first data row?

    Every cell of it that differs from the label above must be a short label; under a
    column that is one known field by itself (受理编号, 交办问题基本情况) a differing
    cell must itself be known, alone or joined to the label above (受理 + 时间), and
    under the anchor (受理编号) nothing may differ, as a data row has its ref there. At
    least one differing label must be known."""
    upper = _filled_groups(block[-1], lower)
    above = _lowest(block[:-1] + [upper])
    width = max(len(above), len(lower))
    known = 0
    differing = 0
    for i in range(width):
        low = _cell(lower, i)
        if is_blank(low):
            continue
        if not _label(low):
            return False
        up = _cell(above, i)
        if low == up:
            continue
        differing += 1
        f = matcher.match(low)
        if f is None and not is_blank(up):
            f = matcher.match(cell_text(up).strip() + low.strip())
        up_field = matcher.match(up)
        group = (i > 0 and _cell(upper, i - 1) == up) or (i + 1 < width and _cell(upper, i + 1) == up)
        if up_field is not None and not group:
            if f is None or (up_field == anchor and f != anchor):
                return False
        known += f is not None
    return differing > 0 and known > 0


def _groups(upper: Row, block: list[Row], matcher: HeaderMatcher, anchor: str) -> bool:
    """Is `upper` a row of group labels over the header rows `block` (not a title)?

    It must hold short labels only, at least one of them over a column the block
    refines (or a known field itself), and no label of it may span the whole width:
    that is the sheet's title, merged across or typed into column A of a CSV."""
    if not all(_label(v) for v in upper):
        return False
    values = [v for v in upper if not is_blank(v)]
    if not values or any(len(header_key(v)) > MAX_GROUP_LEN and not matcher.match(v) for v in values):
        return False
    lower = _lowest(block)
    filled = _filled_groups(upper, lower)
    width = max(len(filled), len(lower))
    if len({cell_text(v) for v in values}) == 1:
        leftmost = next((i for i in range(width) if not is_blank(_cell(lower, i))), 0)
        if not all(is_blank(_cell(upper, i)) for i in range(leftmost + 1)):
            return False  # one label from the table's first column on: a title
    if any(matcher.match(v) for v in values):
        return _refines([upper], lower, matcher, anchor)
    for i in range(width):
        u, low = _cell(filled, i), _cell(lower, i)
        if not is_blank(u) and not is_blank(low) and u != low:
            return _refines([upper], lower, matcher, anchor)
    return False


def _clean_header(text: str) -> str:
    """The header as the user reads it: line breaks and stray spaces inside a Chinese
    label removed ("受理\n编号" → "受理编号"), single spaces kept between Latin words."""
    words = text.split()
    if len(words) <= 1:
        return words[0] if words else ""
    out = words[0]
    for w in words[1:]:
        out += (" " if out[-1].isascii() and out[-1].isalnum() and w[0].isascii() and w[0].isalnum() else "") + w
    return out


def _headers(rows: list[Row], matcher: HeaderMatcher) -> list[tuple[str, str | None]]:
    """(header as written, field) per column, from one to three header rows.

    A column's labels read top to bottom (groups carried over their columns, repeats
    dropped): the field is the one the joined labels name (受理 + 时间), else the
    bottom label's (市 under 行政区域), else, for a label over this column alone, the
    one above. The header shown is the bottom label."""
    filled = list(rows)
    for k in range(len(rows) - 1):
        filled[k] = _filled_groups(rows[k], _lowest(rows[k + 1 :]))
    width = max(len(r) for r in filled)
    out: list[tuple[str, str | None]] = []
    for i in range(width):
        path: list[str] = []
        for row in filled:
            v = _cell(row, i)
            if is_blank(v):
                continue
            text = _clean_header(cell_text(v).strip())
            if not path or path[-1] != text:
                path.append(text)
        if not path:
            out.append(("", None))
            continue
        f = None
        if len(path) > 1:
            # a known name spelled across rows first (受理 + 时间), by the synonym table
            # alone: a subclass's looser word rules must not let 责任分工 + 牵头单位 read
            # as one "责任…牵头" header
            f = HeaderMatcher.match(matcher, "".join(path)) or HeaderMatcher.match(matcher, path[-2] + path[-1])
        f = f or matcher.match(path[-1])
        if f is None and len(path) > 1:
            f = matcher.match(path[-2] + path[-1])
        if f is None and len(path) > 1:
            k = len(filled) - 1
            while k >= 0 and (
                is_blank(_cell(filled[k], i)) or _clean_header(cell_text(filled[k][i]).strip()) == path[-1]
            ):
                k -= 1
            parent = _cell(filled[k], i) if k >= 0 else ""
            spans = any(_cell(filled[k], j) == parent for j in (i - 1, i + 1) if j >= 0) if k >= 0 else True
            if not spans:
                f = matcher.match(path[-2])
        out.append((path[-1], f))
    return out


def _echo_key(row: Row) -> tuple[str, ...]:
    return tuple(header_key(v) if v.__class__ is str else cell_text(v) for v in row if not is_blank(v))


def _map_columns(
    headers: list[tuple[str, str | None]],
) -> tuple[dict[str, Column], list[Column], list[tuple[Column, Column]]]:
    columns: dict[str, Column] = {}
    unmapped: list[Column] = []
    duplicates: list[tuple[Column, Column]] = []
    for i, (text, f) in enumerate(headers):
        if not text:
            continue
        col = Column(i, column_letter(i), text)
        if f is None:
            unmapped.append(col)
        elif f in columns:
            duplicates.append((col, columns[f]))
        else:
            columns[f] = col
    return columns, unmapped, duplicates
