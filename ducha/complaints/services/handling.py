"""The handling report (办理情况) of the lead unit, the supporting units' parts, the
evidence files, and the submission for review."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha import store
from ducha.audit.services import diff, record, snapshot
from ducha.complaints.models import (
    Assignment,
    AssignmentRole,
    Complaint,
    ComplaintStatus,
    Evidence,
    Handling,
    HandlingPart,
    HandlingStatus,
    Veracity,
)
from ducha.complaints.services.common import bump, expect, lock
from ducha.complaints.services.dispatch import actor_unit_ids
from ducha.core.files import FileRejected, check_file
from ducha.errors import DomainError, NotPermitted
from ducha.org import scoping

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


EVIDENCE_MAX_BYTES = 20 * 1024 * 1024


def current_handling(complaint: Complaint) -> Handling | None:
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
        complaint = lock(complaint, expected_version)
        scoping.require(actor, "handle", complaint)
        expect(complaint, ComplaintStatus.DISPATCHED, ComplaintStatus.RETURNED)
        handling = current_handling(complaint)
        if handling is None or handling.status != HandlingStatus.DRAFT:
            handling = Handling(complaint=complaint, unit=complaint.lead_unit)
        before = snapshot(handling) if handling.pk else {}
        for key, value in values.items():
            setattr(handling, key, value)
        handling.save()
        b, a = diff(before, snapshot(handling))
        bump(complaint, [])
        record(actor=actor, action="complaints.handling.save", obj=complaint, before=b or None, after=a)
    return handling


def add_handling_part(complaint: Complaint, *, actor, text: str) -> HandlingPart:
    """A supporting unit adds its part to the current report."""
    text = (text or "").strip()
    if not text:
        raise DomainError(_("请填写配合办理情况。"), field="text")
    with transaction.atomic():
        complaint = lock(complaint, None)
        scoping.require(actor, "support", complaint)
        expect(complaint, ComplaintStatus.DISPATCHED, ComplaintStatus.RETURNED)
        unit_id = (
            Assignment.objects.filter(
                complaint=complaint, is_active=True, role=AssignmentRole.SUPPORT, unit_id__in=actor_unit_ids(actor)
            )
            .values_list("unit_id", flat=True)
            .first()
        )
        handling = current_handling(complaint)
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
        complaint = lock(complaint, None)
        if not (scoping.can(actor, "handle", complaint) or scoping.can(actor, "support", complaint)):
            raise NotPermitted()
        expect(complaint, ComplaintStatus.DISPATCHED, ComplaintStatus.RETURNED)
        handling = current_handling(complaint)
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
        evidence.file = store.save(content, kind=store.EVIDENCE, suffix=checked.suffix).path
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
        complaint = lock(complaint, expected_version)
        scoping.require(actor, "handle", complaint)
        expect(complaint, ComplaintStatus.DISPATCHED, ComplaintStatus.RETURNED)
        handling = current_handling(complaint)
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
        bump(complaint, ["status"])
        record(actor=actor, action="complaints.handling.submit", obj=complaint, after=snapshot(handling))
    return handling
