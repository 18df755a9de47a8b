"""What the complaints area puts on a person's home page: counts with links to the queues."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ducha.complaints import queries
from ducha.complaints.models import (
    Complaint,
)
from ducha.org import scoping
from ducha.org.models import Role


def home_panels(user, role: str) -> dict[str, list[tuple[str, int, str]]]:
    """Counts for the home page, by panel title: (label, count, link)."""
    if role == Role.OFFICE and scoping.can(user, "dispatch", Complaint):
        counts = queries.office_counts(user, timezone.localdate())
        queue = reverse("complaints:queue")
        link = {key: (str(label), counts[key], f"{queue}?tab={key}") for key, label in queries.OFFICE_TABS}
        return {
            str(gettext_lazy("待转办信访件")): [link["received"], link["repeats"]],
            str(gettext_lazy("待审核办理结果")): [link["submitted"], link["requests"]],
            str(gettext_lazy("即将逾期")): [link["due_soon"], link["overdue"]],
        }
    if role == Role.HANDLER and scoping.can(user, "handle", Complaint):
        counts = queries.handler_counts(user)
        mine = reverse("complaints:mine")
        return {
            str(gettext_lazy("本单位待办信访件")): [
                (str(label), counts[key], f"{mine}?tab={key}") for key, label in queries.HANDLER_TABS
            ]
        }
    return {}
