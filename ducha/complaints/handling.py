"""The handling workflow's transitions (issue 4): dispatch, requests, handling
reports, review. One public function per user action; each checks permission and
status, writes, and audits in one transaction.

    received ──dispatch──▶ dispatched ──submit──▶ submitted ──accept──▶ closed / closed_pending
        ▲                      ▲   │                   │
        └──reroute approved────┘   └◀──────return──────┘ (returned: the clock keeps running)

Forms post the complaint's `version` they showed; a stale version means someone acted
in between, and the second person gets a Conflict, with nothing of theirs lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit.services import diff, record, snapshot
from ducha.complaints.models import (
    Assignment,
    AssignmentRequest,
    AssignmentRole,
    Complaint,
    ComplaintStatus,
    Evidence,
    Handling,
    HandlingPart,
    HandlingStatus,
    RequestKind,
    RequestStatus,
    SuggestionStatus,
    Veracity,
)
from ducha.core.files import FileRejected, check_file
from ducha.errors import Conflict, DomainError, InvalidTransition, NotPermitted
from ducha.inspections.models import DueKind
from ducha.org import calendar, scoping
from ducha.org.models import Unit

HANDLING_FIELDS = (
    "findings",
    "veracity",
    "measures",
    "accountability_text",
    "measures_running",
    "orders",
    "penalty_cases",
    "fines",
    "criminal_cases",
    "admin_detentions",
    "criminal_detentions",
    "interviews",
    "accountabilities",
)
CLOSED = (ComplaintStatus.CLOSED, ComplaintStatus.CLOSED_PENDING)
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024


def _lock(complaint: Complaint, expected_version: int | None) -> Complaint:
    """Re-read the row under a lock; refuse when it changed since the form was shown."""
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if expected_version is not None and locked.version != expected_version:
        raise Conflict()
    return locked


def _expect(complaint: Complaint, *statuses: str) -> None:
    if complaint.status not in statuses:
        raise InvalidTransition(
            _("信访件当前状态为“%(status)s”，不能执行此操作。") % {"status": complaint.get_status_display()}
        )


def _bump(complaint: Complaint, fields: list[str]) -> None:
    complaint.version = F("version") + 1
    complaint.save(update_fields=[*fields, "version", "updated_at"])
    complaint.refresh_from_db(fields=["version"])


def compute_due(start: dt.date, *, days: int, kind: str) -> calendar.Due:
    """The due date for a dispatch on `start`: the dispatch day itself is not counted."""
    try:
        if kind == DueKind.WORKING:
            return calendar.due_date(start, working_days=days)
        return calendar.due_date(start, days=days)
    except (calendar.CalendarMissing, calendar.InvalidPeriod) as exc:
        raise DomainError(exc.message, field="due_days")


# --- dispatch ------------------------------------------------------------------


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
        complaint = _lock(complaint, expected_version)
        scoping.require(actor, "dispatch", complaint)
        _expect(complaint, ComplaintStatus.RECEIVED)
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
        _bump(complaint, ["status", "lead_unit", "dispatched_at", "due_on", "due_explanation"])
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


# --- requests from units: extension, reroute ---------------------------------------


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
        complaint = _lock(assignment.complaint, None)
        scoping.require(actor, "request", complaint)
        if actor_unit_ids(actor).isdisjoint({assignment.unit_id}) or not assignment.is_active:
            raise NotPermitted()
        _expect(complaint, ComplaintStatus.DISPATCHED, ComplaintStatus.RETURNED)
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
        complaint = _lock(req.assignment.complaint, None)
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
            _bump(complaint, ["due_on", "due_explanation"])
        elif approve and req.kind == RequestKind.REROUTE:
            Assignment.objects.filter(complaint=complaint, is_active=True).update(is_active=False)
            complaint.status, complaint.lead_unit, complaint.due_on = ComplaintStatus.RECEIVED, None, None
            _bump(complaint, ["status", "lead_unit", "due_on"])
        record(actor=actor, action="complaints.request.decide", obj=complaint, after=after)
    return req


# --- handling report -------------------------------------------------------------


def actor_unit_ids(actor) -> set[int]:
    return scoping.principal(actor).units()


def _current_handling(complaint: Complaint) -> Handling | None:
    return complaint.handlings.order_by("-id").first()


def _validate_handling(values: dict) -> dict:
    clean = {}
    for key, value in values.items():
        if key not in HANDLING_FIELDS:
            raise ValueError(f"not a handling field: {key}")
        if key == "veracity" and value and value not in Veracity.values:
            raise DomainError(_("“是否属实”应为属实、基本属实、部分属实或不属实。"), field="veracity")
        if key == "fines":
            try:
                value = Decimal(str(value or 0))
            except ArithmeticError:
                raise DomainError(_("罚款金额应为数字（单位：元）。"), field="fines")
            if value < 0 or value >= Decimal("1e12"):
                raise DomainError(_("罚款金额应为不小于0的数（单位：元）。"), field="fines")
        elif key in ("findings", "measures", "accountability_text"):
            value = (value or "").strip()
            if len(value) > 10000:
                raise DomainError(_("内容不能超过10000字。"), field=key)
        elif key not in ("veracity", "measures_running"):
            value = int(value or 0)
            if value < 0:
                raise DomainError(_("数量不能为负数。"), field=key)
        clean[key] = value
    return clean


def save_handling(complaint: Complaint, *, actor, expected_version: int | None = None, **values) -> Handling:
    """The lead unit writes (or rewrites) its draft report."""
    values = _validate_handling(values)
    with transaction.atomic():
        complaint = _lock(complaint, expected_version)
        scoping.require(actor, "handle", complaint)
        _expect(complaint, ComplaintStatus.DISPATCHED, ComplaintStatus.RETURNED)
        handling = _current_handling(complaint)
        if handling is None or handling.status != HandlingStatus.DRAFT:
            handling = Handling(complaint=complaint, unit=complaint.lead_unit)
        before = snapshot(handling) if handling.pk else {}
        for key, value in values.items():
            setattr(handling, key, value)
        handling.save()
        b, a = diff(before, snapshot(handling))
        _bump(complaint, [])
        record(actor=actor, action="complaints.handling.save", obj=complaint, before=b or None, after=a)
    return handling


def add_handling_part(complaint: Complaint, *, actor, text: str) -> HandlingPart:
    """A supporting unit adds its part to the current report."""
    text = (text or "").strip()
    if not text:
        raise DomainError(_("请填写配合办理情况。"), field="text")
    with transaction.atomic():
        complaint = _lock(complaint, None)
        scoping.require(actor, "support", complaint)
        _expect(complaint, ComplaintStatus.DISPATCHED, ComplaintStatus.RETURNED)
        unit_id = (
            Assignment.objects.filter(
                complaint=complaint, is_active=True, role=AssignmentRole.SUPPORT, unit_id__in=actor_unit_ids(actor)
            )
            .values_list("unit_id", flat=True)
            .first()
        )
        handling = _current_handling(complaint)
        if handling is None or handling.status != HandlingStatus.DRAFT:
            handling = Handling.objects.create(complaint=complaint, unit=complaint.lead_unit)
        part = HandlingPart.objects.create(
            handling=handling, unit_id=unit_id, text=text, written_by=actor, written_at=timezone.now()
        )
        record(
            actor=actor, action="complaints.handling.part", obj=complaint, after={"unit": str(part.unit), "text": text}
        )
    return part


def add_evidence(complaint: Complaint, *, actor, name: str, content: bytes) -> Evidence:
    """An evidence file for the current report: type by extension and magic bytes, size capped."""
    try:
        checked = check_file(name, content, max_bytes=EVIDENCE_MAX_BYTES)
    except FileRejected as exc:
        raise DomainError(exc.message, field="file")
    with transaction.atomic():
        complaint = _lock(complaint, None)
        if not (scoping.can(actor, "handle", complaint) or scoping.can(actor, "support", complaint)):
            raise NotPermitted()
        _expect(complaint, ComplaintStatus.DISPATCHED, ComplaintStatus.RETURNED)
        handling = _current_handling(complaint)
        if handling is None or handling.status != HandlingStatus.DRAFT:
            handling = Handling.objects.create(complaint=complaint, unit=complaint.lead_unit)
        sha = checked.sha256
        evidence = Evidence(
            handling=handling,
            name=checked.name,
            sha256=sha,
            size=checked.size,
            content_type=checked.content_type,
            uploaded_by=actor,
            uploaded_at=timezone.now(),
        )
        evidence.file.save(f"{complaint.inspection.code}/{sha}{checked.suffix}", ContentFile(content), save=False)
        evidence.save()
        record(
            actor=actor,
            action="complaints.handling.evidence",
            obj=complaint,
            after={"file": evidence.name, "sha256": sha, "size": len(content)},
        )
    return evidence


def submit_handling(complaint: Complaint, *, actor, expected_version: int | None = None) -> Handling:
    with transaction.atomic():
        complaint = _lock(complaint, expected_version)
        scoping.require(actor, "handle", complaint)
        _expect(complaint, ComplaintStatus.DISPATCHED, ComplaintStatus.RETURNED)
        handling = _current_handling(complaint)
        if handling is None or handling.status != HandlingStatus.DRAFT:
            raise DomainError(_("请先填写办理情况。"), field="findings")
        missing = [
            label
            for field, label in (
                ("findings", _("调查核实情况")),
                ("veracity", _("是否属实")),
                ("measures", _("处理和整改情况")),
            )
            if not getattr(handling, field)
        ]
        if missing:
            raise DomainError(_("报送前请填写：%(fields)s。") % {"fields": "、".join(missing)}, field="findings")
        handling.status, handling.submitted_at, handling.submitted_by = HandlingStatus.SUBMITTED, timezone.now(), actor
        handling.save(update_fields=["status", "submitted_at", "submitted_by"])
        complaint.status = ComplaintStatus.SUBMITTED
        _bump(complaint, ["status"])
        record(actor=actor, action="complaints.handling.submit", obj=complaint, after=snapshot(handling))
    return handling


# --- review -------------------------------------------------------------------------


def accept_handling(complaint: Complaint, *, actor, expected_version: int | None = None, note: str = "") -> Complaint:
    with transaction.atomic():
        complaint = _lock(complaint, expected_version)
        scoping.require(actor, "review", complaint)
        _expect(complaint, ComplaintStatus.SUBMITTED)
        handling = _current_handling(complaint)
        now = timezone.now()
        handling.status, handling.reviewed_at, handling.reviewed_by = HandlingStatus.ACCEPTED, now, actor
        handling.review_note = note.strip()
        handling.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_note"])
        complaint.status = ComplaintStatus.CLOSED_PENDING if handling.measures_running else ComplaintStatus.CLOSED
        complaint.closed_at = now
        _bump(complaint, ["status", "closed_at"])
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
    for repeat in Complaint.objects.select_for_update().filter(repeat_of=original).exclude(status__in=CLOSED):
        repeat.status, repeat.closed_at = original.status, now
        repeat.lead_unit_id, repeat.due_on = original.lead_unit_id, original.due_on
        repeat.dispatched_at = repeat.dispatched_at or original.dispatched_at
        repeat.closure_note = (_("重复件，随原件%(ref)s办结") % {"ref": original.ref})[:300]
        _bump(repeat, ["status", "closed_at", "lead_unit", "due_on", "dispatched_at", "closure_note"])
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
        complaint = _lock(complaint, expected_version)
        scoping.require(actor, "review", complaint)
        _expect(complaint, ComplaintStatus.SUBMITTED)
        handling = _current_handling(complaint)
        handling.status, handling.reviewed_at, handling.reviewed_by = HandlingStatus.RETURNED, timezone.now(), actor
        handling.review_note = reason
        handling.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_note"])
        complaint.status = ComplaintStatus.RETURNED  # due_on unchanged: the clock keeps running
        _bump(complaint, ["status"])
        record(actor=actor, action="complaints.handling.return", obj=complaint, after={"reason": reason})
    return complaint


def open_repeats_of(complaint: Complaint):
    return complaint.repeat_suggestions.filter(status=SuggestionStatus.OPEN)
