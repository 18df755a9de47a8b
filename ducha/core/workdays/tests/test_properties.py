"""Properties of due dates, over every start date the package covers."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from ducha.core.workdays import package_calendar

starts = st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 10, 31))
calendar = package_calendar()


@settings(max_examples=400, deadline=None)
@given(start=starts, n=st.integers(min_value=1, max_value=30))
def test_a_working_day_due_date_is_a_working_day_strictly_after_the_start(start, n):
    due = calendar.due_date(start, working_days=n)

    assert due.date > start
    assert calendar.is_workday(due.date)
    assert calendar.working_days_between(start, due.date) == n
    assert calendar.add_working_days(start, n) == due.date


@settings(max_examples=400, deadline=None)
@given(start=starts, n=st.integers(min_value=1, max_value=60))
def test_a_natural_day_due_date_is_the_first_working_day_from_start_plus_n(start, n):
    due = calendar.due_date(start, days=n)
    deadline = start + timedelta(days=n)

    assert due.date > start
    assert due.date >= deadline
    assert calendar.is_workday(due.date)
    day = deadline
    while day < due.date:
        assert not calendar.is_workday(day)
        day += timedelta(days=1)
    assert (due.moved_from is None) == (due.date == deadline)


@settings(max_examples=200, deadline=None)
@given(start=starts, n=st.integers(min_value=1, max_value=30))
def test_every_explanation_starts_with_the_period(start, n):
    assert calendar.due_date(start, working_days=n).explanation.startswith(f"{n}个工作日：")
    assert calendar.due_date(start, days=n).explanation.startswith(f"{n}日：截止日")
