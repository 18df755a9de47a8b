import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ducha import store
from ducha.audit.models import AuditEvent
from ducha.complaints.models import Batch, Complaint
from ducha.complaints.services import visits as complaint_visits
from ducha.complaints.tests.test_pages_support import make_inspection
from ducha.errors import DomainError, InvalidTransition, NotPermitted
from ducha.org.models import Region
from ducha.rectification.models import Task
from ducha.rectification.tests.support import sample_finding
from ducha.supervision.models import SiteVisit, VisitFinding, VisitKind
from ducha.supervision.services import visits
from ducha.testing import CastTestCase

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"0" * 40


class VisitFindingTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.inspection = make_inspection(cls.office)
        cls.visit = cls.plan(cls.inspection)

    @classmethod
    def plan(cls, inspection) -> SiteVisit:
        return visits.plan_visit(
            inspection,
            actor=cls.supervisor,
            region=Region.objects.get(code="430302"),
            kind=VisitKind.UNANNOUNCED,
            title="雨湖区夜间暗访",
            planned_on=dt.date(2026, 3, 2),
            team="市督查组",
        )

    def found(self, text="河道旁有企业夜间偷排废水。", visit=None) -> VisitFinding:
        return visits.add_visit_finding(visit or self.visit, actor=self.supervisor, text=text, unit=self.unit_yuhu)

    def ref(self, n: int) -> str:
        return f"DC-{timezone.localdate().year}-{n:03d}"

    # --- finding → complaint (service) ---------------------------------------------

    def test_a_finding_becomes_a_complaint_in_the_visit_batch_linked_both_ways(self):
        vf = self.found()
        complaint = visits.convert_to_complaint(vf, actor=self.supervisor, pollution_codes=["water"])
        complaint = Complaint.objects.get(pk=complaint.pk)
        self.assertEqual(complaint.ref, self.ref(1))
        self.assertEqual(complaint.text, "河道旁有企业夜间偷排废水。")
        self.assertEqual(complaint.region_id, "430302")
        self.assertEqual(complaint.status, "received")
        self.assertEqual(list(complaint.pollution_types.values_list("code", flat=True)), ["water"])
        batch = complaint.batch
        self.assertEqual((batch.number, batch.source_name, batch.source_file.name), (0, "专项督查/暗访发现", ""))
        self.assertEqual(len(batch.source_sha256), 64)
        self.assertEqual(VisitFinding.objects.get(pk=vf.pk).complaint_id, complaint.pk)
        self.assertEqual(complaint.visit_finding.pk, vf.pk)

    def test_the_conversion_is_audited_on_both_sides(self):
        vf = self.found()
        complaint = visits.convert_to_complaint(vf, actor=self.supervisor)
        created = AuditEvent.objects.get(action="complaints.complaint.create_from_visit")
        self.assertEqual(created.object_id, str(complaint.pk))
        self.assertEqual(created.after["ref"], self.ref(1))
        self.assertEqual(created.after["batch"], 0)
        self.assertEqual(created.actor_id, self.supervisor.pk)
        linked = AuditEvent.objects.get(action="supervision.visit.convert")
        self.assertEqual(linked.object_id, str(vf.pk))
        self.assertEqual(linked.after, {"complaint": complaint.pk, "ref": self.ref(1), "visit": self.visit.pk})

    def test_refs_run_on_within_the_inspection_and_the_visit_batch_is_made_once(self):
        first = visits.convert_to_complaint(self.found("一"), actor=self.supervisor)
        second = visits.convert_to_complaint(self.found("二"), actor=self.office)
        other = self.plan(make_inspection(self.office, "other-round"))
        third = visits.convert_to_complaint(self.found("三", visit=other), actor=self.supervisor)
        self.assertEqual([first.ref, second.ref, third.ref], [self.ref(1), self.ref(2), self.ref(1)])
        self.assertEqual(Batch.objects.filter(number=0).count(), 2)
        self.assertEqual(first.batch_id, second.batch_id)

    def test_a_finding_already_converted_is_refused(self):
        vf = self.found()
        visits.convert_to_complaint(vf, actor=self.supervisor)
        with self.assertRaises(InvalidTransition) as caught:
            visits.convert_to_complaint(vf, actor=self.supervisor)
        self.assertEqual(str(caught.exception.message), "该问题已转为整改任务或信访件。")
        self.assertEqual(Complaint.objects.count(), 1)

    def test_a_district_handler_may_not_convert_a_finding(self):
        vf = self.found()
        with self.assertRaises(NotPermitted):
            visits.convert_to_complaint(vf, actor=self.handler)
        self.assertFalse(Complaint.objects.exists())
        self.assertFalse(AuditEvent.objects.filter(action="supervision.visit.convert").exists())

    def test_an_unknown_pollution_type_is_refused_and_nothing_is_written(self):
        with self.assertRaises(DomainError) as caught:
            complaint_visits.create_complaint_from_visit(
                actor=self.supervisor,
                inspection=self.inspection,
                text="烟囱冒黑烟。",
                region=Region.objects.get(code="430302"),
                pollution_codes=["smoke"],
                source_label="专项督查/暗访发现",
            )
        self.assertEqual(str(caught.exception.message), "污染类型无效：smoke。")
        self.assertFalse(Batch.objects.filter(number=0).exists())

    def test_a_complaint_outside_the_actors_region_is_refused(self):
        with self.assertRaises(NotPermitted):
            complaint_visits.create_complaint_from_visit(
                actor=self.supervisor,
                inspection=self.inspection,
                text="烟囱冒黑烟。",
                region=Region.objects.get(code="430000"),
            )
        self.assertFalse(Complaint.objects.exists())
        self.assertFalse(AuditEvent.objects.filter(action="complaints.complaint.create_from_visit").exists())

    # --- the visit page ----------------------------------------------------------------

    def test_the_visit_page_offers_both_conversions_for_an_open_finding(self):
        self.found()
        response = self.login(self.supervisor).get(f"/supervision/visits/{self.visit.pk}/")
        self.assertContains(response, "转为整改任务")
        self.assertContains(response, "转为信访件")
        self.assertContains(response, 'enctype="multipart/form-data"')

    def test_the_complaint_button_converts_the_finding(self):
        vf = self.found()
        response = self.login(self.supervisor).post(
            f"/supervision/visits/{self.visit.pk}/to-complaint/",
            {"visit_finding": vf.pk, "pollution_types": ["water", "air"]},
            follow=True,
        )
        self.assertContains(response, f"已转为信访件{self.ref(1)}。")
        complaint = Complaint.objects.get(visit_finding=vf)
        self.assertEqual(sorted(complaint.pollution_types.values_list("code", flat=True)), ["air", "water"])
        self.assertTrue(AuditEvent.objects.filter(action="supervision.visit.convert", object_id=str(vf.pk)).exists())

    def test_the_task_button_converts_the_finding_into_a_task_of_the_chosen_finding(self):
        finding = sample_finding(self)
        visit = self.plan(finding.inspection)
        vf = self.found(visit=visit)
        response = self.login(self.office).post(
            f"/supervision/visits/{visit.pk}/to-task/",
            {"visit_finding": vf.pk, "finding": finding.pk, "due_date": "2026-12-31"},
            follow=True,
        )
        task = Task.objects.get(visit_finding=vf)
        self.assertContains(response, f"已转为整改任务（{task}）。")
        self.assertEqual(
            (task.finding_id, task.lead_unit_id, task.due_date), (finding.pk, self.unit_yuhu.pk, dt.date(2026, 12, 31))
        )
        event = AuditEvent.objects.get(action="supervision.visit.convert")
        self.assertEqual(event.after["task"], task.pk)

    def test_the_photos_are_uploaded_with_a_finding(self):
        response = self.login(self.supervisor).post(
            f"/supervision/visits/{self.visit.pk}/findings/new/",
            {
                "text": "渣土车未覆盖。",
                "unit": self.unit_yuhu.pk,
                "photos": [SimpleUploadedFile("现场1.png", PNG), SimpleUploadedFile("现场2.JPG", JPEG)],
            },
            follow=True,
        )
        self.assertContains(response, "已登记发现问题（照片2张）。")
        vf = VisitFinding.objects.get(visit=self.visit)
        self.assertEqual([p["name"] for p in vf.photos], ["现场1.png", "现场2.JPG"])
        stored = [store.open(photo["path"]).read() for photo in vf.photos]
        self.assertEqual(stored, [PNG, JPEG])
        event = AuditEvent.objects.get(action="supervision.visit.finding")
        self.assertEqual(event.object_id, str(vf.pk))

    def test_a_photo_that_is_not_an_image_is_refused_with_its_name(self):
        response = self.login(self.supervisor).post(
            f"/supervision/visits/{self.visit.pk}/findings/new/",
            {"text": "渣土车未覆盖。", "unit": self.unit_yuhu.pk, "photos": [SimpleUploadedFile("说明.exe", b"MZ")]},
        )
        self.assertContains(response, "照片只能是 JPG 或 PNG 文件：说明.exe。", status_code=400)
        self.assertFalse(VisitFinding.objects.exists())
        self.assertFalse(AuditEvent.objects.filter(action="supervision.visit.finding").exists())

    def test_a_leader_sees_the_page_without_the_buttons(self):
        self.found()
        response = self.login(self.leader).get(f"/supervision/visits/{self.visit.pk}/")
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "转为信访件")
