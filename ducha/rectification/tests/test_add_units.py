"""Units a task list names that the directory lacks: located errors with the closest
known units, or (--add-units) new departments of the list's city; collectives lead."""

import json
import tempfile
from pathlib import Path

from ducha.audit.models import AuditEvent
from ducha.core.parsing.tasks import UNIT_UNKNOWN
from ducha.org import services as org
from ducha.org.models import Region, Unit, UnitKind
from ducha.rectification.models import Task, UnitRole
from ducha.rectification.tests.support import FindingSpec, RectificationTestCase, TaskSpec, write_task_list
from ducha.rectification.tests.test_import import run_command

LIST = [
    FindingSpec(
        "竹埠港地区重金属污染历史遗留问题突出。",
        "完成治理修复",
        "陈建国",
        [
            TaskSpec("制定修复方案", "湘潭市竹埠港地区综合治理指挥部、市生态环境局", "2018年12月底前", ()),
            TaskSpec("推进废渣处置", "市生态环境局、湘潭钢铁集团有限公司", "2019年6月30日", ()),
            TaskSpec("关闭禁养区养殖场", "各县市区人民政府、市农业农村局", "2019年3月底前", ()),
        ],
    )
]
UNKNOWN = ["湘潭市竹埠港地区综合治理指挥部", "湘潭钢铁集团有限公司"]


class AddUnitsTests(RectificationTestCase):
    imported = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.folder = tempfile.TemporaryDirectory()
        cls.path = write_task_list(Path(cls.folder.name) / "清单.xlsx", LIST).path
        city = Region.objects.get(code="430300")
        cls.collective = org.create_unit(
            actor=cls.admin, name="各县市区人民政府", kind=UnitKind.COLLECTIVE, region=city
        )

    @classmethod
    def tearDownClass(cls):
        cls.folder.cleanup()
        super().tearDownClass()

    def run_import(self, *options):
        code, out = run_command(str(self.path), "--inspection", self.inspection.code, "--json", *options)
        return code, json.loads(out)

    def test_without_the_flag_each_unknown_unit_is_a_located_error_and_nothing_is_written(self):
        units = Unit.objects.count()
        code, data = self.run_import()
        self.assertEqual(code, 1)
        self.assertEqual(
            [(e["row"], e["column"], e["message"]) for e in data["errors"]],
            [(5, "F", UNIT_UNKNOWN.format(name=UNKNOWN[0])), (6, "F", UNIT_UNKNOWN.format(name=UNKNOWN[1]))],
        )
        self.assertEqual((Unit.objects.count(), Task.objects.count(), data["units_added"]), (units, 0, []))

    def test_an_unknown_unit_comes_with_the_closest_known_units(self):
        _code, data = self.run_import()
        (first, second) = data["unknown_units"]
        self.assertEqual(
            (first["name"], first["rows"]), (UNKNOWN[0], [{"sheet": "整改任务清单", "row": 5, "column": "F"}])
        )
        self.assertLessEqual(len(first["suggestions"]), 3)
        self.assertEqual(second["name"], UNKNOWN[1])

    def test_with_the_flag_the_unknown_units_become_audited_departments_of_the_city(self):
        code, data = self.run_import("--add-units")
        self.assertEqual((code, data["errors"], data["units_added"]), (0, [], UNKNOWN))
        for name in UNKNOWN:
            unit = Unit.objects.get(name=name)
            self.assertEqual((unit.kind, unit.region.code), (UnitKind.DEPARTMENT, "430300"))
            self.assertTrue(AuditEvent.objects.filter(action="org.unit.create", object_id=str(unit.pk)).exists())
        task = Task.objects.get(finding__inspection=self.inspection, number=1)
        self.assertEqual(task.lead_unit.name, UNKNOWN[0])

    def test_a_dry_run_with_the_flag_names_the_units_and_adds_none(self):
        units = Unit.objects.count()
        code, data = self.run_import("--add-units", "--dry-run")
        self.assertEqual((code, data["units_added"], data["dry_run"]), (0, UNKNOWN, True))
        self.assertEqual(Unit.objects.count(), units)

    def test_a_collective_leads_as_itself_and_reaches_every_member(self):
        self.run_import("--add-units")
        task = Task.objects.get(finding__inspection=self.inspection, number=3)
        self.assertEqual(task.lead_unit, self.collective)
        rows = list(task.task_units.order_by("position").values_list("unit__name", "role"))
        self.assertEqual(
            rows,
            [
                ("各县市区人民政府", UnitRole.LEAD),
                ("雨湖区人民政府", UnitRole.LEAD),
                ("岳塘区人民政府", UnitRole.LEAD),
                ("湘潭市农业农村局", UnitRole.SUPPORT),
            ],
        )
