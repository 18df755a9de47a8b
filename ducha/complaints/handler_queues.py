"""The handler units' queues (待办理, 配合办理, 已报送, 已办结): their complaints and counts
(reads only; `queries` re-exports them)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy

from ducha.complaints.models import (
    Assignment,
    AssignmentRole,
    Complaint,
    ComplaintStatus,
)
from ducha.org import scoping
from ducha.org.models import Role


def handler_tab(user, tab: str) -> QuerySet[Complaint]:
    """The complaints of one of a handler unit's tabs."""
    units = handler_units(user)
    qs = scoping.visible_to(user, Complaint).select_related("region", "lead_unit", "batch").filter(due_on__isnull=False)
    if tab == "todo":
        return qs.filter(lead_unit_id__in=units, status__in=ComplaintStatus.IN_HAND_STATES)
    if tab == "support":
        return qs.filter(support_q(units)).exclude(status__in=ComplaintStatus.CLOSED_STATES)
    if tab == "submitted":
        return qs.filter(lead_unit_id__in=units, status=ComplaintStatus.SUBMITTED)
    return qs.filter(lead_unit_id__in=units, status__in=ComplaintStatus.CLOSED_STATES)


HANDLER_TABS = [
    ("todo", gettext_lazy("待办理")),
    ("support", gettext_lazy("配合办理")),
    ("submitted", gettext_lazy("已报送")),
    ("closed", gettext_lazy("已办结")),
]


def handler_units(user) -> set[int]:
    return scoping.principal(user).units(Role.HANDLER)


def support_q(units) -> Q:
    return Q(
        pk__in=Assignment.objects.filter(is_active=True, role=AssignmentRole.SUPPORT, unit_id__in=units).values(
            "complaint_id"
        )
    )


def handler_counts(user) -> dict[str, int]:
    units = handler_units(user)
    mine = Q(lead_unit_id__in=units)
    return scoping.visible_to(user, Complaint).aggregate(
        todo=Count("pk", filter=mine & Q(status__in=ComplaintStatus.IN_HAND_STATES)),
        support=Count("pk", filter=support_q(units) & ~Q(status__in=ComplaintStatus.CLOSED_STATES)),
        submitted=Count("pk", filter=mine & Q(status=ComplaintStatus.SUBMITTED)),
        closed=Count("pk", filter=mine & Q(status__in=ComplaintStatus.CLOSED_STATES)),
    )
