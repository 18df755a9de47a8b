"""Zoning pages through the test client: what each role sees, imports, the 准入 check."""

import io
import json
import tempfile
from pathlib import Path

from django.urls import reverse
from docx import Document

from ducha.audit.models import AuditEvent
from ducha.core.geo.tests import layers
from ducha.testing import CastTestCase
from ducha.zoning.models import ControlUnitEdition, FieldMapping
from ducha.zoning.tests.support import A, B, C, import_sample

SQUARE = "112.09 27.09\n112.11 27.09\n112.11 27.11\n112.09 27.11"


class UnitPagesTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        import_sample()

    def test_the_office_lists_every_unit_of_its_city(self):
        page = self.login(self.office).get(reverse("zoning:unit_list"))
        self.assertContains(page, A)
        self.assertContains(page, C)
        self.assertContains(page, "重点管控单元")

    def test_a_district_handler_lists_only_its_districts_units(self):
        page = self.login(self.handler).get(reverse("zoning:unit_list"))
        self.assertContains(page, A)
        self.assertNotContains(page, C)

    def test_police_see_no_zoning_pages(self):
        self.assertEqual(self.login(self.police).get(reverse("zoning:unit_list")).status_code, 403)

    def test_the_list_filters_by_category(self):
        page = self.login(self.office).get(reverse("zoning:unit_list"), {"category": "priority"})
        self.assertContains(page, B)
        self.assertNotContains(page, A)

    def test_a_unit_page_shows_its_four_lists(self):
        unit = ControlUnitEdition.objects.get().units.get(code=A)
        page = self.login(self.office).get(reverse("zoning:unit_detail", args=[unit.pk]))
        for text in (
            "空间布局约束",
            "禁止新建化工项目。",
            "执行特别排放限值。",
            "建立应急预案。",
            "单位产值能耗下降。",
        ):
            self.assertContains(page, text)

    def test_the_map_data_holds_the_visible_units_coloured_by_category(self):
        response = self.login(self.handler).get(reverse("zoning:units_geojson"))
        data = json.loads(response.content)
        got = {f["properties"]["code"]: f["properties"]["colour"] for f in data["features"]}
        self.assertEqual(got, {A: "#e8c547", B: "#2e8b57"})

    def test_the_map_page_loads_only_local_scripts(self):
        page = self.login(self.office).get(reverse("zoning:map")).content.decode()
        self.assertIn("/static/leaflet/leaflet.js", page)
        self.assertNotIn("http://", page.replace("http://www.w3.org", ""))
        self.assertNotIn("https://", page)


class SiteCheckPagesTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        import_sample()

    def test_a_polygon_site_lists_each_unit_with_area_and_share(self):
        page = self.login(self.office).post(reverse("zoning:site_check"), {"coordinates": SQUARE, "crs": "wgs84"})
        self.assertEqual(page.status_code, 200)
        rows = page.context["check"].units
        self.assertEqual(sorted(r.unit.code for r in rows), sorted([A, C]))
        self.assertEqual(sorted(round(r.share_pct) for r in rows), [25, 25])
        self.assertContains(page, "涉及2个环境管控单元")
        self.assertContains(page, "其中50.0%不在任何管控单元内")

    def test_a_point_site_names_the_unit_it_is_in(self):
        page = self.login(self.office).post(
            reverse("zoning:site_check"), {"coordinates": "112.05 27.05", "crs": "wgs84"}
        )
        self.assertEqual([r.unit.code for r in page.context["check"].units], [B])
        self.assertContains(page, "禁止开发建设。")

    def test_a_site_picked_on_a_phone_map_is_shifted_back_first(self):
        from ducha.core.geo import wgs84_to_gcj02

        lon, lat = wgs84_to_gcj02(112.0995, 27.02)  # 50 m inside A; read as WGS84 it would fall in C
        page = self.login(self.office).post(
            reverse("zoning:site_check"), {"coordinates": f"{lon} {lat}", "crs": "gcj02"}
        )
        self.assertEqual([r.unit.code for r in page.context["check"].units], [A])

    def test_unreadable_coordinates_are_a_form_error(self):
        page = self.login(self.office).post(reverse("zoning:site_check"), {"coordinates": "112.09 27.09\n112.11 27.09"})
        self.assertEqual(page.status_code, 400)
        self.assertContains(page, "只有两个点，无法构成范围", status_code=400)

    def test_the_word_report_lists_the_units_and_their_requirements(self):
        response = self.login(self.office).post(
            reverse("zoning:site_report"), {"coordinates": SQUARE, "crs": "wgs84", "project": "某化工项目"}
        )
        self.assertEqual(response.status_code, 200)
        text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
        tables = "\n".join(
            c.text for t in Document(io.BytesIO(response.content)).tables for r in t.rows for c in r.cells
        )
        self.assertIn("项目名称：某化工项目", text)
        self.assertIn("空间布局约束：禁止新建化工项目。", text)
        self.assertIn("园区外不得新建工业项目。", text)
        self.assertIn(C, tables)
        self.assertIn("25.0%", tables)

    def test_a_handler_may_not_run_the_check(self):
        self.assertEqual(self.login(self.handler).get(reverse("zoning:site_check")).status_code, 403)


