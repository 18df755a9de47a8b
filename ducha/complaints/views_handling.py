"""Handling pages (issue 4): the office's work queue, a handler unit's queue, the
panels of the complaint page (dispatch, requests, report, evidence, review, repeats,
rechecks), disclosure preview and its public pages, look-back and on-time figures.

Views never change state themselves: they call the services in handling / repeats /
disclosure / lookback and put a refusal on the form (HTTP 400). Forms that change a
complaint post the `version` they showed, so a second person gets the Conflict message
and their typed text back on the page.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ducha.complaints import disclosure, handling, lookback, repeats
from ducha.complaints.figures import on_time_figures, totals
from ducha.complaints.forms_handling import (
    BulkDispatchForm,
    DecideForm,
    DispatchForm,
    EvidenceForm,
    HandlingForm,
    PartForm,
    RecheckForm,
    RecheckSampleForm,
    RequestForm,
    ReviewForm,
    SubmitForm,
)
from ducha.complaints.models import (
    Assignment,
    AssignmentRequest,
    AssignmentRole,
    Batch,
    Complaint,
    ComplaintStatus,
    Disclosure,
    DisclosureStatus,
    Evidence,
    HandlingStatus,
    Recheck,
    RecheckResult,
    RepeatSuggestion,
    RequestKind,
    RequestStatus,
    SuggestionStatus,
)
from ducha.core.pii import redact_text
from ducha.inspections.models import Inspection
from ducha.org import scoping
from ducha.org.models import Role, Unit, UnitKind
from ducha.web import apply_service, public, scoped

PAGE_SIZE = 50
DUE_SOON_DAYS = 3
CLOSED = (ComplaintStatus.CLOSED, ComplaintStatus.CLOSED_PENDING)
OPEN = (ComplaintStatus.DISPATCHED, ComplaintStatus.RETURNED, ComplaintStatus.SUBMITTED)
IN_HAND = (ComplaintStatus.DISPATCHED, ComplaintStatus.RETURNED)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- keyset pages ---------------------------------------------------------------------


@dataclass
class Page:
    rows: list
    next_cursor: str


def keyset_page(qs, *, by_due: bool, after: str, size: int | None = None) -> Page:
    """Rows ordered by (due_on, id) or by id, after the cursor; never an OFFSET."""
    size = size or PAGE_SIZE
    if by_due:
        qs = qs.order_by("due_on", "id")
        if after:
            try:
                day, pk = after.split("_")
                day, pk = dt.date.fromisoformat(day), int(pk)
            except ValueError:
                pass
            else:
                qs = qs.filter(Q(due_on__gt=day) | Q(due_on=day, id__gt=pk))
    else:
        qs = qs.order_by("id")
        if after.isdigit():
            qs = qs.filter(id__gt=int(after))
    rows = list(qs[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    cursor = ""
    if more:
        last = rows[-1]
        cursor = f"{last.due_on.isoformat()}_{last.pk}" if by_due else str(last.pk)
    return Page(rows, cursor)


def _days_left(complaint: Complaint, today: dt.date) -> int | None:
    return (complaint.due_on - today).days if complaint.due_on else None


# --- the office's work queue ------------------------------------------------------------

OFFICE_TABS = [
    ("received", gettext_lazy("待转办")),
    ("submitted", gettext_lazy("待审核")),
    ("due_soon", gettext_lazy("即将逾期")),
    ("overdue", gettext_lazy("已逾期")),
    ("requests", gettext_lazy("待审批申请")),
    ("repeats", gettext_lazy("重复件待确认")),
]


def office_counts(user, today: dt.date) -> dict[str, int]:
    """Every tab's count: one aggregate over the visible complaints, one count each for
    pending requests and open repeat suggestions."""
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    counts = scoping.visible_to(user, Complaint).aggregate(
        received=Count("pk", filter=Q(status=ComplaintStatus.RECEIVED)),
        submitted=Count("pk", filter=Q(status=ComplaintStatus.SUBMITTED)),
        due_soon=Count("pk", filter=Q(status__in=OPEN, due_on__gte=today, due_on__lte=soon)),
        overdue=Count("pk", filter=Q(status__in=OPEN, due_on__lt=today)),
    )
    # driven from the visible complaints through the join: the few pending rows are
    # found by their complaint, instead of an IN over every visible complaint's id
    counts["requests"] = _pending_requests(user).count()
    counts["repeats"] = _open_suggestions(user).count()
    return counts


def _pending_requests(user, after: int = 0):
    return _children(user, "assignments__requests", RequestStatus.PENDING, after)


def _open_suggestions(user, after: int = 0):
    return _children(user, "repeat_suggestions", SuggestionStatus.OPEN, after)


def _children(user, relation: str, status: str, after: int):
    # one filter() call, so status, cursor, order and ids all use the same join
    return scoping.visible_to(user, Complaint).filter(**{f"{relation}__status": status, f"{relation}__id__gt": after})


def _child_page(visible, key: str, model, related: tuple) -> Page:
    """A keyset page of child rows (requests, suggestions) found through the visible
    complaints: their ids first, then the rows themselves."""
    ids = list(visible.order_by(key).values_list(key, flat=True)[: PAGE_SIZE + 1])
    more = len(ids) > PAGE_SIZE
    ids = ids[:PAGE_SIZE]
    rows = list(model.objects.filter(pk__in=ids).select_related(*related).order_by("id"))
    return Page(rows, str(ids[-1]) if more else "")


def _office_rows(user, tab: str, today: dt.date, after: str) -> Page:
    if tab == "requests":
        related = ("assignment__complaint", "assignment__unit", "requested_by")
        cursor = int(after) if after.isdigit() else 0
        return _child_page(_pending_requests(user, cursor), "assignments__requests__id", AssignmentRequest, related)
    if tab == "repeats":
        related = ("complaint", "candidate", "candidate__inspection")
        cursor = int(after) if after.isdigit() else 0
        return _child_page(_open_suggestions(user, cursor), "repeat_suggestions__id", RepeatSuggestion, related)
    complaints = scoping.visible_to(user, Complaint).select_related("region", "batch", "lead_unit")
    if tab == "received":
        return keyset_page(complaints.filter(status=ComplaintStatus.RECEIVED), by_due=False, after=after)
    if tab == "submitted":
        qs = complaints.filter(status=ComplaintStatus.SUBMITTED, due_on__isnull=False)
    elif tab == "due_soon":
        soon = today + dt.timedelta(days=DUE_SOON_DAYS)
        qs = complaints.filter(status__in=OPEN, due_on__gte=today, due_on__lte=soon)
    else:
        qs = complaints.filter(status__in=OPEN, due_on__lt=today)
    return keyset_page(qs, by_due=True, after=after)


@scoped(Complaint, "dispatch")
def office_queue(request, bulk_form=None):
    tab = request.GET.get("tab", "received")
    if tab not in dict(OFFICE_TABS):
        tab = "received"
    today = timezone.localdate()
    counts = office_counts(request.user, today)
    page = _office_rows(request.user, tab, today, request.GET.get("after", ""))
    if tab not in ("requests", "repeats"):
        page.rows = [(c, _days_left(c, today)) for c in page.rows]
    selected = set(request.POST.getlist("complaints")) if bulk_form is not None else set()
    context = {
        "tab": tab,
        "tabs": [(key, label, counts[key]) for key, label in OFFICE_TABS],
        "page": page,
        "bulk_form": bulk_form or BulkDispatchForm(user=request.user),
        "selected": selected,
        "region_rule": region_rule() if tab == "received" else {},
        "today": today,
    }
    return render(request, "complaints/handling/queue.html", context, status=400 if bulk_form else 200)


def region_rule() -> dict[str, Unit]:
    """The usual rule: a county's (or park's) complaints go to its people's government
    or park committee."""
    units = Unit.objects.filter(is_active=True, kind__in=(UnitKind.GOVERNMENT, UnitKind.PARK)).select_related("region")
    rule = {}
    for unit in units.order_by("region__code", "id"):
        if unit.region.level == "county":
            rule.setdefault(unit.region.code, unit)
    return rule


@scoped(Complaint, "dispatch")
@require_POST
def bulk_dispatch(request):
    form = BulkDispatchForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        chosen = list(data["complaints"].order_by("id"))
        kw = {"due_days": data["due_days"], "due_kind": data["due_kind"] or None}

        def call():
            if data["mode"] == BulkDispatchForm.MODE_REGION:
                return handling.dispatch_by_region(chosen, actor=request.user, unit_for_region=region_rule(), **kw)
            with transaction.atomic():  # all or none
                return [
                    handling.dispatch_complaint(
                        c, actor=request.user, lead_unit=data["lead_unit"], support_units=data["support_units"], **kw
                    )
                    for c in chosen
                ]

        done = apply_service(form, call)
        if done is not None:
            messages.success(request, _("已转办 %(n)s 件信访件。") % {"n": len(done)})
            return redirect(reverse("complaints:queue") + "?tab=received")
    return office_queue.__wrapped__(request, bulk_form=form)


# --- a handler unit's queue ------------------------------------------------------------

HANDLER_TABS = [
    ("todo", gettext_lazy("待办理")),
    ("support", gettext_lazy("配合办理")),
    ("submitted", gettext_lazy("已报送")),
    ("closed", gettext_lazy("已办结")),
]


def _handler_units(user) -> set[int]:
    return scoping.principal(user).units(Role.HANDLER)


def _support_q(units) -> Q:
    return Q(
        pk__in=Assignment.objects.filter(is_active=True, role=AssignmentRole.SUPPORT, unit_id__in=units).values(
            "complaint_id"
        )
    )


def handler_counts(user) -> dict[str, int]:
    units = _handler_units(user)
    mine = Q(lead_unit_id__in=units)
    return scoping.visible_to(user, Complaint).aggregate(
        todo=Count("pk", filter=mine & Q(status__in=IN_HAND)),
        support=Count("pk", filter=_support_q(units) & ~Q(status__in=CLOSED)),
        submitted=Count("pk", filter=mine & Q(status=ComplaintStatus.SUBMITTED)),
        closed=Count("pk", filter=mine & Q(status__in=CLOSED)),
    )


@scoped(Complaint, "handle")
def handler_queue(request):
    tab = request.GET.get("tab", "todo")
    if tab not in dict(HANDLER_TABS):
        tab = "todo"
    today = timezone.localdate()
    units = _handler_units(request.user)
    qs = scoping.visible_to(request.user, Complaint).select_related("region", "lead_unit").filter(due_on__isnull=False)
    if tab == "todo":
        qs = qs.filter(lead_unit_id__in=units, status__in=IN_HAND)
    elif tab == "support":
        qs = qs.filter(_support_q(units)).exclude(status__in=CLOSED)
    elif tab == "submitted":
        qs = qs.filter(lead_unit_id__in=units, status=ComplaintStatus.SUBMITTED)
    else:
        qs = qs.filter(lead_unit_id__in=units, status__in=CLOSED)
    page = keyset_page(qs, by_due=True, after=request.GET.get("after", ""))
    page.rows = [(c, _days_left(c, today)) for c in page.rows]
    counts = handler_counts(request.user)
    context = {
        "tab": tab,
        "tabs": [(key, label, counts[key]) for key, label in HANDLER_TABS],
        "page": page,
        "show_overdue": tab != "closed",
    }
    return render(request, "complaints/handling/mine.html", context)


# --- the complaint page's panels ---------------------------------------------------------

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
    is_open = status in IN_HAND
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
    version = {"version": complaint.version}
    context = {
        "can": can,
        "assignments": assignments,
        "assignment_requests": requests_,
        "handlings": handlings,
        "draft": draft,
        "today": timezone.localdate(),
        "days_left": _days_left(complaint, timezone.localdate()),
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
        context["dispatch_form"] = DispatchForm(initial=version)
    if can["request"] and is_open:
        context["request_form"] = RequestForm()
    if can["handle"] and is_open:
        source = draft or current
        initial = dict(version)
        if source is not None:
            initial |= {name: getattr(source, name) for name in handling.HANDLING_FIELDS}
        context["handling_form"] = HandlingForm(initial=initial)
        context["submit_form"] = SubmitForm(initial=version)
    if can["support"] and is_open:
        context["part_form"] = PartForm()
    if (can["handle"] or can["support"]) and is_open:
        context["evidence_form"] = EvidenceForm()
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


def _refused(request, complaint: Complaint, name: str, form, **extra):
    """The complaint page again, with the refused form bound (typed text kept), 400.
    After a conflict the form carries the version now shown, so a deliberate second
    try applies to what the person sees."""
    from ducha.complaints.views import _detail_context

    if "version" in form.fields:
        form.data = form.data.copy()
        form.data["version"] = Complaint.objects.values_list("version", flat=True).get(pk=complaint.pk)
    context = _detail_context(request, complaint, forms={name: form, **extra})
    return render(request, "complaints/complaint_detail.html", context, status=400)


def _done(request, complaint: Complaint, message: str):
    messages.success(request, message)
    return redirect("complaints:complaint_detail", pk=complaint.pk)


@scoped(Complaint, "dispatch")
@require_POST
def dispatch(request, complaint):
    form = DispatchForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        ok = apply_service(
            form,
            lambda: handling.dispatch_complaint(
                complaint,
                actor=request.user,
                lead_unit=d["lead_unit"],
                support_units=d["support_units"],
                due_days=d["due_days"],
                due_kind=d["due_kind"] or None,
                expected_version=d["version"],
            ),
        )
        if ok:
            return _done(request, complaint, _("已转办，办理时限 %(due)s。") % {"due": ok.due_on.isoformat()})
    return _refused(request, complaint, "dispatch", form)


def _my_assignment(user, complaint: Complaint) -> Assignment:
    assignment = (
        Assignment.objects.filter(complaint=complaint, is_active=True, unit_id__in=_handler_units(user))
        .order_by("role", "id")
        .first()
    )
    if assignment is None:
        raise PermissionDenied
    return assignment


@scoped(Complaint, "request")
@require_POST
def make_request(request, complaint):
    form = RequestForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        assignment = _my_assignment(request.user, complaint)
        if d["kind"] == RequestKind.EXTENSION:
            call = lambda: handling.request_extension(  # noqa: E731
                assignment, actor=request.user, extra_days=d["extra_days"], reason=d["reason"]
            )
        else:
            call = lambda: handling.request_reroute(assignment, actor=request.user, reason=d["reason"])  # noqa: E731
        if apply_service(form, call):
            return _done(request, complaint, _("申请已提交，等待环委办审批。"))
    return _refused(request, complaint, "request", form)


@scoped(Complaint, "dispatch")
@require_POST
def decide(request, complaint, request_id: int):
    req = get_object_or_404(AssignmentRequest, pk=request_id, assignment__complaint=complaint)
    form = DecideForm(request.POST)
    approve = request.POST.get("decision") == "approve"
    if form.is_valid() and apply_service(
        form, lambda: handling.decide_request(req, actor=request.user, approve=approve, note=form.cleaned_data["note"])
    ):
        return _done(request, complaint, _("已同意申请。") if approve else _("已驳回申请。"))
    return _refused(request, complaint, "decide", form, decide_id=req.pk)


@scoped(Complaint, "handle")
@require_POST
def save_report(request, complaint):
    form = HandlingForm(request.POST)
    if form.is_valid():
        values = form.values()
        ok = apply_service(
            form,
            lambda: handling.save_handling(
                complaint, actor=request.user, expected_version=form.cleaned_data["version"], **values
            ),
        )
        if ok:
            return _done(request, complaint, _("办理情况已保存。"))
    return _refused(request, complaint, "handling", form)


@scoped(Complaint, "support")
@require_POST
def add_part(request, complaint):
    form = PartForm(request.POST)
    if form.is_valid() and apply_service(
        form, lambda: handling.add_handling_part(complaint, actor=request.user, text=form.cleaned_data["text"])
    ):
        return _done(request, complaint, _("配合办理情况已保存。"))
    return _refused(request, complaint, "part", form)


@scoped(Complaint, "request")  # the lead or a supporting unit; the service tells them apart
@require_POST
def upload_evidence(request, complaint):
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        if apply_service(
            form, lambda: handling.add_evidence(complaint, actor=request.user, name=upload.name, content=content)
        ):
            return _done(request, complaint, _("已上传证明材料“%(name)s”。") % {"name": upload.name})
    return _refused(request, complaint, "evidence", form)


@scoped(Complaint, "handle")
@require_POST
def submit(request, complaint):
    form = SubmitForm(request.POST)
    if form.is_valid() and apply_service(
        form,
        lambda: handling.submit_handling(complaint, actor=request.user, expected_version=form.cleaned_data["version"]),
    ):
        return _done(request, complaint, _("办理情况已报送环委办审核。"))
    return _refused(request, complaint, "submit", form)


@scoped(Complaint, "review")
@require_POST
def review(request, complaint):
    form = ReviewForm(request.POST)
    accept = request.POST.get("decision") == "accept"
    if form.is_valid():
        d = form.cleaned_data
        if accept:
            call = lambda: handling.accept_handling(  # noqa: E731
                complaint, actor=request.user, expected_version=d["version"], note=d["note"]
            )
        else:
            call = lambda: handling.return_handling(  # noqa: E731
                complaint, actor=request.user, expected_version=d["version"], reason=d["note"]
            )
        if apply_service(form, call):
            return _done(request, complaint, _("审核通过，已办结。") if accept else _("已退回承办单位。"))
    return _refused(request, complaint, "review", form)


@scoped(Complaint, "confirm_repeat")
@require_POST
def decide_repeat(request, complaint, suggestion_id: int):
    suggestion = get_object_or_404(RepeatSuggestion, pk=suggestion_id, complaint=complaint)
    confirm = request.POST.get("decision") == "confirm"
    form = DecideForm(request.POST)
    form.is_valid()
    call = repeats.confirm_repeat if confirm else repeats.reject_repeat
    if apply_service(form, lambda: call(suggestion, actor=request.user)):
        return _done(request, complaint, _("已确认为重复件。") if confirm else _("已否定重复件提示。"))
    errors = [str(e) for e in form.non_field_errors()]
    return _refused(request, complaint, "repeat", form, repeat_error=" ".join(errors))


@scoped(Complaint, "recheck")
@require_POST
def record_recheck(request, complaint):
    recheck = complaint.rechecks.filter(result=RecheckResult.PENDING).order_by("-sampled_at").first()
    if recheck is None:
        raise Http404
    form = RecheckForm(request.POST)
    if form.is_valid() and apply_service(
        form,
        lambda: lookback.record_recheck(
            recheck, actor=request.user, result=form.cleaned_data["result"], note=form.cleaned_data["note"]
        ),
    ):
        return _done(request, complaint, _("复核结果已记录。"))
    return _refused(request, complaint, "recheck", form)


@scoped(Complaint, "view")
def evidence(request, complaint):
    """The complaint's evidence files; `?file=<id>` downloads one."""
    files = Evidence.objects.filter(handling__complaint=complaint).select_related("uploaded_by").order_by("id")
    if "file" in request.GET:
        item = get_object_or_404(files, pk=request.GET["file"] if request.GET["file"].isdigit() else 0)
        response = FileResponse(item.file.open("rb"), content_type=item.content_type)
        response["Content-Disposition"] = content_disposition_header(True, item.name)
        return response
    return render(request, "complaints/handling/evidence.html", {"complaint": complaint, "files": files})


