"""The complaint page: its details, the complainant's identity (masked; the office's
reveal is audited), and the handling panels each role sees."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ducha.complaints import queries, routing
from ducha.complaints.forms import (
    DecideForm,
    DispatchForm,
    DueFields,
    HandlingForm,
    PartForm,
    RecheckForm,
    RequestForm,
    ReviewForm,
)
from ducha.complaints.models import (
    AssignmentRequest,
    Complaint,
    ComplaintStatus,
    Evidence,
    HandlingStatus,
    RecheckResult,
    RepeatSuggestion,
    RequestStatus,
    SuggestionStatus,
)
from ducha.complaints.services import dispatch as dispatching
from ducha.complaints.services import handling
from ducha.complaints.services.identity import reveal_complainant
from ducha.complaints.timeline import timeline
from ducha.errors import DomainError
from ducha.org import scoping
from ducha.web import scoped, send_file

# What the parser recognised each column as (the keys of ducha.core.parsing's schema).
FIELD_LABELS = {
    "ref": gettext_lazy("受理编号"),
    "text": gettext_lazy("交办问题基本情况"),
    "region": gettext_lazy("行政区域"),
    "region_city": gettext_lazy("市"),
    "region_county": gettext_lazy("县（市、区）"),
    "pollution_types": gettext_lazy("污染类型"),
    "channel": gettext_lazy("信访方式"),
    "accepted_at": gettext_lazy("受理时间"),
    "is_key": gettext_lazy("重点件"),
    "team_repeat": gettext_lazy("督察组标注重复件"),
    "complainant_name": gettext_lazy("举报人"),
    "complainant_phone": gettext_lazy("联系电话"),
    "complainant_id_number": gettext_lazy("身份证号"),
    "complainant_address": gettext_lazy("举报人地址"),
    "serial": gettext_lazy("序号（不导入）"),
}


IDENTITY_SHOWN = ("complainant_name", "complainant_phone", "complainant_id_number", "complainant_address")


def masked(complaint: Complaint) -> dict[str, str]:
    return {name: Complaint._meta.get_field(name).masked(getattr(complaint, name)) for name in IDENTITY_SHOWN}


def detail_context(request, complaint: Complaint, identity: dict | None = None, forms: dict | None = None) -> dict:
    complaint = (
        Complaint.objects.select_related("region", "batch", "inspection", "lead_unit")
        .prefetch_related("pollution_types")
        .get(pk=complaint.pk)
    )
    return {
        "complaint": complaint,
        "identity": identity or masked(complaint),
        "revealed": identity is not None,
        "can_reveal": scoping.can(request.user, "reveal_identity", complaint),
        "events": timeline(complaint),
        # the handling panels: assignments, report, review, repeats, rechecks
        **handling_context(request, complaint, forms),
    }


@scoped(Complaint, "view")
def complaint_detail(request, complaint):
    return render(request, "complaints/complaint_detail.html", detail_context(request, complaint))


@require_POST
@scoped(Complaint, "reveal_identity")
def complaint_reveal(request, complaint):
    identity = reveal_complainant(complaint, actor=request.user)
    context = detail_context(request, complaint, identity)
    template = "complaints/_identity.html" if request.htmx else "complaints/complaint_detail.html"
    response = render(request, template, context)
    response["Cache-Control"] = "no-store"
    return response


ACTIONS = ("dispatch", "review", "request", "handle", "support", "confirm_repeat", "recheck", "disclose")


def _wan(yuan: Decimal) -> Decimal:
    return (Decimal(yuan) / 10000).quantize(Decimal("0.01"))


def handling_context(request, complaint: Complaint, forms: dict | None = None) -> dict:
    """What the complaint page shows of the handling: panels and the forms this user may use.
    `forms` carries a bound form that was refused, so the page shows it with its errors."""
    forms = forms or {}
    user = request.user
    can = {action: scoping.can(user, action, complaint) for action in ACTIONS}
    status = complaint.status
    is_open = status in ComplaintStatus.IN_HAND_STATES
    assignments = list(complaint.assignments.select_related("unit", "assigned_by").order_by("-is_active", "role", "id"))
    requests_ = list(
        AssignmentRequest.objects.filter(assignment__complaint=complaint)
        .select_related("assignment__unit", "requested_by", "decided_by")
        .order_by("-requested_at", "-id")
    )
    for r in requests_:
        if can["dispatch"] and r.status == RequestStatus.PENDING:
            bound = forms.get("decide")
            r.decide_form = bound if bound is not None and forms.get("decide_id") == r.pk else DecideForm()
    handlings = list(
        complaint.handlings.select_related("unit", "submitted_by", "reviewed_by")
        .prefetch_related("parts__unit", "parts__written_by", "evidence")
        .order_by("-id")
    )
    for h in handlings:
        h.fines_wan = _wan(h.fines)
    current = handlings[0] if handlings else None
    draft = current if current is not None and current.status == HandlingStatus.DRAFT else None
    # what the unit amends: its draft, or the returned version the next save copies
    working = draft or (current if current is not None and current.status == HandlingStatus.RETURNED else None)
    returned = working if working is not None and working.status == HandlingStatus.RETURNED else None
    if draft is not None and draft.previous_id:
        returned = next((h for h in handlings if h.pk == draft.previous_id), None)
    version = {"version": complaint.version}
    context = {
        "can": can,
        "assignments": assignments,
        "assignment_requests": requests_,
        "handlings": handlings,
        "draft": draft,
        "working": working,
        "returned": returned,
        "today": timezone.localdate(),
        "days_left": queries.days_left(complaint, timezone.localdate()),
        "rechecks": list(complaint.rechecks.select_related("sampled_by", "checked_by")),
        "relapse": RepeatSuggestion.objects.filter(Q(complaint=complaint) | Q(candidate=complaint), relapse=True)
        .exclude(status=SuggestionStatus.REJECTED)
        .exists(),
        "repeat_of": complaint.repeat_of if complaint.repeat_of_id else None,
    }
    if can["confirm_repeat"]:
        context["suggestions"] = list(
            RepeatSuggestion.objects.filter(Q(complaint=complaint) | Q(candidate=complaint))
            .select_related("complaint", "candidate", "candidate__inspection", "decided_by")
            .order_by("-score", "id")
        )
        context["repeat_error"] = forms.get("repeat_error")
    if can["dispatch"] and status == ComplaintStatus.RECEIVED:
        lead = routing.lead_unit_for(complaint)  # the region rule, preselected
        context["dispatch_form"] = DispatchForm(initial=version | ({"lead_unit": lead.pk} if lead else {}))
        context["lead_by_rule"] = lead
        context["due_preview"] = due_preview(complaint, None, None)
    if can["request"] and is_open:
        context["request_form"] = RequestForm()
    if can["handle"] and is_open:
        initial = dict(version)
        if working is not None:
            initial |= {name: getattr(working, name) for name in handling.HANDLING_FIELDS}
        context["handling_form"] = HandlingForm(initial=initial)
    if can["support"] and is_open:
        context["part_form"] = PartForm()  # the part and its files, one form
    if can["review"] and status == ComplaintStatus.SUBMITTED:
        context["review_form"] = ReviewForm(initial=version)
    if can["recheck"] and any(r.result == RecheckResult.PENDING for r in context["rechecks"]):
        context["recheck_form"] = RecheckForm()
    # a refused form comes back even when the case has moved on meanwhile (a conflict):
    # the person sees the message and keeps what they typed
    for name in ("dispatch", "request", "handling", "submit", "part", "evidence", "review", "recheck"):
        if name in forms:
            context[f"{name}_form"] = forms[name]
    return context


def due_preview(complaint: Complaint, days: int | None, kind: str | None) -> dict:
    """The due date a dispatch today would set, with its explanation, or why none."""
    inspection = complaint.inspection
    try:
        due = dispatching.compute_due(
            timezone.localdate(), days=days or inspection.due_days, kind=kind or inspection.due_kind
        )
    except DomainError as exc:
        return {"error": exc.message}
    return {"date": due.date, "explanation": due.explanation}


@scoped(Complaint, "dispatch")
def dispatch_due(request, complaint):
    """The due-date preview beside the dispatch form (an htmx fragment)."""
    form = DueFields(request.GET)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    preview = due_preview(complaint, data.get("due_days"), data.get("due_kind") or None)
    return render(request, "complaints/handling/_due_preview.html", {"due_preview": preview})


def refused(request, complaint: Complaint, name: str, form, **extra):
    """The complaint page again, with the refused form bound (typed text kept), 400.
    After a conflict the form carries the version now shown, so a deliberate second
    try applies to what the person sees."""
    if "version" in form.fields:
        form.data = form.data.copy()
        form.data["version"] = Complaint.objects.values_list("version", flat=True).get(pk=complaint.pk)
    context = detail_context(request, complaint, forms={name: form, **extra})
    return render(request, "complaints/complaint_detail.html", context, status=400)


def done(request, complaint: Complaint, message: str):
    messages.success(request, message)
    return redirect("complaints:complaint_detail", pk=complaint.pk)


@scoped(Complaint, "view")
def evidence(request, complaint):
    """The complaint's evidence files; `?file=<id>` downloads one."""
    files = Evidence.objects.filter(handling__complaint=complaint).select_related("uploaded_by").order_by("id")
    if "file" in request.GET:
        item = get_object_or_404(files, pk=request.GET["file"] if request.GET["file"].isdigit() else 0)
        return send_file(request, item, item.file.name, name=item.name, content_type=item.content_type)
    return render(request, "complaints/handling/evidence.html", {"complaint": complaint, "files": files})
