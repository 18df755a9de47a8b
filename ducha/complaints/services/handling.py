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
                value = Decimal(str(value or 0)).quantize(Decimal("0.01"))
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


def missing_for_submit(handling: Handling | None) -> list[tuple[str, str]]:
    """The fields a report must have before it goes to review, as (field, label)."""
    required = (("findings", _("调查核实情况")), ("veracity", _("是否属实")), ("measures", _("处理和整改情况")))
    return [(field, label) for field, label in required if handling is None or not getattr(handling, field)]


def _check_files(files) -> list[tuple[object, bytes]]:
    """Every file checked before anything is written: one bad file refuses them all."""
    checked = []
    for name, content in files:
        try:
            checked.append((check_file(name, content, max_bytes=EVIDENCE_MAX_BYTES), content))
        except FileRejected as exc:
            raise DomainError(exc.message, field="files")
    return checked


def _attach(handling: Handling, actor, checked, content: bytes) -> Evidence:
    evidence = Evidence(
        handling=handling,
        name=checked.name,
        sha256=checked.sha256,
        size=checked.size,
        content_type=checked.content_type,
        uploaded_by=actor,
        uploaded_at=timezone.now(),
    )
    evidence.file = store.save(content, kind=store.EVIDENCE, suffix=checked.suffix).path
    evidence.save()
    return evidence


def _next_version(previous: Handling, skip_evidence=()) -> Handling:
    """The returned version copied into a new draft: text, figures, the supporting units'
    parts and the evidence (the same stored files; the store is content-addressed)."""
    complaint = previous.complaint
    draft = Handling.objects.create(
        complaint=complaint,
        unit_id=complaint.lead_unit_id or previous.unit_id,
        number=previous.number + 1,
        previous=previous,
        **{name: getattr(previous, name) for name in HANDLING_FIELDS},
    )
    HandlingPart.objects.bulk_create(
        HandlingPart(
            handling=draft, unit_id=p.unit_id, text=p.text, written_by_id=p.written_by_id, written_at=p.written_at
        )
        for p in previous.parts.order_by("id")
    )
    for e in previous.evidence.exclude(pk__in=list(skip_evidence)).order_by("id"):
        e.pk, e.handling = None, draft
        e.save(force_insert=True)
    return draft


def _draft(complaint: Complaint, skip_evidence=()) -> Handling:
    """The version the unit writes: the open draft, the next version of a returned one,
    or a first blank report."""
    current = current_handling(complaint)
    if current is not None and current.status == HandlingStatus.DRAFT:
        return current
    if current is not None and current.status == HandlingStatus.RETURNED:
        return _next_version(current, skip_evidence)
    return Handling.objects.create(complaint=complaint, unit=complaint.lead_unit)


def _report_values(handling: Handling) -> dict:
    return snapshot(handling, list(HANDLING_FIELDS))


def save_handling(
    complaint: Complaint,
    *,
    actor,
    expected_version: int | None = None,
    files=(),
    remove_evidence=(),
    **values,
) -> Handling:
    """The lead unit writes its report: text, figures and files in one step. A returned
    report is amended, not retyped: the first change starts the next version as a copy.
    `files` are (name, content) pairs; `remove_evidence` are ids of files to drop."""
    values = _validate_handling(values)
    checked = _check_files(files)
    remove = {int(pk) for pk in remove_evidence}
    with transaction.atomic():
        complaint = lock(complaint, expected_version)
        scoping.require(actor, "handle", complaint)
        expect(complaint, ComplaintStatus.DISPATCHED, ComplaintStatus.RETURNED)
        current = current_handling(complaint)
        handling = _draft(complaint, skip_evidence=remove)
        # a new version starts as a copy of the returned one, so this diff is what changed
        before = _report_values(handling)
        for key, value in values.items():
            setattr(handling, key, value)
        handling.save()
        b, a = diff(before, _report_values(handling))
        removed = list(handling.evidence.filter(pk__in=remove).values_list("name", flat=True))
        handling.evidence.filter(pk__in=remove).delete()  # the stored file stays: other versions share it
        added = [_attach(handling, actor, c, content).name for c, content in checked]
        if handling.pk != getattr(current, "pk", None) and current is not None:
            b["number"], a["number"] = current.number, handling.number
            removed += [e.name for e in current.evidence.filter(pk__in=remove)]
        if added:
            a["evidence_added"] = added
        if removed:
            a["evidence_removed"] = removed
        bump(complaint, [])
        record(actor=actor, action="complaints.handling.save", obj=complaint, before=b or None, after=a)
    return handling