# --- disclosure --------------------------------------------------------------------------


def _disclosure_table(batch: Batch) -> list[dict]:
    """The one-glance table as HTML rows, redacted as the xlsx is."""
    return [
        {
            "n": n,
            "ref": row.ref,
            "text": redact_text(row.text),
            "region": row.region,
            "pollution": row.pollution,
            "findings": redact_text(row.findings),
            "veracity": row.veracity,
            "measures": redact_text(row.measures),
            "accountability": redact_text(row.accountability),
        }
        for n, row in enumerate(disclosure.disclosure_rows(batch), start=1)
    ]


def _require_disclose(user, batch: Batch) -> None:
    sample = Complaint.objects.filter(batch=batch).first()
    if sample is None or not scoping.can(user, "disclose", sample):
        raise PermissionDenied


def _xlsx_response(batch: Batch) -> HttpResponse:
    buffer = io.BytesIO()
    disclosure.write_batch_disclosure(batch, buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, disclosure.title_for(batch) + ".xlsx")
    return response


@scoped(Batch, "view")
def disclosure_preview(request, batch):
    """The office previews a batch's table; POST approves it for the public page."""
    _require_disclose(request.user, batch)
    form = DecideForm(request.POST if request.method == "POST" else None)
    if form.is_bound:
        form.is_valid()
        if apply_service(form, lambda: disclosure.approve_disclosure(batch, actor=request.user)):
            messages.success(request, _("已批准公开，公众可在公开页面查看。"))
            return redirect("complaints:disclosure_preview", pk=batch.pk)
    batch = Batch.objects.select_related("inspection").get(pk=batch.pk)
    context = {
        "batch": batch,
        "title": disclosure.title_for(batch),
        "rows": _disclosure_table(batch),
        "open_count": Complaint.objects.filter(batch=batch).exclude(status__in=CLOSED).count(),
        "published": Disclosure.objects.filter(batch=batch, status=DisclosureStatus.APPROVED).first(),
        "form": form,
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "complaints/handling/disclosure_preview.html", context, status=status)


