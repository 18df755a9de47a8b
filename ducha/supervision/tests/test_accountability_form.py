import datetime as dt

from ducha.audit.models import AuditEvent
from ducha.complaints.tests.test_pages_support import make_inspection
from ducha.org.models import Region
from ducha.supervision.models import Accountability, VisitKind
from ducha.supervision.services import accountability, visits
from ducha.supervision.tests.support import DispatchedTestCase


class AccountabilityFormTests(DispatchedTestCase):
    rows = 3

    def setUp(self):
        super().setUp()
        self.person = accountability.create_person(
            actor=self.office, name="王建华", post="镇长", unit=self.unit_yuhu, region=self.unit_yuhu.region
        )

    def visit(self, inspection=None, region="430302"):
        return visits.plan_visit(
            inspection or self.inspection,
            actor=self.admin,
            region=Region.objects.get(code=region),
            kind=VisitKind.SPECIAL,
            title="专项督查",
            planned_on=dt.date(2026, 3, 2),
            team="市督查组",
        )

    def post(self, **extra):
        data = {
            "inspection": self.inspection.pk,
            "person": self.person.pk,
            "kind": "interview",
            "form": "",
            "date": "2026-03-02",
            "authority": "湘潭市人民政府",
            "reason": "整改不力。",
        } | extra
        return self.login(self.office).post("/supervision/accountability/new/", data)

    def test_the_causes_picked_on_the_form_are_linked_and_audited(self):
        c1, c2 = self.complaints()[:2]
        visit = self.visit()
        response = self.post(complaint_refs=f"{c1.ref}、{c2.ref}\n{c1.ref}", visits=[visit.pk])
        self.assertEqual(response.status_code, 302)
        entry = Accountability.objects.get()
        self.assertEqual(sorted(entry.complaints.values_list("pk", flat=True)), sorted([c1.pk, c2.pk]))
        self.assertEqual(list(entry.visits.values_list("pk", flat=True)), [visit.pk])
        event = AuditEvent.objects.get(action="supervision.accountability.record")
        self.assertEqual((event.after["complaints"], event.after["visits"]), ([c1.pk, c2.pk], [visit.pk]))

    def test_an_unknown_complaint_ref_is_refused_with_its_ref(self):
        response = self.post(complaint_refs=f"{self.complaints()[0].ref} X-404")
        self.assertContains(response, "找不到信访件：X-404。", status_code=400)
        self.assertFalse(Accountability.objects.exists())
        self.assertFalse(AuditEvent.objects.filter(action="supervision.accountability.record").exists())

    def test_a_ref_of_another_inspection_is_not_found(self):
        other = make_inspection(self.office, "other-round")
        response = self.post(inspection=other.pk, complaint_refs=self.complaints()[0].ref)
        self.assertContains(response, f"找不到信访件：{self.complaints()[0].ref}。", status_code=400)
        self.assertFalse(Accountability.objects.exists())

    def test_a_visit_the_user_may_not_see_cannot_be_picked(self):
        hidden = self.visit(region="430000")  # the province: outside the city office's region
        response = self.post(visits=[hidden.pk])
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, f"选择一个有效的选项。 {hidden.pk} 不在可用的选项中。", status_code=400)
        self.assertFalse(Accountability.objects.exists())
