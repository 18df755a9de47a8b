"""A complaint's location: typed in (WGS84, GCJ-02 shifted back) or read from a photo,
placed in its control unit, keeping the edition it was placed in until placed again."""

from django.core.files.uploadedfile import SimpleUploadedFile

from ducha.complaints.tests.test_handling import HandlingTestCase
from ducha.core.geo import wgs84_to_gcj02
from ducha.core.geo.tests import layers
from ducha.core.geo.tests.test_exif import _dms, _jpeg
from ducha.errors import DomainError, NotPermitted
from ducha.org import scoping
from ducha.zoning.models import Location, Replacement
from ducha.zoning.services import placement
from ducha.zoning.tests.support import A, B, C, import_sample


class PlacementTests(HandlingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        import_sample("2021版")

    def test_a_typed_point_is_placed_in_the_unit_covering_it_with_its_edition(self):
        location = placement.place(self.complaints[0], lon=112.05, lat=27.05, crs="wgs84", actor=self.office)
        self.assertEqual((location.unit.code, location.edition.name), (B, "2021版"))
        self.assertEqual(location.region_code, "")
        self.assertEqual(placement.location_of(self.complaints[0]).unit.code, B)

    def test_phone_map_coordinates_are_shifted_back_to_wgs84_and_kept_as_typed(self):
        lon, lat = wgs84_to_gcj02(112.02, 27.02)
        location = placement.place(self.complaints[0], lon=lon, lat=lat, crs="gcj02", actor=self.office)
        self.assertAlmostEqual(location.lon, 112.02, places=6)
        self.assertAlmostEqual(location.lat, 27.02, places=6)
        self.assertEqual((location.typed_lon, location.typed_crs), (lon, "gcj02"))
        self.assertEqual(location.unit.code, A)

    def test_placing_again_replaces_the_location(self):
        placement.place(self.complaints[0], lon=112.05, lat=27.05, crs="wgs84", actor=self.office)
        placement.place(self.complaints[0], lon=112.15, lat=27.05, crs="wgs84", actor=self.office)
        self.assertEqual(Location.objects.get().unit.code, C)

    def test_a_point_outside_china_is_refused_and_nothing_is_kept(self):
        with self.assertRaisesMessage(DomainError, "不在中国境内"):
            placement.place(self.complaints[0], lon=27.05, lat=112.05, crs="wgs84", actor=self.office)
        self.assertFalse(Location.objects.exists())

    def test_a_point_outside_every_unit_is_kept_without_a_unit(self):
        location = placement.place(self.complaints[0], lon=113.5, lat=28.0, crs="wgs84", actor=self.office)
        self.assertIsNone(location.unit)

    def test_only_the_office_and_the_lead_unit_may_locate(self):
        with self.assertRaises(NotPermitted):
            placement.place(self.complaints[0], lon=112.05, lat=27.05, crs="wgs84", actor=self.handler)
        self.dispatch(self.complaints[0])
        located = placement.place(self.complaints[0], lon=112.05, lat=27.05, crs="wgs84", actor=self.handler)
        self.assertEqual(located.unit.code, B)
        with self.assertRaises(NotPermitted):
            placement.place(self.complaints[0], lon=112.05, lat=27.05, crs="wgs84", actor=self.leader)

    def test_a_placed_complaint_keeps_its_edition_until_the_replacement_runs(self):
        placement.place(self.complaints[0], lon=112.05, lat=27.05, crs="wgs84", actor=self.office)
        # the 2023 edition: B's hole is gone (A alone covers the point)
        import_sample("2023版", layers.UNITS[:1] + layers.UNITS[2:], [layers.A.union(layers.B), layers.C])
        self.assertEqual(Location.objects.get().edition.name, "2021版")
        run = placement.request_replacement(self.office_edition("2023版"), actor=self.office)
        with self.assertRaisesMessage(DomainError, "正在进行"):
            placement.request_replacement(self.office_edition("2023版"), actor=self.office)
        run = placement.run_replacement(run.pk, actor=scoping.system_user())
        self.assertEqual((run.status, run.total, run.done, run.moved), (Replacement.Status.DONE, 1, 1, 1))
        location = Location.objects.get()
        self.assertEqual((location.unit.code, location.edition.name), (A, "2023版"))

    def office_edition(self, name):
        from ducha.zoning.models import ControlUnitEdition

        return ControlUnitEdition.objects.get(name=name)


class LocationPageTests(HandlingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        import_sample("2021版")

    def test_the_office_types_coordinates_on_the_complaint_page_and_sees_the_unit(self):
        client = self.login(self.office)
        url = f"/complaints/{self.complaints[0].pk}/locate/"
        response = client.post(url, {"lon": "112.05", "lat": "27.05", "crs": "wgs84"}, follow=True)
        self.assertContains(response, B)
        self.assertContains(response, "韶山灌区优先保护单元")
        self.assertEqual(Location.objects.get().region_code, "430302")

    def test_a_photo_with_gps_places_the_complaint(self):
        photo = _jpeg({1: "N", 2: _dms(27.02), 3: "E", 4: _dms(112.02)})
        upload = SimpleUploadedFile("site.jpg", photo, content_type="image/jpeg")
        response = self.login(self.office).post(f"/complaints/{self.complaints[0].pk}/locate/", {"photo": upload})
        self.assertEqual(response.status_code, 302)
        location = Location.objects.get()
        self.assertEqual((location.source, location.unit.code), ("photo", A))

    def test_a_photo_without_gps_is_refused_with_its_name(self):
        upload = SimpleUploadedFile("site.jpg", _jpeg(None), content_type="image/jpeg")
        response = self.login(self.office).post(f"/complaints/{self.complaints[0].pk}/locate/", {"photo": upload})
        self.assertContains(response, "site.jpg", status_code=400)
        self.assertFalse(Location.objects.exists())

    def test_a_reader_sees_the_location_but_no_form(self):
        placement.place(self.complaints[0], lon=112.05, lat=27.05, crs="wgs84", actor=self.office)
        response = self.login(self.leader).get(f"/complaints/{self.complaints[0].pk}/")
        self.assertContains(response, B)
        self.assertNotContains(response, 'id="location-form"')


class UnitPageCountTests(HandlingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        import_sample("2021版")

    def test_the_unit_page_counts_the_cases_placed_in_it(self):
        complaint = self.complaints[0]
        location = placement.place(
            complaint, lon=112.05, lat=27.05, crs="wgs84", region_code=complaint.region_id, actor=self.office
        )
        response = self.login(self.office).get(f"/zoning/units/{location.unit_id}/")
        self.assertContains(response, "落在本单元的信访件 1 件，整改任务 0 项")

    def test_the_unit_page_links_to_the_list_of_its_complaints(self):
        complaint = self.complaints[0]
        location = placement.place(
            complaint, lon=112.05, lat=27.05, crs="wgs84", region_code=complaint.region_id, actor=self.office
        )
        client = self.login(self.office)
        self.assertContains(client.get(f"/zoning/units/{location.unit_id}/"), f"?control_unit={B}")
        response = client.get("/complaints/", {"control_unit": B})
        self.assertContains(response, complaint.ref)
        self.assertNotContains(response, self.complaints[1].ref)
