"""Task states are derived on the day they are read, the same in Python and in SQL."""

import datetime as dt
from unittest import mock

from ducha.rectification import queries
from ducha.rectification.models import AcceptanceResult, Task, TaskState
from ducha.rectification.services import acceptance, progress
from ducha.rectification.tests.support import RectificationTestCase

# the plan is dated 2018-06-01; task 1-2 is due 2019-06-30 (394 days later)
DAY = dt.date(2018, 12, 1)  # 183 days in: 46.4 % of the time


def on(day):
    return mock.patch("django.utils.timezone.localdate", return_value=day)


class TaskStateTests(RectificationTestCase):
    def report(self, task, percent, period=dt.date(2018, 11, 1)):
        with on(DAY):
            progress.report_progress(task, actor=self.office, period=period, text="推进中", percent=percent)

    def state(self, task, day=DAY) -> str:
        sql = queries.with_state(Task.objects.filter(pk=task.pk), day).get().state_value
        python = Task.objects.get(pk=task.pk).state(day)
        self.assertEqual(sql, python)
        return python

    def test_progress_at_the_elapsed_share_is_on_schedule(self):
        self.report(self.task(1, 2), 47)
        self.assertEqual(self.state(self.task(1, 2)), TaskState.ON_SCHEDULE)

    def test_progress_below_the_elapsed_share_is_behind(self):
        self.report(self.task(1, 2), 46)
        self.assertEqual(self.state(self.task(1, 2)), TaskState.BEHIND)

    def test_no_report_is_behind(self):
        self.assertEqual(self.state(self.task(1, 2)), TaskState.BEHIND)

    def test_past_its_due_date_and_not_accepted_is_overdue(self):
        self.report(self.task(1, 2), 90)
        self.assertEqual(self.state(self.task(1, 2), dt.date(2019, 7, 1)), TaskState.OVERDUE)

    def test_accepted_is_done_and_an_ongoing_task_carries_on(self):
        acceptance.accept_finding(
            self.finding(1), actor=self.office, date=dt.date(2018, 11, 1), team="验收组",
            result=AcceptanceResult.PASSED, opinion="到位",
        )  # fmt: skip
        self.assertEqual(self.state(self.task(1, 1), dt.date(2020, 1, 1)), TaskState.DONE)
        self.assertEqual(self.state(self.task(1, 3), dt.date(2020, 1, 1)), TaskState.ONGOING)

    def test_an_immediate_task_is_on_schedule_only_when_complete(self):
        task = self.task(1, 3)  # 立行立改，长期坚持
        self.report(task, 80)
        self.assertEqual(self.state(task), TaskState.BEHIND)
        self.report(task, 100, period=dt.date(2018, 12, 1))
        self.assertEqual(self.state(task), TaskState.ON_SCHEDULE)

    def test_an_unread_deadline_waits_for_a_person(self):
        self.assertEqual(self.state(self.task(2, 2)), TaskState.REVIEW)

    def test_the_latest_period_counts(self):
        task = self.task(1, 2)
        self.report(task, 60, period=dt.date(2018, 10, 1))
        self.report(task, 10, period=dt.date(2018, 11, 1))
        self.assertEqual(self.state(task), TaskState.BEHIND)
