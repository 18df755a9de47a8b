"""The task-list preview lists every unknown unit with the closest known units; the office
maps one to a known unit (an alias) or adds it as a department of the city, and the
preview checks again. Nothing is added without that click."""

import tempfile
from pathlib import Path

from django.urls import reverse

from ducha.audit.models import AuditEvent
from ducha.org.models import Unit, UnitAlias, UnitKind
from ducha.rectification.models import Task
from ducha.rectification.tests.support import (
    FindingSpec,
    RectificationTestCase,
    TaskSpec,
    make_inspection,
    write_task_list,
)

# a department misspelt (close to a known one) and a company no directory holds
UNKNOWN = ["湘潭钢铁集团有限公司", "湘潭市水力局"]
LIST = [
    FindingSpec(
        "竹埠港地区重金属污染历史遗留问题突出。",
        "完成治理修复",
        "陈建国",
        [
            TaskSpec("推进废渣处置", "湘潭钢铁集团有限公司、市生态环境局", "2019年6月30日", ()),
            TaskSpec("河道清淤", "湘潭市水力局", "2019年3月底前", ()),
        ],
    )
]


class ResolveUnitsPageTests(RectificationTestCase):
    imported = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.target = make_inspection("2018-lookback")

    def setUp(self):
        super().setUp()
        self.client = self.login(self.office)
        with tempfile.TemporaryDirectory() as folder:
            path = write_task_list(Path(folder) / "清单.xlsx", LIST).path
            with path.open("rb") as fh:
                self.preview = self.client.post(
                    reverse("rectification:import_upload"), {"inspection": self.target.pk, "file": fh}
                )
        self.form = dict(self.preview.context["confirm"].initial)

    def resolve(self, written, action, unit=None, **headers):
        data = {**self.form, "written": written, "action": action, **({"unit": unit} if unit else {})}
        return self.client.post(reverse("rectification:import_resolve_unit"), data, **headers)

    def suggestions(self, response, name):
        return next(u for u in response.context["result"].unknown_units if u["name"] == name)["suggestions"]

    def test_the_preview_lists_each_unknown_unit_with_its_closest_known_units_and_adds_nothing(self):
        units = Unit.objects.count()
        self.assertContains(self.preview, 'id="unknown-units"')
        for name in UNKNOWN:
            self.assertContains(self.preview, f'data-name="{name}"')
        self.assertEqual([s["name"] for s in self.suggestions(self.preview, UNKNOWN[1])][:1], ["湘潭市水利局"])
        self.assertContains(self.preview, "新增为湘潭市部门")
        self.assertNotContains(self.preview, 'id="confirm-import"')
        self.assertEqual(Unit.objects.count(), units)

    def test_mapping_a_name_makes_it_an_alias_of_the_chosen_unit_and_the_preview_checks_again(self):
        chosen = self.suggestions(self.preview, UNKNOWN[1])[0]
        response = self.resolve(UNKNOWN[1], "map", chosen["id"], HTTP_HX_REQUEST="true")
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "rectification/_import_check.html")
        self.assertTrue(UnitAlias.objects.filter(unit_id=chosen["id"], alias=UNKNOWN[1]).exists())
        self.assertTrue(AuditEvent.objects.filter(action="org.unit_alias.add").exists())
        self.assertEqual([u["name"] for u in response.context["result"].unknown_units], [UNKNOWN[0]])

    def test_adding_a_name_creates_an_audited_department_of_the_city_and_the_list_then_imports(self):
        self.resolve(UNKNOWN[1], "map", self.suggestions(self.preview, UNKNOWN[1])[0]["id"])
        response = self.resolve(UNKNOWN[0], "add")
        unit = Unit.objects.get(name=UNKNOWN[0])
        self.assertEqual((unit.kind, unit.region.code), (UnitKind.DEPARTMENT, "430300"))
        self.assertTrue(AuditEvent.objects.filter(action="org.unit.create", object_id=str(unit.pk)).exists())
        self.assertContains(response, 'id="confirm-import"')
        response = self.client.post(reverse("rectification:import_confirm"), self.form)
        self.assertEqual(response.status_code, 302)
        tasks = Task.objects.filter(finding__inspection=self.target).order_by("number")
        self.assertEqual([t.lead_unit.name for t in tasks], [UNKNOWN[0], "湘潭市水利局"])

    def test_a_unit_that_is_not_among_the_suggestions_is_refused(self):
        other = Unit.objects.exclude(pk__in=[s["id"] for s in self.suggestions(self.preview, UNKNOWN[1])]).first()
        response = self.resolve(UNKNOWN[1], "map", other.pk)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "请从列出的相近单位中选择。", status_code=400)
        self.assertFalse(UnitAlias.objects.filter(alias=UNKNOWN[1]).exists())

    def test_a_name_the_list_does_not_write_is_never_added(self):
        response = self.resolve("湘潭市随便什么局", "add")
        self.assertContains(response, "已不是未知单位", status_code=400)
        self.assertFalse(Unit.objects.filter(name="湘潭市随便什么局").exists())

    def test_a_handler_may_not_resolve_units(self):
        self.client = self.login(self.handler)
        response = self.resolve(UNKNOWN[0], "add")
        self.assertIn(response.status_code, (403, 404))
        self.assertFalse(Unit.objects.filter(name=UNKNOWN[0]).exists())
