"""The rectification task list (整改任务清单) as cities write it, read into findings and tasks.

A real sheet (row numbers as in Excel):

    1  湘潭市贯彻落实中央第六环境保护督察组督察反馈意见整改任务清单        ← title
    2  序号 | 反馈问题 | 整改目标 | 整改措施 | 责任领导 | 责任单位 | 整改时限
    3  一、共性问题                                                  ← section
    4  1    | 竹埠港…  | 2018年底… | 1.加快… | 张三、李四 | 市生态环境局、岳塘区 | 2018年12月底前
    5  (1)  | (merged) | (merged)  | 2.强化… | (merged)   | 市住建局；市水利局   | 立行立改，长期坚持

- 序号, 反馈问题, 整改目标 and 责任领导 are merged down the rows of their finding;
  `read_sheets` fills merged ranges, and a row that leaves 序号 and 反馈问题 blank
  without merging them continues the finding above.
- 序号 may number the findings (constant within a finding) or the tasks (then the
  findings are numbered in order of appearance); "1-2" / "1.2" is finding 1, task 2;
  a 任务序号 column numbers the tasks, else they are numbered in row order.
- unit cells are split on 、，；and line breaks; the first unit is the lead unit when a
  牵头单位 column holds it, when the header says 牵头 ("牵头单位、责任单位"), when the
  sheet says so in a note ("排在第一位的为牵头单位"), or when a unit is marked （牵头）.
  Every unit must be known: `units` maps a normalised name (see `unit_key`) to an id.
- 整改时限 goes through `parse_deadline`; one that cannot be read is kept as written and
  listed in `needs_review`, never guessed.

Pure Python: never imports Django.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ducha.core.names.units import AMBIGUOUS, COLLECTIVE, UNIT, UnitDirectory

from .cells import Cell, cell_text, is_blank
from .deadlines import Deadline, parse_deadline
from .errors import COLUMN_DUPLICATE, ERROR, WARNING, ParseError, Problem
from .table import Column, FieldSpec, HeaderMatcher, NoTable, Table, find_table, header_key
from .values import clean_text
from .workbook import Sheet, read_sheets

# --- messages (module constants: tests assert the exact text) -----------------------
NO_TASK_TABLE = "文件中没有找到整改任务清单：请确认表头含有“反馈问题”“整改措施”“责任单位”“整改时限”等列"
TASK_SHEET_WITHOUT_TABLE = "该工作表有内容，但没有找到整改任务清单的表头（如“反馈问题”“整改措施”），已跳过"
TASK_COLUMN_MISSING = "缺少必填列“{field}”（可用的列名：{synonyms}）"
FINDING_EMPTY = "反馈问题不能为空"
MEASURES_EMPTY = "整改措施和整改目标不能都为空"
UNITS_EMPTY = "责任单位不能为空"
UNIT_UNKNOWN = "单位“{name}”不在单位名录中：请填写名录中的单位全称或简称，或先在“单位”中新增该单位"
UNIT_AMBIGUOUS = "单位“{name}”可能是{candidates}，请写明全称"
SERIAL_UNREADABLE = "无法识别的序号，请填写数字（如 1、1-2）"
TASK_DUPLICATE = "问题{finding}的任务{task}与第{row}行重复"
FINDING_NUMBER_REUSED = "序号{finding}已用于第{row}行的另一个反馈问题"
DEADLINE_UNREADABLE = "整改时限无法识别，已按原文保存，请人工确定完成时限"
DEADLINE_EMPTY = "整改时限为空，请人工确定完成时限"
NO_TASK_ROWS = "整改任务清单只有表头，没有任务行"

TASK_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("serial", "序号", ("问题序号", "问题编号", "编号", "序", "序列")),
    FieldSpec("task_no", "任务序号", ("任务编号", "子序号", "措施序号", "任务号", "分项序号")),
    FieldSpec(
        "finding",
        "反馈问题",
        (
            "督察反馈问题",
            "督察反馈的问题",
            "反馈意见",
            "督察反馈意见",
            "反馈的问题",
            "问题",
            "存在问题",
            "存在的问题",
            "主要问题",
            "突出问题",
            "问题描述",
            "问题清单",
            "整改问题",
            "反馈意见指出的问题",
            "督察反馈意见指出的问题",
            "具体问题",
        ),
    ),
    FieldSpec("target", "整改目标", ("目标", "整改要求", "整改目标要求", "工作目标")),
    FieldSpec("measures", "整改措施", ("措施", "主要措施", "具体措施", "整改任务", "整改举措", "工作措施", "主要任务")),
    FieldSpec(
        "leader",
        "责任领导",
        (
            "市领导联点",
            "联点市领导",
            "联系市领导",
            "牵头市领导",
            "责任市领导",
            "牵头领导",
            "责任领导（市领导联点）",
            "市级责任领导",
            "联点领导",
            "领导",
        ),
    ),
    FieldSpec("units", "责任单位", ("整改责任单位", "承办单位", "责任部门", "责任主体", "整改单位", "实施单位")),
    FieldSpec(
        "units_lead_first",
        "牵头单位、责任单位",
        (
            "牵头单位/责任单位",
            "牵头单位及责任单位",
            "牵头单位和责任单位",
            "牵头及责任单位",
            "牵头和责任单位",
            "牵头单位（责任单位）",
            "责任单位（牵头单位）",
            "牵头单位、配合单位",
            "牵头单位/配合单位",
            "牵头单位及配合单位",
        ),
    ),
    FieldSpec("lead_units", "牵头单位", ("牵头部门", "牵头责任单位", "主责单位", "牵头")),
    FieldSpec("support_units", "配合单位", ("配合部门", "协办单位", "协同单位", "参与单位", "协助单位", "配合")),
    FieldSpec(
        "deadline",
        "整改时限",
        ("完成时限", "时限", "整改期限", "完成时间", "时间要求", "整改时间", "时限要求", "完成期限", "整改完成时限"),
    ),
)
UNIT_FIELDS = ("units", "units_lead_first", "lead_units", "support_units")
LABELS = {f.name: f.label for f in TASK_FIELDS}

# A note or a header that says the first unit leads: "排名第一的为牵头单位",
# "第一个单位为牵头单位", "责任单位（排首位的为牵头单位）", "首位单位牵头".
_LEAD_FIRST = re.compile(
    r"(?:第一|首位|排首|排在首|第1|前面|首个)[^。；;\n]{0,8}牵头|牵头[^。；;\n]{0,6}(?:排在?第一|排首位|列首位)"
)
_UNIT_SPLIT = re.compile(r"[、,，;；\r\n]+")
_LEAD_MARK = re.compile(r"[（(]\s*(?:牵头|牵头单位|主责|总牵头)\s*[)）]")
_OTHER_MARK = re.compile(r"[（(]\s*(?:配合|配合单位|协办|参与)\s*[)）]")
_SUFFIX = re.compile(r"(?<=[局委办院部队处厅府会司中心区县市])(牵头|配合|参与|协办|等)$")
_LABEL = re.compile(r"(牵头单位|牵头部门|牵头|责任单位|配合单位|配合部门|配合|协办单位|参与单位)\s*[:：]")
_SERIAL_PAIR = re.compile(r"^\s*(\d+)\s*[-－—.．_、]\s*(\d+)\s*$")
_DIGITS = re.compile(r"\d+")
_CN_NUMBER = re.compile(r"[一二三四五六七八九十百两零〇]+")
_CN = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_TITLE_END = re.compile(r"[。；;\n]")
TITLE_MAX = 80


def unit_key(name: str) -> str:
    """How a unit name is compared: NFKC (全角 → 半角, （）→ ()), no whitespace."""
    return "".join(unicodedata.normalize("NFKC", name).split())


@dataclass(frozen=True)
class UnitRef:
    id: int
    lead: bool
    via: str = ""  # the collective name (各县市区人民政府) that brought this member in


@dataclass
class UnknownUnit:
    """A unit name the directory does not hold, where it was written, and the known
    units closest to it (for a screen to offer, or for --add-units to add)."""

    name: str
    places: list[tuple[str, int, str]] = field(default_factory=list)  # (sheet, row, column)
    suggestions: tuple[tuple[int, str], ...] = ()


@dataclass
class TaskRecord:
    sheet: str
    row: int
    finding_number: int
    task_number: int
    finding_text: str
    target: str
    measures: str
    leader: str
    units: list[UnitRef]  # in the order written, the lead unit(s) first
    units_raw: str
    deadline: Deadline

    @property
    def lead_unit_id(self) -> int | None:
        """The lead unit: a collective leads as itself, never as its first member."""
        leads = [u for u in self.units if u.lead]
        first = next((u.id for u in leads if not u.via), leads[0].id if leads else None)
        return first if first is not None else (self.units[0].id if self.units else None)


@dataclass
class FindingRecord:
    number: int
    text: str
    title: str
    leader: str
    row: int
    sheet: str
    tasks: list[TaskRecord] = field(default_factory=list)


@dataclass
class _Row:
    sheet: str
    rn: int
    section: str | None
    values: dict[str, Cell]
    columns: dict[str, Column]
    lead_first: bool


class TaskParse:
    """Result of reading a task list: `findings` (each with its `tasks`), `problems`,
    `needs_review` (tasks whose deadline must be settled by a person), `mapping`, `meta`."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.findings: list[FindingRecord] = []
        self.problems: list[Problem] = []
        self.needs_review: list[dict] = []
        self.mapping: list[dict[str, str | None]] = []
        self.meta: dict[str, object] = {}
        self.unknown_units: dict[str, UnknownUnit] = {}

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == WARNING]

    @property
    def only_unknown_units(self) -> bool:
        """Every error is a unit missing from the directory (so adding them would do)."""
        errors = self.errors
        return bool(errors) and all(p.message == UNIT_UNKNOWN.format(name=p.value) for p in errors)

    @property
    def tasks(self) -> list[TaskRecord]:
        return [t for f in self.findings for t in f.tasks]


