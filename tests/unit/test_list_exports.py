"""导出Excel of the lists: the rows equal the filtered, sorted list (all pages), a
title line names the filter and the day, identity is masked, nothing becomes a formula."""

import io

import openpyxl
from django.utils import timezone

from ducha import exports
from ducha.complaints import queries
from ducha.complaints.models import Complaint
from ducha.complaints.tests.test_pages_support import import_messy, make_inspection
from ducha.core.parsing.tests import messy
from ducha.testing import CastTestCase

ROWS = 60  # more than one page of the list (50)


def sheet_of(response):
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return [[c for c in row] for row in book.active.iter_rows(values_only=True)]


class ListExportTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        import_messy(cls.office, make_inspection(cls.office), rows=ROWS, seed=7)
        cls.samples = {s.ref: s for s in messy.iter_samples(ROWS, seed=7)}

    def test_the_export_of_a_filtered_list_has_exactly_its_rows_in_its_order(self):
        region = Complaint.objects.order_by("ref").first().region
        expected = list(queries.sorted_complaints(self.office, {"region": region}, "ref").values_list("ref", flat=True))
        response = self.login(self.office).get("/complaints/", {"region": region.pk, "sort": "ref", "export": "xlsx"})
        self.assertEqual(response["Content-Type"], exports.XLSX)
        rows = sheet_of(response)
        self.assertEqual([r[0] for r in rows[2:-1]], expected)
        self.assertIn(str(region), rows[0][0])
        self.assertIn(timezone.localdate().isoformat(), rows[0][0])
        self.assertEqual(rows[-1][0], f"合计：{len(expected)}条")

    def test_the_export_holds_every_page_and_the_list_shows_its_total(self):
        page = self.login(self.office).get("/complaints/")
        self.assertEqual(page.context["total"], ROWS)
        self.assertContains(page, f"共{ROWS}条")
        rows = sheet_of(self.client.get("/complaints/", {"export": "xlsx"}))
        self.assertEqual(len(rows) - 3, ROWS)

    def test_the_export_masks_the_complainant_as_the_list_does(self):
        ref, sample = next((r, s) for r, s in self.samples.items() if s.phone)
        rows = sheet_of(self.login(self.leader).get("/complaints/", {"q": ref, "export": "xlsx"}))
        phone = Complaint._meta.get_field("complainant_phone").masked(sample.phone)
        self.assertEqual(rows[2][-1], phone)
        self.assertNotIn(sample.phone, str(rows))

    def test_a_handler_exports_only_what_they_may_see(self):
        rows = sheet_of(self.login(self.handler).get("/complaints/", {"export": "xlsx"}))
        self.assertEqual(rows[-1][0], "合计：0条")

    def test_no_cell_can_become_a_formula(self):
        for text in ("=SUM(A1)", "+1", "-2", "@x", "\t=1"):
            self.assertEqual(exports.cell_value(text), "'" + text)
        self.assertEqual(exports.cell_value(-2), -2)
        self.assertEqual(exports.cell_value("雨湖区"), "雨湖区")

    def test_a_queue_tab_exports_its_whole_tab(self):
        response = self.login(self.office).get("/complaints/queue/", {"tab": "received", "export": "xlsx"})
        rows = sheet_of(response)
        self.assertEqual(len(rows) - 3, Complaint.objects.filter(status="received").count())
        self.assertIn("待转办", rows[0][0])

    def test_the_print_view_lists_every_row_with_its_title(self):
        response = self.login(self.office).get("/complaints/", {"print": "1"})
        self.assertEqual(len(response.context["rows"]), ROWS)
        self.assertContains(response, "data-print-now")

    def test_a_dashboard_drill_down_exports_the_rows_it_counts(self):
        page = self.login(self.leader).get("/supervision/figures/", {"measure": "complaints.received"})
        rows = sheet_of(self.client.get("/supervision/figures/", {"measure": "complaints.received", "export": "xlsx"}))
        self.assertEqual(len(rows) - 3, page.context["total"])
        self.assertEqual({r[0] for r in rows[2:-1]}, set(Complaint.objects.values_list("ref", flat=True)))

    def test_alerts_accountability_and_findings_export_with_their_title(self):
        client = self.login(self.office)
        for path, title in (
            ("/supervision/alerts/", "逾期预警"),
            ("/supervision/accountability/", "约谈问责"),
            ("/supervision/meetings/", "研究部署会议"),
            ("/supervision/notices/", "督办单"),
            ("/rectification/", "反馈问题整改"),
        ):
            rows = sheet_of(client.get(path, {"export": "xlsx"}))
            self.assertTrue(rows[0][0].startswith(title), path)
            self.assertEqual(rows[-1][0], "合计：0条")