def add_handling_part(complaint: Complaint, *, actor, text: str, files=()) -> HandlingPart:
    """A supporting unit adds its part to the current report, with its files (one form)."""
    text = (text or "").strip()
    if not text:
        raise DomainError(_("请填写配合办理情况。"), field="text")
    checked = _check_files(files)
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
        handling = _draft(complaint)
        part = HandlingPart.objects.create(
            handling=handling, unit_id=unit_id, text=text, written_by=actor, written_at=timezone.now()
        )
        after = {"unit": str(part.unit), "text": part.text}  # the saved text: identity in it masked
        added = [_attach(handling, actor, c, content).name for c, content in checked]
        if added:
            after["evidence_added"] = added
        record(actor=actor, action="complaints.handling.part", obj=complaint, after=after)
    return part


def add_evidence(complaint: Complaint, *, actor, name: str, content: bytes) -> Evidence:
    """An evidence file for the current report: type by extension and magic bytes, size capped."""
    [(checked, content)] = _check_files([(name, content)])
    with transaction.atomic():
        complaint = lock(complaint, None)
        if not (scoping.can(actor, "handle", complaint) or scoping.can(actor, "support", complaint)):
            raise NotPermitted()
        expect(complaint, ComplaintStatus.DISPATCHED, ComplaintStatus.RETURNED)
        evidence = _attach(_draft(complaint), actor, checked, content)
        record(
            actor=actor,
            action="complaints.handling.evidence",
            obj=complaint,
            after={"file": evidence.name, "sha256": evidence.sha256, "size": len(content)},
        )
    return evidence


def changes_since_previous(handling: Handling) -> tuple[dict, dict]:
    """What a version changed against the one it amends: report fields and file names."""
    previous = handling.previous
    if previous is None:
        return {}, {}
    before, after = diff(_report_values(previous), _report_values(handling))
    old = set(previous.evidence.values_list("name", flat=True))
    new = set(handling.evidence.values_list("name", flat=True))
    if old != new:
        before["evidence"], after["evidence"] = sorted(old), sorted(new)
    return before, after


def submit_handling(complaint: Complaint, *, actor, expected_version: int | None = None) -> Handling:
    with transaction.atomic():
        complaint = lock(complaint, expected_version)
        scoping.require(actor, "handle", complaint)
        expect(complaint, ComplaintStatus.DISPATCHED, ComplaintStatus.RETURNED)
        handling = current_handling(complaint)
        if handling is None or handling.status != HandlingStatus.DRAFT:
            raise DomainError(_("请先填写办理情况。"), field="findings")
        missing = [label for _field, label in missing_for_submit(handling)]
        if missing:
            raise DomainError(_("报送前请填写：%(fields)s。") % {"fields": "、".join(missing)}, field="findings")
        handling.status, handling.submitted_at, handling.submitted_by = HandlingStatus.SUBMITTED, timezone.now(), actor
        handling.save(update_fields=["status", "submitted_at", "submitted_by"])
        complaint.status = ComplaintStatus.SUBMITTED
        bump(complaint, ["status"])
        # only what this version changed: the earlier saves hold the rest
        before, after = changes_since_previous(handling)
        after |= {"status": HandlingStatus.SUBMITTED.value, "number": handling.number}
        record(actor=actor, action="complaints.handling.submit", obj=complaint, before=before or None, after=after)
    return handling
