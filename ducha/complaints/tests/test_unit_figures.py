"""Figures per control unit and per unit category: complaints received, closed, on time,
relapses and open rectification tasks, in `figures --json` and as measures with lists."""

import datetime as dt
import io
import json
import re

from django.core.management import call_command

from ducha.complaints.models import ComplaintStatus
from ducha.complaints.tests.test_handling import HandlingTestCase
from ducha.dashboard.engine import measure_rows, scope_for_region
from ducha.zoning.services import placement
from ducha.zoning.tests.support import A, B, import_sample


class UnitFigureTests(HandlingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        import_sample("2021版")

    def setUp(self):
        super().setUp()
        first, second, _third = self.complaints
        placement.place(first, lon=112.05, lat=27.05, crs="wgs84", actor=self.office)  # B, 优先保护
        placement.place(second, lon=112.02, lat=27.02, crs="wgs84", actor=self.office)  # A, 一般管控
        type(second).objects.filter(pk=second.pk).update(
            status=ComplaintStatus.CLOSED,
            closed_at=dt.datetime(2026, 10, 1, 2, tzinfo=dt.UTC),
            due_on=dt.date(2026, 10, 9),
        )

    def figures_json(self) -> dict:
        out = io.StringIO()
        call_command("figures", "--inspection", self.inspection.code, "--json", stdout=out)
        return json.loads(out.getvalue())["zoning"]

    def test_figures_json_counts_per_unit_and_per_category_and_names_the_edition(self):
        data = self.figures_json()
        self.assertEqual(data["edition"], "2021版")
        self.assertEqual(data["by_unit"][B], {"received": 1, "closed": 0, "on_time": 0, "relapses": 0, "open_tasks": 0})
        self.assertEqual(data["by_unit"][A], {"received": 1, "closed": 1, "on_time": 1, "relapses": 0, "open_tasks": 0})
        self.assertEqual(data["by_category"]["priority"]["received"], 1)
        self.assertEqual(data["by_category"]["key"]["received"], 0)

    def test_each_category_figure_is_a_list_of_its_complaints(self):
        scope = scope_for_region(self.inspection, dt.date(2026, 10, 10))
        rows = measure_rows("zoning.general.on_time", scope)
        self.assertEqual([c.pk for c in rows], [self.complaints[1].pk])
        self.assertEqual(measure_rows("zoning.priority.received", scope).count(), 1)

    def test_the_figure_list_page_shows_a_category_measure(self):
        response = self.login(self.office).get(
            "/supervision/figures/", {"measure": "zoning.priority.received", "inspection": self.inspection.code}
        )
        self.assertContains(response, self.complaints[0].ref)
        self.assertNotContains(response, self.complaints[1].ref)

    def test_the_board_shows_the_category_figures_with_links(self):
        response = self.login(self.office).get("/dashboard/", {"inspection": self.inspection.code})
        self.assertContains(response, "zoning.priority.received")
        self.assertContains(response, "版本：2021版")

    def test_the_board_lists_the_units_with_links_to_their_complaints(self):
        response = self.login(self.office).get("/dashboard/", {"inspection": self.inspection.code})
        self.assertContains(response, f"/complaints/?control_unit={B}")

    def test_each_per_unit_figure_on_the_board_links_to_a_list_of_its_length(self):
        board = self.login(self.office).get("/dashboard/", {"inspection": self.inspection.code}).content.decode()
        links = re.findall(r'<a href="(/supervision/figures/\?[^"]*control_unit=([^"&]+)[^"]*)">(\d+)</a>', board)
        self.assertEqual({code for _url, code, _n in links}, {A, B})
        for url, _code, shown in links:
            listed = self.client.get(url.replace("&amp;", "&"))
            self.assertEqual(listed.context["total"], int(shown), url)
        closed_in_a = self.client.get(
            "/supervision/figures/",
            {"measure": "zoning.general.closed", "inspection": self.inspection.code, "control_unit": A},
        )
        self.assertEqual([c.pk for c in closed_in_a.context["page"]], [self.complaints[1].pk])
        nothing_in_b = self.client.get(
            "/supervision/figures/",
            {"measure": "zoning.general.closed", "inspection": self.inspection.code, "control_unit": B},
        )
        self.assertEqual(nothing_in_b.context["total"], 0)
