"""A year without an arrangement is refused, never computed on weekends alone."""

from datetime import date

import pytest

from ducha.core.workdays import (
    Calendar,
    CalendarMissing,
    YearArrangement,
    seed_from_chinese_calendar,
)
from ducha.core.workdays.errors import CALENDAR_MISSING

MESSAGE_2027 = "2027年的节假日安排尚未录入，请先录入国务院办公厅的年度节假日安排通知，再计算期限"

# Test data shaped like a notice, not the real 2027 notice.
ARRANGEMENT_2027 = YearArrangement(
    year=2027,
    holidays={date(2027, 1, 1): "元旦", date(2027, 1, 2): "元旦", date(2027, 1, 3): "元旦"},
    workdays={},
    source="测试用：国务院办公厅关于2027年部分节假日安排的通知",
)

REFUSED = [
    pytest.param(lambda c: c.is_workday(date(2027, 3, 1)), id="is_workday"),
    pytest.param(lambda c: c.due_date(date(2027, 3, 1), working_days=5), id="working days"),
    pytest.param(
        lambda c: c.due_date(date(2026, 12, 28), working_days=10),
        id="working days running into 2027",
    ),
    pytest.param(
        lambda c: c.due_date(date(2026, 12, 20), days=15),
        id="natural days landing in 2027",
    ),
    pytest.param(lambda c: c.due_date(date(2026, 12, 31), days=1), id="natural days on 1 January"),
    pytest.param(
        lambda c: c.due_dates([date(2026, 1, 5), date(2026, 12, 28)], working_days=10),
        id="bulk due dates",
    ),
    pytest.param(
        lambda c: c.working_days_between(date(2026, 12, 1), date(2027, 1, 10)),
        id="working days between",
    ),
    pytest.param(lambda c: c.add_working_days(date(2026, 12, 30), 5), id="add"),
]


@pytest.mark.parametrize("compute", REFUSED)
def test_a_2027_date_is_refused_with_the_message(calendar, compute):
    with pytest.raises(CalendarMissing) as caught:
        compute(calendar)

    assert caught.value.year == 2027
    assert caught.value.message == MESSAGE_2027
    assert str(caught.value) == CALENDAR_MISSING.format(year=2027)
    assert caught.value.code == "calendar_missing"


def test_a_year_before_the_package_is_refused(calendar):
    with pytest.raises(CalendarMissing) as caught:
        calendar.due_date(date(2003, 6, 2), working_days=3)

    assert caught.value.year == 2003


def test_a_custom_2027_arrangement_makes_2027_work():
    calendar = Calendar([*seed_from_chinese_calendar(), ARRANGEMENT_2027])

    result = calendar.due_date(date(2026, 12, 28), working_days=10)

    assert result.date == date(2027, 1, 12)
    assert result.explanation == "10个工作日：跳过元旦假期2027年1月1日—3日"
    assert calendar.is_workday(date(2027, 3, 1))
    assert calendar.covered_years[-1] == 2027


def test_a_gap_year_between_known_years_is_refused():
    calendar = Calendar([*seed_from_chinese_calendar([2025]), ARRANGEMENT_2027])

    with pytest.raises(CalendarMissing) as caught:
        calendar.due_date(date(2025, 12, 30), working_days=10)

    assert caught.value.year == 2026


def test_a_period_may_start_the_day_before_the_first_known_year():
    calendar = Calendar([ARRANGEMENT_2027])

    assert calendar.due_date(date(2026, 12, 31), working_days=1).date == date(2027, 1, 4)
