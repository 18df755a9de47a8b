"""The working-day calendar and due dates (办理时限).

Rules, after the law on periods (期间开始的日，不计算在期间内):

* the start day is not counted;
* N working days (工作日): the due date is the Nth working day after the start;
* N natural days (日): the due date is start + N days; if that day is a day off
  (a holiday or a weekend rest day), the due date moves to the next working day;
* a working day is a Monday to Friday that is not a holiday, or a make-up working day
  (调休上班) of a notice;
* a period that touches a year without an arrangement raises `CalendarMissing`: it is
  never computed on weekends alone.

`Calendar` precomputes, once, a table over the ordinal days of the years it knows: for
each day whether it is a working day and how many working days came before it, and the
list of working days in order. A due date is then two list lookups.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property

from .arrangements import YearArrangement, join_names
from .dues import ONE_DAY, WEEKDAY_NAMES, Due, HolidayRange, format_day, format_range  # noqa: F401
from .errors import (
    ARRANGEMENT_BAD_YEAR,
    ARRANGEMENT_CONFLICT,
    ARRANGEMENT_DATE_OUTSIDE_YEAR,
    ARRANGEMENT_DUPLICATE_YEAR,
    PERIOD_BOTH,
    PERIOD_NEITHER,
    PERIOD_NOT_POSITIVE,
    CalendarMissing,
    InvalidArrangement,
    InvalidPeriod,
)


class Calendar:
    """Working days of the years whose arrangements were passed in.

    Build it once (it is immutable) and share it; `Calendar(seed_from_chinese_calendar())`
    knows 2004–2026, and the Django side adds the years an office entered.
    """

    def __init__(self, arrangements: Iterable[YearArrangement]) -> None:
        self._arrangements: dict[int, YearArrangement] = {}
        holidays: dict[dt.date, str] = {}
        workdays: dict[dt.date, str] = {}
        for arrangement in arrangements:
            year = arrangement.year
            if not isinstance(year, int) or not 1900 <= year <= 9998:
                raise InvalidArrangement(ARRANGEMENT_BAD_YEAR.format(year=year), field="year")
            if year in self._arrangements:
                raise InvalidArrangement(ARRANGEMENT_DUPLICATE_YEAR.format(year=year), field="year")
            self._arrangements[year] = arrangement
            _collect(year, arrangement.holidays, holidays, workdays, "holidays")
            _collect(year, arrangement.workdays, workdays, holidays, "workdays")
        self._covered = frozenset(self._arrangements)
        self._holidays = holidays
        self._workdays = workdays
        self._build_table()

    # -- the precomputed table -------------------------------------------------------

    def _build_table(self) -> None:
        years = set(self._covered)
        years.update(d.year for d in self._holidays)
        years.update(d.year for d in self._workdays)
        if not years:
            years = {dt.date.today().year}
        lo, hi = min(years), max(years)
        # Index 0 is a sentinel day (31 December before the first year): a period
        # starting that day still has a "previous day" to count from.
        self._base = dt.date(lo, 1, 1).toordinal() - 1
        self._last = dt.date(hi, 12, 31).toordinal()
        size = self._last - self._base + 1

        working = [False] * size
        covered = [False] * size
        for i in range(1, size):
            day = dt.date.fromordinal(self._base + i)
            if day.year not in self._covered:
                continue
            covered[i] = True
            if day in self._workdays:
                working[i] = True
            elif day in self._holidays:
                working[i] = False
            else:
                working[i] = day.weekday() < 5

        # cum[i]: working days among indices 1..i; uncovered[i]: days without a notice.
        cum = [0] * size
        uncovered = [0] * size
        work_index: list[int] = []
        for i in range(1, size):
            cum[i] = cum[i - 1] + working[i]
            uncovered[i] = uncovered[i - 1] + (not covered[i])
            if working[i]:
                work_index.append(i)

        self._working = working
        self._cum = cum
        self._uncovered = uncovered
        self._work_index = work_index

        self._holiday_ords = sorted(d.toordinal() for d in self._holidays)
        self._makeup_ords = sorted(d.toordinal() for d in self._workdays)

    def _require(self, first: int, last: int) -> None:
        """Raise `CalendarMissing` unless every day of ordinals [first, last] is known."""
        base = self._base
        if first > base and last <= self._last and self._uncovered[last - base] == self._uncovered[first - base - 1]:
            return
        first_year = dt.date.fromordinal(max(first, 1)).year
        last_year = dt.date.fromordinal(max(last, 1)).year
        for year in range(first_year, last_year + 1):
            if year not in self._covered:
                raise CalendarMissing(year)

    # -- single days -----------------------------------------------------------------

    @property
    def covered_years(self) -> tuple[int, ...]:
        return tuple(sorted(self._covered))

    def arrangement(self, year: int) -> YearArrangement:
        try:
            return self._arrangements[year]
        except KeyError:
            raise CalendarMissing(year) from None

    def is_workday(self, day: dt.date) -> bool:
        ordinal = day.toordinal()
        self._require(ordinal, ordinal)
        return self._working[ordinal - self._base]

    def holiday_name(self, day: dt.date) -> str | None:
        """The holiday a day off belongs to, or None (weekend or working day)."""
        self._require(day.toordinal(), day.toordinal())
        return self._holidays.get(day)

    def is_makeup_workday(self, day: dt.date) -> bool:
        return day in self._workdays

    def first_workday_on_or_after(self, day: dt.date) -> dt.date:
        ordinal = day.toordinal()
        self._require(ordinal, ordinal)
        i = ordinal - self._base
        if self._working[i]:
            return day
        j = self._next_working_index(i)
        self._require(ordinal, self._base + j)
        return dt.date.fromordinal(self._base + j)

    def _next_working_index(self, i: int) -> int:
        """The first working index after non-working index i (or a missing year)."""
        rank = self._cum[i]
        if rank >= len(self._work_index):
            raise CalendarMissing(dt.date.fromordinal(self._last).year + 1)
        return self._work_index[rank]

    # -- periods ---------------------------------------------------------------------

    def due_date(
        self,
        start: dt.date,
        *,
        working_days: int | None = None,
        days: int | None = None,
    ) -> Due:
        """The due date of a period starting on `start` (the start day not counted)."""
        if working_days is not None:
            if days is not None:
                raise InvalidPeriod(PERIOD_BOTH, field="days")
            _check_positive(working_days, "working_days")
            end = self._add_working_days(start, working_days)
            return _make_due(end, start, working_days, None, None, self)
        if days is None:
            raise InvalidPeriod(PERIOD_NEITHER, field="working_days")
        _check_positive(days, "days")
        base = self._base
        t = start.toordinal() + days
        i = t - base
        if base < t <= self._last and self._working[i]:
            # Uncovered days are never working days: no coverage check needed.
            return _make_due(dt.date.fromordinal(t), start, None, days, None, self)
        self._require(t, t)
        j = self._next_working_index(i)
        self._require(t, base + j)
        end = dt.date.fromordinal(base + j)
        return _make_due(end, start, None, days, dt.date.fromordinal(t), self)

    def due_dates(
        self,
        starts: Sequence[dt.date],
        *,
        working_days: int | None = None,
        days: int | None = None,
    ) -> list[dt.date]:
        """`due_date(start, ...).date` for many starts at once, vectorised (numpy).

        For lists and dashboards: a million due dates take a fraction of a second.
        Raises like `due_date` for the first start whose period cannot be computed.
        """
        import numpy as np

        if working_days is not None and days is not None:
            raise InvalidPeriod(PERIOD_BOTH, field="days")
        if working_days is None and days is None:
            raise InvalidPeriod(PERIOD_NEITHER, field="working_days")
        n = working_days if working_days is not None else days
        _check_positive(n, "working_days" if working_days is not None else "days")
        if not len(starts):
            return []
        cum, work_index, working, uncovered = self._arrays
        base, size = self._base, self._last - self._base + 1
        ords = np.fromiter((d.toordinal() for d in starts), np.int64, len(starts))
        if working_days is not None:
            i = ords - base
            ok = (i >= 0) & (i < size - 1)
            i = np.where(ok, i, 0)
            rank = cum[i] + (n - 1)
            ok &= rank < len(work_index)
            j = work_index[np.where(ok, rank, 0)]
            ok &= uncovered[j] == uncovered[i]  # every day of (start, due] known
        else:
            i = ords + n - base
            ok = (i >= 1) & (i < size)
            i = np.where(ok, i, 1)
            rank = cum[i]
            nxt = work_index[np.minimum(rank, len(work_index) - 1)]
            ok &= working[i] | (rank < len(work_index))
            j = np.where(working[i], i, nxt)
            ok &= uncovered[j] == uncovered[i - 1]  # every day of [start + n, due]
        if not ok.all():
            bad = int(np.flatnonzero(~ok)[0])
            self.due_date(starts[bad], working_days=working_days, days=days)
        fromordinal = dt.date.fromordinal
        return [fromordinal(o) for o in (j + base).tolist()]

    @cached_property
    def _arrays(self):
        import numpy as np

        return (
            np.array(self._cum, dtype=np.int64),
            np.array(self._work_index, dtype=np.int64),
            np.array(self._working, dtype=bool),
            np.array(self._uncovered, dtype=np.int64),
        )

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The nth working day after `start` (n > 0), before it (n < 0), or `start`."""
        if n > 0:
            return self._add_working_days(start, n)
        if n == 0:
            return start
        ordinal = start.toordinal()
        i = ordinal - self._base
        if not 1 <= i - 1 < len(self._cum):
            self._require(ordinal - 1, ordinal - 1)  # outside the table: raises
        rank = self._cum[i - 1] + n  # 0-based rank of the |n|th working day before
        if rank < 0:
            raise CalendarMissing(dt.date.fromordinal(self._base).year)
        j = self._work_index[rank]
        self._require(self._base + j, ordinal - 1)
        return dt.date.fromordinal(self._base + j)

    def _add_working_days(self, start: dt.date, n: int) -> dt.date:
        ordinal = start.toordinal()
        base = self._base
        i = ordinal - base
        if not 0 <= i < self._last - base:
            self._require(ordinal + 1, ordinal + 1)
        rank = self._cum[i] + n - 1
        if rank >= len(self._work_index):
            self._require(ordinal + 1, self._last + 1)
        j = self._work_index[rank]
        self._require(ordinal + 1, base + j)
        return dt.date.fromordinal(base + j)

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """Working days d with a < d <= b; negative when b is before a.

        `working_days_between(start, due_date(start, working_days=n).date) == n`, and
        "turns red within N working days" is `working_days_between(today, due) <= N`.
        """
        if b < a:
            return -self.working_days_between(b, a)
        if a == b:
            return 0
        first, last = a.toordinal() + 1, b.toordinal()
        self._require(first, last)
        return self._cum[last - self._base] - self._cum[first - 1 - self._base]

    # -- what a span contains --------------------------------------------------------

    def holiday_ranges(self, first: dt.date, last: dt.date) -> tuple[HolidayRange, ...]:
        """Holiday days in [first, last], grouped into runs of consecutive days."""
        ords = self._holiday_ords
        lo = bisect.bisect_left(ords, first.toordinal())
        hi = bisect.bisect_right(ords, last.toordinal())
        ranges: list[HolidayRange] = []
        run: list[dt.date] = []
        for ordinal in ords[lo:hi]:
            day = dt.date.fromordinal(ordinal)
            if run and (day - run[-1]).days != 1:
                ranges.append(self._range(run))
                run = []
            run.append(day)
        if run:
            ranges.append(self._range(run))
        return tuple(ranges)

    def _range(self, run: list[dt.date]) -> HolidayRange:
        name = join_names(self._holidays[d] for d in run)
        return HolidayRange(name, run[0], run[-1])

    def makeup_workdays(self, first: dt.date, last: dt.date) -> tuple[dt.date, ...]:
        """Make-up working days (调休上班) in [first, last]."""
        ords = self._makeup_ords
        lo = bisect.bisect_left(ords, first.toordinal())
        hi = bisect.bisect_right(ords, last.toordinal())
        return tuple(dt.date.fromordinal(o) for o in ords[lo:hi])


