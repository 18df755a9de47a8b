"""Working-day calendar (工作日) and due dates (办理时限), as a pure core.

    from ducha.core.workdays import Calendar, seed_from_chinese_calendar

    calendar = Calendar(seed_from_chinese_calendar())  # + the years an office entered
    due = calendar.due_date(date(2026, 9, 24), working_days=10)
    due.date         # date(2026, 10, 15)
    due.explanation  # "10个工作日：跳过中秋节假期9月25日—27日、国庆节假期10月1日—7日，…"

Never imports Django: the arrangements are passed in.
"""

from functools import lru_cache

from .arrangements import (
    SOURCE_TEMPLATE,
    YearArrangement,
    package_years,
    seed_from_chinese_calendar,
)
from .errors import CalendarMissing, InvalidArrangement, InvalidPeriod, WorkdaysError
from .periods import Calendar, Due, HolidayRange, format_day, format_range

__all__ = [
    "SOURCE_TEMPLATE",
    "Calendar",
    "CalendarMissing",
    "Due",
    "HolidayRange",
    "InvalidArrangement",
    "InvalidPeriod",
    "WorkdaysError",
    "YearArrangement",
    "format_day",
    "format_range",
    "package_calendar",
    "package_years",
    "seed_from_chinese_calendar",
]


@lru_cache(maxsize=1)
def package_calendar() -> Calendar:
    """A calendar of the years the `chinese_calendar` package knows (scripts, tests).

    The application builds its own from the arrangements table instead.
    """
    return Calendar(seed_from_chinese_calendar())
