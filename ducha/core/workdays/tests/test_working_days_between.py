"""Counting working days between two dates, and stepping by working days."""

from datetime import date

import pytest


@pytest.mark.parametrize(
    ("a", "b", "count"),
    [
        pytest.param(date(2025, 3, 3), date(2025, 3, 3), 0, id="the same day"),
        pytest.param(date(2025, 3, 7), date(2025, 3, 10), 1, id="friday to monday"),
        pytest.param(date(2025, 3, 10), date(2025, 3, 7), -1, id="backwards"),
        pytest.param(date(2026, 9, 24), date(2026, 10, 15), 10, id="across national day 2026"),
        pytest.param(date(2026, 10, 1), date(2026, 10, 7), 0, id="inside a holiday"),
        pytest.param(date(2026, 10, 9), date(2026, 10, 11), 1, id="a make-up saturday"),
    ],
)
def test_counts_working_days_after_a_up_to_b(calendar, a, b, count):
    assert calendar.working_days_between(a, b) == count


@pytest.mark.parametrize(
    ("start", "n", "result"),
    [
        (date(2026, 9, 24), 10, date(2026, 10, 15)),
        (date(2026, 10, 15), -10, date(2026, 9, 24)),
        (date(2026, 10, 8), -1, date(2026, 9, 30)),
        (date(2026, 10, 12), -2, date(2026, 10, 9)),
        (date(2026, 10, 3), 0, date(2026, 10, 3)),
    ],
)
def test_add_working_days_steps_forwards_and_backwards(calendar, start, n, result):
    assert calendar.add_working_days(start, n) == result


def test_first_workday_on_or_after_rolls_off_holidays(calendar):
    assert calendar.first_workday_on_or_after(date(2026, 10, 3)) == date(2026, 10, 8)
    assert calendar.first_workday_on_or_after(date(2026, 10, 8)) == date(2026, 10, 8)
