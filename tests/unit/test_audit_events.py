"""Every audit event type is written by its service and asserted here (as Zulip's
test_audit_log does): each test performs an area's actions through the real services and
asserts the exact events, in order. The last test fails for an event type that is
registered but asserted by none of them, so a new event cannot land without its test."""

import datetime as dt
import tempfile
from dataclasses import replace
from pathlib import Path
from unittest import mock

from django.core.cache import cache
from django.test import TestCase
from django.urls import reverse

from ducha.audit.events import EVENT_TYPES
from ducha.audit.models import AuditEvent
from ducha.complaints.models import Complaint, RecheckResult, RepeatSuggestion
from ducha.complaints.services import (
    disclosure,
    handling,
    identity,
    import_jobs,
    import_recovery,
    intake,
    lookback,
    repeat_queue,
    repeats,
    visits,
)
from ducha.complaints.services import dispatch as dispatching
from ducha.complaints.services import review as reviewing
from ducha.complaints.tests.test_handling import HandlingTestCase
from ducha.complaints.tests.test_history import write_table
from ducha.complaints.tests.test_import_recovery import leave_running
from ducha.complaints.tests.test_pages_support import check_messy, import_messy, make_inspection
from ducha.core.parsing.deadlines import DEADLINE
from ducha.dashboard.services import freeze_figures
from ducha.org import services as org
from ducha.org import tokens
from ducha.org.models import Region, RegionAlias, Role, UnitKind
from ducha.org.scoping import system_user
from ducha.org.tests.test_calendar import add_2027
from ducha.rectification.models import AcceptanceResult
from ducha.rectification.services import acceptance, progress, tasks
from ducha.rectification.tests.support import FINDINGS, SAMPLE_LIST, RectificationTestCase, import_list
from ducha.supervision.models import AccountabilityKind, ItemKind, MeetingKind, NoticeLevel, VisitKind
from ducha.supervision.services import accountability, bulletins, notices, overdue
from ducha.supervision.services import visits as site_visits
from ducha.supervision.tests.support import DispatchedTestCase
from ducha.testing import PASSWORD, CastTestCase

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

# the events each test asserts; together they must be every registered event type
ASSERTED: dict[str, list[str]] = {}


def expect(name: str, events: list[str]) -> list[str]:
    ASSERTED[name] = events
    return events


