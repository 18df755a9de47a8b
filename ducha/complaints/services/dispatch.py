"""Dispatch (转办) to a lead unit and supporting units with a due date, and the units'
requests (more time, reroute) with the office's decision."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit.services import record, snapshot
from ducha.complaints.models import (
    Assignment,
    AssignmentRequest,
    AssignmentRole,
    Complaint,
    ComplaintStatus,
    RequestKind,
    RequestStatus,
)
from ducha.complaints.services.common import bump, expect, lock, tell_units
from ducha.errors import Conflict, DomainError, NotPermitted
from ducha.inspections.models import DueKind
from ducha.org import calendar, scoping
from ducha.org.models import Unit


def compute_due(start: dt.date, *, days: int, kind: str) -> calendar.Due:
    """The due date for a dispatch on `start`: the dispatch day itself is not counted."""
    try:
        if kind == DueKind.WORKING:
            return calendar.due_date(start, working_days=days)
        return calendar.due_date(start, days=days)
    except (calendar.CalendarMissing, calendar.InvalidPeriod) as exc:
        raise DomainError(exc.message, field="due_days")


def dispatch_complaint(
    complaint: Complaint,
    *,
    actor,
    lead_unit: Unit,
    support_units: Iterable[Unit] = (),
    due_days: int | None = None,
    due_kind: str | None = None,
    expected_version: int | None = None,
) -> Complaint:
    with transaction.atomic():
        complaint = lock(complaint, expected_version)
        scoping.require(actor, "dispatch", complaint)
        expect(complaint, ComplaintStatus.RECEIVED)
        support = [u for u in support_units if u.pk != lead_unit.pk]
        inspection = complaint.inspection
        now = timezone.now()
        due = compute_due(
            timezone.localdate(now),
            days=due_days or inspection.due_days,
            kind=due_kind or inspection.due_kind,
        )
        Assignment.objects.filter(complaint=complaint, is_active=True).update(is_active=False)
        for unit, role in [(lead_unit, AssignmentRole.LEAD)] + [(u, AssignmentRole.SUPPORT) for u in support]:
            Assignment.objects.create(complaint=complaint, unit=unit, role=role, assigned_at=now, assigned_by=actor)
        complaint.status = ComplaintStatus.DISPATCHED
        complaint.lead_unit = lead_unit
        complaint.dispatched_at = now
        complaint.due_on = due.date
        complaint.due_explanation = due.explanation[:300]
        bump(complaint, ["status", "lead_unit", "dispatched_at", "due_on", "due_explanation"])
        record(
            actor=actor,
            action="complaints.complaint.dispatch",
            obj=complaint,
            after={
                "lead_unit": lead_unit.name,
                "support_units": [u.name for u in support],
                "due_on": due.date.isoformat(),
                "due_explanation": due.explanation,
            },
        )
        text = _("信访件%(ref)s已转办本单位，请于%(due)s前办结。") % {"ref": complaint.ref, "due": due.date.isoformat()}
        tell_units(complaint, [lead_unit.pk, *(u.pk for u in support)], text)
    return complaint


def dispatch_by_region(
    complaints: Iterable[Complaint], *, actor, unit_for_region: dict[str, Unit], due_days=None, due_kind=None
) -> list[Complaint]:
    """Dispatch many at once by a region rule ({region code: lead unit}); all or none."""
    done = []
    with transaction.atomic():
        for complaint in complaints:
            unit = unit_for_region.get(complaint.region_id)
            if unit is None:
                raise DomainError(
                    _("信访件%(ref)s所在区域没有对应的承办单位。") % {"ref": complaint.ref}, field="region"
                )
            done.append(
                dispatch_complaint(complaint, actor=actor, lead_unit=unit, due_days=due_days, due_kind=due_kind)
            )
    return done


def request_extension(assignment: Assignment, *, actor, extra_days: int, reason: str) -> AssignmentRequest:
    return _request(assignment, actor=actor, kind=RequestKind.EXTENSION, reason=reason, extra_days=extra_days)


def request_reroute(assignment: Assignment, *, actor, reason: str) -> AssignmentRequest:
    return _request(assignment, actor=actor, kind=RequestKind.REROUTE, reason=reason)


def _request(assignment, *, actor, kind, reason, extra_days=None) -> AssignmentRequest:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("请填写理由。"), field="reason")
    if kind == RequestKind.EXTENSION and not (extra_days and 0 < extra_days <= 90):
        raise DomainError(_("延期天数应为1至90天。"), field="extra_days")
    with transaction.atomic():
        complaint = lock(assignment.complaint, None)
        scoping.require(actor, "request", complaint)
        if actor_unit_ids(actor).isdisjoint({assignment.unit_id}) or not assignment.is_active:
            raise NotPermitted()
        expect(complaint, ComplaintStatus.DISPATCHED, ComplaintStatus.RETURNED)
        if assignment.requests.filter(status=RequestStatus.PENDING).exists():
            raise DomainError(_("已有待审批的申请，请等待环委办审批。"), field="reason")
        req = AssignmentRequest.objects.create(
            assignment=assignment,
            kind=kind,
            reason=reason,
            extra_days=extra_days,
            requested_by=actor,
            requested_at=timezone.now(),
        )
        record(actor=actor, action=f"complaints.request.{kind}", obj=complaint, after=snapshot(req))
    return req


def decide_request(req: AssignmentRequest, *, actor, approve: bool, note: str = "") -> AssignmentRequest:
    with transaction.atomic():
        req = AssignmentRequest.objects.select_for_update().select_related("assignment").get(pk=req.pk)
        complaint = lock(req.assignment.complaint, None)
        scoping.require(actor, "dispatch", complaint)
        if req.status != RequestStatus.PENDING:
            raise Conflict(_("该申请已被审批。"))
        req.status = RequestStatus.APPROVED if approve else RequestStatus.REJECTED
        req.decided_by, req.decided_at, req.decision_note = actor, timezone.now(), note.strip()
        req.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
        after = {"kind": req.kind, "approved": approve, "note": req.decision_note}
        if approve and req.kind == RequestKind.EXTENSION:
            due = compute_due(complaint.due_on, days=req.extra_days, kind=complaint.inspection.due_kind)
            after |= {"due_on": [complaint.due_on.isoformat(), due.date.isoformat()]}
            complaint.due_on, complaint.due_explanation = due.date, (_("延期：") + due.explanation)[:300]
            bump(complaint, ["due_on", "due_explanation"])
        elif approve and req.kind == RequestKind.REROUTE:
            Assignment.objects.filter(complaint=complaint, is_active=True).update(is_active=False)
            complaint.status, complaint.lead_unit, complaint.due_on = ComplaintStatus.RECEIVED, None, None
            bump(complaint, ["status", "lead_unit", "due_on"])
        record(actor=actor, action="complaints.request.decide", obj=complaint, after=after)
    return req


def actor_unit_ids(actor) -> set[int]:
    return scoping.principal(actor).units()