class _Matcher(HeaderMatcher):
    """Synonyms first; then the words a header is built from (责任单位（排名第一的为牵头单位）)."""

    def match(self, value: Cell) -> str | None:
        found = super().match(value)
        if found is not None or value.__class__ is not str:
            return found
        k = header_key(value)
        if not k or len(k) > 30:
            return None
        if "单位" in k or "部门" in k:
            if "配合" in k or "协办" in k or "参与" in k:
                return "support_units" if "牵头" not in k else "units_lead_first"
            if "牵头" in k:
                return "units_lead_first" if ("责任" in k or _LEAD_FIRST.search(k)) else "lead_units"
            if "责任" in k:
                return "units"
        if "时限" in k or "完成时间" in k:
            return "deadline"
        if "领导" in k:
            return "leader"
        if "措施" in k:
            return "measures"
        if "目标" in k:
            return "target"
        if "反馈" in k and "问题" in k:
            return "finding"
        return None


def parse_task_file(
    path: str | os.PathLike[str],
    *,
    units: Mapping[str, int] | UnitDirectory,
    groups: Mapping[str, Iterable[int]] | None = None,
) -> TaskParse:
    """Read a whole task list (they are small: a few hundred rows at most).

    `units`: the city's `UnitDirectory` (ducha.core.names: every name a unit goes by,
    its collectives, suggestions for unknown names), or a plain table of names
    (`unit_key`) → unit id with `groups`, collective names → ids.
    Raises `ParseError` when the file cannot be read or holds no task list."""
    p = Path(path)
    result = TaskParse(p.name)
    rows = _read_rows(read_sheets(p), result)
    directory = units if isinstance(units, UnitDirectory) else UnitDirectory.from_names(dict(units), dict(groups or {}))
    _Builder(result, directory).build(rows)
    if not result.findings and not result.errors:
        # a header and nothing under it: an import of nothing is a mistake
        result.problems.append(Problem(result.name, 0, "", "", "", NO_TASK_ROWS))
    return result


