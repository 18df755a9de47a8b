"""locate: the units covering a point, after shifting GCJ-02 back; usage errors exit 2."""

import io
import json

from django.core.management import call_command
from django.core.management.base import CommandError

from ducha.core.geo import wgs84_to_gcj02
from ducha.core.geo.tests import layers
from ducha.testing import CastTestCase
from ducha.zoning import queries, services
from ducha.zoning.models import ControlUnitEdition
from ducha.zoning.tests.support import A, B, C, import_sample


def locate(*args) -> dict:
    out = io.StringIO()
    call_command("locate", *map(str, args), "--json", stdout=out)
    return json.loads(out.getvalue())


class LocateTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        import_sample()

    def test_a_point_in_a_hole_is_in_the_unit_filling_it_only(self):
        data = locate(112.05, 27.05)
        self.assertEqual(
            data["units"],
            [{"code": B, "name": "韶山灌区优先保护单元", "category": "priority", "category_label": "优先保护单元"}],
        )
        self.assertEqual(data["edition"], "测试版本")

    def test_a_point_on_a_shared_edge_is_in_both_units(self):
        self.assertEqual([u["code"] for u in locate(112.1, 27.05)["units"]], sorted([A, C]))

    def test_outside_every_unit_the_list_is_empty(self):
        self.assertEqual(locate(113.5, 28.5)["units"], [])

    def test_gcj02_coordinates_are_shifted_back_first(self):
        # a point 50 m inside A's east edge: its GCJ-02 numbers, read as WGS84, fall in C
        lon, lat = wgs84_to_gcj02(112.0995, 27.02)
        self.assertEqual([u["code"] for u in locate(lon, lat, "--crs", "gcj02")["units"]], [A])
        self.assertEqual([u["code"] for u in locate(lon, lat)["units"]], [C])

    def test_bad_coordinates_exit_2(self):
        for args in (("east", "27"), ("200", "27")):
            with self.subTest(args=args), self.assertRaises(CommandError) as caught:
                call_command("locate", *args, stdout=io.StringIO())
            self.assertEqual(caught.exception.returncode, 2)

    def test_a_new_edition_is_used_for_new_placements(self):
        moved = import_sample("新版本", units=[dict(u, HJGKDYMC=u["HJGKDYMC"] + "（新）") for u in layers.UNITS])
        self.assertTrue(moved.ok)
        self.assertTrue(locate(112.05, 27.05)["units"][0]["name"].endswith("（新）"))
        self.assertFalse(locate(112.05, 27.05, "--edition", "测试版本")["units"][0]["name"].endswith("（新）"))

    def test_the_placement_index_agrees_with_locate(self):
        edition = queries.current_edition()
        index, pks = queries.placement_index(edition)
        for lon, lat in ((112.05, 27.05), (112.02, 27.02), (112.35, 27.05), (113.5, 28.5)):
            with self.subTest(point=(lon, lat)):
                expected = [u.code for u in queries.locate(lon, lat, edition=edition)]
                self.assertEqual(index.locate(lon, lat), expected)


class NoEditionTests(CastTestCase):
    def test_locate_before_any_import_says_so_and_exits_2(self):
        with self.assertRaises(CommandError) as caught:
            call_command("locate", "112", "27", stdout=io.StringIO())
        self.assertEqual(caught.exception.returncode, 2)
        self.assertIn("尚未导入环境管控单元", str(caught.exception))


class EditionTests(CastTestCase):
    def test_making_an_older_edition_current_is_audited(self):
        import_sample("2021版")
        import_sample("2023版", units=[dict(u, REMARK="新") for u in layers.UNITS])
        old = ControlUnitEdition.objects.get(name="2021版")
        services.make_edition_current(old, actor=self.office)
        self.assertEqual(queries.current_edition(), old)
        from ducha.audit.models import AuditEvent

        event = AuditEvent.objects.get(action="zoning.edition.make_current")
        self.assertEqual((event.before, event.after), ({"current": "2023版"}, {"current": "2021版"}))

    def test_a_handler_may_not_choose_the_edition(self):
        from ducha.errors import NotPermitted

        import_sample("2021版")
        with self.assertRaises(NotPermitted):
            services.make_edition_current(ControlUnitEdition.objects.get(), actor=self.handler)
