"""The handling pages: queues, the complaint page's panels, review conflicts, figures,
look-back. State is set up through the real services; the pages are driven as the
office and the 雨湖区 handler would."""

import datetime as dt
from decimal import Decimal
from unittest import mock

from ducha.complaints.models import (
    AssignmentRequest,
    Complaint,
    ComplaintStatus,
    Evidence,
    Handling,
    Recheck,
    RepeatSuggestion,
)
from ducha.complaints.services import dispatch as dispatching
from ducha.complaints.services import handling, lookback
from ducha.complaints.services import review as reviewing
from ducha.complaints.tests.test_pages_support import import_messy, make_inspection
from ducha.core.parsing.tests import messy
from ducha.testing import CastTestCase

DISPATCH_DAY = dt.datetime(2026, 9, 24, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64
ROWS = 12
CONFLICT = "该记录已被他人修改"


def at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


class HandlingPageTestCase(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.inspection = make_inspection(cls.office)
        cls.inspection.due_days, cls.inspection.due_kind = 10, "working"
        cls.inspection.save(update_fields=["due_days", "due_kind"])
        import_messy(cls.office, cls.inspection, rows=ROWS, seed=4)
        cls.samples = {s.ref: s for s in messy.iter_samples(ROWS, seed=4)}

    def named(self, n: int = 0) -> Complaint:
        """The n-th complaint whose complainant left a name and a phone number."""
        refs = sorted(ref for ref, s in self.samples.items() if s.name and s.phone)
        return Complaint.objects.get(ref=refs[n])

    def fresh(self, complaint) -> Complaint:
        return Complaint.objects.get(pk=complaint.pk)

    def dispatch(self, complaint, unit=None, **kw) -> Complaint:
        with at(DISPATCH_DAY):
            return dispatching.dispatch_complaint(complaint, actor=self.office, lead_unit=unit or self.unit_yuhu, **kw)

    def submitted(self, complaint) -> Complaint:
        self.dispatch(complaint)
        handling.save_handling(
            self.fresh(complaint), actor=self.handler, findings="经核查属实。", veracity="true", measures="已整改。"
        )
        handling.submit_handling(self.fresh(complaint), actor=self.handler)
        return self.fresh(complaint)

    def report_post(self, complaint, **extra) -> dict:
        data = {
            "version": self.fresh(complaint).version,
            "findings": "经现场核查，该场确有污水直排。",
            "veracity": "true",
            "measures": "责令停产整治。",
            "accountability_text": "",
            "orders": 1,
            "penalty_cases": 1,
            "fines": "50000",
            "criminal_cases": 0,
            "admin_detentions": 0,
            "criminal_detentions": 0,
            "interviews": 2,
            "accountabilities": 0,
        }
        return data | extra


class DetailPanelTests(HandlingPageTestCase):
    def test_office_dispatches_from_the_complaint_page(self):
        c = self.named()
        client = self.login(self.office)
        with at(DISPATCH_DAY):
            response = client.post(
                f"/complaints/{c.pk}/dispatch/",
                {"version": c.version, "lead_unit": self.unit_yuhu.pk, "due_days": 10, "due_kind": "working"},
            )
        self.assertRedirects(response, f"/complaints/{c.pk}/", fetch_redirect_response=False)
        page = self.client.get(f"/complaints/{c.pk}/")
        self.assertContains(page, "2026-10-15")
        self.assertContains(page, "10月10日调休上班")  # the due date explains itself
        self.assertContains(page, "雨湖区人民政府")

    def test_dispatch_with_a_stale_version_is_a_conflict(self):
        c = self.named()
        stale = c.version
        self.dispatch(c)
        response = self.login(self.office).post(
            f"/complaints/{c.pk}/dispatch/", {"version": stale, "lead_unit": self.unit_yuetang.pk}
        )
        self.assertContains(response, CONFLICT, status_code=400)
        self.assertEqual(self.fresh(c).lead_unit_id, self.unit_yuhu.pk)

    def test_handler_may_not_dispatch(self):
        c = self.dispatch(self.named())
        response = self.login(self.handler).post(f"/complaints/{c.pk}/dispatch/", {"version": c.version})
        self.assertEqual(response.status_code, 403)

    def test_handler_writes_the_report_and_fines_show_in_wan_yuan(self):
        c = self.dispatch(self.named())
        response = self.login(self.handler).post(f"/complaints/{c.pk}/handling/", self.report_post(c, fines="123456"))
        self.assertEqual(response.status_code, 302)
        report = Handling.objects.get(complaint=c)
        self.assertEqual((report.fines, report.interviews), (Decimal("123456.00"), 2))
        page = self.client.get(f"/complaints/{c.pk}/")
        self.assertContains(page, '<span class="fines">12.35</span> 万元', html=False)

    def test_a_negative_fine_is_refused_on_the_form(self):
        c = self.dispatch(self.named())
        response = self.login(self.handler).post(f"/complaints/{c.pk}/handling/", self.report_post(c, fines="-5"))
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "经现场核查，该场确有污水直排。", status_code=400)
        self.assertFalse(Handling.objects.exists())

    def test_handler_uploads_evidence(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        c = self.dispatch(self.named())
        upload = SimpleUploadedFile("现场照片.png", PNG, content_type="image/png")
        response = self.login(self.handler).post(f"/complaints/{c.pk}/handling/evidence/", {"file": upload})
        self.assertEqual(response.status_code, 302)
        evidence = Evidence.objects.get()
        self.assertEqual((evidence.name, evidence.size), ("现场照片.png", len(PNG)))
        download = self.client.get(f"/complaints/{c.pk}/evidence/?file={evidence.pk}")
        self.assertEqual(b"".join(download.streaming_content), PNG)

    def test_evidence_of_the_wrong_type_is_refused_with_the_reason(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        c = self.dispatch(self.named())
        upload = SimpleUploadedFile("报告.pdf", b"MZ not a pdf")
        response = self.login(self.handler).post(f"/complaints/{c.pk}/handling/evidence/", {"file": upload})
        self.assertContains(response, "的内容与扩展名不符", status_code=400)
        upload = SimpleUploadedFile("x.exe", b"MZ")
        response = self.client.post(f"/complaints/{c.pk}/handling/evidence/", {"file": upload})
        self.assertContains(response, "的类型不支持", status_code=400)

    def test_submit_needs_the_report_first(self):
        c = self.dispatch(self.named())
        response = self.login(self.handler).post(f"/complaints/{c.pk}/handling/submit/", {"version": c.version})
        self.assertContains(response, "请先填写办理情况。", status_code=400)

    def test_handler_submits_and_the_office_sees_it_to_review(self):
        c = self.dispatch(self.named())
        client = self.login(self.handler)
        client.post(f"/complaints/{c.pk}/handling/", self.report_post(c))
        response = client.post(f"/complaints/{c.pk}/handling/submit/", {"version": self.fresh(c).version})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.fresh(c).status, ComplaintStatus.SUBMITTED)
        page = self.login(self.office).get(f"/complaints/{c.pk}/")
        self.assertContains(page, 'id="review-form"')

    def test_supporting_unit_adds_its_part(self):
        c = self.dispatch(self.named(), support_units=[self.unit_yuetang])
        response = self.login(self.handler2).post(
            f"/complaints/{c.pk}/handling/part/", {"text": "岳塘区配合核查了排污口。"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertContains(self.login(self.handler).get(f"/complaints/{c.pk}/"), "岳塘区配合核查了排污口。")

    def test_supporting_unit_may_not_write_the_report(self):
        c = self.dispatch(self.named(), support_units=[self.unit_yuetang])
        response = self.login(self.handler2).post(f"/complaints/{c.pk}/handling/", self.report_post(c))
        self.assertEqual(response.status_code, 403)

    def test_handler_asks_for_an_extension_and_the_office_approves(self):
        c = self.dispatch(self.named())
        response = self.login(self.handler).post(
            f"/complaints/{c.pk}/request/", {"kind": "extension", "extra_days": 5, "reason": "需要监测数据"}
        )
        self.assertEqual(response.status_code, 302)
        req = AssignmentRequest.objects.get()
        client = self.login(self.office)
        with at(DISPATCH_DAY):
            response = client.post(
                f"/complaints/{c.pk}/requests/{req.pk}/decide/", {"decision": "approve", "note": "同意"}
            )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.fresh(c).due_on, dt.date(2026, 10, 22))
        again = self.client.post(f"/complaints/{c.pk}/requests/{req.pk}/decide/", {"decision": "approve"})
        self.assertEqual(again.status_code, 400)

    def test_a_request_needs_a_reason(self):
        c = self.dispatch(self.named())
        response = self.login(self.handler).post(f"/complaints/{c.pk}/request/", {"kind": "reroute", "reason": ""})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(AssignmentRequest.objects.exists())

    def test_the_timeline_shows_who_did_each_step_and_when(self):
        c = self.submitted(self.named())
        page = self.login(self.office).get(f"/complaints/{c.pk}/")
        self.assertContains(page, "转办信访件")
        self.assertContains(page, "报送办理情况")
        self.assertContains(page, "王芳")  # the handler who submitted
        self.assertContains(page, "李明")  # the office who dispatched


class ReviewPageTests(HandlingPageTestCase):
    def test_office_returns_with_a_reason_and_the_handler_sees_it(self):
        c = self.submitted(self.named())
        response = self.login(self.office).post(
            f"/complaints/{c.pk}/review/", {"version": c.version, "decision": "return", "note": "请补充监测报告"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.fresh(c).status, ComplaintStatus.RETURNED)
        page = self.login(self.handler).get(f"/complaints/{c.pk}/")
        self.assertContains(page, "请补充监测报告")
        self.assertContains(page, 'id="handling-form"')

    def test_a_return_needs_a_reason(self):
        c = self.submitted(self.named())
        response = self.login(self.office).post(
            f"/complaints/{c.pk}/review/", {"version": c.version, "decision": "return", "note": ""}
        )
        self.assertContains(response, "退回时请写明理由。", status_code=400)

    def test_office_accepts_and_the_case_closes(self):
        c = self.submitted(self.named())
        response = self.login(self.office).post(
            f"/complaints/{c.pk}/review/", {"version": c.version, "decision": "accept"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.fresh(c).status, ComplaintStatus.CLOSED)

    def test_second_reviewer_gets_the_conflict_and_keeps_the_typed_text(self):
        c = self.submitted(self.named())
        shown = c.version  # both reviewers opened the page at this version
        first = self.login(self.office).post(f"/complaints/{c.pk}/review/", {"version": shown, "decision": "accept"})
        self.assertEqual(first.status_code, 302)
        second = self.client.post(
            f"/complaints/{c.pk}/review/", {"version": shown, "decision": "return", "note": "现场照片不清晰，请补充"}
        )
        self.assertContains(second, CONFLICT, status_code=400)
        self.assertContains(second, "现场照片不清晰，请补充", status_code=400)
        self.assertEqual(self.fresh(c).status, ComplaintStatus.CLOSED)

    def test_handler_may_not_review(self):
        c = self.submitted(self.named())
        response = self.login(self.handler).post(
            f"/complaints/{c.pk}/review/", {"version": c.version, "decision": "accept"}
        )
        self.assertEqual(response.status_code, 403)


class RepeatPanelTests(HandlingPageTestCase):
    def suggestion(self, relapse=False) -> RepeatSuggestion:
        return RepeatSuggestion.objects.create(
            complaint=self.named(1), candidate=self.named(0), score=Decimal("0.91"), reasons=["同一村"], relapse=relapse
        )

    def test_office_confirms_a_repeat_from_the_complaint_page(self):
        s = self.suggestion()
        response = self.login(self.office).post(
            f"/complaints/{s.complaint_id}/repeats/{s.pk}/", {"decision": "confirm"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.fresh(s.complaint).repeat_of_id, s.candidate_id)

    def test_office_rejects_a_suggestion(self):
        s = self.suggestion()
        self.login(self.office).post(f"/complaints/{s.complaint_id}/repeats/{s.pk}/", {"decision": "reject"})
        s.refresh_from_db()
        self.assertEqual(s.status, "rejected")
        self.assertIsNone(self.fresh(s.complaint).repeat_of_id)

    def test_a_decided_suggestion_cannot_be_decided_again(self):
        s = self.suggestion()
        client = self.login(self.office)
        client.post(f"/complaints/{s.complaint_id}/repeats/{s.pk}/", {"decision": "reject"})
        response = client.post(f"/complaints/{s.complaint_id}/repeats/{s.pk}/", {"decision": "confirm"})
        self.assertContains(response, CONFLICT, status_code=400)

    def test_a_possible_relapse_is_flagged_on_both_complaints(self):
        s = self.suggestion(relapse=True)
        client = self.login(self.office)
        for pk in (s.complaint_id, s.candidate_id):
            self.assertContains(client.get(f"/complaints/{pk}/"), 'id="relapse-flag"')

    def test_handler_may_not_decide_repeats(self):
        s = self.suggestion()
        self.dispatch(s.complaint)
        response = self.login(self.handler).post(
            f"/complaints/{s.complaint_id}/repeats/{s.pk}/", {"decision": "confirm"}
        )
        self.assertEqual(response.status_code, 403)


class FiguresPageTests(HandlingPageTestCase):
    def test_office_sees_on_time_figures_by_each_grouping(self):
        c = self.submitted(self.named())
        with at(dt.datetime(2026, 10, 1, 10, tzinfo=dt.UTC)):
            reviewing.accept_handling(self.fresh(c), actor=self.office)
        client = self.login(self.office)
        for by in ("inspection", "batch", "region", "unit"):
            with self.subTest(by=by):
                response = client.get(f"/complaints/figures/?by={by}")
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.context["total"]["on_time"], 1)
        self.assertContains(client.get("/complaints/figures/?by=unit"), "雨湖区人民政府")

    def test_a_stranger_may_not_open_the_figures(self):
        self.assertEqual(self.login(self.stranger).get("/complaints/figures/").status_code, 403)


class LookbackPageTests(HandlingPageTestCase):
    def closed(self) -> Complaint:
        c = self.submitted(self.named())
        reviewing.accept_handling(self.fresh(c), actor=self.office)
        return c

    def test_office_samples_closed_complaints_and_records_a_result(self):
        c = self.closed()
        client = self.login(self.office)
        response = client.post("/complaints/lookback/", {"inspection": self.inspection.pk, "count": 5})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Recheck.objects.get().complaint_id, c.pk)
        self.assertContains(client.get("/complaints/lookback/"), c.ref)
        response = client.post(f"/complaints/{c.pk}/recheck/", {"result": "relapsed", "note": "复查发现又有偷排"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Recheck.objects.get().result, "relapsed")
        self.assertContains(client.get(f"/complaints/{c.pk}/"), "复查发现又有偷排")

    def test_handler_may_not_open_the_lookback_page(self):
        self.assertEqual(self.login(self.handler).get("/complaints/lookback/").status_code, 403)

    def test_recording_without_a_sampled_recheck_is_404(self):
        c = self.closed()
        response = self.login(self.office).post(f"/complaints/{c.pk}/recheck/", {"result": "confirmed"})
        self.assertEqual(response.status_code, 404)

    def test_a_recorded_recheck_shows_who_and_when(self):
        c = self.closed()
        (recheck,) = lookback.sample_for_recheck(actor=self.office, inspection=self.inspection, count=1)
        lookback.record_recheck(recheck, actor=self.office, result="confirmed", note="整改到位")
        self.assertContains(self.login(self.office).get(f"/complaints/{c.pk}/"), "整改到位")
