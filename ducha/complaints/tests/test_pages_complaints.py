"""The complaint list and detail: scoped, masked, keyset-paged; identity revealed only to the office, audited."""

from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext

from ducha.audit.models import AuditEvent
from ducha.complaints import queries
from ducha.complaints.models import Complaint
from ducha.complaints.tests.test_pages_support import import_messy, make_inspection
from ducha.core.parsing.tests import messy
from ducha.testing import CastTestCase

ROWS = 24


class ComplaintPageTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        import_messy(cls.office, make_inspection(cls.office), rows=ROWS, seed=4)
        cls.samples = {s.ref: s for s in messy.iter_samples(ROWS, seed=4)}

    def named(self) -> Complaint:
        """A complaint whose complainant left a name and a phone number."""
        ref = next(ref for ref, s in self.samples.items() if s.name and s.phone)
        return Complaint.objects.get(ref=ref)

    def test_office_sees_every_complaint_of_the_city(self):
        response = self.login(self.office).get("/complaints/")
        self.assertEqual(len(response.context["rows"]), ROWS)

    def test_handler_sees_no_complaints_before_any_is_dispatched(self):
        response = self.login(self.handler).get("/complaints/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["rows"], [])

    def test_handler_gets_404_on_a_complaint_page(self):
        complaint = self.named()
        self.assertEqual(self.login(self.handler).get(f"/complaints/{complaint.pk}/").status_code, 404)

    def test_leader_sees_the_list_with_complainants_masked(self):
        complaint = self.named()
        sample = self.samples[complaint.ref]
        response = self.login(self.leader).get("/complaints/")
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, sample.phone)
        self.assertNotContains(response, sample.name)
        masked = Complaint._meta.get_field("complainant_phone").masked(sample.phone)
        self.assertContains(response, f'<td class="pii">{masked}</td>', html=False)

    def test_the_office_list_is_masked_too(self):
        sample = self.samples[self.named().ref]
        response = self.login(self.office).get("/complaints/")
        self.assertNotContains(response, sample.phone)

    def test_the_detail_page_shows_the_batch_file_and_masks_the_complainant(self):
        complaint = self.named()
        response = self.login(self.leader).get(f"/complaints/{complaint.pk}/")
        self.assertContains(response, complaint.text)
        self.assertContains(response, "第3批交办件.xlsx")
        self.assertContains(response, "导入交办批次")  # the timeline
        self.assertNotContains(response, self.samples[complaint.ref].phone)
        self.assertNotContains(response, "查看举报人信息</button>")

    def test_office_reveal_shows_the_identity_and_writes_an_audit_row(self):
        complaint = self.named()
        sample = self.samples[complaint.ref]
        response = self.login(self.office).post(f"/complaints/{complaint.pk}/reveal/")
        self.assertContains(response, sample.phone)
        self.assertContains(response, sample.name)
        event = AuditEvent.objects.get(action="pii.reveal")
        self.assertEqual((event.actor_id, event.object_id), (self.office.pk, str(complaint.pk)))
        self.assertEqual(event.object_type, "complaints.complaint")

    def test_handler_cannot_reveal(self):
        complaint = self.named()
        self.assertEqual(self.login(self.handler).post(f"/complaints/{complaint.pk}/reveal/").status_code, 404)
        self.assertFalse(AuditEvent.objects.filter(action="pii.reveal").exists())

    def test_leader_cannot_reveal(self):
        complaint = self.named()
        self.assertEqual(self.login(self.leader).post(f"/complaints/{complaint.pk}/reveal/").status_code, 403)
        self.assertFalse(AuditEvent.objects.filter(action="pii.reveal").exists())

    def test_the_list_filters_key_complaints(self):
        response = self.login(self.office).get("/complaints/", {"key": "1"})
        refs = {c.ref for c, _who in response.context["rows"]}
        self.assertEqual(refs, {ref for ref, s in self.samples.items() if s.is_key})

    def test_the_list_finds_a_complaint_by_its_ref(self):
        ref = self.named().ref
        response = self.login(self.office).get("/complaints/", {"q": ref})
        self.assertEqual([c.ref for c, _who in response.context["rows"]], [ref])

    def test_the_list_searches_the_text(self):
        response = self.login(self.office).get("/complaints/", {"q": "油烟"})
        refs = {c.ref for c, _who in response.context["rows"]}
        self.assertEqual(refs, {ref for ref, s in self.samples.items() if "油烟" in s.text})

    def test_the_list_filters_a_district(self):
        from ducha.org.models import Region

        yuhu = Region.objects.get(code="430302")
        response = self.login(self.office).get("/complaints/", {"region": yuhu.pk})
        refs = {c.ref for c, _who in response.context["rows"]}
        self.assertEqual(refs, {ref for ref, s in self.samples.items() if s.region_code == "430302"})

    def test_the_list_filters_a_pollution_type(self):
        response = self.login(self.office).get("/complaints/", {"pollution_type": "noise"})
        refs = {c.ref for c, _who in response.context["rows"]}
        self.assertEqual(refs, {ref for ref, s in self.samples.items() if "noise" in s.pollution_codes})

    def test_the_list_pages_on_a_keyset(self):
        with mock.patch.object(queries, "PAGE_SIZE", 10):
            client = self.login(self.office)
            response = client.get("/complaints/", {"sort": "region"})
            seen = [c.pk for c, _who in response.context["rows"]]
            while response.context["next_query"]:
                response = client.get("/complaints/?" + response.context["next_query"])
                seen += [c.pk for c, _who in response.context["rows"]]
        expected = list(Complaint.objects.order_by("region_id", "id").values_list("pk", flat=True))
        self.assertEqual(seen, expected)

    def test_keyset_pages_hold_every_row_once_in_every_order(self):
        # a few complaints without an acceptance time: they come last either way
        Complaint.objects.filter(pk__in=Complaint.objects.order_by("pk").values("pk")[:3]).update(accepted_at=None)
        for sort in ("ref", "-ref", "accepted_at", "-accepted_at", "region", "-region"):
            with self.subTest(sort=sort):
                pks, after = [], ""
                while True:
                    page = queries.list_complaints(self.office, {}, sort=sort, after=after, size=7)
                    pks += [c.pk for c in page.complaints]
                    if not (after := page.next_cursor):
                        break
                field = queries.SORTS[sort.removeprefix("-")][0]
                rows = Complaint.objects.values_list(field, "pk")
                present = sorted(((v, pk) for v, pk in rows if v is not None), reverse=sort.startswith("-"))
                absent = sorted(
                    ((v, pk) for v, pk in rows if v is None), reverse=sort.startswith("-"), key=lambda r: r[1]
                )
                self.assertEqual(pks, [pk for _v, pk in present + absent])

    def test_a_forged_cursor_starts_from_the_first_page(self):
        response = self.login(self.office).get("/complaints/", {"after": "not json"})
        self.assertEqual(len(response.context["rows"]), ROWS)

    def test_the_list_page_needs_a_fixed_number_of_queries(self):
        client = self.login(self.office)
        client.get("/complaints/")  # warm the session and the content types
        with CaptureQueriesContext(connection) as few:
            client.get("/complaints/")
        import_messy(self.office, Complaint.objects.first().inspection, rows=ROWS * 2, seed=5)
        with self.assertNumQueries(len(few)):
            response = client.get("/complaints/")
        self.assertEqual(len(response.context["rows"]), queries.PAGE_SIZE)
        # session, user, memberships, complaints, pollution types, the filter choices,
        # the unread notification count of the nav, and the list's total
        self.assertLessEqual(len(few), 10)
