"""A rectification task's site: typed on its location page and placed in its unit."""

import datetime as dt

from ducha.dashboard.engine import figures, measure_rows, scope_for_region
from ducha.rectification.tests.support import RectificationTestCase
from ducha.zoning.models import Location
from ducha.zoning.services import placement
from ducha.zoning.tests.support import C, import_sample


class TaskLocationTests(RectificationTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        import_sample("2021版")

    def test_the_office_types_the_site_of_a_task_and_sees_its_unit(self):
        task = self.task(1, 1)
        client = self.login(self.office)
        response = client.post(
            f"/rectification/tasks/{task.pk}/location/", {"lon": "112.15", "lat": "27.05"}, follow=True
        )
        self.assertContains(response, C)
        location = Location.objects.get()
        self.assertEqual((location.item_kind, location.item_id), ("rectification.task", task.pk))
        self.assertEqual(location.region_code, task.finding.region_id)

    def test_a_reader_sees_the_page_without_the_form_and_may_not_post(self):
        task = self.task(1, 1)
        client = self.login(self.leader)
        response = client.get(f"/rectification/tasks/{task.pk}/location/")
        self.assertContains(response, "尚未定位")
        self.assertNotContains(response, 'id="location-form"')
        response = client.post(f"/rectification/tasks/{task.pk}/location/", {"lon": "112.15", "lat": "27.05"})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Location.objects.exists())


class OpenTaskFigureTests(RectificationTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        import_sample("2021版")

    def test_an_open_task_placed_in_a_unit_counts_for_its_unit_and_category(self):
        task = self.task(1, 1)
        placement.place(task, lon=112.15, lat=27.05, crs="wgs84", actor=self.office)
        scope = scope_for_region(self.inspection, dt.date(2018, 7, 1))
        data = figures(scope)["zoning"]
        self.assertEqual(data["by_unit"][C]["open_tasks"], 1)
        self.assertEqual(data["by_category"]["key"]["open_tasks"], 1)
        self.assertEqual([t.pk for t in measure_rows("zoning.key.open_tasks", scope)], [task.pk])
