import datetime as dt
import json
from io import StringIO

from django.core.management import call_command

from ducha.audit.models import AuditEvent
from ducha.complaints.models import Complaint
from ducha.errors import NotPermitted
from ducha.notifications.models import Notification
from ducha.supervision import queries
from ducha.supervision.models import Alert, AlertLevel, AlertRule, ItemKind
from ducha.supervision.services import overdue
from ducha.supervision.tests.support import FRIDAY, DispatchedTestCase


class ScanOverdueTests(DispatchedTestCase):
    def set_due(self, complaint, day):
        Complaint.objects.filter(pk=complaint.pk).update(due_on=day)

    def setUp(self):
        super().setUp()
        c = self.complaints()
        self.red, self.yellow, self.calm = c[0], c[1], c[2]
        self.set_due(self.red, FRIDAY - dt.timedelta(days=1))  # Thursday: past due
        self.set_due(self.yellow, dt.date(2026, 3, 11))  # the 3rd working day after Friday
        self.set_due(self.calm, dt.date(2026, 3, 12))  # the 4th
        for other in c[3:]:
            self.set_due(other, dt.date(2026, 6, 30))

    def level_of(self, complaint):
        alert = Alert.objects.filter(
            item_kind=ItemKind.COMPLAINT, item_id=complaint.pk, cleared_on__isnull=True
        ).first()
        return alert.level if alert else None

    def test_marks_red_past_due_and_yellow_within_three_working_days(self):
        overdue.scan_overdue(actor=self.office, today=FRIDAY)
        self.assertEqual(self.level_of(self.red), AlertLevel.RED)
        self.assertEqual(self.level_of(self.yellow), AlertLevel.YELLOW)
        self.assertIsNone(self.level_of(self.calm))

    def test_counts_working_days_not_calendar_days(self):
        # Wednesday is five calendar days after Friday but three working days
        overdue.scan_overdue(actor=self.office, today=FRIDAY)
        alert = Alert.objects.get(item_id=self.yellow.pk)
        self.assertEqual((alert.due_on - FRIDAY).days, 5)

    def test_the_threshold_is_data_the_office_sets(self):
        rule = overdue.rules()[ItemKind.COMPLAINT]
        overdue.update_alert_rule(
            rule,
            actor=self.office,
            yellow_days=4,
            escalate_after_days=5,
            notify_handlers=True,
            notify_supervisors=True,
            notify_office=True,
        )
        overdue.scan_overdue(actor=self.office, today=FRIDAY)
        self.assertEqual(self.level_of(self.calm), AlertLevel.YELLOW)
        self.assertTrue(AuditEvent.objects.filter(action="supervision.alert_rule.update").exists())

    def test_a_yellow_item_turns_red_after_its_due_day(self):
        overdue.scan_overdue(actor=self.office, today=FRIDAY)
        overdue.scan_overdue(actor=self.office, today=dt.date(2026, 3, 12))
        alert = Alert.objects.get(item_id=self.yellow.pk, cleared_on__isnull=True)
        self.assertEqual((alert.level, alert.since), (AlertLevel.RED, dt.date(2026, 3, 12)))

    def test_an_item_no_longer_at_risk_is_cleared(self):
        overdue.scan_overdue(actor=self.office, today=FRIDAY)
        self.set_due(self.yellow, dt.date(2026, 6, 30))  # extended
        overdue.scan_overdue(actor=self.office, today=FRIDAY)
        self.assertEqual(Alert.objects.get(item_id=self.yellow.pk).cleared_on, FRIDAY)

    def test_a_red_alert_escalates_after_the_rules_working_days(self):
        overdue.scan_overdue(actor=self.office, today=FRIDAY)
        overdue.scan_overdue(actor=self.office, today=dt.date(2026, 3, 12))  # 4 working days
        self.assertIsNone(Alert.objects.get(item_id=self.red.pk, cleared_on__isnull=True).escalated_on)
        overdue.scan_overdue(actor=self.office, today=dt.date(2026, 3, 13))  # 5 working days
        self.assertEqual(
            Alert.objects.get(item_id=self.red.pk, cleared_on__isnull=True).escalated_on, dt.date(2026, 3, 13)
        )

    def test_tells_the_unit_its_supervisors_and_the_office(self):
        overdue.scan_overdue(actor=self.office, today=FRIDAY)
        for user in (self.handler, self.supervisor, self.office):
            note = Notification.objects.get(user=user)
            self.assertEqual(note.text, "逾期预警：新增红色预警1项、黄色预警1项，请及时督促办理。")
        self.assertFalse(Notification.objects.filter(user=self.handler2).exists())

    def test_a_second_scan_tells_nobody_again(self):
        overdue.scan_overdue(actor=self.office, today=FRIDAY)
        overdue.scan_overdue(actor=self.office, today=FRIDAY)
        self.assertEqual(Notification.objects.filter(user=self.handler).count(), 1)

    def test_writes_one_audit_row_with_the_summary(self):
        overdue.scan_overdue(actor=self.office, today=FRIDAY)
        event = AuditEvent.objects.get(action="supervision.scan")
        self.assertEqual(event.after["complaint"]["red"], 1)
        self.assertEqual(event.after["complaint"]["yellow"], 1)

    def test_refuses_a_handler(self):
        with self.assertRaises(NotPermitted):
            overdue.scan_overdue(actor=self.handler, today=FRIDAY)
        self.assertFalse(Alert.objects.exists())

    def test_what_turns_red_in_the_next_three_working_days(self):
        complaints, _tasks = queries.turning_red(self.office, FRIDAY, 3)
        self.assertEqual([c.pk for c in complaints], [self.yellow.pk])
        complaints, _tasks = queries.turning_red(self.office, FRIDAY, 4)
        self.assertEqual([c.pk for c in complaints], [self.yellow.pk, self.calm.pk])

    def test_the_command_scans_and_prints_json(self):
        out = StringIO()
        call_command("scan_overdue", "--date", FRIDAY.isoformat(), "--json", stdout=out)
        summary = json.loads(out.getvalue())
        self.assertEqual((summary["complaint"]["red"], summary["complaint"]["yellow"]), (1, 1))
        self.assertEqual(AlertRule.objects.count(), 2)

    def test_the_alert_page_shows_the_unit_handler_its_alerts(self):
        overdue.scan_overdue(actor=self.office, today=FRIDAY)
        response = self.login(self.handler).get("/supervision/alerts/")
        self.assertContains(response, self.red.ref)
        response = self.login(self.handler2).get("/supervision/alerts/")
        self.assertNotContains(response, self.red.ref)
