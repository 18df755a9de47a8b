"""The complaint batch (交办信访件) schema and its one-pass parser.

`parse_complaint_file` opens the file at once (a bad file raises `ParseError`) and
returns a `ComplaintParse`; `records()` streams one `ComplaintRecord` per clean row in
file order, while every problem of every row lands in `problems`. Callers write nothing
unless `errors` is empty after the generator is exhausted (house rule for imports).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ducha.core.names.regions import RegionNames
from ducha.core.pii import MASKERS, redact_text

from .cells import Cell, cell_text, column_letter, is_blank
from .errors import (
    COLUMN_DUPLICATE,
    COLUMN_MISSING,
    ERROR,
    HEADERLESS_DATA,
    NO_DATA_ROWS,
    NO_TABLE,
    REF_DUPLICATE,
    REF_DUPLICATE_SHEET,
    REF_MISSING,
    REF_PATTERN_MISMATCH,
    REF_PATTERN_MISMATCH_BARE,
    REQUIRED_EMPTY,
    SECTION_COUNT_MISMATCH,
    SHEET_WITHOUT_TABLE,
    WARNING,
    ParseError,
    Problem,
)
from .table import Column, FieldSpec, HeaderMatcher, NoTable, Table, find_table
from .values import (
    SHORT_TEXT_MAX,
    TEXT_MAX,
    PollutionTypes,
    RefPattern,
    RegionResolver,
    Warn,
    clean_id_number,
    clean_text,
    find_channel,
    normalize_ref,
    parse_channel,
    parse_closure,
    parse_datetime,
    parse_mark,
    parse_veracity,
    ref_pattern,
)
from .workbook import Sheet, read_sheets

COMPLAINT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "ref",
        "受理编号",
        ("信访编号", "编号", "交办编号", "举报编号", "信访件编号", "受理号", "件号", "信访件受理编号"),
    ),
    FieldSpec(
        "text",
        "交办问题基本情况",
        (
            "转办问题基本情况",
            "交办问题",
            "转办问题",
            "交办问题基本情况（举报内容）",
            "举报内容",
            "信访内容",
            "问题描述",
            "反映问题",
            "反映的主要问题",
            "信访问题基本情况",
            "举报问题基本情况",
            "举报问题",
            "群众反映问题",
            "群众反映的问题",
            "反映情况",
            "信访事项",
        ),
    ),
    FieldSpec(
        "region",
        "行政区域",
        (
            "所属区域",
            "区域",
            "所在地",
            "行政区划",
            "所在区域",
            "涉及区县及部门",
            "涉及区县",
            "涉及地区",
            "涉及区县（市）及部门",
            "所属地区",
            "问题所在地",
            "属地",
        ),
    ),
    FieldSpec("region_city", "市", ("地市", "所属市", "设区市", "市州", "市（州）", "举报地市", "所属地市", "地市州")),
    FieldSpec(
        "region_county",
        "县（市、区）",
        (
            "区县",
            "县市区",
            "县区",
            "县（市区）",
            "县（区）",
            "县（市、区、园区）",
            "县（市、区）及园区",
            "所属区县",
            "举报县区",
            "所属县市区",
            "县市区（园区）",
            "所属县（市、区）",
        ),
    ),
    FieldSpec("pollution_types", "污染类型", ("问题类型", "污染种类", "举报问题类型", "污染类别", "问题类别")),
    FieldSpec("channel", "信访方式", ("举报方式", "来源", "受理方式", "信访形式", "举报途径", "来信来电")),
    FieldSpec("accepted_at", "受理时间", ("举报时间", "来电时间", "受理日期", "交办时间")),
    FieldSpec("is_key", "是否重点件", ("是否重点", "重点件")),
    FieldSpec("team_repeat", "是否重复件", ("是否重复", "重复件", "是否重复举报", "是否为重复件")),
    FieldSpec("complainant_name", "举报人", ("举报人姓名", "信访人", "姓名", "信访人姓名")),
    FieldSpec("complainant_phone", "联系电话", ("联系方式", "电话", "举报人电话", "举报人联系电话")),
    FieldSpec("complainant_id_number", "身份证号", ("身份证号码",)),
    FieldSpec("complainant_address", "举报人地址", ("联系地址", "住址")),
    # what a handling result (办理情况一览表, an earlier round's table) adds
    FieldSpec("target", "办结目标", ("办理目标", "办结要求")),
    FieldSpec("closure", "是否办结", ("办结情况", "办理状态", "办结状态", "是否已办结", "办理进展")),
    FieldSpec("veracity", "是否属实", ("属实情况", "是否属实情况", "核实结果")),
    FieldSpec("findings", "调查核实情况", ("调查核实结果", "核查情况", "核实情况", "调查情况", "调查核实")),
    FieldSpec(
        "measures",
        "处理和整改情况",
        (
            "处理整改情况",
            "处理及整改情况",
            "处理处罚和问责情况",
            "处理处罚及问责情况",
            "处理处罚和整改情况",
            "处理情况",
            "整改情况",
            "处理处罚情况",
            "处理结果",
        ),
    ),
    FieldSpec(
        "accountability",
        "责任人被处理情况",
        ("问责情况", "责任追究情况", "问责追责情况", "责任人处理情况", "追责问责情况", "责任人被追责问责情况"),
    ),
    FieldSpec("serial", "序号", ()),  # the team's order of the rows; never an error
)
REQUIRED: tuple[tuple[str, ...], ...] = (("ref",), ("text",), ("region", "region_county", "region_city"))
# An earlier round's published table (办理情况一览表) read as history must say what was found.
REQUIRED_HISTORY: tuple[tuple[str, ...], ...] = (*REQUIRED, ("findings",))
# Region columns in the order they win: the county is the most precise.
REGION_ORDER = ("region_county", "region", "region_city")
# Their values never reach a problem list unmasked (the glossary's PII rule).
_ROWS_PER_SHEET = 1 << 32  # more rows than any sheet or CSV can hold
PII_MASKS = {
    "complainant_name": MASKERS["name"],
    "complainant_phone": MASKERS["phone"],
    "complainant_id_number": MASKERS["id_number"],
    "complainant_address": MASKERS["address"],
}


@dataclass(slots=True)
class ComplaintRecord:
    sheet: str
    row: int
    ref: str
    is_key: bool
    channel: str | None
    accepted_at: dt.datetime | None
    text: str
    region_code: str
    pollution_types: tuple[str, ...]
    team_repeat: bool | None
    complainant_name: str
    complainant_phone: str
    complainant_id_number: str
    complainant_address: str
    raw: dict[str, str] = field(default_factory=dict)
    serial: int | None = None  # the team's 序号, when the column holds a whole number
    # a handling result, when the table has one (an earlier round's published table)
    target: str = ""
    closure: str | None = None  # closed / closed_pending / open
    veracity: str | None = None  # true / mostly / partly / false
    findings: str = ""
    measures: str = ""
    accountability: str = ""


class ComplaintParse:
    """Result of one pass over a complaint file. Read `problems`, `mapping`, `meta` and
    `counts` after `records()` is exhausted: they fill as the rows stream by."""

    def __init__(
        self,
        sheets: Iterable[Sheet],
        *,
        name: str,
        regions: RegionResolver,
        pollution_types: PollutionTypes,
        max_text: int = TEXT_MAX,
        ref_pattern: RefPattern | None = None,
        history: bool = False,
    ) -> None:
        self.name = name
        self._required = REQUIRED_HISTORY if history else REQUIRED
        self._ref_pattern = ref_pattern
        self.problems: list[Problem] = []
        self.mapping: list[dict[str, str | None]] = []
        self.meta: dict[str, object] = {"sheets": {}}
        self.counts: dict[str, int] = {"rows": 0, "records": 0, "sheets": 0}
        self._sheets = sheets
        self._regions = regions
        self._pollution = pollution_types
        self._max_text = max_text
        self._matcher = HeaderMatcher(COMPLAINT_FIELDS)
        self._seen: dict[str, int] = {}
        self._sheet_names: list[str] = []
        self._started = False

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == WARNING]

    def records(self) -> Iterator[ComplaintRecord]:
        if self._started:
            raise RuntimeError("records() can be iterated only once")
        self._started = True
        usable = 0
        missing: Problem | None = None
        first_table: Table | None = None
        for sheet in self._sheets:
            found = find_table(sheet, self._matcher)
            if found is None:
                continue
            if isinstance(found, NoTable):
                self._warn(found.sheet, found.first_row, SHEET_WITHOUT_TABLE)
                continue
            problem = self._check_columns(found)
            if problem is not None:
                missing = missing or problem
                continue
            usable += 1
            first_table = first_table or found
            yield from self._sheet_records(found)
            self._merge_stats(found)
        if first_table is not None and not self.counts["rows"]:
            # header only (or a million blank rows): an import of nothing is a mistake
            self.problems.append(Problem(first_table.sheet, first_table.header_rows[-1], "", "", "", NO_DATA_ROWS))
        if not usable:
            problem = missing or Problem(self.name, 0, "", "", "", NO_TABLE)
            if missing is None:
                self.problems.append(problem)
            raise ParseError(problem)

    # --- per sheet --------------------------------------------------------------

    def _check_columns(self, table: Table) -> Problem | None:
        cols = table.columns
        for f, col in cols.items():
            self.mapping.append({"sheet": table.sheet, "field": f, "header": col.header, "column": col.letter})
        for col in table.unmapped:
            self.mapping.append({"sheet": table.sheet, "field": None, "header": col.header, "column": col.letter})
        for ignored, kept in table.duplicates:
            msg = COLUMN_DUPLICATE.format(first=kept.letter, first_header=kept.header)
            self._warn(table.sheet, table.header_rows[-1], msg, ignored)
        self.meta["sheets"][table.sheet] = table.meta  # type: ignore[index]
        for key in ("title", "batch_no", "batch_date", "unit"):
            if key in table.meta and not self.meta.get(key):
                self.meta[key] = table.meta[key]
        first_missing = None
        for group in self._required:
            if not any(f in cols for f in group):
                spec = self._matcher.fields[group[0]]
                # the label and its commonest names: the message stays readable
                msg = COLUMN_MISSING.format(field=spec.label, synonyms="、".join((spec.label, *spec.synonyms[:5])))
                problem = Problem(table.sheet, table.header_rows[-1], "", "", "", msg)
                self.problems.append(problem)
                first_missing = first_missing or problem
        return first_missing

    def _sheet_records(self, table: Table) -> Iterator[ComplaintRecord]:
        """The hot loop: columns are looked up once, values cached where they repeat."""
        sheet = table.sheet
        cols = table.columns
        problems = self.problems
        seen = self._seen
        counts = self.counts
        max_text = self._max_text
        resolve_region = self._regions.resolve
        parse_pollution = self._pollution.parse
        ref_col, text_col = cols["ref"], cols["text"]
        region_cols = [cols[f] for f in REGION_ORDER if f in cols]
        optional = {f: cols.get(f) for f in (f.name for f in COMPLAINT_FIELDS)}
        pollution_col = optional["pollution_types"]
        channel_col = optional["channel"]
        accepted_col = optional["accepted_at"]
        key_col = optional["is_key"]
        repeat_col = optional["team_repeat"]
        serial_col = optional["serial"]
        city_col = optional["region_city"]
        narrow = city_col is not None and len(region_cols) > 1
        pattern = self._ref_pattern
        handling = [
            (f, optional[f], parser)
            for f, parser in (
                ("closure", parse_closure),
                ("veracity", parse_veracity),
                ("target", None),
                ("findings", None),
                ("measures", None),
                ("accountability", None),
            )
            if optional[f] is not None
        ]
        people = [
            (f, optional[f], PII_MASKS[f], clean_id_number if f == "complainant_id_number" else None) for f in PII_MASKS
        ]
        raw_keys = _raw_keys(table)
        _text = cell_text
        sheet_channel = find_channel(sheet)
        section_channels: dict[str | None, str | None] = {None: sheet_channel}
        # Where each ref was first seen, as one int (sheet number, row): a million refs
        # are a million dict entries, so keep the values small.
        sheet_no = len(self._sheet_names)
        self._sheet_names.append(sheet)
        base = sheet_no * _ROWS_PER_SHEET

        def report(col: Column, raw: Cell, msg: str, mask=None) -> bool:
            """File a problem at its cell; 1 if it is an error, 0 for a warning."""
            value = cell_text(raw)
            if mask is not None:
                value = mask(value)
            level = WARNING if isinstance(msg, Warn) else ERROR
            problems.append(Problem(sheet, rn, col.letter, col.header, value, str(msg), level))
            return level == ERROR

        # Columns with no header cannot be imported: an error once per column, so data
        # typed beside the table is never dropped (the office adds a header or deletes it).
        labelled = {c.index for c in cols.values()} | {c.index for c in table.unmapped}
        labelled |= {ignored.index for ignored, _kept in table.duplicates}
        warned_headerless: set[int] = set()

        for rn, row, section in table.rows():
            counts["rows"] += 1
            bad = 0
            where = base + rn
            if len(warned_headerless) + len(labelled) < len(row):
                for i, raw in enumerate(row):
                    if i not in labelled and i not in warned_headerless and not is_blank(raw):
                        warned_headerless.add(i)
                        problems.append(
                            # numbers in it may be a complainant's: never shown whole
                            Problem(
                                sheet, rn, column_letter(i), "", redact_text(cell_text(raw)), HEADERLESS_DATA, ERROR
                            )
                        )

            raw = row[ref_col.index]
            ref, msg = normalize_ref(raw)
            if msg is not None:
                bad += report(ref_col, raw, msg)
            elif ref is None:
                bad += report(ref_col, raw, REF_MISSING)
            else:
                if pattern is not None and not pattern.fits(ref.text):
                    msg = (
                        REF_PATTERN_MISMATCH.format(example=pattern.example)
                        if pattern.example
                        else REF_PATTERN_MISMATCH_BARE
                    )
                    report(ref_col, raw, Warn(msg))
                first = seen.get(ref.text)
                if first is None:
                    seen[ref.text] = where
                else:
                    first_sheet, first_row = divmod(first, _ROWS_PER_SHEET)
                    if first_sheet == sheet_no:
                        bad += report(ref_col, raw, REF_DUPLICATE.format(row=first_row))
                    else:
                        other = self._sheet_names[first_sheet]
                        bad += report(ref_col, raw, REF_DUPLICATE_SHEET.format(sheet=other, row=first_row))

            raw = row[text_col.index]
            text, msg = clean_text(raw, max_text)
            if msg is not None:
                bad += report(text_col, raw, msg)
            if not text:
                bad += report(text_col, raw, REQUIRED_EMPTY.format(header=text_col.header))

            region_code = None
            within = ""
            if narrow:
                # the row's city narrows a county name two cities share (高新区)
                city_raw = row[city_col.index]  # type: ignore[union-attr]
                if not is_blank(city_raw):
                    within = resolve_region(city_raw)[0] or ""
            for col in region_cols:
                raw = row[col.index]
                if is_blank(raw):
                    continue
                region_code, msg = resolve_region(raw, within)
                if msg is not None:
                    bad += report(col, raw, msg)
                break
            else:
                col = region_cols[0]
                bad += report(col, row[col.index], REQUIRED_EMPTY.format(header=col.header))

            pollution: tuple[str, ...] = ()
            if pollution_col is not None:
                raw = row[pollution_col.index]
                if not is_blank(raw):
                    pollution, msg = parse_pollution(raw)
                    if msg is not None:
                        bad += report(pollution_col, raw, msg)

            channel = None
            if channel_col is not None:
                raw = row[channel_col.index]
                channel, msg = parse_channel(raw)
                if msg is not None:
                    bad += report(channel_col, raw, msg)
            if channel is None:
                if section not in section_channels:
                    section_channels[section] = find_channel(section) or sheet_channel
                channel = section_channels[section]

            accepted_at = None
            if accepted_col is not None:
                raw = row[accepted_col.index]
                if not is_blank(raw):
                    accepted_at, msg = parse_datetime(raw)
                    if msg is not None:
                        bad += report(accepted_col, raw, msg)

            is_key = ref.is_key if ref is not None else False
            if key_col is not None:
                raw = row[key_col.index]
                mark, msg = parse_mark(raw)
                if msg is not None:
                    bad += report(key_col, raw, msg)
                is_key = is_key or bool(mark)

            team_repeat = None
            if repeat_col is not None:
                raw = row[repeat_col.index]
                mark, msg = parse_mark(raw)
                if msg is not None:
                    bad += report(repeat_col, raw, msg)
                team_repeat = bool(mark)

            person: dict[str, str] = {}
            for f, col, mask, cleaner in people:
                if col is None:
                    person[f] = ""
                    continue
                raw = row[col.index]
                if is_blank(raw):
                    person[f] = ""
                    continue
                value, msg = cleaner(raw) if cleaner else clean_text(raw, SHORT_TEXT_MAX)
                if msg is not None:
                    bad += report(col, raw, msg, mask)
                person[f] = value

            results: dict[str, str | None] = {}
            for f, col, parser in handling:
                raw = row[col.index]
                if parser is not None:
                    results[f], msg = parser(raw)
                else:
                    results[f], msg = clean_text(raw, max_text) if not is_blank(raw) else ("", None)
                if msg is not None:
                    bad += report(col, raw, msg)

            if bad:
                continue
            counts["records"] += 1
            yield ComplaintRecord(
                sheet=sheet,
                row=rn,
                ref=ref.text,  # type: ignore[union-attr]
                is_key=is_key,
                channel=channel,
                accepted_at=accepted_at,
                text=text,
                region_code=region_code,  # type: ignore[arg-type]
                pollution_types=pollution,
                team_repeat=team_repeat,
                raw={name: _text(row[i]) for name, i in raw_keys},
                serial=_serial(row[serial_col.index]) if serial_col is not None else None,
                **person,
                **results,  # type: ignore[arg-type]
            )

        for section_row, section_text, declared, actual in table.section_mismatches:
            msg = SECTION_COUNT_MISMATCH.format(declared=declared, actual=actual)
            self.problems.append(Problem(sheet, section_row, "", "", section_text, msg, WARNING))

    def _warn(self, sheet: str, row: int, message: str, col: Column | None = None) -> None:
        column, header = (col.letter, col.header) if col else ("", "")
        self.problems.append(Problem(sheet, row, column, header, "", message, WARNING))

    def _merge_stats(self, table: Table) -> None:
        self.counts["sheets"] += 1
        for key, n in table.stats.items():
            self.counts[key] = self.counts.get(key, 0) + n


def _serial(value: Cell) -> int | None:
    """序号 as a whole number (1, 1.0, "1", " 1 "); anything else is no serial."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and float(value).is_integer() and 0 < value < 10**9:
        return int(value)
    text = str(value).strip() if value is not None else ""
    return int(text) if text.isdigit() and len(text) < 10 else None