ORG = expect(
    "org",
    [
        "org.region_alias.add",
        "org.region_alias.remove",
        "org.unit.create",
        "org.unit.update",
        "org.unit_alias.add",
        "org.unit_alias.remove",
        "org.person.create",
        "org.membership.add",
        "org.person.update",
        "org.membership.add",
        "org.membership.remove",
        "org.holiday_year.add",
        "org.holiday_year.replace",
        "org.regions.load",
    ],
)
ACCOUNTS = expect(
    "accounts",
    [
        "auth.login",
        "auth.refused",
        "auth.logout",
        "org.person.password_change",
        "org.person.password_reset",
        "auth.login_failed",
        "auth.login_failed",
        "auth.login_failed",
        "auth.login_failed",
        "auth.lockout",
    ],
)
API_TOKENS = expect("api tokens", ["org.api_token.create", "auth.token_failed", "org.api_token.revoke"])
INTAKE = expect(
    "intake",
    [
        "complaints.inspection.create",
        "complaints.batch.import",
        "complaints.complaint.update",
        "complaints.batch.import",
        "complaints.import_job.check",
        "complaints.import_job.confirm",
        "complaints.import_job.start",
        "complaints.complaint.update",
        "complaints.batch.import",
        "complaints.import_job.finish",
        "pii.reveal",
        "complaints.complaint.create_from_visit",
    ],
)
HISTORY = expect("history", ["complaints.batch.import_history"])
RECOVERY = expect(
    "import recovery",
    [
        "complaints.import_job.check",
        "complaints.import_job.confirm",
        "complaints.import_job.stall",
        "complaints.import_job.retry",
        "complaints.import_job.start",
        "complaints.batch.import",
        "complaints.import_job.finish",
    ],
)
HANDLING = expect(
    "handling",
    [
        "complaints.complaint.dispatch",
        "complaints.request.extension",
        "complaints.request.decide",
        "complaints.handling.save",
        "complaints.handling.part",
        "complaints.handling.evidence",
        "file.download",
        "complaints.handling.submit",
        "complaints.handling.return",
        "complaints.handling.save",
        "complaints.handling.submit",
        "complaints.repeat.confirm",
        "complaints.handling.accept",
        "complaints.complaint.close_repeat",
        "complaints.repeat.reject",
        "complaints.complaint.dispatch",
        "complaints.request.reroute",
    ],
)
CLOSING = expect(
    "closing",
    [
        "complaints.disclosure.approve",
        "complaints.recheck.sample",
        "complaints.recheck.record",
    ],
)
RECTIFICATION = expect(
    "rectification",
    [
        "rectification.finding.update",
        "rectification.task.update",
        "rectification.tasks.import",
        "rectification.task.settle_deadline",
        "rectification.task.create",
        "rectification.progress.report",
        "rectification.finding.accept",
        "rectification.notice.start",
        "rectification.objection.add",
        "rectification.objection.resolve",
        "rectification.finding.sign_off",
    ],
)
FIRST_IMPORT = expect("first import", ["rectification.finding.create", "rectification.task.create"])
SUPERVISION = expect(
    "supervision",
    [
        "supervision.alert_rule.update",
        "supervision.scan",
        "supervision.notice.draft",
        "supervision.notice.issue",
        "supervision.notice.reply",
        "supervision.person.create",
        "supervision.accountability.record",
        "supervision.meeting.record",
        "supervision.visit.plan",
        "supervision.visit.finding",
        "supervision.visit.convert",
        "supervision.bulletin.draft",
        "supervision.bulletin.issue",
        "supervision.snapshot.freeze",
    ],
)


class Recorder:
    """The event types written since it was made, in order."""

    def __init__(self):
        self.seq = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0

    def actions(self, *, runs: bool = False) -> list[str]:
        """With `runs`, a run of the same event (one per changed row) counts once."""
        actions = list(AuditEvent.objects.filter(seq__gt=self.seq).order_by("seq").values_list("action", flat=True))
        if runs:
            actions = [a for i, a in enumerate(actions) if i == 0 or actions[i - 1] != a]
        return actions


class OrgEventTests(CastTestCase):
    def test_org_actions_write_their_events(self):
        log = Recorder()
        yuhu = Region.objects.get(code="430302")
        alias = org.add_region_alias(actor=self.admin, alias="雨湖老城", region=yuhu)
        org.remove_region_alias(alias, actor=self.admin)
        unit = org.create_unit(actor=self.admin, name="湘潭市水利局", kind=UnitKind.DEPARTMENT, region=yuhu.parent)
        org.update_unit(unit, actor=self.admin, short_name="市水利局")
        org.remove_unit_alias(org.add_unit_alias(unit, actor=self.admin, alias="水利局"), actor=self.admin)
        person = org.create_person(
            actor=self.admin,
            username="wangli",
            full_name="王丽",
            password="Cast-pass-2026",
            unit=unit,
            role=Role.HANDLER,
        )
        org.update_person(person, actor=self.admin, post="科长")
        membership = org.add_membership(person, actor=self.admin, unit=unit, role=Role.LEADER)
        org.remove_membership(membership, actor=self.admin)
        add_2027(self.admin)
        add_2027(self.admin, replace=True)
        RegionAlias.objects.order_by("pk").first().delete()  # the data file has it: loading restores it
        org.load_regions(actor=system_user())
        self.assertEqual(log.actions(), ORG)