def _read_rows(sheets: Iterable[Sheet], result: TaskParse) -> list[_Row]:
    matcher = _Matcher(TASK_FIELDS)
    rows: list[_Row] = []
    usable = 0
    missing: Problem | None = None
    for sheet in sheets:
        # The anchor is the task's own text: every task row has it, section titles are
        # single-valued rows, and a continuation row (序号 blank) is still data.
        found = find_table(sheet, matcher, anchor="measures")
        if found is None:
            continue
        if isinstance(found, NoTable):
            result.problems.append(Problem(found.sheet, found.first_row, "", "", "", TASK_SHEET_WITHOUT_TABLE, WARNING))
            continue
        if "measures" not in found.columns and "target" in found.columns:
            found._anchor = "target"
        problem = _check_columns(found, result, matcher)
        if problem is not None:
            missing = missing or problem
            continue
        usable += 1
        header_text = " ".join(c.header for c in found.columns.values())
        preamble = "\n".join(str(x) for x in found.meta.get("preamble", []))  # type: ignore[union-attr]
        sheet_rows: list[_Row] = []
        for rn, row, section in found.rows():
            values = {f: row[col.index] if col.index < len(row) else "" for f, col in found.columns.items()}
            sheet_rows.append(_Row(found.sheet, rn, section, values, found.columns, False))
        notes = "\n".join(str(x) for x in found.meta.get("notes", []))  # type: ignore[union-attr]
        lead_first = bool(_LEAD_FIRST.search(header_text) or _LEAD_FIRST.search(preamble) or _LEAD_FIRST.search(notes))
        lead_first = lead_first or "units_lead_first" in found.columns
        for r in sheet_rows:
            r.lead_first = lead_first
        rows.extend(sheet_rows)
        if not result.meta.get("title"):
            result.meta["title"] = found.meta.get("title", "")
    if not usable:
        problem = missing or Problem(result.name, 0, "", "", "", NO_TASK_TABLE)
        if missing is None:
            result.problems.append(problem)
        raise ParseError(problem)
    return rows


