"""The public unit map: nothing until the office publishes an edition's unit layer, then
the units with their categories and requirements, never a case."""

import json

from ducha.testing import CastTestCase
from ducha.zoning.models import ControlUnitEdition
from ducha.zoning.services import publishing
from ducha.zoning.tests.support import A, B, C, import_sample


class PublicMapTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        import_sample("2021版")

    def test_the_public_sees_nothing_of_zoning_until_a_layer_is_published(self):
        self.assertEqual(self.client.get("/public/zoning/").status_code, 404)
        self.assertEqual(self.client.get("/public/zoning/units.geojson").status_code, 404)
        self.assertIn(self.client.get("/zoning/map/").status_code, (302, 403))

    def test_the_office_publishes_an_edition_and_the_public_sees_its_units(self):
        edition = ControlUnitEdition.objects.get(name="2021版")
        response = self.login(self.office).post(f"/zoning/editions/{edition.pk}/publish/", {"published": "1"})
        self.assertEqual(response.status_code, 302)
        self.client.logout()
        self.assertContains(self.client.get("/public/zoning/"), "2021版")
        data = json.loads(self.client.get("/public/zoning/units.geojson").content)
        self.assertEqual(sorted(f["properties"]["code"] for f in data["features"]), sorted([A, B, C]))
        self.assertNotIn("id", data["features"][0]["properties"])

    def test_withdrawing_the_layer_hides_it_again(self):
        edition = ControlUnitEdition.objects.get(name="2021版")
        publishing.set_published(edition, published=True, actor=self.office)
        self.login(self.office).post(f"/zoning/editions/{edition.pk}/publish/", {"published": "0"})
        self.client.logout()
        self.assertEqual(self.client.get("/public/zoning/").status_code, 404)

    def test_a_leader_may_not_publish(self):
        edition = ControlUnitEdition.objects.get(name="2021版")
        response = self.login(self.leader).post(f"/zoning/editions/{edition.pk}/publish/", {"published": "1"})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(ControlUnitEdition.objects.get(pk=edition.pk).is_published)