class AccountEventTests(CastTestCase):
    def test_account_actions_write_their_events(self):
        log = Recorder()
        self.client.post(reverse("login"), {"username": "stranger", "password": PASSWORD})
        self.client.get(reverse("org:unit_list"))  # a stranger is refused: 403
        self.client.post(reverse("logout"))
        org.change_password(self.handler, actor=self.handler, old_password=PASSWORD, new_password="Yuhu-river-2027")
        org.reset_password(self.handler2, actor=self.admin, password="Yuetang-reset-2027")
        for _ in range(5):  # the fifth wrong password locks the name
            self.client.post(reverse("login"), {"username": "leader", "password": "wrong-password"})
        self.assertEqual(log.actions(), ACCOUNTS)


class ApiTokenEventTests(CastTestCase):
    def test_api_token_actions_write_their_events(self):
        cache.clear()  # failed tokens counted by other tests must not throttle this one
        log = Recorder()
        token, _raw = tokens.create_token(self.office, actor=self.admin, name="12345热线")
        self.client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer dch_wrong")
        tokens.revoke_token(token, actor=self.admin)
        self.assertEqual(log.actions(), API_TOKENS)


class IntakeEventTests(CastTestCase):
    def test_intake_actions_write_their_events(self):
        log = Recorder()
        inspection = make_inspection(self.office)
        import_messy(self.office, inspection, rows=4, seed=1)
        import_messy(self.office, inspection, rows=4, seed=2)  # the same refs, one text changed
        job = check_messy(self.office, inspection, rows=5, seed=3)
        import_jobs.confirm_import(job, actor=self.office)
        identity.reveal_complainant(Complaint.objects.order_by("pk").first(), actor=self.office)
        visits.create_complaint_from_visit(
            actor=self.supervisor,
            inspection=inspection,
            text="暗访发现河道排污。",
            region=Region.objects.get(code="430302"),
        )
        self.assertEqual(log.actions(runs=True), INTAKE)


class HistoryEventTests(CastTestCase):
    def test_a_history_import_writes_its_event(self):
        inspection = make_inspection(self.office)
        log = Recorder()
        with tempfile.TemporaryDirectory() as folder:
            path = write_table(Path(folder) / "一览表.xlsx")
            intake.import_batch(path, actor=self.office, inspection=inspection, history=True)
        self.assertEqual(log.actions(), HISTORY)


class ImportRecoveryEventTests(CastTestCase):
    def test_a_job_whose_worker_died_is_failed_and_retried_with_their_events(self):
        inspection = make_inspection(self.office)
        log = Recorder()
        job = check_messy(self.office, inspection, rows=4, seed=5)
        with mock.patch.object(import_jobs, "BACKGROUND_ROWS", 0):  # to the worker, which dies
            import_jobs.confirm_import(job, actor=self.office)
        leave_running(job, minutes_ago=60)
        import_recovery.fail_stalled_imports(actor=system_user())
        import_recovery.retry_import(job, actor=self.office)  # small: imported at once
        self.assertEqual(log.actions(), RECOVERY)


