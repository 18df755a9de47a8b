from ducha.enforcement import clocks
from ducha.enforcement.models import StatutoryDeadline, TransferStep
from ducha.enforcement.services import cases, tables
from ducha.enforcement.tests.support import EnforcementTestCase, moment, open_case


class StatutoryClockTests(EnforcementTestCase):
    def test_the_heads_three_days_skip_the_national_day_holiday(self):
        case = cases.report_case(open_case(self.handler), actor=self.handler, at=moment(2026, 9, 30, 10, 0))
        self.assertEqual(case.due_at, moment(2026, 10, 10, 23, 59, 59))
        self.assertIn("跳过国庆节假期10月1日—7日，10月10日调休上班", case.due_explanation)
        self.assertIn("第五条", case.due_explanation)

    def test_twenty_four_hours_run_from_the_approval_through_the_night(self):
        clock = clocks.start("transfer", moment(2026, 12, 4, 17, 30))
        self.assertEqual(clock.due_at, moment(2026, 12, 5, 17, 30))
        self.assertIn("24小时：自2026年12月4日 17:30起至2026年12月5日 17:30", clock.explanation)

    def test_a_decision_after_its_day_is_marked_late_with_its_explanation(self):
        case = cases.report_case(open_case(self.handler), actor=self.handler, at=moment(2026, 12, 1, 9, 0))
        cases.approve_transfer(case, actor=self.office, at=moment(2026, 12, 7, 9, 0))
        step = TransferStep.objects.get(case=case, action="enforcement.case.approve")
        self.assertTrue(step.late)
        self.assertEqual(step.due_at, moment(2026, 12, 4, 23, 59, 59))
        self.assertIn("3个工作日", step.due_explanation)

    def test_a_decision_on_its_day_is_not_late(self):
        case = cases.report_case(open_case(self.handler), actor=self.handler, at=moment(2026, 12, 1, 9, 0))
        cases.approve_transfer(case, actor=self.office, at=moment(2026, 12, 4, 18, 0))
        self.assertFalse(TransferStep.objects.get(case=case, action="enforcement.case.approve").late)

    def test_the_office_changes_a_deadline_and_new_clocks_follow_it(self):
        deadline = StatutoryDeadline.objects.get(step="head_decision")
        tables.update_deadline(
            deadline, actor=self.office, amount=5, unit="workdays", starts=deadline.starts, article="本省规定：5日。"
        )
        case = cases.report_case(open_case(self.handler), actor=self.handler, at=moment(2026, 12, 1, 9, 0))
        self.assertEqual(case.due_at.date(), moment(2026, 12, 8, 0, 0).date())
        self.assertIn("依据本省规定", case.due_explanation)

    def test_overdue_and_soon_overdue(self):
        case = cases.report_case(open_case(self.handler), actor=self.handler, at=moment(2026, 12, 1, 9, 0))
        self.assertTrue(clocks.is_overdue(case, moment(2026, 12, 5, 0, 0)))
        self.assertTrue(clocks.is_soon(case, moment(2026, 12, 4, 8, 0)))
        self.assertFalse(clocks.is_overdue(case, moment(2026, 12, 4, 8, 0)))
