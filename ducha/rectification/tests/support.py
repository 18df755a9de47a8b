"""Set-up shared by the rectification tests (no tests here): the cast's city gets the
departments a task list names, an inspection, and task lists written at test time."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from ducha.core.parsing.tests.test_tasks import FINDINGS, FindingSpec, TaskSpec, write_task_list
from ducha.inspections import services as inspections
from ducha.inspections.models import Inspection
from ducha.org import services as org
from ducha.org.models import Region, UnitKind
from ducha.org.scoping import system_user
from ducha.rectification.models import Finding, Task
from ducha.rectification.services import progress, task_list
from ducha.testing import CastTestCase
from ducha.uploads import ImportResult

CODE = "2017-hunan"
# the core test's unit ids → the cast's unit names
UNIT_NAMES = {
    1: "湘潭市生态环境局",
    2: "湘潭市住房和城乡建设局",
    3: "湘潭市水利局",
    4: "岳塘区人民政府",
    5: "雨湖区人民政府",
    6: "湘潭市农业农村局",
}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"

__all__ = ["FINDINGS", "FindingSpec", "TaskSpec", "write_task_list"]


def add_departments(cast) -> None:
    city = Region.objects.get(code="430300")
    for name, short in (
        ("湘潭市住房和城乡建设局", "市住建局"),
        ("湘潭市水利局", "市水利局"),
        ("湘潭市农业农村局", "市农业农村局"),
    ):
        cast.units[short] = org.create_unit(
            actor=cast.admin, name=name, short_name=short, kind=UnitKind.DEPARTMENT, region=city
        )


def make_inspection(code: str = CODE) -> Inspection:
    return inspections.create_inspection(
        actor=system_user(),
        code=code,
        team="中央第六环境保护督察组",
        province="湖南省",
        start_date=dt.date(2017, 4, 24),
    )


def import_list(actor, inspection, findings=None, *, layout="merged", **kw) -> ImportResult:
    with tempfile.TemporaryDirectory() as folder:
        f = write_task_list(Path(folder) / "整改任务清单.xlsx", findings, layout=layout)
        return task_list.import_tasks(f.path, actor=actor, inspection=inspection, **kw)


class RectificationTestCase(CastTestCase):
    """The cast, three more departments, the 2017 inspection and its task list imported
    on 2018-06-01 (the plan's date)."""

    imported = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_departments(cls)
        cls.inspection = make_inspection()
        if cls.imported:
            result = import_list(cls.office, cls.inspection, plan_date=dt.date(2018, 6, 1))
            assert result.ok, result.errors

    def finding(self, number: int) -> Finding:
        return Finding.objects.get(inspection=self.inspection, number=number)

    def task(self, finding: int, number: int) -> Task:
        return Task.objects.get(finding__inspection=self.inspection, finding__number=finding, number=number)


# --- samples for the URL walk (tests/unit/test_url_scoping.py) ------------------------
# One finding whose task belongs to 市生态环境局 and 岳塘区: the office sees it, the
# 雨湖区 handler does not. Built with the plain cast (no extra departments).
SAMPLE_LIST = [
    FindingSpec(
        "样例问题：污水直排。", "消除直排", "陈建国", [TaskSpec("封堵排口", "市生态环境局、岳塘区", "2019年底前", ())]
    )
]


def sample_finding(cast) -> Finding:
    finding = Finding.objects.filter(text=SAMPLE_LIST[0].text).first()
    if finding is None:
        inspection = Inspection.objects.filter(code=CODE).first() or make_inspection()
        result = import_list(cast.office, inspection, SAMPLE_LIST)
        assert result.ok, result.errors
        finding = Finding.objects.get(text=SAMPLE_LIST[0].text)
    return finding


def sample_task(cast) -> Task:
    return sample_finding(cast).tasks.get()


def sample_evidence(cast):
    from ducha.rectification.models import Evidence

    task = sample_task(cast)
    evidence = Evidence.objects.filter(report__task=task).first()
    if evidence is None:
        progress.report_progress(
            task, actor=cast.office, period=dt.date(2019, 1, 1), text="已封堵", percent=50, files=[("现场.png", PNG)]
        )
        evidence = Evidence.objects.get(report__task=task)
    return evidence
