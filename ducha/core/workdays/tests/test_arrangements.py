"""Arrangements are seeded from chinese_calendar and checked when a calendar is built."""

from datetime import date, timedelta

import chinese_calendar
import pytest

from ducha.core.workdays import (
    Calendar,
    InvalidArrangement,
    WorkdaysError,
    YearArrangement,
    seed_from_chinese_calendar,
)
from ducha.core.workdays.errors import (
    ARRANGEMENT_CONFLICT,
    ARRANGEMENT_DUPLICATE_YEAR,
    PACKAGE_YEAR_MISSING,
)


@pytest.fixture(scope="module")
def seeded():
    return {a.year: a for a in seed_from_chinese_calendar()}


def test_the_seed_covers_2004_to_2026_with_the_notice_title(seeded):
    assert sorted(seeded) == list(range(2004, 2027))
    assert seeded[2026].source == "国务院办公厅关于2026年部分节假日安排的通知"


def test_the_2026_national_day_arrangement_is_the_package_one(seeded):
    arrangement = seeded[2026]
    national_day = [d for d, name in arrangement.holidays.items() if name == "国庆节"]
    mid_autumn = [d for d, name in arrangement.holidays.items() if name == "中秋节"]

    assert national_day == [date(2026, 10, d) for d in range(1, 8)]
    assert mid_autumn == [date(2026, 9, d) for d in range(25, 28)]
    assert arrangement.workdays[date(2026, 9, 20)] == "国庆节"
    assert arrangement.workdays[date(2026, 10, 10)] == "国庆节"


def test_the_2026_spring_festival_is_nine_days(seeded):
    spring = [d for d, name in seeded[2026].holidays.items() if name == "春节"]

    assert spring == [date(2026, 2, d) for d in range(15, 24)]
    assert set(seeded[2026].workdays) >= {date(2026, 2, 14), date(2026, 2, 28)}


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2025, 1, 1), "元旦"),
        (date(2025, 1, 28), "春节"),
        (date(2025, 4, 4), "清明节"),
        (date(2025, 5, 1), "劳动节"),
        (date(2025, 5, 31), "端午节"),
        (date(2024, 9, 15), "中秋节"),
        (date(2024, 10, 1), "国庆节"),
        (date(2025, 10, 6), "国庆节、中秋节"),
        (date(2023, 9, 29), "中秋节、国庆节"),
        (date(2020, 10, 1), "国庆节、中秋节"),
        (date(2012, 9, 30), "中秋节、国庆节"),
        (date(2015, 9, 3), "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日"),
    ],
)
def test_holidays_carry_the_names_of_the_notice(seeded, day, name):
    assert seeded[day.year].holidays[day] == name


def test_december_new_year_days_belong_to_the_next_years_notice(seeded):
    assert seeded[2024].holidays[date(2023, 12, 30)] == "元旦"
    assert date(2023, 12, 30) not in seeded[2023].holidays
    assert seeded[2012].workdays[date(2011, 12, 31)] == "元旦"


def test_every_day_agrees_with_the_chinese_calendar_package(calendar):
    day, last = date(2004, 1, 1), date(2026, 12, 31)
    while day <= last:
        assert calendar.is_workday(day) == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


def test_seeding_a_year_the_package_lacks_is_refused():
    with pytest.raises(WorkdaysError) as caught:
        seed_from_chinese_calendar([2027])

    assert str(caught.value) == PACKAGE_YEAR_MISSING.format(year=2027, first=2004, last=2026)


def test_refuses_two_arrangements_for_one_year():
    with pytest.raises(InvalidArrangement) as caught:
        Calendar([YearArrangement(2027), YearArrangement(2027)])

    assert str(caught.value) == ARRANGEMENT_DUPLICATE_YEAR.format(year=2027)


def test_refuses_a_day_both_off_and_make_up():
    day = date(2027, 2, 6)
    with pytest.raises(InvalidArrangement) as caught:
        Calendar([YearArrangement(2027, holidays={day: "春节"}, workdays={day: "春节"})])

    assert str(caught.value) == ARRANGEMENT_CONFLICT.format(date="2027年2月6日")


def test_refuses_a_day_far_from_its_year():
    with pytest.raises(InvalidArrangement):
        Calendar([YearArrangement(2027, holidays={date(2072, 1, 1): "元旦"})])


def test_holiday_name_tells_a_holiday_from_a_weekend(calendar):
    assert calendar.holiday_name(date(2026, 10, 3)) == "国庆节"
    assert calendar.holiday_name(date(2026, 3, 7)) is None
    assert calendar.arrangement(2026).year == 2026
