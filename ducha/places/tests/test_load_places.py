import json
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

from ducha.audit.models import AuditEvent
from ducha.errors import DomainError
from ducha.places.models import LexiconStamp, Place, PlaceKind
from ducha.places.tests.support import ROWS, load_small, place, write_csv
from ducha.testing import CastTestCase


class LoadPlacesTests(CastTestCase):
    def test_divisions_form_a_tree_of_county_town_and_village(self):
        load_small()
        village = place("430321112237")
        self.assertEqual(village.kind, PlaceKind.VILLAGE)
        self.assertEqual(village.parent, place("430321112"))
        self.assertEqual(village.parent.parent, place("430321"))
        self.assertEqual(place("430321").parent, place("4303"))
        self.assertEqual(place("430302001").kind, PlaceKind.SUBDISTRICT)
        self.assertEqual(place("430302001001").kind, PlaceKind.COMMUNITY)
        self.assertEqual(village.region_code, "430321112237")

    def test_the_shipped_rivers_and_sections_within_the_loaded_divisions_come_too(self):
        summary = load_small()
        river = place("x:river:湘江")
        self.assertEqual(river.parent, place("43"))
        section = place("x:section:湘江湘潭段")
        self.assertEqual((section.river, section.parent, section.kind), (river, place("4303"), PlaceKind.SECTION))
        self.assertFalse(Place.objects.filter(ref="x:section:湘江衡阳段").exists())  # 衡阳 not loaded
        self.assertGreater(summary.extra_created, 0)

    def test_a_second_load_changes_nothing_and_writes_no_event(self):
        first = load_small()
        stamp = LexiconStamp.objects.get().stamp
        events = AuditEvent.objects.filter(action="places.load").count()
        second = load_small()
        self.assertEqual((first.created, second.created, second.updated, second.extra_created), (14, 0, 0, 0))
        self.assertEqual(second.unchanged, 14)
        self.assertEqual(AuditEvent.objects.filter(action="places.load").count(), events)
        self.assertEqual(LexiconStamp.objects.get().stamp, stamp)

    def test_a_renamed_division_is_updated_in_place(self):
        load_small()
        summary = load_small(text=ROWS.replace("古城村民委员会", "古城村委会"))
        self.assertEqual((summary.created, summary.updated), (0, 1))
        self.assertEqual(place("430321112237").name, "古城村委会")

    def test_a_province_prefix_loads_its_divisions_and_those_above_it(self):
        summary = load_small(province="4303")
        self.assertEqual(summary.rows, 10)
        self.assertTrue(Place.objects.filter(code="43").exists())
        self.assertFalse(Place.objects.filter(code__startswith="4302").exists())

    def test_bad_rows_are_named_by_row_and_column_and_nothing_is_loaded(self):
        text = ROWS + "43032111,半截代码\n430321112240,\n430321112237,重复\n"
        with self.assertRaises(DomainError) as caught:
            load_small(text=text)
        self.assertEqual(
            caught.exception.message.splitlines(),
            [
                "divisions.csv 第16行 A列（code）“43032111”：区划代码应为2、4、6、9或12位数字。",
                "divisions.csv 第17行 B列（name）：名称为空。",
                "divisions.csv 第18行 A列（code）“430321112237”：区划代码重复。",
            ],
        )
        self.assertFalse(Place.objects.exists())

    def test_a_file_without_the_code_name_header_is_refused(self):
        with self.assertRaises(DomainError) as caught:
            load_small(text="代码,名称\n43,湖南省\n")
        self.assertEqual(caught.exception.message, "divisions.csv 第1行：表头应为“code,name”。")

    def test_the_command_prints_a_json_summary(self):
        with tempfile.TemporaryDirectory() as folder:
            out = StringIO()
            call_command("load_places", str(write_csv(Path(folder))), "--province", "4302", stdout=out)
        summary = json.loads(out.getvalue())
        self.assertEqual(
            {k: summary[k] for k in ("file", "province", "rows", "created")},
            {"file": "divisions.csv", "province": "4302", "rows": 5, "created": 5},
        )

    def test_the_command_exits_2_with_the_reason_on_a_bad_file(self):
        with tempfile.TemporaryDirectory() as folder:
            path = write_csv(Path(folder), "code,name\n4x,坏\n")
            with self.assertRaises(CommandError) as caught:
                call_command("load_places", str(path))
        self.assertEqual(caught.exception.returncode, 2)
        self.assertIn("第2行 A列（code）“4x”", str(caught.exception))