def _check_columns(table: Table, result: TaskParse, matcher: HeaderMatcher) -> Problem | None:
    cols = table.columns
    for f, col in cols.items():
        result.mapping.append({"sheet": table.sheet, "field": f, "header": col.header, "column": col.letter})
    for col in table.unmapped:
        result.mapping.append({"sheet": table.sheet, "field": None, "header": col.header, "column": col.letter})
    for ignored, kept in table.duplicates:
        msg = COLUMN_DUPLICATE.format(first=kept.letter, first_header=kept.header)
        result.problems.append(
            Problem(table.sheet, table.header_rows[-1], ignored.letter, ignored.header, "", msg, WARNING)
        )
    first_missing = None
    for group in (("finding",), ("measures", "target"), UNIT_FIELDS, ("deadline",)):
        if not any(f in cols for f in group):
            spec = matcher.fields[group[0]]
            msg = TASK_COLUMN_MISSING.format(field=spec.label, synonyms="、".join((spec.label, *spec.synonyms)))
            problem = Problem(table.sheet, table.header_rows[-1], "", "", "", msg)
            result.problems.append(problem)
            first_missing = first_missing or problem
    return first_missing


def _cn_int(text: str) -> int | None:
    total, current = 0, 0
    for ch in text:
        if ch in _CN:
            current = _CN[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def parse_serial(value: Cell) -> tuple[int | None, int | None, bool]:
    """序号 → (number, second number of "1-2", readable). Blank is (None, None, True)."""
    if is_blank(value):
        return None, None, True
    if value.__class__ in (int, float) and value == int(value) and value > 0:
        return int(value), None, True
    text = unicodedata.normalize("NFKC", cell_text(value)).strip()
    if m := _SERIAL_PAIR.match(text):
        return int(m[1]), int(m[2]), True
    if m := _DIGITS.search(text):
        if len(_DIGITS.findall(text)) == 1:
            return int(m[0]), None, True
    if m := _CN_NUMBER.search(text):
        n = _cn_int(m[0])
        if n:
            return n, None, True
    return None, None, False


def finding_title(text: str) -> str:
    """The first sentence of a finding, as its short name in lists."""
    first = _TITLE_END.split(text.strip(), maxsplit=1)[0].strip()
    return first if len(first) <= TITLE_MAX else first[: TITLE_MAX - 1] + "…"


class _Builder:
    def __init__(self, result: TaskParse, directory: UnitDirectory) -> None:
        self.result = result
        self.directory = directory

    def problem(self, row: _Row, field_name: str | None, raw: Cell, message: str, level: str = ERROR) -> None:
        col = row.columns.get(field_name) if field_name else None
        self.result.problems.append(
            Problem(
                row.sheet,
                row.rn,
                col.letter if col else "",
                col.header if col else "",
                cell_text(raw) if raw is not None else "",
                message,
                level,
            )
        )

    def build(self, rows: list[_Row]) -> None:
        rows = self._continue(rows)
        numbered = self._number(rows)
        findings: dict[int, FindingRecord] = {}
        seen_tasks: dict[tuple[int, int], int] = {}
        for row, fnum, tnum in numbered:
            record = self._task(row, fnum, tnum)
            if record is None:
                continue
            finding = findings.get(fnum)
            if finding is None:
                finding = FindingRecord(
                    fnum, record.finding_text, finding_title(record.finding_text), "", row.rn, row.sheet
                )
                findings[fnum] = finding
            elif finding.text != record.finding_text:
                self.problem(
                    row,
                    "finding",
                    row.values.get("finding"),
                    FINDING_NUMBER_REUSED.format(finding=fnum, row=finding.row),
                )
                continue
            key = (fnum, record.task_number)
            if key in seen_tasks:
                self.problem(
                    row,
                    "task_no" if "task_no" in row.columns else "serial",
                    row.values.get("task_no", row.values.get("serial")),
                    TASK_DUPLICATE.format(finding=fnum, task=record.task_number, row=seen_tasks[key]),
                )
                continue
            seen_tasks[key] = row.rn
            finding.tasks.append(record)
        for finding in findings.values():
            leaders: list[str] = []
            for t in finding.tasks:
                if t.leader and t.leader not in leaders:
                    leaders.append(t.leader)
            finding.leader = "、".join(leaders)
        self.result.findings = sorted(findings.values(), key=lambda f: f.number)

    def _continue(self, rows: list[_Row]) -> list[_Row]:
        """A row with 序号 and 反馈问题 blank goes on with the finding above (cities often
        leave the cells empty instead of merging them): fill what the finding shares."""
        previous: _Row | None = None
        for row in rows:
            v = row.values
            if previous is not None and is_blank(v.get("serial")) and is_blank(v.get("finding")):
                for f in ("serial", "finding", "target", "leader"):
                    if f in v and is_blank(v[f]):
                        v[f] = previous.values.get(f, "")
            previous = row
        return rows

    def _number(self, rows: list[_Row]) -> list[tuple[_Row, int, int | None]]:
        """(row, finding number, task number or None) per row; see the module docstring."""
        parsed = []
        for row in rows:
            n, m, ok = parse_serial(row.values.get("serial"))
            if not ok:
                self.problem(row, "serial", row.values.get("serial"), SERIAL_UNREADABLE)
            parsed.append((n, m))
        texts = [cell_text(r.values.get("finding", "")).strip() for r in rows]
        # Does 序号 number the findings? It does when it never changes inside a run of
        # rows with the same 反馈问题 (merged 序号 beside merged 反馈问题).
        by_finding = any(n is not None for n, _ in parsed)
        for i in range(1, len(rows)):
            if texts[i] and texts[i] == texts[i - 1] and parsed[i][1] is None and parsed[i - 1][1] is None:
                if parsed[i][0] is not None and parsed[i][0] != parsed[i - 1][0]:
                    by_finding = False
                    break
        out: list[tuple[_Row, int, int | None]] = []
        run = 0
        last_text = None
        for row, text, (n, m) in zip(rows, texts, parsed, strict=True):
            if text != last_text:
                run += 1
                last_text = text
            if m is not None:
                out.append((row, n, m))  # type: ignore[arg-type]
            elif by_finding and n is not None:
                out.append((row, n, None))
            else:
                out.append((row, run, None))
        # tasks numbered by 任务序号, else in row order within their finding
        counters: dict[int, int] = {}
        numbered = []
        for row, fnum, tnum in out:
            counters[fnum] = counters.get(fnum, 0) + 1
            if tnum is None and "task_no" in row.values:
                t, _, ok = parse_serial(row.values["task_no"])
                if not ok:
                    self.problem(row, "task_no", row.values["task_no"], SERIAL_UNREADABLE)
                tnum = t
            numbered.append((row, fnum, tnum if tnum is not None else counters[fnum]))
        return numbered

    def _text(self, row: _Row, name: str) -> str:
        raw = row.values.get(name)
        if raw is None or is_blank(raw):
            return ""
        text, msg = clean_text(raw)
        if msg is not None:
            self.problem(row, name, raw, str(msg), WARNING if msg.__class__ is not str else ERROR)
        return text

    def _task(self, row: _Row, fnum: int, tnum: int) -> TaskRecord | None:
        bad = False
        finding_text = self._text(row, "finding")
        if not finding_text:
            self.problem(row, "finding", row.values.get("finding"), FINDING_EMPTY)
            bad = True
        target, measures = self._text(row, "target"), self._text(row, "measures")
        if not target and not measures:
            self.problem(row, "measures" if "measures" in row.columns else "target", "", MEASURES_EMPTY)
            bad = True
        units, units_raw, units_bad = self._units(row)
        bad = bad or units_bad
        leader = " ".join(self._text(row, "leader").split())
        raw_deadline = row.values.get("deadline")
        deadline = parse_deadline(raw_deadline if not is_blank(raw_deadline) else None)
        if deadline.needs_review:
            message = DEADLINE_UNREADABLE if deadline.raw else DEADLINE_EMPTY
            self.problem(row, "deadline", raw_deadline, message, WARNING)
            if not bad:
                self.result.needs_review.append(
                    {"finding": fnum, "task": tnum, "raw": deadline.raw, "row": row.rn, "sheet": row.sheet}
                )
        if bad:
            return None
        return TaskRecord(
            sheet=row.sheet,
            row=row.rn,
            finding_number=fnum,
            task_number=tnum,
            finding_text=finding_text,
            target=target,
            measures=measures,
            leader=leader,
            units=units,
            units_raw=units_raw,
            deadline=deadline,
        )

    def _units(self, row: _Row) -> tuple[list[UnitRef], str, bool]:
        """Every unit of the row's unit columns, the lead unit(s) first."""
        lead: list[tuple[int, str]] = []
        others: list[tuple[int, str]] = []
        seen: set[int] = set()
        raws: list[str] = []
        bad = False
        for name in UNIT_FIELDS:
            if name not in row.columns:
                continue
            raw = row.values.get(name)
            if is_blank(raw):
                continue
            text = cell_text(raw).strip()
            raws.append(text)
            first_leads = name == "lead_units" or (name in ("units", "units_lead_first") and row.lead_first)
            if name == "units" and "lead_units" in row.columns and not is_blank(row.values.get("lead_units")):
                first_leads = False  # 牵头单位 has its own column: these are the others
            for part, role in _unit_parts(text):
                found = self._resolve(row, name, part)
                if found is None:
                    bad = True
                    continue
                if role == "lead" or (role is None and name == "lead_units"):
                    target = lead
                elif role == "other" or name == "support_units":
                    target = others
                elif first_leads and not lead and not others:
                    target = lead
                else:
                    target = others
                for ref in found:
                    if ref[0] not in seen:
                        seen.add(ref[0])
                        target.append(ref)
        if not raws:
            col = next((c for c in UNIT_FIELDS if c in row.columns), None)
            self.problem(row, col, "", UNITS_EMPTY)
            return [], "", True
        refs = [UnitRef(i, True, via) for i, via in lead] + [UnitRef(i, False, via) for i, via in others]
        return refs, "\n".join(raws), bad

    def _resolve(self, row: _Row, column: str, part: str) -> list[tuple[int, str]] | None:
        """(unit id, collective name or "") for one written name; None after filing
        the problem (unknown, or two units could be meant)."""
        match = self.directory.resolve(part)
        if match.kind == UNIT:
            return [(match.ids[0], "")]
        if match.kind == COLLECTIVE:
            c = match.collective
            assert c is not None
            own = [(c.unit_id, "")] if c.unit_id is not None else []
            return own + [(i, c.name) for i in c.members]
        if match.kind == AMBIGUOUS:
            names = "或".join(f"“{self.directory.label(i)}”" for i in match.ids)
            self.problem(row, column, part, UNIT_AMBIGUOUS.format(name=part, candidates=names))
            return None
        self.problem(row, column, part, UNIT_UNKNOWN.format(name=part))
        col = row.columns.get(column)
        unknown = self.result.unknown_units.get(part)
        if unknown is None:
            unknown = self.result.unknown_units[part] = UnknownUnit(part, suggestions=match.suggestions)
        unknown.places.append((row.sheet, row.rn, col.letter if col else ""))
        return None


def _unit_parts(text: str) -> list[tuple[str, str | None]]:
    """ "牵头单位：市生态环境局；配合单位：市水利局、岳塘区" → [(name, "lead"|"other"|None)]."""
    out: list[tuple[str, str | None]] = []
    role: str | None = None
    pieces = _LABEL.split(text)
    # split with a capture group: [before, label, after, label, after, …]
    chunks: list[tuple[str | None, str]] = [(None, pieces[0])]
    for i in range(1, len(pieces), 2):
        label = pieces[i]
        chunks.append(("lead" if "牵头" in label else "other" if label != "责任单位" else None, pieces[i + 1]))
    for role, chunk in chunks:
        for part in _UNIT_SPLIT.split(chunk):
            part = part.strip().strip("。.")
            if not part:
                continue
            mark = role
            if _LEAD_MARK.search(part):
                mark, part = "lead", _LEAD_MARK.sub("", part).strip()
            elif _OTHER_MARK.search(part):
                mark, part = "other", _OTHER_MARK.sub("", part).strip()
            elif m := _SUFFIX.search(part):  # 市生态环境局牵头 / 市水利局配合 / 市住建局等
                word = m.group(1)
                mark = "lead" if word == "牵头" else "other" if word in ("配合", "参与", "协办") else mark
                part = part[: m.start()].strip()
            if part:
                out.append((part, mark))
    return out
