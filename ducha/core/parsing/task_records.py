"""The records a task list is read into (findings, tasks, their units) and the
messages its problems carry; `tasks.parse_task_file` fills them.

Pure Python: never imports Django.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from .cells import Cell
from .deadlines import Deadline
from .errors import ERROR, WARNING, Problem
from .table import Column

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

UNIT_FIELDS = ("units", "units_lead_first", "lead_units", "support_units")


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
