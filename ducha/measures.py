"""The words an area uses to declare its figures; the dashboard reads the declarations.

An area's `figures.py` defines any of:

    SOURCES  = [Source("complaints", Complaint, unit="lead_unit_id", ...)]
                 the rows its figures count, and how to narrow them (region, unit)
    MEASURES = [Measure("complaints.on_time", label, definition, "complaint", rows)]
                 a figure and its list from one definition: the figure is the count of `rows`
    FIGURES  = {"complaints": headline}
                 a function of a scope to {name: number}, one aggregate query; the keys are
                 the `figures` command's JSON keys and the board's figure groups

A scope (built by ducha.dashboard.engine, never by an area) gives one queryset per
source key as an attribute (`scope.complaints`): the rows of one inspection that a user
may see, or of one region, as of `scope.today`. A past scope (`scope.past`) asks for the
figures as they stood at the end of that day: sources keep the rows that existed then, and
measures and figures judge states from the timestamps the rows carry (closed_at,
signed_off_at, acceptance dates…) instead of their status now. The dashboard imports the areas'
`figures.py`; an area never imports the dashboard, so this module is the meeting point,
the way org.scoping is for permission rules.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import DateField, Func, QuerySet
from django.db.models.functions import TruncDate


@dataclass(frozen=True)
class Source:
    """The rows of one model an area's figures count, for one inspection.

    inspection  lookup from a row to its inspection
    region      lookup from a row to its region code (narrowing to a district)
    unit        lookup from a row to the unit it narrows by; None: no row belongs to a unit
    distinct    narrowing by unit crosses a to-many join, so the rows need distinct()
    base        the rows that count today (alerts not cleared); default: every row
    as_of       the rows as they stood at the end of a past day, from the dates the rows carry
                (received, recorded, raised and not yet cleared by then); it replaces `base`
                for a past scope; default: every row
    """

    key: str
    model: type
    inspection: str = "inspection"
    region: str = "region__code"
    unit: str | None = None
    distinct: bool = False
    base: Callable[[QuerySet], QuerySet] | None = None
    as_of: Callable[[QuerySet, dt.date], QuerySet] | None = None


@dataclass(frozen=True)
class Measure:
    """A figure and its list: `rows(scope)` are the rows, the figure is their count."""

    key: str
    label: str
    definition: str
    model: str  # which list template shows the rows: complaint, finding, person, accountability, meeting, alert
    rows: Callable[..., QuerySet]
    unit: str = "件"
    order: tuple[str, ...] = ("pk",)
    related: tuple[str, ...] = ()


# --- the local calendar day, in the database's own functions ---------------------------

TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)
ZONE = settings.TIME_ZONE.replace("'", "")


def _fixed_offset() -> str | None:
    """'+480 minutes' for a zone without daylight saving (Asia/Shanghai), else None."""
    jan, jul = (dt.datetime(2026, m, 1, tzinfo=TZ).utcoffset() for m in (1, 7))
    if jan != jul:
        return None
    minutes = int(jan.total_seconds() // 60)
    return f"{minutes:+d} minutes"


OFFSET = _fixed_offset()


class LocalDate(Func):
    """The local calendar day of a UTC datetime, in the database's own functions.

    Django's TruncDate with a time zone calls a Python function per row on SQLite
    (0.4 s over 10^5 complaints); `date(x, '+480 minutes')` is SQLite's own and gives
    the same day for a zone without daylight saving. PostgreSQL converts natively."""

    output_field = DateField()
    arity = 1
    sql_modifier = ""

    def as_sqlite(self, compiler, connection, **extra):
        if OFFSET is None:  # a zone with daylight saving: the exact, slower way
            return compiler.compile(TruncDate(self.source_expressions[0], tzinfo=TZ))
        template = f"date(%(expressions)s, '{OFFSET}'{self.sql_modifier})"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template=f"((%(expressions)s) AT TIME ZONE '{ZONE}')::date", **extra)


class LocalWeek(LocalDate):
    """The Monday of the local week of a UTC datetime."""

    sql_modifier = ", 'weekday 0', '-6 days'"

    def as_postgresql(self, compiler, connection, **extra):
        template = f"date_trunc('week', (%(expressions)s) AT TIME ZONE '{ZONE}')::date"
        return self.as_sql(compiler, connection, template=template, **extra)


def end_of_day(day: dt.date) -> dt.datetime:
    """The first instant after `day` in local time: `at < end_of_day(d)` is "on or before d"."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=TZ)
