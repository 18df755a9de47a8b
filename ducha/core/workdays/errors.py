"""Errors of the working-day calendar, each with a Chinese message and a stable code.

The messages are module constants so that tests (and the Django side) can assert them.
"""

from __future__ import annotations

CALENDAR_MISSING = "{year}年的节假日安排尚未录入，请先录入国务院办公厅的年度节假日安排通知，再计算期限"
PERIOD_BOTH = "办理时限只能按工作日或自然日中的一种计算，请不要同时填写"
PERIOD_NEITHER = "请填写办理时限：工作日天数或自然日天数"
PERIOD_NOT_POSITIVE = "办理时限天数必须是正整数，收到的是：{value}"
ARRANGEMENT_DUPLICATE_YEAR = "{year}年的节假日安排录入了两次，每年只能有一份安排"
ARRANGEMENT_CONFLICT = "{date}同时被录入为放假日和调休上班日，请核对国务院办公厅通知"
ARRANGEMENT_DATE_OUTSIDE_YEAR = "{year}年的节假日安排中含有{date}，与该年度相差超过一年，请核对日期"
ARRANGEMENT_BAD_YEAR = "节假日安排的年度{year}无效"
PACKAGE_YEAR_MISSING = (
    "chinese_calendar 包中没有{year}年的节假日安排（包内只有{first}—{last}年），请手工录入国务院办公厅的通知"
)


class WorkdaysError(Exception):
    """Base of the calendar's errors: `message` is shown to users, `code` is stable."""

    code = "workdays"
    field: str | None = None

    def __init__(self, message: str, *, field: str | None = None) -> None:
        self.message = message
        if field is not None:
            self.field = field
        super().__init__(message)


class CalendarMissing(WorkdaysError, LookupError):
    """A period touches a year whose holiday arrangement has not been entered.

    A period is never computed on weekends alone: the year's notice must be entered.
    """

    code = "calendar_missing"

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(CALENDAR_MISSING.format(year=year))


class InvalidPeriod(WorkdaysError, ValueError):
    """Bad arguments to a period computation (zero, negative, both or neither)."""

    code = "invalid_period"


class InvalidArrangement(WorkdaysError, ValueError):
    """A year's arrangement contradicts itself or another year's."""

    code = "invalid_arrangement"
