"""Every read in supervision: alerts and what turns red soon, notices, notifications.
Supervision's figures are declared in figures.py and computed by the dashboard."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, QuerySet

from ducha.complaints.models import Complaint, ComplaintStatus
from ducha.org import scoping
from ducha.org.calendar import get_calendar
from ducha.rectification.models import Task
from ducha.supervision.models import (
    Alert,
    ItemKind,
    SupervisionNotice,
)

# --- alerts and what turns red soon -----------------------------------------------


def red_within(today: dt.date, working_days: int) -> dt.date:
    """The first due day that does not turn red within `working_days` working days:
    an item due before it has working_days_between(today, due) <= working_days."""
    return get_calendar().add_working_days(today, working_days + 1)


def turning_red(user, today: dt.date, working_days: int) -> tuple[QuerySet, QuerySet]:
    """Open complaints and tasks, visible to the user, due from today on and before
    the boundary: the ones that turn red within `working_days` working days."""
    limit = red_within(today, working_days)
    complaints = (
        scoping.visible_to(user, Complaint)
        .exclude(status__in=ComplaintStatus.CLOSED_STATES)
        .filter(due_on__gte=today, due_on__lt=limit)
        .select_related("lead_unit", "region")
        .order_by("due_on", "id")
    )
    tasks = (
        scoping.visible_to(user, Task)
        .filter(acceptance__isnull=True, due_date__gte=today, due_date__lt=limit)
        .select_related("lead_unit", "finding")
        .order_by("due_date", "id")
    )
    return complaints, tasks


def list_alerts(user, *, level: str = "", unit_id: int | None = None) -> QuerySet:
    qs = scoping.visible_to(user, Alert).filter(cleared_on__isnull=True).select_related("unit", "region")
    if level:
        qs = qs.filter(level=level)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    return qs


def list_notices(user) -> QuerySet:
    return scoping.visible_to(user, SupervisionNotice).select_related("unit", "issuer").annotate(n_items=Count("items"))


def alert_targets(alerts: list[Alert]) -> dict[tuple[str, int], object]:
    """The complaint or task behind each alert: two queries, not one per row."""
    ids = {kind: [a.item_id for a in alerts if a.item_kind == kind] for kind in ItemKind.values}
    out: dict[tuple[str, int], object] = {}
    for c in Complaint.objects.filter(pk__in=ids[ItemKind.COMPLAINT]).only("pk", "ref", "text"):
        out[(ItemKind.COMPLAINT, c.pk)] = c
    for t in Task.objects.filter(pk__in=ids[ItemKind.TASK]).select_related("finding"):
        out[(ItemKind.TASK, t.pk)] = t
    return out
