"""On-time figures for complaints: one aggregate query per grouping.

On time means closed on or before the due day (closed_at's local date ≤ due_on). The
on-time rate is closed-on-time over (closed + open-and-overdue): a case still open past
its due day counts as not on time, a case open and not yet due is not counted yet.
"""

from __future__ import annotations

import zoneinfo
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from ducha.complaints.models import Complaint, ComplaintStatus

CLOSED = (ComplaintStatus.CLOSED, ComplaintStatus.CLOSED_PENDING)
GROUPS = {
    "inspection": ("inspection_id",),
    "batch": ("batch_id", "batch__number"),
    "region": ("region_id", "region__name"),
    "unit": ("lead_unit_id", "lead_unit__name"),
}


def measures(today):
    closed = Q(status__in=CLOSED)
    return {
        "received": Count("pk"),
        "dispatched": Count("pk", filter=~Q(status=ComplaintStatus.RECEIVED)),
        "closed": Count("pk", filter=closed),
        "closed_pending": Count("pk", filter=Q(status=ComplaintStatus.CLOSED_PENDING)),
        "on_time": Count("pk", filter=closed & Q(closed_on__lte=F("due_on"))),
        "overdue_open": Count("pk", filter=~closed & Q(due_on__lt=today)),
        "returned": Count("pk", filter=Q(status=ComplaintStatus.RETURNED)),
    }


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


def complaints(inspection, today, *, region_code: str = "") -> dict:
    """The headline complaint figures of an inspection, for the `figures` command."""
    qs = Complaint.objects.filter(inspection=inspection)
    if region_code:
        qs = qs.filter(region__code__startswith=region_code)
    row = totals(qs, today=today)
    row["on_time_rate"] = float(row["on_time_rate"]) if row["on_time_rate"] is not None else None
    return row


FIGURES = {"complaints": complaints}