@scoped(Batch, "view")
def disclosure_xlsx(request, batch):
    _require_disclose(request.user, batch)
    return _xlsx_response(batch)


def _published_batches():
    return (
        Batch.objects.filter(disclosure__status=DisclosureStatus.APPROVED)
        .select_related("inspection", "disclosure")
        .annotate(complaint_count=Count("complaints"))
        .order_by("-disclosure__approved_at", "-id")
    )


@public
def public_disclosures(request):
    """No login: the approved batches only. Nothing here reads complainant fields."""
    batches = [(b, disclosure.title_for(b)) for b in _published_batches()]
    return render(request, "complaints/handling/public_list.html", {"batches": batches})


def _published(pk) -> Batch:
    batch = _published_batches().filter(pk=pk).first()
    if batch is None:
        raise Http404
    return batch


@public
def public_disclosure(request, pk):
    batch = _published(pk)
    context = {"batch": batch, "title": disclosure.title_for(batch), "rows": _disclosure_table(batch)}
    return render(request, "complaints/handling/public_detail.html", context)


@public
def public_disclosure_xlsx(request, pk):
    return _xlsx_response(_published(pk))


# --- look-back -----------------------------------------------------------------------


@scoped(Complaint, "recheck")
def lookback_page(request):
    form = RecheckSampleForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        drawn = apply_service(
            form, lambda: lookback.sample_for_recheck(actor=request.user, inspection=d["inspection"], count=d["count"])
        )
        if drawn is not None:
            messages.success(request, _("已抽取 %(n)s 件已办结信访件待复核。") % {"n": len(drawn)})
            return redirect("complaints:lookback")
    rechecks = (
        scoping.visible_to(request.user, Recheck)
        .select_related("complaint", "complaint__region", "checked_by")
        .order_by("-id")
    )
    result = request.GET.get("result", "")
    if result in RecheckResult.values:
        rechecks = rechecks.filter(result=result)
    after = request.GET.get("after", "")
    if after.isdigit():
        rechecks = rechecks.filter(id__lt=int(after))
    rows = list(rechecks[: PAGE_SIZE + 1])
    context = {
        "form": form,
        "rows": rows[:PAGE_SIZE],
        "next_after": rows[PAGE_SIZE - 1].pk if len(rows) > PAGE_SIZE else "",
        "results": RecheckResult.choices,
        "result": result,
    }
    return render(request, "complaints/handling/lookback.html", context, status=400 if form.errors else 200)


