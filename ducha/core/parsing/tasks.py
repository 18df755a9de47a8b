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
from collections.abc import Iterable, Mapping
from pathlib import Path

from ducha.core.names.units import UnitDirectory

from .cells import Cell
from .errors import COLUMN_DUPLICATE, WARNING, ParseError, Problem
from .table import FieldSpec, HeaderMatcher, NoTable, Table, find_table, header_key
from .task_records import (  # noqa: F401  (re-exported: callers import them from here)
    DEADLINE_EMPTY,
    DEADLINE_UNREADABLE,
    FINDING_EMPTY,
    FINDING_NUMBER_REUSED,
    MEASURES_EMPTY,
    NO_TASK_ROWS,
    NO_TASK_TABLE,
    SERIAL_UNREADABLE,
    TASK_COLUMN_MISSING,
    TASK_DUPLICATE,
    TASK_SHEET_WITHOUT_TABLE,
    UNIT_AMBIGUOUS,
    UNIT_FIELDS,
    UNIT_UNKNOWN,
    UNITS_EMPTY,
    FindingRecord,
    TaskParse,
    TaskRecord,
    UnitRef,
    UnknownUnit,
    _Row,
    unit_key,
)
from .task_rows import TITLE_MAX, _Builder, finding_title, parse_serial  # noqa: F401
from .workbook import Sheet, read_sheets

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
LABELS = {f.name: f.label for f in TASK_FIELDS}

# A note or a header that says the first unit leads: "排名第一的为牵头单位",
# "第一个单位为牵头单位", "责任单位（排首位的为牵头单位）", "首位单位牵头".
_LEAD_FIRST = re.compile(
    r"(?:第一|首位|排首|排在首|第1|前面|首个)[^。；;\n]{0,8}牵头|牵头[^。；;\n]{0,6}(?:排在?第一|排首位|列首位)"
)


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
