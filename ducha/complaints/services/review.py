"""Review (审核) of a submitted report: accept (closing confirmed repeats with it) or return."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit.services import record
from ducha.complaints.models import (
    Complaint,
    ComplaintStatus,
    HandlingStatus,
)
from ducha.complaints.services.common import bump, expect, lock, tell_units
from ducha.complaints.services.handling import current_handling
from ducha.errors import DomainError
from ducha.org import scoping


def accept_handling(complaint: Complaint, *, actor, expected_version: int | None = None, note: str = "") -> Complaint:
    with transaction.atomic():
        complaint = lock(complaint, expected_version)
        scoping.require(actor, "review", complaint)
        expect(complaint, ComplaintStatus.SUBMITTED)
        handling = current_handling(complaint)
        now = timezone.now()
        handling.status, handling.reviewed_at, handling.reviewed_by = HandlingStatus.ACCEPTED, now, actor
        handling.review_note = note.strip()
        handling.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_note"])
        complaint.status = ComplaintStatus.CLOSED_PENDING if handling.measures_running else ComplaintStatus.CLOSED
        complaint.closed_at = now
        bump(complaint, ["status", "closed_at"])
        record(
            actor=actor,
            action="complaints.handling.accept",
            obj=complaint,
            after={"status": complaint.status, "closed_at": now.isoformat(), "note": handling.review_note},
        )
        _close_repeats(complaint, actor=actor, now=now)
    return complaint


def _close_repeats(original: Complaint, *, actor, now) -> None:
    """Confirmed repeats are handled with their original and close with it, under its
    lead unit and due date (they were never dispatched on their own)."""
    for repeat in (
        Complaint.objects.select_for_update()
        .filter(repeat_of=original)
        .exclude(status__in=ComplaintStatus.CLOSED_STATES)
    ):
        repeat.status, repeat.closed_at = original.status, now
        repeat.lead_unit_id, repeat.due_on = original.lead_unit_id, original.due_on
        repeat.dispatched_at = repeat.dispatched_at or original.dispatched_at
        repeat.closure_note = (_("重复件，随原件%(ref)s办结") % {"ref": original.ref})[:300]
        bump(repeat, ["status", "closed_at", "lead_unit", "due_on", "dispatched_at", "closure_note"])
        record(
            actor=actor,
            action="complaints.complaint.close_repeat",
            obj=repeat,
            after={"original": original.ref, "status": repeat.status},
        )


def return_handling(complaint: Complaint, *, actor, reason: str, expected_version: int | None = None) -> Complaint:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("退回时请写明理由。"), field="reason")
    with transaction.atomic():
        complaint = lock(complaint, expected_version)
        scoping.require(actor, "review", complaint)
        expect(complaint, ComplaintStatus.SUBMITTED)
        handling = current_handling(complaint)
        handling.status, handling.reviewed_at, handling.reviewed_by = HandlingStatus.RETURNED, timezone.now(), actor
        handling.review_note = reason
        handling.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_note"])
        complaint.status = ComplaintStatus.RETURNED  # due_on unchanged: the clock keeps running
        bump(complaint, ["status"])
        reason = handling.review_note  # as saved: identity in it masked, for the log and the units
        record(actor=actor, action="complaints.handling.return", obj=complaint, after={"reason": reason})
        text = _("信访件%(ref)s的办理结果被退回：%(reason)s") % {"ref": complaint.ref, "reason": reason[:200]}
        tell_units(complaint, [complaint.lead_unit_id], text)
    return complaint