class HandlingEventTests(HandlingTestCase):
    def test_handling_actions_write_their_events(self):
        first, second, third = self.complaints
        office = self.login(self.office)  # signed in before: the download's own event alone below
        log = Recorder()
        c = self.dispatch(first, support_units=[self.unit_yuetang])
        request = dispatching.request_extension(
            c.assignments.get(unit=self.unit_yuhu), actor=self.handler, extra_days=5, reason="需要监测"
        )
        dispatching.decide_request(request, actor=self.office, approve=True)
        handling.save_handling(self.fresh(c), actor=self.handler, findings="属实。", veracity="true", measures="整改。")
        handling.add_handling_part(self.fresh(c), actor=self.handler2, text="配合核查。")
        evidence = handling.add_evidence(self.fresh(c), actor=self.handler, name="现场.png", content=PNG)
        downloaded = office.get(f"/complaints/{c.pk}/evidence/", {"file": evidence.pk})
        self.assertEqual(b"".join(downloaded.streaming_content), PNG)
        handling.submit_handling(self.fresh(c), actor=self.handler)
        reviewing.return_handling(self.fresh(c), actor=self.office, reason="请补充监测数据。")
        handling.save_handling(
            self.fresh(c), actor=self.handler, findings="属实，已补充。", veracity="true", measures="整改。"
        )
        handling.submit_handling(self.fresh(c), actor=self.handler)
        repeats.confirm_repeat(
            RepeatSuggestion.objects.create(complaint=second, candidate=first, score="0.9", reasons=["同一村"]),
            actor=self.office,
        )
        reviewing.accept_handling(self.fresh(c), actor=self.office)
        repeats.reject_repeat(
            RepeatSuggestion.objects.create(complaint=third, candidate=first, score="0.5", reasons=["同一镇"]),
            actor=self.office,
        )
        c3 = self.dispatch(third)
        dispatching.request_reroute(c3.assignments.get(), actor=self.handler, reason="不属本单位职责。")
        self.assertEqual(log.actions(), HANDLING)

    def test_closing_actions_write_their_events(self):
        for c in self.complaints:
            self.report(self.dispatch(c))
            reviewing.accept_handling(self.fresh(c), actor=self.office)
        log = Recorder()
        disclosure.approve_disclosure(self.complaints[0].batch, actor=self.office)
        rechecks = lookback.sample_for_recheck(actor=self.office, inspection=self.inspection, count=1, seed=1)
        lookback.record_recheck(rechecks[0], actor=self.office, result=RecheckResult.CONFIRMED, note="复查已整改。")
        self.assertEqual(log.actions(), CLOSING)


class RectificationEventTests(RectificationTestCase):
    imported = False

    def test_the_first_import_writes_its_findings_and_tasks(self):
        log = Recorder()
        import_list(self.office, self.inspection, FINDINGS[:1], plan_date=dt.date(2018, 6, 1))
        actions = log.actions()
        self.assertEqual(sorted(set(actions) - {"rectification.tasks.import"}), sorted(FIRST_IMPORT))
        self.assertEqual(actions[-1], "rectification.tasks.import")

    def test_rectification_actions_write_their_events(self):
        import_list(self.office, self.inspection, FINDINGS[:1], plan_date=dt.date(2018, 6, 1))
        first = FINDINGS[0]
        task = replace(first.tasks[0], measures=first.tasks[0].measures + "（修订）")
        changed = [replace(first, text=first.text + "（修订）", tasks=[task, *first.tasks[1:]])]
        log = Recorder()
        import_list(self.office, self.inspection, changed, plan_date=dt.date(2018, 6, 1))
        finding = self.finding(1)
        task = finding.tasks.order_by("number").first()
        tasks.settle_deadline(task, actor=self.office, kinds=[DEADLINE], due_date=dt.date(2019, 6, 30))
        added = tasks.add_task(
            finding, actor=self.office, target="补充整改", lead_unit=self.unit_yuhu, due_date=dt.date(2019, 6, 30)
        )
        with on(dt.date(2019, 3, 5)):
            progress.report_progress(
                added, actor=self.handler, period=dt.date(2019, 3, 1), text="已完成。", percent=100
            )
        acceptance.accept_finding(
            finding, actor=self.office, date=dt.date(2019, 11, 1), team="验收组", result=AcceptanceResult.PASSED,
            opinion="到位",
        )  # fmt: skip
        with on(dt.date(2019, 12, 10)):
            notice = acceptance.start_notice(
                finding, actor=self.office, start_date=dt.date(2019, 11, 20), days=7, channel="湘潭日报"
            )
        objection = acceptance.add_objection(
            notice, actor=self.office, received_on=dt.date(2019, 11, 22), text="仍有异味"
        )
        acceptance.resolve_objection(objection, actor=self.office, resolution="已核查回复。")
        with on(dt.date(2019, 12, 10)):
            acceptance.sign_off_finding(finding, actor=self.office)
        self.assertEqual(log.actions(), RECTIFICATION)


def on(day):
    return mock.patch("django.utils.timezone.localdate", return_value=day)


