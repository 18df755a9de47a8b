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
from collections.abc import Iterator
from dataclasses import dataclass, field

from .cells import Cell, cell_text, is_blank
from .table_headers import (  # noqa: F401  (re-exported: callers import them from here)
    _SPECIAL,
    MAX_GROUP_LEN,
    MAX_HEADER_ROWS,
    MAX_LABEL_LEN,
    Column,
    FieldSpec,
    HeaderMatcher,
    _echo_key,
    _groups,
    _headers,
    _map_columns,
    _refines,
    header_key,
)
from .workbook import Row, Sheet

HEADER_WINDOW = 30
# The header is looked for in this many rows at most: a sheet "used" to its bottom
# (10^6 blank rows) must not be buffered whole before its header is known.
HEADER_SCAN_ROWS = 5000
MIN_HEADER_SCORE = 2  # one matching cell could be a value ("电话" as a 信访方式)
MAX_SUBHEADER_LEN = 20  # header labels are short; a data row has long text


@dataclass
class NoTable:
    """A sheet with content but no recognisable header."""

    sheet: str
    first_row: int


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