# --- on-time figures -----------------------------------------------------------------

FIGURE_GROUPS = [
    ("inspection", gettext_lazy("按督察")),
    ("batch", gettext_lazy("按交办批次")),
    ("region", gettext_lazy("按行政区域")),
    ("unit", gettext_lazy("按承办单位")),
]


@scoped(Complaint, "view")
def figures(request):
    by = request.GET.get("by", "inspection")
    if by not in dict(FIGURE_GROUPS):
        by = "inspection"
    inspections = list(scoping.visible_to(request.user, Inspection))
    chosen = next((i for i in inspections if str(i.pk) == request.GET.get("inspection", "")), None)
    qs = scoping.visible_to(request.user, Complaint)
    if chosen is not None:
        qs = qs.filter(inspection=chosen)
    rows = on_time_figures(qs, by=by)
    names = {i.pk: str(i) for i in inspections}
    for row in rows:
        if by == "inspection":
            row["label"] = names.get(row["inspection_id"], row["inspection_id"])
        elif by == "batch":
            row["label"] = _("第%(n)s批") % {"n": row["batch__number"]}
        elif by == "region":
            row["label"] = row["region__name"]
        else:
            row["label"] = row["lead_unit__name"] or _("未转办")
    context = {
        "by": by,
        "groups": FIGURE_GROUPS,
        "rows": rows,
        "total": totals(qs),
        "inspections": inspections,
        "chosen": chosen,
    }
    return render(request, "complaints/handling/figures.html", context)


# --- home panels ---------------------------------------------------------------------


def home_panels(user, role: str) -> dict[str, list[tuple[str, int, str]]]:
    """Counts for the home page, by panel title: (label, count, link)."""
    if role == Role.OFFICE and scoping.can(user, "dispatch", Complaint):
        counts = office_counts(user, timezone.localdate())
        queue = reverse("complaints:queue")
        link = {key: (str(label), counts[key], f"{queue}?tab={key}") for key, label in OFFICE_TABS}
        return {
            str(gettext_lazy("待转办信访件")): [link["received"], link["repeats"]],
            str(gettext_lazy("待审核办理结果")): [link["submitted"], link["requests"]],
            str(gettext_lazy("即将逾期")): [link["due_soon"], link["overdue"]],
        }
    if role == Role.HANDLER and scoping.can(user, "handle", Complaint):
        counts = handler_counts(user)
        mine = reverse("complaints:mine")
        return {
            str(gettext_lazy("本单位待办信访件")): [
                (str(label), counts[key], f"{mine}?tab={key}") for key, label in HANDLER_TABS
            ]
        }
    return {}