class SupervisionEventTests(DispatchedTestCase):
    rows = 3

    def test_supervision_actions_write_their_events(self):
        import_list(self.office, self.inspection, SAMPLE_LIST)
        from ducha.rectification.models import Finding

        finding = Finding.objects.get(inspection=self.inspection, number=1)
        complaint = self.complaints()[0]
        city = Region.objects.get(code="430300")
        log = Recorder()
        rule = overdue.rules()[ItemKind.COMPLAINT]
        overdue.update_alert_rule(
            rule, actor=self.office, yellow_days=3, escalate_after_days=5, notify_handlers=True,
            notify_supervisors=True, notify_office=False,
        )  # fmt: skip
        overdue.scan_overdue(actor=system_user(), today=dt.date(2026, 3, 6))
        notice = notices.draft_notice(
            self.unit_yuhu, actor=self.supervisor, level=NoticeLevel.SUPERVISE, items=[complaint],
            reply_by=dt.date(2026, 3, 13), body="请加快办理。", drafted_on=dt.date(2026, 3, 6),
        )  # fmt: skip
        notice = notices.issue_notice(notice, actor=self.leader, issued_on=dt.date(2026, 3, 6))
        notices.reply_notice(notice, actor=self.handler, text="已办理。")
        person = accountability.create_person(
            actor=self.office, name="王建华", post="镇长", unit=self.unit_yuhu, region=city
        )
        accountability.record_accountability(
            person, actor=self.office, inspection=self.inspection, kind=AccountabilityKind.INTERVIEW,
            date=dt.date(2026, 3, 2), authority="湘潭市人民政府", reason="整改不力。",
        )  # fmt: skip
        accountability.record_meeting(
            self.inspection, actor=self.office, region=city, date=dt.date(2026, 3, 2),
            kind=MeetingKind.STANDING_COMMITTEE, title="市委常委会会议", chair="市委书记", topics="研究部署整改",
        )  # fmt: skip
        visit = site_visits.plan_visit(
            self.inspection, actor=self.supervisor, region=city, kind=VisitKind.UNANNOUNCED, title="暗访",
            planned_on=dt.date(2026, 3, 2), team="督查组",
        )  # fmt: skip
        found = site_visits.add_visit_finding(visit, actor=self.supervisor, text="河道排污。", unit=self.unit_yuhu)
        site_visits.convert_to_task(found, actor=self.office, finding=finding, due_date=dt.date(2026, 6, 30))
        bulletin = bulletins.draft_bulletin(self.inspection, actor=self.office, region=city, as_of=dt.date(2026, 3, 2))
        bulletins.issue_bulletin(bulletin, actor=self.leader)
        freeze_figures(self.inspection, actor=self.office, as_of=dt.date(2026, 3, 2))
        actions = log.actions()
        # turning a visit finding into a task writes rectification's own event too
        self.assertEqual([a for a in actions if not a.startswith("rectification.")], SUPERVISION)
        self.assertIn("rectification.task.create", actions)


ZONING = expect(
    "zoning",
    [
        "zoning.field_mapping.add",
        "zoning.units.import",
        "zoning.units.import",
        "zoning.edition.make_current",
        "zoning.field_mapping.remove",
    ],
)
ZONING_PLACEMENT = expect(
    "zoning placement",
    [
        "zoning.location.place",
        "zoning.units.import",
        "zoning.locations.replace_request",
        "zoning.locations.replace",
        "zoning.edition.publish",
        "zoning.edition.unpublish",
    ],
)


class ZoningEventTests(CastTestCase):
    def test_zoning_actions_write_their_events(self):
        from ducha.core.geo.tests import layers
        from ducha.zoning import services as zoning
        from ducha.zoning.models import ControlUnitEdition
        from ducha.zoning.tests.support import import_sample

        log = Recorder()
        mapping = zoning.add_field_mapping(actor=self.office, source_name="GKDY_CODE", target="code")
        import_sample("2021版", actor=self.office)
        import_sample("2021版", actor=self.office)  # the same file again: no event
        import_sample("2023版", [dict(u, REMARK="调整") for u in layers.UNITS], actor=self.office)
        zoning.make_edition_current(ControlUnitEdition.objects.get(name="2021版"), actor=self.office)
        zoning.remove_field_mapping(mapping, actor=self.office)
        self.assertEqual(log.actions(), ZONING)


