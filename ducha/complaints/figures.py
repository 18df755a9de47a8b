"""The complaints area's figures: on-time figures per grouping (for the area's pages
and the bulletins), and the declarations the dashboard reads (see ducha.measures).

On time means closed on or before the due day (closed_at's local date ≤ due_on). The
on-time rate is closed-on-time over (closed + open-and-overdue): a case still open past
its due day counts as not on time, a case open and not yet due is not counted yet.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ducha.complaints.models import Complaint, ComplaintStatus
from ducha.measures import LocalDate, LocalWeek, Measure, Source, end_of_day
from ducha.org.models import Region

GROUPS = {
    "inspection": ("inspection_id",),
    "batch": ("batch_id", "batch__number"),
    "region": ("region_id", "region__name"),
    "unit": ("lead_unit_id", "lead_unit__name"),
}


def measures(today, *, past: bool = False):
    """The figures of a set of complaints (annotated with `closed_on`): by their status
    now, or with `past` as they stood at the end of `today`, from the timestamps the rows
    carry (a past query also needs `as_of_history`)."""
    if not past:
        closed = Q(status__in=ComplaintStatus.CLOSED_STATES)
        return {
            "received": Count("pk"),
            "dispatched": Count("pk", filter=~Q(status=ComplaintStatus.RECEIVED)),
            "closed": Count("pk", filter=closed),
            "closed_pending": Count("pk", filter=Q(status=ComplaintStatus.CLOSED_PENDING)),
            "on_time": Count("pk", filter=closed & Q(closed_on__lte=F("due_on"))),
            "overdue_open": Count("pk", filter=~closed & Q(due_on__lt=today)),
            "returned": Count("pk", filter=Q(status=ComplaintStatus.RETURNED)),
        }
    closed = _closed_by(today)
    return {
        "received": Count("pk"),
        "dispatched": Count("pk", filter=Q(dispatched_at__lt=end_of_day(today)) & ~Q(status=ComplaintStatus.RECEIVED)),
        "closed": Count("pk", filter=closed),
        "closed_pending": Count("pk", filter=closed & Q(status=ComplaintStatus.CLOSED_PENDING)),
        "on_time": Count("pk", filter=closed & Q(closed_on__lte=F("due_on"))),
        "overdue_open": Count("pk", filter=~closed & Q(due_on__lt=today)),
        # returned: its latest review by then sent it back, and it was not handed in again
        "returned": Count("pk", filter=~closed & Q(last_returned__isnull=False) & _not_resubmitted()),
    }


def _closed_by(day) -> Q:
    return Q(status__in=ComplaintStatus.CLOSED_STATES, closed_on__lte=day)


def _not_resubmitted() -> Q:
    return Q(last_submitted__isnull=True) | Q(last_submitted__lt=F("last_returned"))


def as_of_history(qs, day):
    """The handling dates a past query judges `returned` by: the latest return and the
    latest submission on or before `day`."""
    from ducha.complaints.models import Handling, HandlingStatus

    by_then = end_of_day(day)
    handlings = Handling.objects.filter(complaint=OuterRef("pk"))
    returned = handlings.filter(status=HandlingStatus.RETURNED, reviewed_at__lt=by_then).order_by("-reviewed_at")
    submitted = handlings.filter(submitted_at__lt=by_then).order_by("-submitted_at")
    return qs.annotate(
        last_returned=Subquery(returned.values("reviewed_at")[:1]),
        last_submitted=Subquery(submitted.values("submitted_at")[:1]),
    )


def on_time_rate(row: dict) -> Decimal | None:
    denominator = row["closed"] + row["overdue_open"]
    if not denominator:
        return None
    return (Decimal(row["on_time"] * 100) / denominator).quantize(Decimal("0.1"), ROUND_HALF_UP)


def on_time_figures(queryset=None, *, by: str = "inspection", today=None) -> list[dict]:
    """[{group keys…, received, dispatched, closed, on_time, overdue_open, returned, on_time_rate}]"""
    today = today or timezone.localdate()
    qs = Complaint.objects.all() if queryset is None else queryset
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    rows = (
        qs.annotate(closed_on=TruncDate("closed_at", tzinfo=tz))
        .values(*GROUPS[by])
        .annotate(**measures(today))
        .order_by(*GROUPS[by])
    )
    out = []
    for row in rows:
        row["on_time_rate"] = on_time_rate(row)
        out.append(row)
    return out


def totals(queryset=None, *, today=None) -> dict:
    """The same measures over the whole queryset, as one row."""
    today = today or timezone.localdate()
    qs = Complaint.objects.all() if queryset is None else queryset
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    row = qs.annotate(closed_on=TruncDate("closed_at", tzinfo=tz)).aggregate(**measures(today))
    row["on_time_rate"] = on_time_rate(row)
    return row


# --- what the dashboard reads -------------------------------------------------------

SOURCES = [
    # a complaint counts from the day its batch was handed over (交办)
    Source(
        "complaints",
        Complaint,
        unit="lead_unit_id",
        as_of=lambda qs, day: qs.filter(batch__handed_over_on__lte=day),
    )
]

MEASURE_KEYS = ("received", "dispatched", "closed", "closed_pending", "on_time", "overdue_open", "returned")


def _closed_on(qs):
    return qs.annotate(closed_on=LocalDate("closed_at"))


def _closed(s) -> Q:
    """Closed now, or for a past scope closed by the end of its day."""
    return _closed_by(s.today) if s.past else Q(status__in=ComplaintStatus.CLOSED_STATES)


def _counted(s):
    qs = _closed_on(s.complaints)
    return as_of_history(qs, s.today) if s.past else qs


def _rated(row: dict) -> dict:
    rate = on_time_rate(row)
    row["on_time_rate"] = float(rate) if rate is not None else None
    return row


COMPLAINT_LIST = {"model": "complaint", "order": ("due_on", "ref"), "related": ("region", "lead_unit")}

MEASURES = [
    Measure(
        "complaints.received",
        gettext_lazy("交办信访件"),
        gettext_lazy("督察组交办本地的信访件总数（含重复件）。"),
        rows=lambda s: s.complaints,
        **COMPLAINT_LIST,
    ),
    Measure(
        "complaints.closed",
        gettext_lazy("已办结"),
        gettext_lazy("状态为“已办结”或“阶段性办结”的信访件。"),
        rows=lambda s: _closed_on(s.complaints).filter(_closed(s)),
        **COMPLAINT_LIST,
    ),
    Measure(
        "complaints.on_time",
        gettext_lazy("按时办结"),
        gettext_lazy("办结日期（北京时间）不晚于办理时限的已办结信访件。"),
        rows=lambda s: _closed_on(s.complaints).filter(_closed(s), closed_on__lte=F("due_on")),
        **COMPLAINT_LIST,
    ),
    Measure(
        "complaints.overdue_open",
        gettext_lazy("逾期未办结"),
        gettext_lazy("未办结且已超过办理时限的信访件。"),
        rows=lambda s: _closed_on(s.complaints).exclude(_closed(s)).filter(due_on__lt=s.today),
        **COMPLAINT_LIST,
    ),
]


def headline(s) -> dict:
    """The measures over the scope's complaints, with the day computed natively."""
    return _rated(_counted(s).aggregate(**measures(s.today, past=s.past)))


