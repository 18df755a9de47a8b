"""Disclosure people can find: the table in the team's order (序号, then 受理编号), the
batch list linking each batch's table and public page, 批准公开 asking first and naming
what becomes public, and a public search by 受理编号, 行政区域 and 污染类型 that shows
each case's status."""

from ducha.complaints.models import Batch, Complaint, Disclosure
from ducha.complaints.tests import test_pages_handling_disclosure as disclosure_pages
from ducha.complaints.tests.test_pages_support import import_messy, make_inspection
from ducha.core.parsing.tests import messy
from ducha.testing import CastTestCase

ROWS = 3


class DisclosureFindTests(CastTestCase):
    close_all = disclosure_pages.DisclosurePageTests.close_all  # imported whole: collected once
    url = disclosure_pages.DisclosurePageTests.url

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        import_messy(cls.office, make_inspection(cls.office), rows=ROWS, seed=7)
        cls.samples = list(messy.iter_samples(ROWS, seed=7))
        cls.batch = Batch.objects.get()

    def approve(self):
        self.close_all()
        self.assertEqual(self.login(self.office).post(self.url("/"), {"confirm": "on"}).status_code, 302)

    def test_the_batch_files_serial_is_imported(self):
        serials = list(Complaint.objects.order_by("ref").values_list("serial", flat=True))
        self.assertEqual(serials, [1, 2, 3])

    def test_the_table_keeps_the_teams_order(self):
        first, second, third = Complaint.objects.order_by("ref")
        for c, serial in ((first, 3), (second, None), (third, 1)):
            Complaint.objects.filter(pk=c.pk).update(serial=serial)
        page = self.login(self.office).get(self.url("/"))
        refs = [row["ref"] for row in page.context["rows"]]
        self.assertEqual(refs, [third.ref, first.ref, second.ref])  # no 序号 comes last
        self.assertEqual([row["n"] for row in page.context["rows"]], [1, 2, 3])

    def test_the_batch_list_links_the_table_and_the_public_page(self):
        listing = self.login(self.office).get("/complaints/batches/")
        self.assertContains(listing, self.url("/"))
        self.assertNotContains(listing, f"/public/disclosures/{self.batch.pk}/")
        self.approve()
        listing = self.client.get("/complaints/batches/")
        self.assertContains(listing, f"/public/disclosures/{self.batch.pk}/")

    def test_a_leader_sees_the_public_link_but_not_the_preview(self):
        self.approve()
        listing = self.login(self.leader).get("/complaints/batches/")
        self.assertNotContains(listing, self.url("/"))
        self.assertContains(listing, f"/public/disclosures/{self.batch.pk}/")

    def test_approval_asks_for_confirmation_and_names_what_becomes_public(self):
        self.close_all()
        client = self.login(self.office)
        page = client.get(self.url("/"))
        self.assertContains(page, 'id="becomes-public"')
        self.assertContains(page, f"共 {ROWS} 件信访件")
        self.assertContains(page, "办理情况一览表（第3批）")
        self.assertContains(page, "举报人信息不公开")
        refused = client.post(self.url("/"))
        self.assertContains(refused, "请先勾选确认，再批准公开。", status_code=400)
        self.assertFalse(Disclosure.objects.exists())

    def test_the_public_index_searches_by_ref_region_and_pollution_type(self):
        self.approve()
        self.client.logout()
        sample = self.samples[0]
        found = self.client.get("/public/disclosures/", {"ref": sample.ref[-4:]})
        self.assertContains(found, sample.ref)
        self.assertContains(found, '<td class="status">已办结</td>', html=False)
        self.assertEqual(len(found.context["results"]), 1)
        everything = self.client.get("/public/disclosures/", {"region": "430300"})
        self.assertEqual(len(everything.context["results"]), ROWS)  # the city takes its counties
        c = Complaint.objects.get(ref=sample.ref)
        county = self.client.get("/public/disclosures/", {"region": c.region_id})
        self.assertIn(sample.ref, [r.ref for r, _title in county.context["results"]])
        code = c.pollution_types.first().code
        by_type = self.client.get("/public/disclosures/", {"pollution": code})
        expected = set(Complaint.objects.filter(pollution_types__code=code).values_list("ref", flat=True))
        self.assertEqual({r.ref for r, _title in by_type.context["results"]}, expected)
        none = self.client.get("/public/disclosures/", {"ref": "NO-SUCH-REF"})
        self.assertContains(none, "没有符合条件的信访件")
        for s in self.samples:
            if s.name:
                self.assertNotContains(everything, s.name)

    def test_the_public_search_never_shows_a_batch_not_approved(self):
        sample = self.samples[0]
        found = self.client.get("/public/disclosures/", {"ref": sample.ref})
        self.assertEqual(found.context["results"], [])