class ZoningPlacementEventTests(HandlingTestCase):
    def test_placing_cases_and_publishing_a_layer_write_their_events(self):
        from ducha.zoning.models import ControlUnitEdition
        from ducha.zoning.services import placement, publishing
        from ducha.zoning.tests.support import import_sample

        import_sample("2021版")
        log = Recorder()
        placement.place(self.complaints[0], lon=112.05, lat=27.05, crs="wgs84", actor=self.office)
        import_sample("2023版", actor=self.office)
        edition = ControlUnitEdition.objects.get(name="2023版")
        run = placement.request_replacement(edition, actor=self.office)
        placement.run_replacement(run.pk, actor=system_user())
        publishing.set_published(edition, published=True, actor=self.office)
        publishing.set_published(edition, published=False, actor=self.office)
        self.assertEqual(log.actions(), ZONING_PLACEMENT)


PLACES = expect(
    "places",
    [
        "places.load",
        "places.place.add",
        "places.place.update",
        "places.place.remove",
        "places.site_word.add",
        "places.site_word.remove",
        "places.site_family.add",
        "complaints.repeats.recompute",
        "complaints.repeat.reject",
        "complaints.repeat.reject",
    ],
)


ENFORCEMENT = expect(
    "enforcement",
    [
        "enforcement.case.open",
        "enforcement.material.add",
        "enforcement.case.report",
        "enforcement.case.refuse",
        "enforcement.opinion.issue",
        "enforcement.case.transfer",
        "enforcement.opinion.outcome",
        "enforcement.case.accept",
        "enforcement.case.refuse_filing",
        "enforcement.case.request_reconsideration",
        "enforcement.case.refuse_filing",
        "enforcement.case.request_oversight",
        "enforcement.opinion.issue",
        "enforcement.case.file",
        "enforcement.opinion.outcome",
        "enforcement.case.refer_prosecution",
        "enforcement.case.decline_prosecution",
        "enforcement.case.notify_non_prosecution",
        "enforcement.opinion.outcome",
        "enforcement.case.open",
        "enforcement.case.report",
        "enforcement.case.approve",
        "enforcement.case.transfer",
        "enforcement.case.file",
        "enforcement.case.refer_prosecution",
        "enforcement.case.indict",
        "enforcement.case.judge",
        "enforcement.case.open",
        "enforcement.case.report",
        "enforcement.case.approve",
        "enforcement.case.transfer",
        "enforcement.case.file",
        "enforcement.case.withdraw",
        "enforcement.case.return",
        "enforcement.deadline.update",
        "enforcement.criterion.add",
        "enforcement.criterion.update",
    ],
)


class PlacesEventTests(CastTestCase):
    def test_places_actions_write_their_events(self):
        from ducha.places.models import PlaceKind
        from ducha.places.services import places, site_kinds
        from ducha.places.tests.support import load_small, place

        log = Recorder()
        load_small()
        load_small()  # the same file again: no event
        landmark = places.add_place(place("430321112237"), actor=self.office, kind=PlaceKind.LANDMARK, name="古城水库")
        places.update_place(landmark, actor=self.office, aliases=["古城坝"])
        places.remove_place(landmark, actor=self.office)
        site_kinds.add_site_word("smelting", actor=self.office, word="提锌作坊")
        site_kinds.remove_site_word("提锌作坊", actor=self.office)
        site_kinds.add_site_family(actor=self.office, label="光伏", words=["光伏板厂"])
        repeat_queue.recompute_repeats(actor=self.office)  # after the changes, as the page offers
        self.assertEqual(log.actions(), PLACES[:-2])
        inspection = make_inspection(self.office)
        region = Region.objects.get(code="430321")
        a, b, c = (
            visits.create_complaint_from_visit(actor=self.supervisor, inspection=inspection, text=t, region=region)
            for t in ("古城村养猪场臭", "古城村养猪场很臭", "古城村猪场晚上臭")
        )
        log = Recorder()  # the visits' own events are asserted with intake
        suggestions = [
            RepeatSuggestion.objects.create(complaint=x, candidate=a, score="0.8", reasons=["同一村"]) for x in (b, c)
        ]
        repeat_queue.decide_repeats(suggestions, actor=self.office, decision="reject")
        self.assertEqual(log.actions(), PLACES[-2:])


