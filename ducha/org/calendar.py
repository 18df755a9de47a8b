"""The working-day calendar of the application: the pure core over the holiday tables.

    from ducha.org.calendar import due_date

    due = due_date(date(2026, 9, 24), working_days=10)
    due.date, due.explanation   # 2026-10-15, "10个工作日：跳过…国庆节假期10月1日—7日，10月10日调休上班"

A period that touches a year nobody entered raises `CalendarMissing` (a `WorkdaysError`
with a Chinese message); bad arguments raise `InvalidPeriod`. Both come from the core
unchanged: the caller shows `exc.message`.

The calendar is built once per process and rebuilt when the tables change: every call
asks the database one cheap question (how many years, the newest change) and compares.
Services also drop it on commit, so the same process sees its own change at once.

`parse_arrangement_lines` reads the lines an office pastes from a notice; it is pure
(no database) and reports every bad line with its number.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from dataclasses import dataclass, field

from django.db.models import Count, Max
from django.utils.translation import gettext as _

from ducha.core.workdays import Calendar, CalendarMissing, Due, InvalidPeriod, YearArrangement
from ducha.org.models import HolidayDay, HolidayDayKind, HolidayYear

__all__ = [
    "ArrangementLines",
    "CalendarMissing",
    "InvalidPeriod",
    "LineProblem",
    "arrangements",
    "clear_cache",
    "due_date",
    "get_calendar",
    "parse_arrangement_lines",
]

_lock = threading.Lock()
_cached: tuple[tuple, Calendar] | None = None


def _version() -> tuple:
    row = HolidayYear.objects.aggregate(n=Count("pk"), last=Max("updated_at"), top=Max("pk"))
    return row["n"], row["last"], row["top"]


def arrangements() -> list[YearArrangement]:
    """Every year of the tables as the core's arrangements (two queries)."""
    by_year: dict[int, tuple[dict, dict]] = {}
    years = {pk: (year, source) for pk, year, source in HolidayYear.objects.values_list("pk", "year", "source")}
    for year_id, date, kind, name in HolidayDay.objects.values_list("year_id", "date", "kind", "name").order_by("date"):
        holidays, workdays = by_year.setdefault(year_id, ({}, {}))
        (holidays if kind == HolidayDayKind.HOLIDAY else workdays)[date] = name
    return [
        YearArrangement(
            year=year, holidays=by_year.get(pk, ({}, {}))[0], workdays=by_year.get(pk, ({}, {}))[1], source=source
        )
        for pk, (year, source) in sorted(years.items(), key=lambda item: item[1][0])
    ]


def get_calendar() -> Calendar:
    """The calendar of every year in the tables, rebuilt only when they changed."""
    global _cached
    version = _version()
    cached = _cached
    if cached is not None and cached[0] == version:
        return cached[1]
    with _lock:
        calendar = Calendar(arrangements())
        _cached = (version, calendar)
    return calendar


def clear_cache() -> None:
    global _cached
    _cached = None


def due_date(start: dt.date, *, working_days: int | None = None, days: int | None = None) -> Due:
    """The due date of a period starting on `start`, the start day not counted.

    Raises `CalendarMissing` for a year without an arrangement, `InvalidPeriod` for
    bad arguments; both carry a Chinese `message`.
    """
    return get_calendar().due_date(start, working_days=working_days, days=days)


# --- the lines an office pastes from a notice ---------------------------------------

KIND_WORDS = {
    "放假": HolidayDayKind.HOLIDAY,
    "休息": HolidayDayKind.HOLIDAY,
    "调休上班": HolidayDayKind.MAKEUP_WORKDAY,
    "上班": HolidayDayKind.MAKEUP_WORKDAY,
    "补班": HolidayDayKind.MAKEUP_WORKDAY,
}
_DATE = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
_LINE = re.compile(rf"^(?P<first>{_DATE})(?:\s*(?:至|到|—|–|~|～|--)\s*(?P<last>{_DATE}))?(?P<rest>.*)$")
_SEPARATORS = " \t,，、;；:："
MAX_RANGE_DAYS = 15  # the longest block of days off a notice has given (春节 2026: 9 days)


@dataclass(frozen=True)
class LineProblem:
    line: int
    text: str
    reason: str

    def __str__(self) -> str:
        return _("第%(line)d行“%(text)s”：%(reason)s") % {"line": self.line, "text": self.text, "reason": self.reason}


@dataclass
class ArrangementLines:
    """What the pasted lines say: days off and make-up working days, each with its name."""

    holidays: list[tuple[dt.date, str]] = field(default_factory=list)
    makeup_workdays: list[tuple[dt.date, str]] = field(default_factory=list)
    problems: list[LineProblem] = field(default_factory=list)


def _parse_date(text: str) -> dt.date:
    y, m, d = (int(x) for x in re.findall(r"\d+", text))
    return dt.date(y, m, d)


def parse_arrangement_lines(text: str) -> ArrangementLines:
    """Read lines like "2027-01-01 元旦 放假", "2027-02-07 春节 调休上班" or a range
    "2027-02-06 至 2027-02-12 春节 放假". Blank lines and lines starting with # are skipped.

    Every bad line is reported (line number, the line, the reason); a date given twice
    is reported on its second line.
    """
    out = ArrangementLines()
    seen: dict[dt.date, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.replace("\u3000", " ").strip()
        if not line or line.startswith("#"):
            continue

        def problem(reason: str, *, number=number, line=line) -> None:
            out.problems.append(LineProblem(number, line, reason))

        match = _LINE.match(line)
        if not match:
            problem(_("无法识别，应写成“2027-01-01 元旦 放假”这样的格式"))
            continue
        rest = match["rest"].strip(_SEPARATORS)
        word = next((w for w in sorted(KIND_WORDS, key=len, reverse=True) if rest.endswith(w)), None)
        if word is None:
            problem(_("末尾应写明“放假”或“调休上班”"))
            continue
        kind, name = KIND_WORDS[word], rest[: -len(word)].strip(_SEPARATORS)
        if not name:
            problem(_("缺少节日名称，例如“元旦”“春节”"))
            continue
        try:
            first = _parse_date(match["first"])
            last = _parse_date(match["last"]) if match["last"] else first
        except ValueError:
            problem(_("日期无效"))
            continue
        if last < first:
            problem(_("结束日期早于开始日期"))
            continue
        if (last - first).days >= MAX_RANGE_DAYS:
            problem(_("日期范围超过%(days)d天，请核对") % {"days": MAX_RANGE_DAYS})
            continue
        days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
        repeated = [d for d in days if d in seen]
        if repeated:
            problem(_("%(date)s已在第%(line)d行录入") % {"date": repeated[0].isoformat(), "line": seen[repeated[0]]})
            continue
        for day in days:
            seen[day] = number
        target = out.holidays if kind == HolidayDayKind.HOLIDAY else out.makeup_workdays
        target.extend((day, name) for day in days)
    return out
