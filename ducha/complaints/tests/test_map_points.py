"""Complaints as points on the zoning map: the located complaints a user may see, each
coloured by its status; a handler sees only the complaints dispatched to its unit."""

import json

from ducha.complaints.tests.test_handling import HandlingTestCase
from ducha.zoning.services import placement
from ducha.zoning.tests.support import A, C, import_sample


class MapPointTests(HandlingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        import_sample("2021版")

    def setUp(self):
        super().setUp()
        placement.place(self.complaints[0], lon=112.05, lat=27.05, crs="wgs84", actor=self.office)
        placement.place(self.complaints[1], lon=112.02, lat=27.02, crs="wgs84", actor=self.office)

    def points(self, user) -> dict:
        response = self.login(user).get("/complaints/map/points.geojson")
        self.assertEqual(response.status_code, 200)
        return json.loads(response.content)

    def test_the_office_sees_every_located_complaint_with_its_status_and_colour(self):
        features = self.points(self.office)["features"]
        self.assertEqual(sorted(f["properties"]["ref"] for f in features), ["D0001", "D0002"])
        first = next(f for f in features if f["properties"]["ref"] == "D0001")
        self.assertEqual(first["geometry"]["coordinates"], [112.05, 27.05])
        self.assertEqual(first["properties"]["status"], "待转办")
        self.assertTrue(first["properties"]["colour"].startswith("#"))

    def test_a_handler_sees_only_the_complaints_dispatched_to_it(self):
        self.assertEqual(self.points(self.handler)["features"], [])
        self.dispatch(self.complaints[0])
        refs = [f["properties"]["ref"] for f in self.points(self.handler)["features"]]
        self.assertEqual(refs, ["D0001"])

    def test_the_public_gets_nothing(self):
        response = self.client.get("/complaints/map/points.geojson")
        self.assertIn(response.status_code, (302, 403))

    def test_the_map_page_loads_the_points_of_the_current_edition(self):
        response = self.login(self.office).get("/zoning/map/")
        self.assertContains(response, 'data-points="/complaints/map/points.geojson"')

    def test_a_units_popup_data_counts_the_cases_placed_in_it(self):
        complaint = self.complaints[2]
        placement.place(
            complaint, lon=112.15, lat=27.05, crs="wgs84", region_code=complaint.region_id, actor=self.office
        )
        data = json.loads(self.login(self.office).get("/zoning/map/units.geojson").content)
        placed = {f["properties"]["code"]: f["properties"]["placed"] for f in data["features"]}
        self.assertEqual(placed[C], {"complaints": 1, "tasks": 0})
        self.assertEqual(placed[A], {"complaints": 0, "tasks": 0})
