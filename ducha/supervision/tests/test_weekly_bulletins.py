import datetime as dt
import io
import json

from django.core.management import CommandError, call_command

from ducha.audit.models import AuditEvent
from ducha.errors import DomainError
from ducha.org.scoping import system_user
from ducha.supervision.management.commands.issue_bulletins import Command
from ducha.supervision.models import Bulletin
from ducha.supervision.services import bulletins
from ducha.supervision.tasks import issue_bulletins_task
from ducha.supervision.tests.support import DispatchedTestCase

MONDAY = dt.date(2026, 3, 9)  # ISO week 2026-W11; week 10 ran Mar 2 – Mar 8


class WeeklyBulletinTests(DispatchedTestCase):
    rows = 4

    def test_the_bulletin_of_a_week_is_issued_once(self):
        first = bulletins.issue_weekly_bulletins(actor=system_user(), week="2026-W10", today=MONDAY)
        second = bulletins.issue_weekly_bulletins(actor=system_user(), week="2026-W10", today=MONDAY)
        bulletin = Bulletin.objects.get()
        self.assertEqual(
            (bulletin.week, bulletin.as_of, bulletin.region_id), ("2026-W10", dt.date(2026, 3, 8), "430300")
        )
        self.assertEqual(bulletin.title, "湘潭市督察整改工作周报（2026年第10周）")
        self.assertEqual(bulletin.published_by, system_user())
        self.assertEqual([r["bulletin"] for r in first["issued"]], [bulletin.pk])
        self.assertEqual(second["issued"], [])
        self.assertEqual(second["already"], [{"inspection": self.inspection.code, "region": "430300"}])
        event = AuditEvent.objects.get(action="supervision.bulletin.draft")
        self.assertEqual(
            (event.object_id, event.actor_id, event.after["week"]), (str(bulletin.pk), system_user().pk, "2026-W10")
        )

    def test_the_running_week_counts_to_today_and_a_new_week_gets_its_own(self):
        bulletins.issue_weekly_bulletins(actor=system_user(), today=MONDAY)
        bulletins.issue_weekly_bulletins(actor=system_user(), today=MONDAY + dt.timedelta(days=3))
        bulletins.issue_weekly_bulletins(actor=system_user(), today=MONDAY + dt.timedelta(days=7))
        self.assertEqual(
            list(Bulletin.objects.order_by("as_of").values_list("week", "as_of")),
            [("2026-W11", MONDAY), ("2026-W12", MONDAY + dt.timedelta(days=7))],
        )

    def test_an_on_demand_bulletin_does_not_stand_for_the_weekly_one(self):
        bulletins.draft_bulletin(self.inspection, actor=self.office, region=self.unit_office.region, as_of=MONDAY)
        bulletins.issue_weekly_bulletins(actor=system_user(), week="2026-W11", today=MONDAY)
        self.assertEqual(sorted(Bulletin.objects.values_list("week", flat=True)), ["", "2026-W11"])

    def test_a_malformed_week_is_refused(self):
        with self.assertRaises(DomainError) as caught:
            bulletins.issue_weekly_bulletins(actor=system_user(), week="2026-10", today=MONDAY)
        self.assertEqual(str(caught.exception.message), "周次格式应为 YYYY-Www（如 2026-W10）：2026-10")
        self.assertFalse(Bulletin.objects.exists())

    def test_a_future_week_is_refused(self):
        with self.assertRaises(DomainError) as caught:
            bulletins.issue_weekly_bulletins(actor=system_user(), week="2026-W12", today=MONDAY)
        self.assertEqual(str(caught.exception.message), "不能发布未来周次的通报：2026-W12。")
        self.assertFalse(AuditEvent.objects.filter(action="supervision.bulletin.draft").exists())

    def test_the_command_issues_once_and_a_second_run_does_nothing(self):
        out = io.StringIO()
        call_command("issue_bulletins", "--inspection", self.inspection.code, "--week", "2026-W10", stdout=out)
        self.assertIn("已发布 ", out.getvalue())
        again = io.StringIO()
        call_command("issue_bulletins", "--week", "2026-W10", "--json", stdout=again)
        data = json.loads(again.getvalue())
        self.assertEqual((data["week"], data["as_of"], data["issued"]), ("2026-W10", "2026-03-08", []))
        self.assertEqual(Bulletin.objects.filter(week="2026-W10").count(), 1)
        self.assertEqual(AuditEvent.objects.filter(action="supervision.bulletin.draft").count(), 1)

    def test_the_command_refuses_a_bad_week_and_an_unknown_inspection_with_status_2(self):
        for args, message in (
            (["--week", "W10"], "周次格式应为 YYYY-Www（如 2026-W10）：W10"),
            (["--inspection", "nope"], "没有督察代码为 nope 的督察。"),
        ):
            with self.subTest(args=args), self.assertRaises(CommandError) as caught:
                call_command("issue_bulletins", *args, stdout=io.StringIO())
            self.assertEqual((str(caught.exception), caught.exception.returncode), (message, 2))

    def test_the_help_prints_the_schedule_line(self):
        self.assertIn("0 7 * * 1  cd /srv/ducha && .venv/bin/python manage.py issue_bulletins", Command.help)
        self.assertIn("cron", Command.help)

    def test_the_task_issues_the_weekly_bulletin_once(self):
        result = issue_bulletins_task.enqueue(week="2026-W10", inspection_code=self.inspection.code)
        self.assertEqual(len(result.return_value["issued"]), 1)
        again = issue_bulletins_task.enqueue(week="2026-W10")
        self.assertEqual(again.return_value["issued"], [])
        self.assertEqual(Bulletin.objects.filter(week="2026-W10").count(), 1)
