"""A due date as people read it (`Due`: what it skipped, a Chinese explanation), the
holiday blocks it names, and how days and ranges are written. `periods.Calendar`
computes them.

Pure Python: never imports Django.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .periods import Calendar

WEEKDAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


@dataclass(frozen=True)
class HolidayRange:
    """Consecutive days off of one holiday block, e.g. 国庆节 10月1日—7日."""

    name: str
    first: dt.date
    last: dt.date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def label(self, *, with_year: bool = False) -> str:
        return f"{self.name}假期{format_range(self.first, self.last, with_year=with_year)}"

    def __str__(self) -> str:
        return self.label()


@dataclass(frozen=True)
class Due:
    """A computed due date, with what it skipped and a Chinese explanation.

    The explanation and the skipped days are computed when first read, so a million
    due dates cost only the date arithmetic.
    """

    date: dt.date
    start: dt.date
    working_days: int | None = None
    days: int | None = None
    # Natural-day periods only: the day start + N, when it was a day off.
    moved_from: dt.date | None = None
    calendar: Calendar | None = field(default=None, repr=False, compare=False)

    @cached_property
    def skipped_holidays(self) -> tuple[HolidayRange, ...]:
        """Holiday days inside the counted span (working days), or those the deadline
        moved over (natural days)."""
        if self.calendar is None:
            return ()
        if self.working_days is not None:
            return self.calendar.holiday_ranges(self.start + ONE_DAY, self.date)
        if self.moved_from is None:
            return ()
        return self.calendar.holiday_ranges(self.moved_from, self.date - ONE_DAY)

    @cached_property
    def makeup_workdays(self) -> tuple[dt.date, ...]:
        """Make-up working days (调休上班) that were counted (working-day periods)."""
        if self.calendar is None or self.working_days is None:
            return ()
        return self.calendar.makeup_workdays(self.start + ONE_DAY, self.date)

    @cached_property
    def explanation(self) -> str:
        with_year = self.start.year != self.date.year
        if self.working_days is not None:
            return self._explain_working_days(with_year)
        return self._explain_days(with_year)

    def _explain_working_days(self, with_year: bool) -> str:
        parts = []
        if self.skipped_holidays:
            labels = (r.label(with_year=with_year) for r in self.skipped_holidays)
            parts.append("跳过" + "、".join(labels))
        if self.makeup_workdays:
            days = (format_day(d, with_year=with_year) for d in self.makeup_workdays)
            parts.append("、".join(days) + "调休上班")
        if not parts:
            parts.append("期间无节假日或调休上班日")
        return f"{self.working_days}个工作日：" + "，".join(parts)

    def _explain_days(self, with_year: bool) -> str:
        head = f"{self.days}日："
        if self.moved_from is None:
            tail = ""
            if self.calendar is not None and self.calendar.is_makeup_workday(self.date):
                tail = "（调休上班日）"
            return f"{head}截止日{format_day(self.date, with_year=with_year)}{tail}"
        moved_from = format_day(self.moved_from, with_year=with_year)
        ranges = self.skipped_holidays
        if ranges and ranges[0].first <= self.moved_from:
            reason = f"{ranges[0].name}假期"
            ranges = ranges[1:]
        else:
            reason = f"{WEEKDAY_NAMES[self.moved_from.weekday()]}休息日"
        text = f"{head}截止日{moved_from}为{reason}"
        if ranges:
            text += "，其后为" + "、".join(r.label(with_year=with_year) for r in ranges)
        return f"{text}，顺延至{format_day(self.date, with_year=with_year)}"


ONE_DAY = dt.timedelta(days=1)


def format_day(day: dt.date, *, with_year: bool = False) -> str:
    text = f"{day.month}月{day.day}日"
    return f"{day.year}年{text}" if with_year else text


def format_range(first: dt.date, last: dt.date, *, with_year: bool = False) -> str:
    """ "10月1日—7日", "1月28日—2月4日", "2017年12月30日—2018年1月1日"."""
    if first == last:
        return format_day(first, with_year=with_year)
    if first.year != last.year:
        return f"{format_day(first, with_year=True)}—{format_day(last, with_year=True)}"
    head = format_day(first, with_year=with_year)
    if first.month == last.month:
        return f"{head}—{last.day}日"
    return f"{head}—{last.month}月{last.day}日"