FIGURES = {"complaints": headline}


@dataclass
class Rollup:
    """The complaint figures by (region, week closed), summed three ways: one pass over
    the complaints gives the headline, the districts and the weekly trend."""

    totals: dict
    districts: list[dict]
    trend: list[dict]


def rollup(s) -> Rollup:
    """The measures grouped by region and local week of closing, in one query; the sums
    below run over groups, never over complaints."""
    groups = list(
        _counted(s)
        .annotate(week=LocalWeek("closed_at"))
        .values("region_id", "week")
        .annotate(**measures(s.today, past=s.past))
        .order_by()
    )
    totals = dict.fromkeys(MEASURE_KEYS, 0)
    regions: dict[str, dict] = {}
    weeks: dict[dt.date, int] = {}
    for g in groups:
        region = regions.setdefault(g["region_id"], {"region": g["region_id"]} | dict.fromkeys(MEASURE_KEYS, 0))
        for key in MEASURE_KEYS:
            totals[key] += g[key]
            region[key] += g[key]
        if g["week"] is not None and g["closed"]:
            week = _day(g["week"])
            weeks[week] = weeks.get(week, 0) + g["closed"]
    names = dict(Region.objects.filter(code__in=list(regions)).values_list("code", "name")) if regions else {}
    districts = [_rated(r | {"name": names.get(code, code)}) for code, r in sorted(regions.items())]
    return Rollup(_rated(totals), districts, _weekly(weeks))


def _weekly(weeks: dict[dt.date, int]) -> list[dict]:
    """Every week from the first closing to the last, a quiet week as 0: the chart's
    axis runs evenly instead of jumping from one busy week to the next."""
    if not weeks:
        return []
    first, last = min(weeks), max(weeks)
    count = (last - first).days // 7 + 1
    days = [first + dt.timedelta(weeks=i) for i in range(count)]
    return [{"week": w.isoformat(), "closed": weeks.get(w, 0)} for w in days]


def _day(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
