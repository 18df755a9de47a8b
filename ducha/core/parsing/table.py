"""Find the table inside a sheet as people make it.

A real batch sheet looks like this (row numbers as in Excel):

    1  中央第六生态环境保护督察组交办信访件（第3批）          ← title, merged across
    2  交办单位：中央第六…督察组   交办日期：2021年4月13日    ← metadata line
    3  序号 | 受理编号 | 交办问题基本情况 | 行政区域 (merged) | 污染类型 | …
    4       |          |                  | 市 | 县（市、区）  |          | …   ← sub-header
    5  一、来电（44件）                                    ← section: sets the channel
    6  1 | D3HN202104130001 | … data …
       (blank rows, 合计, 注：…, 填报人：… 审核人：…)

The header is the row (within the first `window` non-blank rows) whose cells match the
most known header names, found by NAME and never by position; a sub-header row under
it refines the columns it differs in. Everything after the header is classified row by
row; only data rows reach the schema.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .cells import Cell, cell_text, column_letter, is_blank
from .workbook import Row, Sheet

HEADER_WINDOW = 30
# The header is looked for in this many rows at most: a sheet "used" to its bottom
# (10^6 blank rows) must not be buffered whole before its header is known.
HEADER_SCAN_ROWS = 5000
MIN_HEADER_SCORE = 2  # one matching cell could be a value ("电话" as a 信访方式)
MAX_SUBHEADER_LEN = 20  # header labels are short; a data row has long text


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


@dataclass
class NoTable:
    """A sheet with content but no recognisable header."""

    sheet: str
    first_row: int


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
_SECTION_COUNT = re.compile(r"[(（]\s*(?:共\s*)?(\d+)\s*件")
_BATCH = re.compile(r"第\s*([0-9]+|[一二三四五六七八九十百两零〇]+)\s*批")
_DATE = re.compile(r"(\d{4})\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})")
_UNIT = re.compile(r"交办单位\s*[:：]\s*(.+?)(?=\s|交办日期|交办时间|日期|时间|$)")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_CN_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}


@dataclass
class Table:
    sheet: str
    header_rows: tuple[int, ...]
    columns: dict[str, Column]  # field name → the column it was found in
    unmapped: list[Column]  # headed columns no field claims: ignored, but shown
    duplicates: list[tuple[Column, Column]]  # (ignored, kept): same field twice
    meta: dict[str, object]
    width: int
    stats: dict[str, int] = field(default_factory=dict)
    section_mismatches: list[tuple[int, str, int, int]] = field(default_factory=list)
    _source: Iterator[tuple[int, Row]] = field(default=iter(()), repr=False)
    _matcher: HeaderMatcher | None = field(default=None, repr=False)
    _anchor: str = "ref"
    _serial: str = "serial"
    _echoes: list[tuple[str, ...]] = field(default_factory=list, repr=False)

    def rows(self) -> Iterator[tuple[int, Row, str | None]]:
        """Data rows as (row_number, cells, section_text). Blank rows, sections, notes,
        signature rows, totals and repeated headers are consumed here and counted in
        `stats`; notes go to meta["notes"]. A row whose anchor (ref) cell is filled is
        always data, so a real record is never mistaken for decoration."""
        stats = self.stats
        for key in ("blank", "section", "note", "footer", "total", "header_echo"):
            stats.setdefault(key, 0)
        notes: list[str] = self.meta.setdefault("notes", [])  # type: ignore[assignment]
        matcher = self._matcher
        assert matcher is not None
        anchor_col = self.columns.get(self._anchor)
        anchor = anchor_col.index if anchor_col else -1
        serial_col = self.columns.get(self._serial)
        serial = serial_col.index if serial_col else -1
        # The header again under a page break: its anchor cell as written in any of
        # the header rows (a ref never reads "受理编号").
        echo = {anchor_col.header} if anchor_col else set()
        echoes = set(self._echoes)
        for key in self._echoes:
            echo.update(key)
        width = self.width
        special = _SPECIAL.match
        section: str | None = None
        declared: int | None = None
        section_row = 0
        in_section = 0
        after_note = False  # a note may go on over several rows: "注：1.…" then "2.…"

        for rn, row in self._source:
            if len(row) < width:
                row = row + [""] * (width - len(row))
            a = row[anchor] if anchor >= 0 else ""
            if a.__class__ is str:
                a_filled = bool(a) and not a.isspace()
            else:
                a_filled = a is not None
            if a_filled:
                # Fast path: the ref cell is filled. It is data unless it is a merged
                # decoration row (the section title fills every cell) or the header again.
                m = special(a) if a.__class__ is str else None
                if m is None:
                    # 合计 | 23件: the total row writes its count where the refs go
                    lead = row[0]
                    if lead.__class__ is str and lead and not lead[0].isdigit():
                        t = special(lead)
                        if t is not None and t.lastgroup == "total":
                            stats["total"] += 1
                            continue
                    if a in echo or (a.__class__ is str and not a.isascii() and header_key(a) in echo):
                        stats["header_echo"] += 1
                        continue
                    if after_note and _single_valued(row, a):
                        # "2.…" under "注：1.…", merged across the table
                        stats["note"] += 1
                        notes.append(cell_text(a).strip())
                        continue
                    in_section += 1
                    after_note = False
                    yield rn, row, section
                    continue
                first = a
            else:
                first = None
                filled = False
                for i, v in enumerate(row):
                    if v is None or v == "" or (v.__class__ is str and v.isspace()):
                        continue
                    if first is None:
                        first = v
                    if i != serial:
                        filled = True
                        break
                if first is None:
                    stats["blank"] += 1
                    continue
                m = special(first) if first.__class__ is str else None
            kind = m.lastgroup if m is not None else None
            if kind == "section" and not _single_valued(row, first):
                kind = None
            if kind is None and after_note and not a_filled and _single_valued(row, first):
                kind = "note"
            if kind is None and not a_filled and not filled:
                # A row whose only content is a 序号 is blank: templates number rows
                # in advance. (A section or note written in the 序号 column is not.)
                stats["blank"] += 1
                continue
            if kind is not None:
                stats[kind if kind != "sign" else "footer"] += 1
                text = cell_text(first).strip()
                if kind == "section":
                    if declared is not None and declared != in_section:
                        self.section_mismatches.append((section_row, section or "", declared, in_section))
                    count = _SECTION_COUNT.search(text)
                    section, section_row, in_section = text, rn, 0
                    declared = int(count.group(1)) if count else None
                elif kind == "note":
                    notes.append(text)
                after_note = kind == "note"
                continue
            if not a_filled and (_is_header_echo(row, matcher) or _echo_key(row) in echoes):
                stats["header_echo"] += 1
                continue
            in_section += 1
            after_note = False
            yield rn, row, section
        if declared is not None and declared != in_section:
            self.section_mismatches.append((section_row, section or "", declared, in_section))


def _single_valued(row: Row, text: Cell) -> bool:
    """A section title stands alone in its row (or fills it, when merged across)."""
    return all(v == text or is_blank(v) for v in row)


def _is_header_echo(row: Row, matcher: HeaderMatcher) -> bool:
    """The header repeated under a page break, or its sub-header row."""
    return all(is_blank(v) or matcher.match(v) for v in row)


def find_table(
    sheet: Sheet,
    matcher: HeaderMatcher,
    *,
    anchor: str = "ref",
    serial: str = "serial",
    window: int = HEADER_WINDOW,
) -> Table | NoTable | None:
    """Locate the header of `sheet`; None for an empty sheet.

    The header is found from its words, never from merge information: the row that
    names the most known columns, plus the rows right above it that group it (行政区域
    over 市 | 县) and the rows right below it that refine it, up to `MAX_HEADER_ROWS`
    in all. A group may arrive merged (the reader repeats it in every cell), typed
    into every cell, or only in its first cell (a CSV saved from Excel)."""
    source = iter(sheet.rows)
    buffer: list[tuple[int, Row]] = []
    filled = 0
    blank: list[bool] = []
    for rn, row in source:
        buffer.append((rn, row))
        empty = all(is_blank(v) for v in row)
        blank.append(empty)
        if not empty:
            filled += 1
            if filled >= window:
                break
        if len(buffer) >= HEADER_SCAN_ROWS:
            break
    if not filled:
        # nothing in the first rows: blank to the end (maybe a million rows), or
        # something far below, which is not a table we can trust
        for rn, row in source:
            if any(not is_blank(v) for v in row):
                return NoTable(sheet.name, rn)
        return None
    fields = [[] if empty else [matcher.match(v) for v in row] for (_, row), empty in zip(buffer, blank, strict=True)]
    scores = [len({f for f in fs if f}) for fs in fields]
    best = max(range(len(buffer)), key=lambda i: (scores[i], -i))
    if scores[best] < MIN_HEADER_SCORE:
        first_row = next(rn for rn, row in buffer if any(not is_blank(v) for v in row))
        return NoTable(sheet.name, first_row)

    def adjacent(i: int, j: int) -> bool:
        # neighbours in the sheet: a CSV record with a line break in a header cell
        # spans two lines, so compare positions, not line numbers
        return 0 <= i < len(buffer) and 0 <= j < len(buffer) and j == i + 1

    top = last = best
    while last - top + 1 < MAX_HEADER_ROWS and adjacent(top - 1, top):
        block = [buffer[i][1] for i in range(top, last + 1)]
        if not _groups(buffer[top - 1][1], block, matcher, anchor):
            break
        top -= 1
    while last - top + 1 < MAX_HEADER_ROWS and adjacent(last, last + 1):
        block = [buffer[i][1] for i in range(top, last + 1)]
        if not _refines(block, buffer[last + 1][1], matcher, anchor):
            break
        last += 1
    header_rows = [buffer[i][1] for i in range(top, last + 1)]
    headers = _headers(header_rows, matcher)
    columns, unmapped, duplicates = _map_columns(headers)

    def rest() -> Iterator[tuple[int, Row]]:
        yield from buffer[last + 1 :]
        yield from source

    return Table(
        sheet=sheet.name,
        header_rows=tuple(buffer[i][0] for i in range(top, last + 1)),
        columns=columns,
        unmapped=unmapped,
        duplicates=duplicates,
        meta=_preamble_meta([row for _, row in buffer[:top]]),
        width=len(headers),
        _source=rest(),
        _matcher=matcher,
        _anchor=anchor,
        _serial=serial,
        _echoes=[_echo_key(r) for r in header_rows],
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


def _row_text(row: Row) -> str:
    parts: list[str] = []
    for v in row:
        if is_blank(v):
            continue
        text = cell_text(v).strip()
        if not parts or parts[-1] != text:  # a merged cell fills its neighbours
            parts.append(text)
    return " ".join(parts)


def _preamble_meta(rows: list[Row]) -> dict[str, object]:
    """Title, 第N批, 交办单位 and the batch date from the lines above the header."""
    lines = [t for t in (_row_text(r) for r in rows) if t]
    meta: dict[str, object] = {"title": lines[0] if lines else "", "preamble": lines}
    joined = "\n".join(lines)
    if m := _BATCH.search(joined):
        meta["batch_no"] = _cn_number(m.group(1))
    if m := _UNIT.search(joined):
        meta["unit"] = m.group(1)
    date = next(
        (v if v.__class__ is dt.date else v.date() for r in rows for v in r if isinstance(v, dt.date)),
        None,
    )
    if date is None and (m := _DATE.search(joined)):
        try:
            date = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            date = None
    if date is not None:
        meta["batch_date"] = date
    return meta


def _cn_number(text: str) -> int | None:
    """ "3" → 3, "十二" → 12, "二十" → 20, "一百零五" → 105 (batch numbers)."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current
