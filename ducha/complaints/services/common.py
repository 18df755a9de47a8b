"""What the handling transitions share: the row lock with its version check, the
status guard, and the version bump."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from ducha.complaints.models import (
    Complaint,
)
from ducha.errors import Conflict, InvalidTransition
from ducha.notifications.services import notify_users
from ducha.org.models import Membership, Role


def lock(complaint: Complaint, expected_version: int | None) -> Complaint:
    """Re-read the row under a lock; refuse when it changed since the form was shown."""
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if expected_version is not None and locked.version != expected_version:
        raise Conflict()
    return locked


def expect(complaint: Complaint, *statuses: str) -> None:
    if complaint.status not in statuses:
        raise InvalidTransition(
            _("信访件当前状态为“%(status)s”，不能执行此操作。") % {"status": complaint.get_status_display()}
        )


def tell_units(complaint: Complaint, unit_ids, text: str) -> None:
    """After commit, the handlers of these units get a notification linking to the complaint."""
    users = list(
        Membership.objects.filter(unit_id__in=list(unit_ids), role=Role.HANDLER, user__is_active=True).values_list(
            "user_id", flat=True
        )
    )
    link = f"/complaints/{complaint.pk}/"
    transaction.on_commit(lambda: notify_users(users, text=text, link=link))


def bump(complaint: Complaint, fields: list[str]) -> None:
    complaint.version = F("version") + 1
    complaint.save(update_fields=[*fields, "version", "updated_at"])
    complaint.refresh_from_db(fields=["version"])
