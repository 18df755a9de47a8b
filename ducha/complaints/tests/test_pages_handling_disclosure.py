"""Disclosure pages: the office previews and approves a batch's one-glance table; the
public pages (no login) show approved batches only, and never complainant data."""

import datetime as dt
import io
from unittest import mock

from python_calamine import CalamineWorkbook

from ducha.complaints.models import Batch, Complaint, Disclosure
from ducha.complaints.services import dispatch as dispatching
from ducha.complaints.services import handling
from ducha.complaints.services import review as reviewing
from ducha.complaints.tests.test_pages_support import import_messy, make_inspection
from ducha.core.parsing.tests import messy
from ducha.testing import CastTestCase

DISPATCH_DAY = dt.datetime(2026, 9, 24, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
ROWS = 3


class DisclosurePageTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        import_messy(cls.office, make_inspection(cls.office), rows=ROWS, seed=7)
        cls.samples = list(messy.iter_samples(ROWS, seed=7))
        cls.batch = Batch.objects.get()

    def close_all(self):
        for c in Complaint.objects.order_by("pk"):
            with mock.patch("django.utils.timezone.now", return_value=DISPATCH_DAY):
                dispatching.dispatch_complaint(c, actor=self.office, lead_unit=self.unit_yuhu)
            handling.save_handling(
                Complaint.objects.get(pk=c.pk),
                actor=self.handler,
                findings="经核查属实，联系人电话13912345678。",
                veracity="true",
                measures="责令整改，已完成。",
            )
            handling.submit_handling(Complaint.objects.get(pk=c.pk), actor=self.handler)
            reviewing.accept_handling(Complaint.objects.get(pk=c.pk), actor=self.office)

    def url(self, suffix=""):
        return f"/complaints/batches/{self.batch.pk}/disclosure{suffix}"

    def test_office_previews_the_table(self):
        response = self.login(self.office).get(self.url("/"))
        self.assertEqual(response.status_code, 200)
        for s in self.samples:
            self.assertContains(response, s.ref)

    def test_preview_download_is_an_xlsx_with_the_title(self):
        response = self.login(self.office).get(self.url(".xlsx"))
        self.assertEqual(response.status_code, 200)
        book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
        rows = book.get_sheet_by_index(0).to_python()
        self.assertIn("办理情况一览表", rows[0][0])

    def test_leader_and_handler_may_not_preview(self):
        self.assertEqual(self.login(self.leader).get(self.url("/")).status_code, 403)
        self.assertEqual(self.login(self.handler).get(self.url("/")).status_code, 404)

    def test_approval_is_refused_while_complaints_are_open(self):
        response = self.login(self.office).post(self.url("/"), {"confirm": "on"})
        self.assertContains(response, "尚未办结，不能公开", status_code=400)
        self.assertFalse(Disclosure.objects.exists())

    def test_approved_batch_appears_on_the_public_pages_without_pii(self):
        self.close_all()
        self.assertEqual(self.login(self.office).post(self.url("/"), {"confirm": "on"}).status_code, 302)
        self.client.logout()
        listing = self.client.get("/public/disclosures/")
        self.assertContains(listing, f"/public/disclosures/{self.batch.pk}/")
        page = self.client.get(f"/public/disclosures/{self.batch.pk}/")
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, "13912345678")  # numbers inside text are redacted
        for s in self.samples:
            self.assertContains(page, s.ref)
            if s.name:
                self.assertNotContains(page, s.name)
            if s.phone:
                self.assertNotContains(page, s.phone)
        xlsx = self.client.get(f"/public/disclosures/{self.batch.pk}.xlsx")
        self.assertEqual(xlsx.status_code, 200)
        for s in self.samples:
            if s.phone:
                self.assertNotIn(s.phone.encode(), xlsx.content)

    def test_a_batch_not_approved_is_404_on_the_public_pages(self):
        self.assertNotContains(self.client.get("/public/disclosures/"), f"/public/disclosures/{self.batch.pk}/")
        self.assertEqual(self.client.get(f"/public/disclosures/{self.batch.pk}/").status_code, 404)
        self.assertEqual(self.client.get(f"/public/disclosures/{self.batch.pk}.xlsx").status_code, 404)