class ImportPagesTests(CastTestCase):
    def _upload(self, units=layers.UNITS, edition="2021版"):
        with tempfile.TemporaryDirectory() as folder:
            path = layers.write_geojson(Path(folder) / "湘潭.geojson", units)
            with path.open("rb") as f:
                return self.login(self.office).post(reverse("zoning:import_upload"), {"file": f, "edition": edition})

    def test_upload_checks_first_and_writes_only_on_confirm(self):
        page = self._upload()
        self.assertContains(page, "单元 3 个，新增 3")
        self.assertFalse(ControlUnitEdition.objects.exists())
        confirm = page.context["confirm"].initial
        response = self.client.post(reverse("zoning:import_confirm"), confirm)
        self.assertRedirects(response, reverse("zoning:edition_list"))
        self.assertEqual(ControlUnitEdition.objects.get().units.count(), 3)
        self.assertEqual(AuditEvent.objects.get(action="zoning.units.import").actor_name, str(self.office))

    def test_a_layer_with_errors_shows_them_and_offers_no_confirm(self):
        page = self._upload(units=[layers.UNITS[0], dict(layers.UNITS[1], ZHGKDYFL="9"), layers.UNITS[2]])
        self.assertEqual(page.status_code, 400)
        self.assertContains(page, "无法识别的管控单元类别“9”", status_code=400)
        self.assertIsNone(page.context["confirm"])

    def test_a_file_of_another_kind_is_refused_on_the_form(self):
        upload = io.BytesIO(b"a,b")
        upload.name = "units.csv"
        page = self.login(self.office).post(reverse("zoning:import_upload"), {"file": upload})
        self.assertContains(page, "请上传 GeoJSON", status_code=400)

    def test_a_handler_may_not_import(self):
        self.assertEqual(self.login(self.handler).get(reverse("zoning:import_upload")).status_code, 403)

    def test_the_office_makes_an_older_edition_current_from_the_list(self):
        import_sample("2021版")
        import_sample("2023版", units=[dict(u, REMARK="新") for u in layers.UNITS])
        old = ControlUnitEdition.objects.get(name="2021版")
        self.login(self.office).post(reverse("zoning:edition_make_current", args=[old.pk]))
        old.refresh_from_db()
        self.assertTrue(old.is_current)


class FieldMappingPagesTests(CastTestCase):
    def test_the_office_adds_and_removes_a_mapping_with_audit(self):
        client = self.login(self.office)
        client.post(reverse("zoning:field_list"), {"source_name": "GKDY_CODE", "target": "code"})
        mapping = FieldMapping.objects.get()
        self.assertEqual((mapping.source_name, mapping.target), ("GKDY_CODE", "code"))
        client.post(reverse("zoning:field_remove", args=[mapping.pk]))
        self.assertFalse(FieldMapping.objects.exists())
        events = AuditEvent.objects.filter(action__startswith="zoning.field_mapping").order_by("seq")
        actions = list(events.values_list("action", flat=True))
        self.assertEqual(actions, ["zoning.field_mapping.add", "zoning.field_mapping.remove"])

    def test_a_name_mapped_twice_is_refused(self):
        client = self.login(self.office)
        client.post(reverse("zoning:field_list"), {"source_name": "GKDY_CODE", "target": "code"})
        page = client.post(reverse("zoning:field_list"), {"source_name": "gkdy code", "target": "name"})
        self.assertContains(page, "字段名“GKDY_CODE”已有对照。", status_code=400)

    def test_a_leader_may_not_see_the_field_map(self):
        self.assertEqual(self.login(self.leader).get(reverse("zoning:field_list")).status_code, 403)
