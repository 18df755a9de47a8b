"""import_control_units: all or nothing, editions, counts against the previous edition, audit."""

import io
import json
import tempfile
from pathlib import Path

from django.core.management import call_command

from ducha.audit.models import AuditEvent
from ducha.core.geo.tests import layers
from ducha.errors import NotPermitted
from ducha.testing import CastTestCase
from ducha.zoning import services
from ducha.zoning.models import Category, ControlUnit, ControlUnitEdition
from ducha.zoning.tests.support import A, B, C, import_sample


class ImportTests(CastTestCase):
    def test_a_first_import_creates_every_unit_in_a_current_edition(self):
        result = import_sample("2021版", actor=self.office)
        self.assertEqual((result.units, result.created, result.updated, result.unchanged), (3, 3, 0, 0))
        edition = ControlUnitEdition.objects.get(name="2021版")
        self.assertTrue(edition.is_current)
        self.assertEqual(edition.imported_by, self.office)
        unit = edition.units.get(code=C)
        self.assertEqual((unit.name, unit.category, unit.county), ("岳塘经开区重点管控单元", Category.KEY, "岳塘区"))
        self.assertEqual(unit.region_code, "430304")
        self.assertEqual(unit.spatial_layout, "园区外不得新建工业项目。")
        self.assertEqual(unit.attributes["ZHGKDYFL"], "重点管控单元")

    def test_the_import_is_audited_once_with_its_counts(self):
        import_sample("2021版", actor=self.office)
        event = AuditEvent.objects.get(action="zoning.units.import")
        self.assertEqual(event.actor_name, str(self.office))
        self.assertEqual(
            {k: event.after[k] for k in ("edition", "created", "updated", "unchanged", "new_edition")},
            {"edition": "2021版", "created": 3, "updated": 0, "unchanged": 3 - 3, "new_edition": True},
        )

    def test_the_same_file_again_changes_nothing_and_writes_no_audit(self):
        import_sample("2021版")
        again = import_sample("2021版")
        self.assertEqual((again.created, again.updated, again.unchanged), (0, 0, 3))
        self.assertEqual(AuditEvent.objects.filter(action="zoning.units.import").count(), 1)

    def test_a_new_edition_becomes_current_and_is_counted_against_the_previous(self):
        import_sample("2021版")
        units = [dict(layers.UNITS[0], HJGKDYMC="改名的单元"), layers.UNITS[1], layers.UNITS[2]]
        result = import_sample("2023版", units=units)
        self.assertEqual((result.created, result.updated, result.unchanged, result.compared_with), (0, 1, 2, "2021版"))
        self.assertEqual(
            list(ControlUnitEdition.objects.filter(is_current=True).values_list("name", flat=True)), ["2023版"]
        )
        # the old edition keeps its units for what was placed in it
        self.assertEqual(ControlUnit.objects.filter(edition__name="2021版").count(), 3)

    def test_reimporting_an_edition_updates_in_place_and_removes_what_is_gone(self):
        import_sample("2021版")
        old = ControlUnit.objects.get(edition__name="2021版", code=A)
        units = [dict(layers.UNITS[0], KJBJYS="新的空间布局约束。"), layers.UNITS[1]]
        result = import_sample("2021版", units=units, geoms=layers.GEOMS[:2])
        self.assertEqual((result.created, result.updated, result.unchanged, result.removed), (0, 1, 1, 1))
        unit = ControlUnit.objects.get(edition__name="2021版", code=A)
        self.assertEqual((unit.pk, unit.spatial_layout), (old.pk, "新的空间布局约束。"))
        self.assertFalse(ControlUnit.objects.filter(code=C).exists())
        event = AuditEvent.objects.filter(action="zoning.units.import").latest("seq")
        self.assertEqual((event.after["removed"], event.after["changed"]), ([C], [A]))

    def test_any_error_writes_nothing(self):
        units = [layers.UNITS[0], dict(layers.UNITS[1], ZHGKDYFL="第四类"), layers.UNITS[2]]
        result = import_sample("坏版本", units=units)
        self.assertFalse(result.ok)
        self.assertEqual(result.errors[0]["feature"], 2)
        self.assertEqual(result.errors[0]["field"], "ZHGKDYFL")
        self.assertFalse(ControlUnitEdition.objects.exists())
        self.assertFalse(AuditEvent.objects.filter(action="zoning.units.import").exists())

    def test_a_dry_run_counts_and_writes_nothing(self):
        with tempfile.TemporaryDirectory() as folder:
            path = layers.write_geojson(Path(folder) / "u.geojson")
            result = services.import_control_units(path, actor=self.office, edition="试算", dry_run=True)
        self.assertEqual((result.ok, result.created), (True, 3))
        self.assertFalse(ControlUnitEdition.objects.exists())

    def test_only_the_office_may_import(self):
        with self.assertRaises(NotPermitted):
            import_sample("2021版", actor=self.handler)

    def test_office_field_mappings_are_used(self):
        services.add_field_mapping(actor=self.office, source_name="GKDY_CODE", target="code")
        units = [{("GKDY_CODE" if k == "HJGKDYBM" else k): v for k, v in u.items()} for u in layers.UNITS]
        result = import_sample("自定义字段", units=units)
        self.assertEqual((result.ok, result.columns["code"]), (True, "GKDY_CODE"))


class CommandTests(CastTestCase):
    def _run(self, *args):
        out = io.StringIO()
        try:
            call_command("import_control_units", *args, stdout=out)
            code = 0
        except SystemExit as exc:
            code = exc.code
        return code, out.getvalue()

    def test_json_output_has_the_counts_the_issue_names(self):
        with tempfile.TemporaryDirectory() as folder:
            path = layers.write_geojson(Path(folder) / "u.geojson")
            code, out = self._run(str(path), "--edition", "2021版", "--json")
        data = json.loads(out)
        self.assertEqual(code, 0)
        self.assertEqual(
            {k: data[k] for k in ("units", "edition", "created", "updated", "unchanged", "errors", "warnings")},
            {"units": 3, "edition": "2021版", "created": 3, "updated": 0, "unchanged": 0, "errors": [], "warnings": []},
        )

    def test_an_error_exits_1_and_names_where(self):
        with tempfile.TemporaryDirectory() as folder:
            units = [dict(layers.UNITS[0], HJGKDYBM=""), layers.UNITS[1], layers.UNITS[2]]
            path = layers.write_geojson(Path(folder) / "u.geojson", units)
            code, out = self._run(str(path))
        self.assertEqual(code, 1)
        self.assertIn("错误：u.geojson 第1个要素 字段 HJGKDYBM：“HJGKDYBM”为空", out)
        self.assertIn("未导入任何数据", out)

    def test_a_missing_file_is_a_usage_error(self):
        from django.core.management.base import CommandError

        with self.assertRaises(CommandError) as caught:
            call_command("import_control_units", "/nonexistent/u.geojson")
        self.assertEqual(caught.exception.returncode, 2)

    def test_the_edition_name_defaults_to_the_file_name(self):
        with tempfile.TemporaryDirectory() as folder:
            path = layers.write_geojson(Path(folder) / "湘潭市管控单元.geojson")
            code, out = self._run(str(path), "--json")
        self.assertEqual(json.loads(out)["edition"], "湘潭市管控单元")
        self.assertTrue(ControlUnitEdition.objects.filter(name="湘潭市管控单元", is_current=True).exists())
        self.assertEqual(ControlUnit.objects.filter(code__in=[A, B, C]).count(), 3)
