"""The complaints API: through org.scoping like the pages (a district handler sees only
what was dispatched to its unit; another district's complaint is a 404), identity
masked, a keyset cursor that pages without gaps, bad filters in the error shape."""

from django.core.cache import cache
from django.test import Client

from ducha.audit.models import AuditEvent
from ducha.complaints.models import Complaint
from ducha.complaints.services.dispatch import dispatch_complaint
from ducha.complaints.tests.test_pages_support import import_messy, make_inspection
from ducha.org.tokens import create_token
from ducha.testing import CastTestCase


class ComplaintApiTestCase(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.inspection = make_inspection(cls.office)
        import_messy(cls.office, cls.inspection, rows=20)
        # the sample file has no 雨湖区 rows: a 高新区 case goes to 雨湖区's unit instead
        cls.yuhu_case = Complaint.objects.filter(region_id="430371").order_by("pk").first()
        cls.yuetang_case = Complaint.objects.filter(region_id="430304").order_by("pk").first()
        dispatch_complaint(cls.yuhu_case, actor=cls.office, lead_unit=cls.unit_yuhu)
        dispatch_complaint(cls.yuetang_case, actor=cls.office, lead_unit=cls.unit_yuetang)
        cls.office_token = create_token(cls.office, actor=cls.admin, name="省平台")[1]
        cls.handler_token = create_token(cls.handler2, actor=cls.admin, name="岳塘区OA")[1]

    def setUp(self):
        super().setUp()
        cache.clear()

    def get(self, url, token=None, **params):
        return self.client.get(url, params, HTTP_AUTHORIZATION=f"Bearer {token or self.office_token}")


class ComplaintReadTests(ComplaintApiTestCase):
    def test_the_office_lists_every_complaint_of_the_city(self):
        response = self.get("/api/v1/complaints", limit=200)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.json()["items"]), Complaint.objects.count())

    def test_a_district_handler_sees_only_what_was_dispatched_to_its_unit(self):
        items = self.get("/api/v1/complaints", self.handler_token).json()["items"]
        self.assertEqual([c["ref"] for c in items], [self.yuetang_case.ref])
        self.assertEqual(self.get(f"/api/v1/complaints/{self.yuetang_case.pk}", self.handler_token).status_code, 200)

    def test_another_districts_complaint_is_not_found_for_the_handler(self):
        response = self.get(f"/api/v1/complaints/{self.yuhu_case.pk}", self.handler_token)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json()["code"], "not_found")

    def test_the_cursor_pages_through_every_complaint_once(self):
        seen, cursor = [], ""
        while True:
            body = self.get("/api/v1/complaints", limit=7, cursor=cursor).json()
            seen += [c["id"] for c in body["items"]]
            cursor = body["next_cursor"]
            if not cursor:
                break
        self.assertEqual(sorted(seen), sorted(Complaint.objects.values_list("pk", flat=True)))

    def test_filters_by_region_status_batch_and_ref(self):
        by_region = self.get("/api/v1/complaints", region="430304", status="dispatched").json()["items"]
        self.assertEqual([c["id"] for c in by_region], [self.yuetang_case.pk])
        by_ref = self.get("/api/v1/complaints", ref=self.yuhu_case.ref, batch=self.yuhu_case.batch.number).json()[
            "items"
        ]
        self.assertEqual([c["id"] for c in by_ref], [self.yuhu_case.pk])

    def test_updated_since_lists_only_later_changes(self):
        since = Complaint.objects.order_by("-updated_at").first().updated_at.isoformat()
        items = self.get("/api/v1/complaints", updated_since=since).json()["items"]
        self.assertEqual(len(items), 1)

    def test_the_complainants_identity_is_masked(self):
        with_phone = Complaint.objects.exclude(complainant_phone="").first()
        body = self.get(f"/api/v1/complaints/{with_phone.pk}").json()
        self.assertNotEqual(body["complainant"]["phone"], with_phone.complainant_phone)
        self.assertIn("*", body["complainant"]["phone"])
        self.assertNotIn(with_phone.complainant_phone, str(body))

    def test_bad_filters_answer_in_the_error_shape(self):
        for params, status, field in [
            ({"status": "lost"}, 422, "status"),
            ({"limit": 0}, 422, "limit"),
            ({"region": "999999"}, 400, "region"),
            ({"cursor": "bm90LWpzb24"}, 400, "cursor"),
        ]:
            with self.subTest(params=params):
                response = self.get("/api/v1/complaints", **params)
                self.assertEqual(response.status_code, status)
                self.assertEqual(response.json()["field"], field)
                self.assertTrue(response.json()["message"])

    def test_inspections_are_listed_and_found_by_code(self):
        self.assertEqual([i["code"] for i in self.get("/api/v1/inspections").json()], [self.inspection.code])
        self.assertEqual(self.get("/api/v1/inspections/nope").status_code, 404)


class DispatchTests(ComplaintApiTestCase):
    def post(self, complaint, token=None, **data):
        return self.client.post(
            f"/api/v1/complaints/{complaint.pk}/dispatch",
            data,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token or self.office_token}",
        )

    def received(self) -> Complaint:
        return Complaint.objects.filter(status="received").order_by("pk").first()

    def test_the_office_dispatches_through_the_service_with_the_version_it_read(self):
        complaint = self.received()
        response = self.post(complaint, lead_unit=self.unit_yuetang.pk, version=complaint.version, due_days=10)
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual((body["status"], body["lead_unit"]), ("dispatched", self.unit_yuetang.name))
        self.assertEqual(body["version"], complaint.version + 1)
        event = AuditEvent.objects.filter(action="complaints.complaint.dispatch").order_by("-seq").first()
        self.assertEqual((event.object_id, event.actor_id), (str(complaint.pk), self.office.pk))
        self.assertEqual(event.actor_name, "李明（接口令牌：省平台）")

    def test_a_stale_version_is_a_conflict_and_nothing_changes(self):
        complaint = self.received()
        response = self.post(complaint, lead_unit=self.unit_yuetang.pk, version=complaint.version + 5)
        self.assertEqual((response.status_code, response.json()["code"]), (409, "conflict"))
        self.assertEqual(Complaint.objects.get(pk=complaint.pk).status, "received")

    def test_dispatching_twice_is_refused_as_a_conflict_of_state(self):
        case = Complaint.objects.get(pk=self.yuetang_case.pk)
        response = self.post(case, lead_unit=self.unit_yuetang.pk, version=case.version)
        self.assertEqual((response.status_code, response.json()["code"]), (409, "invalid_transition"))

    def test_a_handler_may_not_dispatch(self):
        case = Complaint.objects.get(pk=self.yuetang_case.pk)
        response = self.post(case, self.handler_token, lead_unit=self.unit_yuetang.pk, version=case.version)
        self.assertEqual((response.status_code, response.json()["code"]), (403, "not_permitted"))

    def test_an_unknown_unit_is_a_located_error(self):
        complaint = self.received()
        response = self.post(complaint, lead_unit=999999, version=complaint.version)
        self.assertEqual((response.status_code, response.json()["field"]), (400, "lead_unit"))

    def test_a_session_write_needs_the_csrf_token(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.office)
        complaint = self.received()
        response = client.post(
            f"/api/v1/complaints/{complaint.pk}/dispatch",
            {"lead_unit": self.unit_yuetang.pk, "version": complaint.version},
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(Complaint.objects.get(pk=complaint.pk).status, "received")
