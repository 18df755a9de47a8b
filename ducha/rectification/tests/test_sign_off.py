"""销号: only when every task is accepted and the notice has ended with every objection resolved."""

import datetime as dt
from unittest import mock

from ducha.audit.models import AuditEvent
from ducha.errors import InvalidTransition, NotPermitted
from ducha.rectification.models import AcceptanceResult, FindingStatus
from ducha.rectification.services import acceptance
from ducha.rectification.tests.support import RectificationTestCase

TODAY = dt.date(2019, 12, 10)


def on(day):
    return mock.patch("django.utils.timezone.localdate", return_value=day)


class SignOffTests(RectificationTestCase):
    def accept(self, finding, tasks=None, result=AcceptanceResult.PASSED):
        return acceptance.accept_finding(
            finding, actor=self.office, date=dt.date(2019, 11, 1), team="市环委办验收组", result=result,
            opinion="整改到位", tasks=tasks,
        )  # fmt: skip

    def notice(self, finding, start=dt.date(2019, 11, 20), days=7):
        return acceptance.start_notice(finding, actor=self.office, start_date=start, days=days, channel="湘潭日报")

    def refusal(self, finding) -> str:
        with on(TODAY), self.assertRaises(InvalidTransition) as caught:
            acceptance.sign_off_finding(finding, actor=self.office)
        return str(caught.exception.message)

    def test_refuses_naming_the_tasks_not_accepted_and_the_missing_notice(self):
        finding = self.finding(1)
        self.accept(finding, tasks=[self.task(1, 2)])
        self.assertEqual(self.refusal(finding), "不能销号：任务1、任务3尚未验收；尚未公示。")
        self.assertEqual(self.finding(1).status, FindingStatus.OPEN)

    def test_a_failed_acceptance_accepts_nothing(self):
        finding = self.finding(3)
        self.accept(finding, result=AcceptanceResult.FAILED)
        self.assertIsNone(self.task(3, 1).acceptance_id)

    def test_refuses_while_the_notice_runs(self):
        finding = self.finding(3)
        self.accept(finding)
        with on(TODAY):
            self.notice(finding, start=dt.date(2019, 12, 5), days=7)
        self.assertEqual(self.refusal(finding), "不能销号：公示尚未结束（2019-12-11结束）。")

    def test_refuses_naming_the_unresolved_objections(self):
        finding = self.finding(3)
        self.accept(finding)
        with on(TODAY):
            notice = self.notice(finding)
        acceptance.add_objection(notice, actor=self.office, received_on=dt.date(2019, 11, 22), text="养殖场仍在排污")
        self.assertEqual(self.refusal(finding), "不能销号：1条公示异议尚未办结：2019-11-22“养殖场仍在排污”。")

    def test_signs_off_when_accepted_noticed_and_objections_resolved(self):
        finding = self.finding(3)
        self.accept(finding)
        with on(TODAY):
            notice = self.notice(finding)
        objection = acceptance.add_objection(
            notice, actor=self.office, received_on=dt.date(2019, 11, 22), text="仍有异味"
        )
        acceptance.resolve_objection(objection, actor=self.office, resolution="经核查已整改，回复举报人")
        with on(TODAY):
            acceptance.sign_off_finding(finding, actor=self.office)
        finding.refresh_from_db()
        self.assertEqual((finding.status, finding.signed_off_by), (FindingStatus.SIGNED_OFF, self.office))
        event = AuditEvent.objects.filter(action="rectification.finding.sign_off").get()
        self.assertEqual(
            (event.object_id, event.actor_name, event.after["status"]), (str(finding.pk), "李明", "signed_off")
        )

    def test_a_notice_before_every_task_is_accepted_is_refused(self):
        with self.assertRaises(InvalidTransition) as caught:
            self.notice(self.finding(1))
        self.assertEqual(str(caught.exception.message), "该问题的任务尚未全部验收，不能公示。")

    def test_a_notice_of_zero_days_is_refused(self):
        self.accept(self.finding(3))
        with self.assertRaises(Exception) as caught:
            self.notice(self.finding(3), days=0)
        self.assertEqual((caught.exception.field, str(caught.exception.message)), ("days", "公示天数应为1到60天。"))

    def test_only_the_office_signs_off(self):
        with self.assertRaises(NotPermitted):
            acceptance.sign_off_finding(self.finding(3), actor=self.leader)
        with self.assertRaises(NotPermitted):
            acceptance.sign_off_finding(self.finding(3), actor=self.handler)

    def test_acceptance_is_audited_with_its_tasks(self):
        self.accept(self.finding(1))
        event = AuditEvent.objects.get(action="rectification.finding.accept")
        self.assertEqual((event.after["tasks"], event.after["result"]), ([1, 2, 3], "passed"))
