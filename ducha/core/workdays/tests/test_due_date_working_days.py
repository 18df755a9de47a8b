"""N working days: the Nth working day after the start, the start day not counted.

Expected dates are counted by hand from the State Council notices.
"""

from datetime import date

import pytest

CASES = [
    # start, working days, due, explanation
    pytest.param(
        date(2026, 9, 24),
        10,
        date(2026, 10, 15),
        "10个工作日：跳过中秋节假期9月25日—27日、国庆节假期10月1日—7日，10月10日调休上班",
        id="2026 mid-autumn and national day, 10 October is a make-up day",
    ),
    pytest.param(
        date(2025, 1, 24),
        10,
        date(2025, 2, 13),
        "10个工作日：跳过春节假期1月28日—2月4日，1月26日、2月8日调休上班",
        id="2025 spring festival with make-up days 26 January and 8 February",
    ),
    pytest.param(
        date(2024, 9, 27),
        10,
        date(2024, 10, 16),
        "10个工作日：跳过国庆节假期10月1日—7日，9月29日、10月12日调休上班",
        id="2024 national day with make-up days 29 September and 12 October",
    ),
    pytest.param(
        date(2024, 9, 27),
        5,
        date(2024, 10, 10),
        "5个工作日：跳过国庆节假期10月1日—7日，9月29日调休上班",
        id="a make-up day after the due date is not mentioned",
    ),
    pytest.param(
        date(2025, 9, 26),
        10,
        date(2025, 10, 16),
        "10个工作日：跳过国庆节、中秋节假期10月1日—8日，9月28日、10月11日调休上班",
        id="2025 national day and mid-autumn joined in one block",
    ),
    pytest.param(
        date(2023, 9, 27),
        5,
        date(2023, 10, 10),
        "5个工作日：跳过中秋节、国庆节假期9月29日—10月6日，10月7日、10月8日调休上班",
        id="2023 mid-autumn and national day with a make-up weekend",
    ),
    pytest.param(
        date(2026, 10, 3),
        1,
        date(2026, 10, 8),
        "1个工作日：跳过国庆节假期10月4日—7日",
        id="a period starting inside a holiday skips only the rest of it",
    ),
    pytest.param(
        date(2023, 12, 29),
        3,
        date(2024, 1, 4),
        "3个工作日：跳过元旦假期2023年12月30日—2024年1月1日",
        id="a period across the new year names the years",
    ),
    pytest.param(
        date(2026, 2, 13),
        1,
        date(2026, 2, 14),
        "1个工作日：2月14日调休上班",
        id="a saturday make-up day counts as the first working day",
    ),
    pytest.param(
        date(2025, 3, 7),
        1,
        date(2025, 3, 10),
        "1个工作日：期间无节假日或调休上班日",
        id="a friday start is due on monday",
    ),
    pytest.param(
        date(2025, 3, 3),
        10,
        date(2025, 3, 17),
        "10个工作日：期间无节假日或调休上班日",
        id="an ordinary fortnight skips only the weekends",
    ),
]


@pytest.mark.parametrize(("start", "n", "due", "explanation"), CASES)
def test_due_date_is_the_nth_working_day_after_the_start(calendar, start, n, due, explanation):
    result = calendar.due_date(start, working_days=n)

    assert result.date == due
    assert result.explanation == explanation


def test_skipped_holidays_are_grouped_into_named_ranges(calendar):
    result = calendar.due_date(date(2026, 9, 24), working_days=10)

    assert [(r.name, r.first, r.last, r.days) for r in result.skipped_holidays] == [
        ("中秋节", date(2026, 9, 25), date(2026, 9, 27), 3),
        ("国庆节", date(2026, 10, 1), date(2026, 10, 7), 7),
    ]
    assert result.makeup_workdays == (date(2026, 10, 10),)
    assert result.moved_from is None


def test_the_make_up_day_before_the_start_is_not_counted(calendar):
    # 2026-09-20 (Sunday) is a make-up day for National Day; the span starts after it.
    result = calendar.due_date(date(2026, 9, 20), working_days=3)

    assert result.date == date(2026, 9, 23)
    assert result.makeup_workdays == ()


def test_bulk_due_dates_equal_the_single_ones(calendar):
    starts = [date(2025, 1, 20) + (date(2025, 1, 2) - date(2025, 1, 1)) * k for k in range(400)]

    bulk = calendar.due_dates(starts, working_days=7)

    assert bulk == [calendar.due_date(s, working_days=7).date for s in starts]
