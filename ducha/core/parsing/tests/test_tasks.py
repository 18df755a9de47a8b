"""Reading a 整改任务清单 as cities write it: merged cells, mixed separators, odd deadlines.

`write_task_list` builds the file at test time (never commit generated files); the
rectification tests reuse it with the same specs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import xlsxwriter

from ducha.core.parsing.deadlines import DEADLINE, IMMEDIATE, ONGOING
from ducha.core.parsing.errors import ParseError
from ducha.core.parsing.tasks import (
    DEADLINE_UNREADABLE,
    FINDING_NUMBER_REUSED,
    NO_TASK_TABLE,
    UNIT_UNKNOWN,
    finding_title,
    parse_serial,
    parse_task_file,
)

# --- the file ---------------------------------------------------------------------

UNITS = {
    "湘潭市生态环境局": 1,
    "市生态环境局": 1,
    "湘潭市住房和城乡建设局": 2,
    "市住建局": 2,
    "湘潭市水利局": 3,
    "市水利局": 3,
    "岳塘区人民政府": 4,
    "岳塘区": 4,
    "雨湖区人民政府": 5,
    "雨湖区": 5,
    "湘潭市农业农村局": 6,
    "市农业农村局": 6,
}
GROUPS = {"各县市区人民政府": [4, 5]}


@dataclass
class TaskSpec:
    measures: str
    units: str  # as written in the cell
    deadline: object  # text, or a date for an Excel date cell
    expect_units: tuple[int, ...]  # ids, lead first
    target: str | None = None  # None: the finding's target (merged)


@dataclass
class FindingSpec:
    text: str
    target: str
    leader: str
    tasks: list[TaskSpec] = field(default_factory=list)


FINDINGS: list[FindingSpec] = [
    FindingSpec(
        "竹埠港地区重金属污染历史遗留问题突出，部分地块治理修复进度滞后。遗留废渣未完全处置。",
        "2019年底前完成竹埠港地区污染地块治理修复",
        "陈建国",
        [
            TaskSpec("1.制定竹埠港片区土壤治理修复实施方案", "市生态环境局、岳塘区", "2018年12月底前", (1, 4)),
            TaskSpec("2.加快推进遗留废渣处置", "岳塘区人民政府；市生态环境局", "2019年6月30日", (4, 1)),
            TaskSpec("3.建立污染地块联动监管机制", "市生态环境局\n市住建局", "立行立改，长期坚持", (1, 2)),
        ],
    ),
    FindingSpec(
        "城区黑臭水体整治不力，污水管网建设滞后。",
        "黑臭水体基本消除",
        "陈建国、刘志仁",
        [
            TaskSpec("完成雨湖区污水管网改造", "雨湖区，市住建局", dt.date(2019, 9, 30), (5, 2)),
            TaskSpec("开展汛期前清淤", "市水利局", "2019年汛期前", (3,), target="汛期前完成清淤"),
        ],
    ),
    FindingSpec(
        "畜禽养殖污染问题依然存在。",
        "禁养区内养殖场全部关闭退出",
        "王立新",
        [
            TaskSpec(
                "关闭退出禁养区养殖场",
                "市农业农村局（牵头）、各县市区人民政府",
                "2019年3月底前完成，长期坚持",
                (6, 4, 5),
            ),
        ],
    ),
]


@dataclass
class TaskListFile:
    path: Path
    findings: list[FindingSpec]


def write_task_list(path: Path, findings: list[FindingSpec] | None = None, *, layout: str = "merged") -> TaskListFile:
    """A task list the way 湘潭 writes it.

    layout "merged": a merged title, a line above the header saying the first unit
    leads, one 责任单位 column, a section row, 序号/反馈问题/整改目标/责任领导 merged
    down each finding, an Excel date cell, a 注： footnote and a signature row.
    layout "blank": the same without merges; the finding's cells are left blank below.
    """
    findings = FINDINGS if findings is None else findings
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("整改任务清单")
    wrap = book.add_format({"text_wrap": True, "valign": "vcenter"})
    date_fmt = book.add_format({"num_format": "yyyy年m月d日", "valign": "vcenter"})
    headers = ["序号", "反馈问题", "整改目标", "整改措施", "责任领导\n（市领导联点）", "责任单位", "整改时限"]
    sheet.merge_range(0, 0, 0, len(headers) - 1, "湘潭市贯彻落实中央第六环境保护督察组督察反馈意见整改任务清单", wrap)
    sheet.write_string(1, 5, "（责任单位排在第一位的为牵头单位）")
    for c, h in enumerate(headers):
        sheet.write_string(2, c, h, wrap)
    sheet.merge_range(3, 0, 3, len(headers) - 1, "一、生态环境突出问题", wrap)
    r = 4
    for number, f in enumerate(findings, start=1):
        first, last = r, r + len(f.tasks) - 1
        for t in f.tasks:
            sheet.write_string(r, 3, t.measures, wrap)
            sheet.write_string(r, 5, t.units, wrap)
            if isinstance(t.deadline, dt.date):
                sheet.write_datetime(r, 6, dt.datetime.combine(t.deadline, dt.time()), date_fmt)
            else:
                sheet.write_string(r, 6, str(t.deadline), wrap)
            if t.target is not None or any(o.target is not None for o in f.tasks):
                sheet.write_string(r, 2, t.target if t.target is not None else f.target, wrap)
            r += 1
        own_target = any(t.target is not None for t in f.tasks)
        columns = [(0, number), (1, f.text), (4, f.leader)] + ([] if own_target else [(2, f.target)])
        for c, value in columns:
            if layout == "merged" and last > first:
                sheet.merge_range(first, c, last, c, value, wrap)
            elif isinstance(value, int):
                sheet.write_number(first, c, value)
            else:
                sheet.write_string(first, c, value, wrap)
    r += 1
    sheet.merge_range(r, 0, r, len(headers) - 1, "注：整改时限以市委、市政府批准的整改方案为准。", wrap)
    sheet.write_string(r + 1, 0, "填报单位：湘潭市生态环境保护委员会办公室")
    book.close()
    return TaskListFile(path, findings)


def expected_rows(findings: list[FindingSpec] | None = None):
    """(finding number, task number, finding text, target, leader, units, deadline raw)."""
    for fn, f in enumerate(FINDINGS if findings is None else findings, start=1):
        for tn, t in enumerate(f.tasks, start=1):
            yield fn, tn, f, t


# --- the tests ----------------------------------------------------------------------


@pytest.fixture
def parsed(tmp_path):
    return parse_task_file(write_task_list(tmp_path / "整改任务清单.xlsx").path, units=UNITS, groups=GROUPS)


def test_reads_every_finding_and_task(parsed):
    assert parsed.errors == []
    assert [f.number for f in parsed.findings] == [1, 2, 3]
    assert [len(f.tasks) for f in parsed.findings] == [3, 2, 1]


@pytest.mark.parametrize("layout", ["merged", "blank"])
def test_merged_and_blank_finding_cells_reach_every_task(tmp_path, layout):
    result = parse_task_file(write_task_list(tmp_path / "t.xlsx", layout=layout).path, units=UNITS, groups=GROUPS)
    assert result.errors == []
    tasks = {(t.finding_number, t.task_number): t for t in result.tasks}
    for fn, tn, f, spec in expected_rows():
        task = tasks[(fn, tn)]
        assert task.finding_text == f.text
        assert task.leader == f.leader
        assert task.target == (spec.target if spec.target is not None else f.target)
        assert task.measures == spec.measures
        assert tuple(u.id for u in task.units) == spec.expect_units


def test_first_unit_leads_when_the_sheet_says_so(parsed):
    task = parsed.findings[0].tasks[1]
    assert [(u.id, u.lead) for u in task.units] == [(4, True), (1, False)]


def test_a_unit_marked_lead_leads_and_a_group_expands(parsed):
    task = parsed.findings[2].tasks[0]
    assert task.lead_unit_id == 6
    assert [u.id for u in task.units] == [6, 4, 5]


def test_deadlines_are_read_into_kinds_and_dates(parsed):
    tasks = {(t.finding_number, t.task_number): t.deadline for t in parsed.tasks}
    assert (tasks[1, 1].kinds, tasks[1, 1].due) == ((DEADLINE,), dt.date(2018, 12, 31))
    assert (tasks[1, 3].kinds, tasks[1, 3].due) == ((IMMEDIATE, ONGOING), None)
    assert (tasks[2, 1].kinds, tasks[2, 1].due) == ((DEADLINE,), dt.date(2019, 9, 30))
    assert (tasks[3, 1].kinds, tasks[3, 1].due) == ((DEADLINE, ONGOING), dt.date(2019, 3, 31))


def test_an_unreadable_deadline_is_kept_as_written_and_listed(parsed):
    assert parsed.needs_review == [{"finding": 2, "task": 2, "raw": "2019年汛期前", "row": 9, "sheet": "整改任务清单"}]
    task = parsed.findings[1].tasks[1]
    assert (task.deadline.raw, task.deadline.due, task.deadline.kinds) == ("2019年汛期前", None, ())
    warning = next(p for p in parsed.warnings if p.column == "G")
    assert (warning.row, warning.value, warning.message) == (9, "2019年汛期前", DEADLINE_UNREADABLE)


def test_an_unknown_unit_is_a_located_error(tmp_path):
    spec = [FindingSpec("问题", "目标", "陈建国", [TaskSpec("措施", "市生态环境局、市环保局", "2019年底前", ())])]
    result = parse_task_file(write_task_list(tmp_path / "t.xlsx", spec).path, units=UNITS)
    [error] = result.errors
    assert (error.sheet, error.row, error.column, error.header, error.value) == (
        "整改任务清单",
        5,
        "F",
        "责任单位",
        "市环保局",
    )
    assert error.message == UNIT_UNKNOWN.format(name="市环保局")
    assert result.tasks == []


def test_serial_numbering_tasks_numbers_findings_by_their_text(tmp_path):
    path = tmp_path / "t.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    for c, h in enumerate(["序号", "督察反馈问题", "整改措施", "牵头单位", "配合单位", "完成时限"]):
        sheet.write_string(0, c, h)
    rows = [
        (1, "问题甲", "措施一", "市水利局", "雨湖区、岳塘区", "2019年底前"),
        (2, "问题甲", "措施二", "市住建局", "", "立行立改"),
        (3, "问题乙", "措施三", "市水利局", "市住建局", "长期坚持"),
    ]
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row):
            sheet.write(r, c, v)
    book.close()
    result = parse_task_file(path, units=UNITS)
    assert result.errors == []
    assert [(t.finding_number, t.task_number) for t in result.tasks] == [(1, 1), (1, 2), (2, 1)]
    assert [(u.id, u.lead) for u in result.tasks[0].units] == [(3, True), (5, False), (4, False)]


def test_a_finding_number_used_twice_for_different_problems_is_an_error(tmp_path):
    path = tmp_path / "t.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    for c, h in enumerate(["序号", "反馈问题", "整改措施", "责任单位", "整改时限"]):
        sheet.write_string(0, c, h)
    for r, row in enumerate([(1, "问题甲", "措施一"), (1, "问题乙", "措施二")], start=1):
        for c, v in enumerate(row):
            sheet.write(r, c, v)
        sheet.write(r, 3, "市水利局")
        sheet.write(r, 4, "2019年底前")
    book.close()
    # the two rows differ in text but not in 序号: 序号 numbers findings, and 1 is reused
    result = parse_task_file(path, units=UNITS)
    assert [e.message for e in result.errors] == [FINDING_NUMBER_REUSED.format(finding=1, row=2)]


def test_a_file_without_a_task_table_is_refused(tmp_path):
    path = tmp_path / "t.xlsx"
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet().write_string(0, 0, "无关内容")
    book.close()
    with pytest.raises(ParseError) as caught:
        parse_task_file(path, units=UNITS)
    assert caught.value.message == NO_TASK_TABLE


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(1, (1, None, True)), (2.0, (2, None, True)), ("3", (3, None, True)), ("（四）", (4, None, True)),
     ("1-2", (1, 2, True)), ("2.3", (2, 3, True)), ("", (None, None, True)), ("甲", (None, None, False))],
)  # fmt: skip
def test_reads_serials(raw, expected):
    assert parse_serial(raw) == expected


def test_a_finding_title_is_its_first_sentence():
    assert finding_title("城区黑臭水体整治不力。污水管网建设滞后。") == "城区黑臭水体整治不力"


def test_lead_and_support_words_after_a_unit_name_are_read(tmp_path):
    spec = [
        FindingSpec(
            "问题", "目标", "陈建国", [TaskSpec("措施", "市水利局配合，市住建局牵头，雨湖区等", "2019年底前", ())]
        )
    ]
    result = parse_task_file(write_task_list(tmp_path / "t.xlsx", spec).path, units=UNITS)
    assert result.errors == []
    assert [(u.id, u.lead) for u in result.tasks[0].units] == [(2, True), (3, False), (5, False)]
