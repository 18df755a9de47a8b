"""The office opens an inspection before it can import the batches of one."""

from ducha.audit.models import AuditEvent
from ducha.complaints.tests.test_pages_support import make_inspection
from ducha.inspections.models import Inspection
from ducha.testing import CastTestCase

FORM = {
    "code": "cei-2021-hn",
    "team": "中央第六生态环境保护督察组",
    "province": "湖南省",
    "kind": "regular",
    "start_date": "2021-04-06",
}


class InspectionPageTests(CastTestCase):
    def test_office_creates_an_inspection_and_it_is_audited(self):
        response = self.login(self.office).post("/complaints/inspections/new/", FORM)
        self.assertRedirects(response, "/complaints/inspections/")
        inspection = Inspection.objects.get(code="cei-2021-hn")
        self.assertTrue(
            AuditEvent.objects.filter(action="complaints.inspection.create", object_id=str(inspection.pk)).exists()
        )

    def test_a_taken_code_is_refused_on_the_form_with_400(self):
        make_inspection(self.office)
        response = self.login(self.office).post("/complaints/inspections/new/", FORM)
        self.assertContains(response, "督察代码“cei-2021-hn”已存在。", status_code=400)

    def test_an_end_before_the_start_is_refused_on_its_field(self):
        response = self.login(self.office).post("/complaints/inspections/new/", FORM | {"end_date": "2021-04-01"})
        self.assertContains(response, "结束日期不能早于进驻日期。", status_code=400)
        self.assertFalse(Inspection.objects.exists())

    def test_leader_reads_the_list_but_may_not_create(self):
        make_inspection(self.office)
        client = self.login(self.leader)
        self.assertContains(client.get("/complaints/inspections/"), "cei-2021-hn")
        self.assertEqual(client.get("/complaints/inspections/new/").status_code, 403)
