"""Complaint handling end to end: dispatch, requests, reports, review, closure."""

import datetime as dt
import io
import tempfile
from decimal import Decimal
from pathlib import Path
from unittest import mock

from django.core.management import call_command
from django.utils import timezone

from ducha import store
from ducha.audit.models import AuditEvent
from ducha.complaints.figures import on_time_figures, totals
from ducha.complaints.models import (
    AssignmentRequest,
    Complaint,
    ComplaintStatus,
    HandlingStatus,
    RepeatSuggestion,
)
from ducha.complaints.services import dispatch as dispatching
from ducha.complaints.services import handling, intake, repeats
from ducha.complaints.services import review as reviewing
from ducha.complaints.tests.test_import import make_inspection
from ducha.errors import Conflict, DomainError, InvalidTransition, NotPermitted
from ducha.org import scoping
from ducha.org.models import Region
from ducha.testing import CastTestCase

DISPATCH_DAY = dt.datetime(2026, 9, 24, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 100


def at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


class HandlingTestCase(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.inspection = make_inspection()
        cls.inspection.due_days, cls.inspection.due_kind = 10, "working"
        cls.inspection.save()
        from ducha.complaints.models import Batch

        batch = Batch.objects.create(
            inspection=cls.inspection,
            number=1,
            handed_over_on=dt.date(2026, 9, 24),
            source_name="b.xlsx",
            source_file="x",
            source_sha256="0" * 64,
        )
        yuhu = Region.objects.get(code="430302")
        texts = [
            "雨湖区长城乡石码头村某养猪场污水直排，臭味扰民。",
            "雨湖区长城乡石码头村养猪场粪污直排水塘，臭气熏天，多次反映未解决。",
            "雨湖区姜畲镇某砂场夜间噪声扰民。",
        ]
        cls.complaints = [
            Complaint.objects.create(
                inspection=cls.inspection,
                batch=batch,
                ref=f"D{i:04d}",
                text=t,
                region=yuhu,
                complainant_name="张三丰",
                complainant_phone="13812345678",
                content_digest="x",
            )
            for i, t in enumerate(texts, start=1)
        ]

    def fresh(self, complaint):
        return Complaint.objects.get(pk=complaint.pk)

    def dispatch(self, complaint, **kw):
        with at(DISPATCH_DAY):
            return dispatching.dispatch_complaint(complaint, actor=self.office, lead_unit=self.unit_yuhu, **kw)

    def report(self, complaint, actor=None, **extra):
        values = {"findings": "经现场核查，该场确有污水直排。", "veracity": "true", "measures": "责令停产整治。"}
        values.update(extra)
        handling.save_handling(complaint, actor=actor or self.handler, **values)
        return handling.submit_handling(self.fresh(complaint), actor=actor or self.handler)


class DispatchTests(HandlingTestCase):
    def test_dispatch_sets_the_due_date_on_working_days_and_explains_it(self):
        c = self.dispatch(self.complaints[0])
        self.assertEqual(c.status, ComplaintStatus.DISPATCHED)
        self.assertEqual(c.due_on, dt.date(2026, 10, 15))
        self.assertIn("国庆节", c.due_explanation)
        self.assertIn("10月10日调休上班", c.due_explanation)
        event = AuditEvent.objects.get(action="complaints.complaint.dispatch")
        self.assertEqual(event.after["due_on"], "2026-10-15")

    def test_handler_sees_only_what_was_dispatched_to_the_unit(self):
        self.assertFalse(scoping.visible_to(self.handler, Complaint).exists())
        self.dispatch(self.complaints[0])
        self.assertEqual(list(scoping.visible_to(self.handler, Complaint)), [self.complaints[0]])
        self.assertFalse(scoping.visible_to(self.handler2, Complaint).exists())

    def test_handler_may_never_reveal_the_complainant(self):
        self.dispatch(self.complaints[0])
        self.assertFalse(scoping.can(self.handler, "reveal_identity", self.complaints[0]))
        self.assertTrue(scoping.can(self.office, "reveal_identity", self.complaints[0]))

    def test_handler_may_not_dispatch(self):
        with self.assertRaises(NotPermitted):
            dispatching.dispatch_complaint(self.complaints[0], actor=self.handler, lead_unit=self.unit_yuhu)

    def test_dispatch_twice_is_refused(self):
        self.dispatch(self.complaints[0])
        with self.assertRaises(InvalidTransition):
            self.dispatch(self.complaints[0])

    def test_supporting_unit_sees_and_adds_its_part_but_cannot_submit(self):
        self.dispatch(self.complaints[0], support_units=[self.unit_yuetang])
        self.assertTrue(scoping.visible_to(self.handler2, Complaint).filter(pk=self.complaints[0].pk).exists())
        handling.add_handling_part(self.complaints[0], actor=self.handler2, text="岳塘区配合核查了排污口。")
        with self.assertRaises(NotPermitted):
            handling.submit_handling(self.complaints[0], actor=self.handler2)

    def test_dispatch_by_region_rule(self):
        with at(DISPATCH_DAY):
            done = dispatching.dispatch_by_region(
                self.complaints, actor=self.office, unit_for_region={"430302": self.unit_yuhu}
            )
        self.assertEqual({c.lead_unit_id for c in done}, {self.unit_yuhu.pk})

    def test_year_without_calendar_is_refused_with_a_clear_message(self):
        with at(dt.datetime(2027, 3, 1, 10, tzinfo=dt.UTC)), self.assertRaises(DomainError) as ctx:
            dispatching.dispatch_complaint(self.complaints[0], actor=self.office, lead_unit=self.unit_yuhu)
        self.assertIn("2027年", str(ctx.exception.message))
        self.assertEqual(self.fresh(self.complaints[0]).status, ComplaintStatus.RECEIVED)


class RequestTests(HandlingTestCase):
    def test_extension_approved_moves_the_due_date(self):
        c = self.dispatch(self.complaints[0])
        req = dispatching.request_extension(
            c.assignments.get(), actor=self.handler, extra_days=5, reason="需要监测数据"
        )
        with at(DISPATCH_DAY):
            dispatching.decide_request(req, actor=self.office, approve=True)
        self.assertEqual(self.fresh(c).due_on, dt.date(2026, 10, 22))

    def test_wrongly_routed_case_goes_back_to_the_office(self):
        c = self.dispatch(self.complaints[0])
        req = dispatching.request_reroute(c.assignments.get(), actor=self.handler, reason="属岳塘区管辖")
        dispatching.decide_request(req, actor=self.office, approve=True, note="同意")
        c = self.fresh(c)
        self.assertEqual((c.status, c.lead_unit), (ComplaintStatus.RECEIVED, None))
        self.assertFalse(scoping.visible_to(self.handler, Complaint).exists())

    def test_request_needs_a_reason(self):
        c = self.dispatch(self.complaints[0])
        with self.assertRaisesMessage(DomainError, "请填写理由。"):
            dispatching.request_reroute(c.assignments.get(), actor=self.handler, reason=" ")

    def test_rejected_request_changes_nothing(self):
        c = self.dispatch(self.complaints[0])
        req = dispatching.request_extension(c.assignments.get(), actor=self.handler, extra_days=5, reason="x")
        dispatching.decide_request(req, actor=self.office, approve=False, note="时限内可完成")
        self.assertEqual(self.fresh(c).due_on, dt.date(2026, 10, 15))
        self.assertEqual(AssignmentRequest.objects.get().status, "rejected")


class ReviewTests(HandlingTestCase):
    def test_full_round_with_a_return_and_resubmission(self):
        c = self.dispatch(self.complaints[0])
        handling.add_evidence(c, actor=self.handler, name="现场照片.png", content=PNG)
        self.report(c, fines="50000")
        reviewing.return_handling(self.fresh(c), actor=self.office, reason="请补充监测报告")
        c = self.fresh(c)
        self.assertEqual(c.status, ComplaintStatus.RETURNED)
        self.assertEqual(c.due_on, dt.date(2026, 10, 15))  # the clock keeps running
        self.report(c, measures="责令停产整治，已拆除排污管。")
        with at(dt.datetime(2026, 10, 12, 16, tzinfo=dt.UTC)):
            reviewing.accept_handling(self.fresh(c), actor=self.office)
        c = self.fresh(c)
        self.assertEqual(c.status, ComplaintStatus.CLOSED)
        statuses = list(c.handlings.order_by("id").values_list("status", flat=True))
        self.assertEqual(statuses, [HandlingStatus.RETURNED, HandlingStatus.ACCEPTED])
        self.assertEqual(c.handlings.order_by("id").first().fines, Decimal("50000.00"))
        actions = list(
            AuditEvent.objects.filter(object_id=str(c.pk), object_type="complaints.complaint")
            .order_by("seq")
            .values_list("action", flat=True)
        )
        self.assertIn("complaints.handling.return", actions)
        self.assertEqual(actions[-1], "complaints.handling.accept")

    def test_measures_still_running_close_as_pending(self):
        c = self.dispatch(self.complaints[0])
        self.report(c, measures_running=True)
        reviewing.accept_handling(self.fresh(c), actor=self.office)
        self.assertEqual(self.fresh(c).status, ComplaintStatus.CLOSED_PENDING)

    def test_submit_needs_findings_veracity_and_measures(self):
        c = self.dispatch(self.complaints[0])
        handling.save_handling(c, actor=self.handler, findings="查了")
        with self.assertRaisesMessage(DomainError, "报送前请填写：是否属实、处理和整改情况。"):
            handling.submit_handling(self.fresh(c), actor=self.handler)

    def test_second_reviewer_gets_a_conflict_and_nothing_is_lost(self):
        c = self.dispatch(self.complaints[0])
        self.report(c)
        shown = self.fresh(c).version  # both reviewers opened the page at this version
        reviewing.accept_handling(c, actor=self.office, expected_version=shown)
        with self.assertRaises(Conflict) as ctx:
            reviewing.return_handling(c, actor=self.office, reason="不同意", expected_version=shown)
        self.assertIn("已被他人修改", str(ctx.exception.message))
        self.assertEqual(self.fresh(c).status, ComplaintStatus.CLOSED)

    def test_evidence_must_be_what_its_name_says(self):
        c = self.dispatch(self.complaints[0])
        with self.assertRaisesMessage(DomainError, "文件“报告.pdf”的内容与扩展名不符"):
            handling.add_evidence(c, actor=self.handler, name="报告.pdf", content=b"MZ not a pdf")
        with self.assertRaisesMessage(DomainError, "文件“x.exe”的类型不支持"):
            handling.add_evidence(c, actor=self.handler, name="x.exe", content=b"MZ")

    def test_evidence_is_stored_with_its_hash(self):
        import hashlib

        c = self.dispatch(self.complaints[0])
        ev = handling.add_evidence(c, actor=self.handler, name="现场照片.png", content=PNG)
        self.assertEqual(ev.sha256, hashlib.sha256(PNG).hexdigest())
        with store.open(ev.file.name) as kept:
            self.assertEqual(kept.read(), PNG)
        self.assertNotIn(PNG, Path(ev.file.path).read_bytes())  # sealed at rest

    def test_negative_fines_are_refused(self):
        c = self.dispatch(self.complaints[0])
        with self.assertRaises(DomainError):
            handling.save_handling(c, actor=self.handler, fines="-1")


class RepeatTests(HandlingTestCase):
    def test_the_same_pig_farm_is_suggested_and_the_sand_yard_is_not(self):
        repeats.scan_repeats(inspection=self.inspection)
        pairs = {(s.complaint.ref, s.candidate.ref) for s in RepeatSuggestion.objects.all()}
        self.assertEqual(pairs, {("D0002", "D0001")})
        self.assertIsNone(self.fresh(self.complaints[1]).repeat_of)  # nothing merged by itself

    def test_repeats_command_prints_open_suggestions(self):
        out = io.StringIO()
        call_command("repeats", "--inspection", self.inspection.code, "--json", stdout=out)
        import json

        rows = json.loads(out.getvalue())
        self.assertEqual([(r["ref"], r["candidate"]) for r in rows], [("D0002", "D0001")])
        self.assertTrue(rows[0]["reasons"])

    def test_confirmed_repeat_closes_with_its_original(self):
        repeats.scan_repeats(inspection=self.inspection)
        repeats.confirm_repeat(RepeatSuggestion.objects.get(), actor=self.office)
        self.assertEqual(self.fresh(self.complaints[1]).repeat_of, self.complaints[0])
        c = self.dispatch(self.complaints[0])
        self.report(c)
        reviewing.accept_handling(self.fresh(c), actor=self.office)
        repeat = self.fresh(self.complaints[1])
        self.assertEqual(repeat.status, ComplaintStatus.CLOSED)
        self.assertIn("D0001", repeat.closure_note)

    def test_a_new_complaint_about_a_closed_target_is_a_possible_relapse(self):
        c = self.dispatch(self.complaints[0])
        self.report(c)
        reviewing.accept_handling(self.fresh(c), actor=self.office)
        repeats.scan_repeats(inspection=self.inspection)
        self.assertTrue(RepeatSuggestion.objects.get().relapse)

    def test_handler_may_not_confirm_repeats(self):
        repeats.scan_repeats(inspection=self.inspection)
        with self.assertRaises(NotPermitted):
            repeats.confirm_repeat(RepeatSuggestion.objects.get(), actor=self.handler)


class FigureTests(HandlingTestCase):
    def test_on_time_rate_counts_open_overdue_as_late(self):
        on_time, late, open_overdue = self.complaints
        for c in self.complaints:
            self.dispatch(c)
        self.report(on_time)
        with at(dt.datetime(2026, 10, 15, 15, 59, tzinfo=dt.UTC)):  # 23:59 on the due day
            reviewing.accept_handling(self.fresh(on_time), actor=self.office)
        self.report(late)
        with at(dt.datetime(2026, 10, 15, 16, 1, tzinfo=dt.UTC)):  # 00:01 the next day
            reviewing.accept_handling(self.fresh(late), actor=self.office)
        row = totals(Complaint.objects.filter(inspection=self.inspection), today=dt.date(2026, 10, 20))
        self.assertEqual((row["received"], row["closed"], row["on_time"], row["overdue_open"]), (3, 2, 1, 1))
        self.assertEqual(row["on_time_rate"], Decimal("33.3"))

    def test_figures_by_region_and_unit_are_one_query_each(self):
        for c in self.complaints:
            self.dispatch(c)
        for by in ("batch", "region", "unit", "inspection"):
            with self.subTest(by=by), self.assertNumQueries(1):
                rows = on_time_figures(by=by, today=dt.date(2026, 10, 1))
            self.assertEqual(sum(r["received"] for r in rows), 3)


class DisclosureTests(HandlingTestCase):
    def test_disclosure_file_never_holds_the_complainant(self):
        import openpyxl

        from ducha.complaints.services.disclosure import approve_disclosure

        for c in self.complaints:
            self.dispatch(c)
            self.report(c, findings="举报人张三丰（电话13812345678）反映属实。")
            reviewing.accept_handling(self.fresh(c), actor=self.office)
        approve_disclosure(self.complaints[0].batch, actor=self.office)
        path = Path(tempfile.mkdtemp()) / "d.xlsx"
        out = io.StringIO()
        call_command(
            "export_disclosure", "--inspection", self.inspection.code, "--batch", "1", "-o", str(path), stdout=out
        )
        ws = openpyxl.load_workbook(path).active
        text = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
        self.assertNotIn("13812345678", text)
        self.assertIn("D0001", text)
        self.assertTrue(all(c.data_type != "f" for row in ws.iter_rows() for c in row))

    def test_batch_with_open_cases_cannot_be_approved(self):
        from ducha.complaints.services.disclosure import approve_disclosure

        with self.assertRaisesMessage(DomainError, "尚未办结"):
            approve_disclosure(self.complaints[0].batch, actor=self.office)

    def test_unapproved_batch_exports_only_as_draft(self):
        from django.core.management import CommandError

        path = Path(tempfile.mkdtemp()) / "d.xlsx"
        with self.assertRaises(CommandError):
            call_command("export_disclosure", "--inspection", self.inspection.code, "--batch", "1", "-o", str(path))
        call_command(
            "export_disclosure",
            "--inspection",
            self.inspection.code,
            "--batch",
            "1",
            "-o",
            str(path),
            "--draft",
            stdout=io.StringIO(),
        )
        self.assertTrue(path.exists())


class LookbackTests(HandlingTestCase):
    def test_office_samples_closed_complaints_and_records_a_result(self):
        from ducha.complaints.services.lookback import record_recheck, sample_for_recheck

        c = self.dispatch(self.complaints[0])
        self.report(c)
        reviewing.accept_handling(self.fresh(c), actor=self.office)
        rechecks = sample_for_recheck(actor=self.office, inspection=self.inspection, count=5, seed=1)
        self.assertEqual([r.complaint for r in rechecks], [self.complaints[0]])
        record_recheck(rechecks[0], actor=self.office, result="relapsed", note="复查发现又有排污")
        self.assertEqual(rechecks[0].complaint.rechecks.get().result, "relapsed")


def test_timezone_is_shanghai():
    assert str(timezone.get_default_timezone()) == "Asia/Shanghai"


class RepeatScanAfterImportTests(CastTestCase):
    def test_import_schedules_a_repeat_scan_after_commit(self):
        from ducha.core.parsing.tests import messy

        inspection = make_inspection()
        path = messy.write_batch_xlsx(Path(tempfile.mkdtemp()) / "b.xlsx", rows=20, seed=3).path
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            intake.import_batch(path, actor=self.office, inspection=inspection)
        self.assertEqual(len(callbacks), 1)
        self.assertFalse(Complaint.objects.filter(inspection=inspection, repeats_checked=False).exists())
