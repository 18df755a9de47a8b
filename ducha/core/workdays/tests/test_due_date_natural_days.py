"""N natural days: start + N; a deadline on a day off moves to the next working day."""

from datetime import date

import pytest

CASES = [
    pytest.param(
        date(2026, 9, 18),
        15,
        date(2026, 10, 8),
        date(2026, 10, 3),
        "15日：截止日10月3日为国庆节假期，顺延至10月8日",
        id="a deadline inside national day moves to the day after the holiday",
    ),
    pytest.param(
        date(2025, 1, 13),
        15,
        date(2025, 2, 5),
        date(2025, 1, 28),
        "15日：截止日1月28日为春节假期，顺延至2月5日",
        id="a deadline on the first day of spring festival moves past it",
    ),
    pytest.param(
        date(2026, 3, 1),
        6,
        date(2026, 3, 9),
        date(2026, 3, 7),
        "6日：截止日3月7日为周六休息日，顺延至3月9日",
        id="a deadline on a saturday moves to monday",
    ),
    pytest.param(
        date(2025, 1, 11),
        14,
        date(2025, 1, 26),
        date(2025, 1, 25),
        "14日：截止日1月25日为周六休息日，顺延至1月26日",
        id="a deadline on a saturday moves to the sunday make-up day",
    ),
    pytest.param(
        date(2018, 9, 8),
        14,
        date(2018, 9, 25),
        date(2018, 9, 22),
        "14日：截止日9月22日为周六休息日，其后为中秋节假期9月24日，顺延至9月25日",
        id="a weekend joined to a holiday moves past both",
    ),
    pytest.param(
        date(2026, 9, 5),
        15,
        date(2026, 9, 20),
        None,
        "15日：截止日9月20日（调休上班日）",
        id="a deadline on a make-up sunday stays",
    ),
    pytest.param(
        date(2025, 3, 3),
        15,
        date(2025, 3, 18),
        None,
        "15日：截止日3月18日",
        id="a deadline on a working day stays",
    ),
]


@pytest.mark.parametrize(("start", "n", "due", "moved_from", "explanation"), CASES)
def test_natural_day_deadline_moves_off_days_off(calendar, start, n, due, moved_from, explanation):
    result = calendar.due_date(start, days=n)

    assert result.date == due
    assert result.moved_from == moved_from
    assert result.explanation == explanation


def test_holidays_inside_a_natural_day_period_do_not_count(calendar):
    # 30 days across National Day 2026 still end on 30 days after the start.
    result = calendar.due_date(date(2026, 9, 20), days=30)

    assert result.date == date(2026, 10, 20)
    assert result.skipped_holidays == ()


def test_bulk_natural_due_dates_equal_the_single_ones(calendar):
    starts = [date(2025, 9, 1).fromordinal(date(2025, 9, 1).toordinal() + k) for k in range(120)]

    bulk = calendar.due_dates(starts, days=15)

    assert bulk == [calendar.due_date(s, days=15).date for s in starts]