class EnforcementEventTests(CastTestCase):
    def test_enforcement_actions_write_their_events(self):
        from ducha.enforcement.models import StatutoryDeadline, ThresholdCriterion
        from ducha.enforcement.services import cases, objections, police, tables
        from ducha.enforcement.services import procuratorate as proc
        from ducha.enforcement.tests.support import PDF, open_case, transferred_case

        log = Recorder()
        units = {"police_unit": self.units["police"], "procuratorate": self.units["procuratorate"]}
        case = open_case(self.handler)
        cases.add_material(case, actor=self.handler, kind="test_report", name="监测报告.pdf", content=PDF)
        case = cases.refuse_transfer(cases.report_case(case, actor=self.handler), actor=self.office, reason="轻微。")
        proc.issue_opinion(case, actor=self.procuratorate, kind="suggest_transfer", text="建议移送。")
        case = cases.transfer_case(case, actor=self.handler, **units)
        case = police.refuse_filing(police.accept_case(case, actor=self.police), actor=self.police, reasons="不足。")
        case = objections.request_reconsideration(case, actor=self.handler, reason="请复议。")
        case = police.refuse_filing(case, actor=self.police, reasons="维持。")
        case = objections.request_oversight(case, actor=self.handler, reason="请监督。")
        opinion = proc.issue_opinion(case, actor=self.procuratorate, kind="oversight", text="应当立案。")
        case = police.refer_prosecution(police.file_case(case, actor=self.police), actor=self.police)
        case = proc.decline_prosecution(case, actor=self.procuratorate, reason="情节轻微。")
        proc.notify_non_prosecution(case, actor=self.procuratorate)
        proc.record_opinion_outcome(opinion, actor=self.procuratorate, outcome="carried_out", note="已立案。")
        case = police.file_case(transferred_case(self), actor=self.police)
        case = proc.indict_case(police.refer_prosecution(case, actor=self.police), actor=self.procuratorate)
        proc.record_judgment(case, actor=self.procuratorate, judgment="有期徒刑一年。")
        case = police.withdraw_case(
            police.file_case(transferred_case(self), actor=self.police), actor=self.police, reason="不构成犯罪。"
        )
        police.return_for_penalty(case, actor=self.police, reason="应予行政处罚。")
        deadline = StatutoryDeadline.objects.get(step="transfer")
        tables.update_deadline(
            deadline, actor=self.office, amount=48, unit="hours", starts="批准之时", article="本省规定"
        )
        criterion = tables.save_criterion(
            ThresholdCriterion(code="x", name="倾倒危险废物", kind="keywords", keywords="危险废物", basis="法释"),
            actor=self.office,
        )
        criterion.active = False
        tables.save_criterion(criterion, actor=self.office)
        self.assertEqual(log.actions(), ENFORCEMENT)


class EveryEventTypeTests(TestCase):
    def test_every_registered_event_type_is_asserted_by_a_test_here(self):
        asserted = {event for events in ASSERTED.values() for event in events}
        self.assertEqual(sorted(set(EVENT_TYPES) - asserted), [])

    def test_no_test_here_asserts_an_unregistered_event_type(self):
        asserted = {event for events in ASSERTED.values() for event in events}
        self.assertEqual(sorted(asserted - set(EVENT_TYPES)), [])