_new = object.__new__


def _make_due(
    date: dt.date,
    start: dt.date,
    working_days: int | None,
    days: int | None,
    moved_from: dt.date | None,
    calendar: Calendar,
) -> Due:
    """Build a `Due` without the frozen dataclass's per-field __setattr__ (3x faster;
    due dates are computed by the million for lists and dashboards)."""
    due = _new(Due)
    due.__dict__.update(
        date=date,
        start=start,
        working_days=working_days,
        days=days,
        moved_from=moved_from,
        calendar=calendar,
    )
    return due


def _collect(
    year: int,
    days: Mapping[dt.date, str],
    into: dict[dt.date, str],
    others: dict[dt.date, str],
    field_name: str,
) -> None:
    for day, name in days.items():
        if abs(day.year - year) > 1:
            message = ARRANGEMENT_DATE_OUTSIDE_YEAR.format(year=year, date=format_day(day, with_year=True))
            raise InvalidArrangement(message, field=field_name)
        if day in others:
            message = ARRANGEMENT_CONFLICT.format(date=format_day(day, with_year=True))
            raise InvalidArrangement(message, field=field_name)
        into[day] = name


def _check_positive(value: object, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise InvalidPeriod(PERIOD_NOT_POSITIVE.format(value=value), field=name)