def _raw_keys(table: Table) -> list[tuple[str, int]]:
    """(header, index) for the record's `raw` dict; a header used twice gets its letter."""
    cols = sorted([*table.columns.values(), *table.unmapped], key=lambda c: c.index)
    serial = table.columns.get("serial")
    keys: list[tuple[str, int]] = []
    names: set[str] = set()
    for col in cols:
        if col is serial:
            continue
        name = col.header if col.header not in names else f"{col.header}（{col.letter}列）"
        names.add(name)
        keys.append((name, col.index))
    return keys


def parse_complaint_file(
    path: str | os.PathLike[str],
    *,
    regions: Mapping[str, str] | RegionNames,
    region_parents: Iterable[str] = (),
    pollution_types: Mapping[str, str],
    max_text: int = TEXT_MAX,
    ref_scheme: str | RefPattern | None = None,
    history: bool = False,
) -> ComplaintParse:
    """Open a complaint batch file (.xlsx/.xls/.csv…); raises `ParseError` if the file
    cannot be read at all. `regions` is a `RegionNames` (ducha.core.names: names,
    aliases, short forms and the ambiguous ones) or a plain name → code mapping,
    `region_parents` lists names to strip from the front ("湖南省", "湘潭市"),
    `pollution_types` maps synonyms to pollution type codes, and `ref_scheme` (a name
    of `REF_SCHEMES`, a regular expression or a `RefPattern`) is the shape this
    inspection's refs take: a ref that does not fit is a warning at its cell. With
    `history` the file is an earlier round's published table and must have its
    调查核实情况 column."""
    sheets = read_sheets(path)
    return ComplaintParse(
        sheets,
        name=Path(path).name,
        regions=RegionResolver(regions, region_parents),
        pollution_types=PollutionTypes(pollution_types),
        max_text=max_text,
        ref_pattern=ref_pattern(ref_scheme),
        history=history,
    )
