"""The list and each party's queue, the case page, a new case, its materials and the 移送书."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha import store
from ducha.audit.events import EVENT_TYPES
from ducha.complaints.models import Complaint
from ducha.enforcement import clocks, queries
from ducha.enforcement.choices import CaseState, SourceKind
from ducha.enforcement.forms import CaseForm, MaterialForm, StepForm
from ducha.enforcement.models import CaseTransfer, TransferMaterial
from ducha.enforcement.services import cases
from ducha.enforcement.views.steps import ACTIONS, open_steps
from ducha.inspections.models import Inspection
from ducha.org import scoping
from ducha.web import apply_service, scoped

LIST_LIMIT = 500


@scoped(CaseTransfer, "view")
def case_list(request):
    parties = queries.parties(request.user)
    chosen = request.GET.get("queue", "")
    qs = queries.queue(request.user, chosen) if chosen in parties else queries.list_cases(request.user)
    qs = queries.filter_cases(
        qs,
        state=request.GET.get("state", ""),
        overdue=request.GET.get("overdue") == "1",
        flagged=request.GET.get("flagged") == "1",
    )
    now = timezone.now()
    rows = [(c, clocks.is_overdue(c, now), clocks.is_soon(c, now)) for c in qs[:LIST_LIMIT]]
    context = {
        "rows": rows,
        "queues": [(p, queries.QUEUE_LABELS[p]) for p in parties],
        "chosen": chosen if chosen in parties else "",
        "overdue": request.GET.get("overdue") == "1",
        "flagged": request.GET.get("flagged") == "1",
        "states": CaseState.choices,
        "state": request.GET.get("state", ""),
        "can_create": scoping.can(request.user, "create", CaseTransfer),
        "reconciliation": queries.reconciliation(request.user),
    }
    return render(request, "enforcement/case_list.html", context)


def render_case(request, case, *, step_form=None, material_form=None, status=200):
    now = timezone.now()
    user = request.user
    actions = []
    for party, action in ACTIONS.items():
        if scoping.can(user, action, case):
            for step in open_steps(case, party):
                actions.append({"party": party, "step": step})
    context = {
        "case": case,
        "history": [(s, EVENT_TYPES.get(s.action, s.action)) for s in queries.steps(case)],
        "materials": case.materials.all(),
        "opinions": case.opinions.select_related("procuratorate"),
        "overdue": clocks.is_overdue(case, now),
        "soon": clocks.is_soon(case, now),
        "actions": actions,
        "step_form": step_form or StepForm(),
        "material_form": material_form or MaterialForm(),
        "can_add_material": scoping.can(user, "bureau", case)
        and case.state in (*CaseState.KEPT_STATES, CaseState.RECONSIDERATION),
        "can_opinion_outcome": scoping.can(user, "procuratorate", case),
    }
    return render(request, "enforcement/case_detail.html", context, status=status)


@scoped(CaseTransfer, "view")
def case_detail(request, case):
    return render_case(request, case)


def _current_inspection(user):
    """The round a case without a source belongs to: the latest the user sees."""
    return scoping.visible_to(user, Inspection).order_by("-start_date", "code").first()


def _source_complaint(user, ref: str):
    """The complaint a case comes from, by its acceptance number, if the user may see it."""
    ref = (ref or "").strip()
    if not ref:
        return None
    return scoping.visible_to(user, Complaint).filter(ref=ref).order_by("-pk").first()


@scoped(CaseTransfer, "create")
def case_create(request):
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        complaint = _source_complaint(request.user, data["complaint_ref"])
        if data["complaint_ref"] and complaint is None:
            form.add_error("complaint_ref", _("找不到该受理编号的信访件。"))
        else:
            source = SourceKind.NONE
            if complaint is not None:
                source = (
                    SourceKind.HANDLING if complaint.status in ("closed", "closed_pending") else SourceKind.COMPLAINT
                )
            case = apply_service(
                form,
                lambda: cases.open_case(
                    actor=request.user,
                    party_kind=data["party_kind"],
                    party_name=data["party_name"],
                    offence=data["offence"],
                    facts=data["facts"],
                    penalty_case_number=data["penalty_case_number"],
                    source=source,
                    complaint=complaint,
                    pollutant=data["pollutant"],
                    exceedance_multiple=data["exceedance_multiple"],
                    prior_penalties=data["prior_penalties"] or 0,
                    inspection=_current_inspection(request.user),
                ),
            )
            if case:
                if case.flagged:
                    messages.warning(request, _("该案件可能涉嫌犯罪，请研究是否移送。"))
                return redirect("enforcement:case_detail", pk=case.pk)
    status = 400 if form.is_bound else 200
    return render(request, "enforcement/case_form.html", {"form": form, "title": _("登记移送案件")}, status=status)


@require_POST
@scoped(CaseTransfer, "bureau")
def material_add(request, case):
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        kind = form.cleaned_data["kind"]
        if apply_service(
            form, lambda: cases.add_material(case, actor=request.user, kind=kind, name=upload.name, content=content)
        ):
            messages.success(request, _("已上传“%(name)s”。") % {"name": upload.name})
            return redirect("enforcement:case_detail", pk=case.pk)
    return render_case(request, case, material_form=form, status=400)


def download(relative: str, name: str):
    if not relative:
        raise Http404
    try:
        handle = store.open(relative)
    except FileNotFoundError:
        raise Http404
    return FileResponse(handle, as_attachment=True, filename=name)


@scoped(TransferMaterial, "view")
def material_download(request, material):
    return download(material.path, material.name)


@scoped(CaseTransfer, "view")
def letter_download(request, case):
    return download(case.document, f"{case.number or case.pk}.docx")
