"""Site visits (专项督查 / 暗访): planning, findings, and turning a finding into a task or complaint."""

from django.apps import apps
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha.org import scoping
from ducha.supervision.forms import (
    VisitFindingForm,
    VisitForm,
    VisitToComplaintForm,
    VisitToTaskForm,
)
from ducha.supervision.models import (
    SiteVisit,
)
from ducha.supervision.services import visits
from ducha.web import apply_service, scoped


@scoped(SiteVisit, "view")
def visit_list(request):
    rows = scoping.visible_to(request.user, SiteVisit).order_by("-planned_on", "-pk")
    return render(
        request,
        "supervision/visit_list.html",
        {"visits": rows, "can_create": scoping.can(request.user, "create", SiteVisit)},
    )


@scoped(SiteVisit, "create")
def visit_create(request):
    form = VisitForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        inspection = d.pop("inspection")
        visit = apply_service(form, lambda: visits.plan_visit(inspection, actor=request.user, **d))
        if visit:
            return redirect("supervision:visit_detail", pk=visit.pk)
    status = 400 if form.is_bound else 200
    return render(request, "supervision/form.html", {"form": form, "title": _("登记专项督查（暗访）")}, status=status)


def _visit_context(request, visit, **forms):
    can_change = scoping.can(request.user, "change", visit)
    context = {
        "visit": visit,
        "findings": visit.findings.select_related("unit", "task__finding", "complaint"),
        "can_change": can_change,
        # enforcement sits above supervision: named by label, never imported
        "can_transfer": apps.is_installed("ducha.enforcement")
        and scoping.can(request.user, "create", apps.get_model("enforcement", "CaseTransfer")),
    }
    if can_change:
        context |= {
            "finding_form": forms.get("finding_form") or VisitFindingForm(user=request.user),
            "task_form": forms.get("task_form") or VisitToTaskForm(user=request.user, visit=visit),
            "complaint_form": forms.get("complaint_form") or VisitToComplaintForm(visit=visit),
        }
    return context


@scoped(SiteVisit, "view")
def visit_detail(request, visit):
    return render(request, "supervision/visit_detail.html", _visit_context(request, visit))


@scoped(SiteVisit, "change")
@require_POST  # after scoping: a stranger gets 404, not 405
def visit_finding_add(request, visit):
    form = VisitFindingForm(request.POST, request.FILES, user=request.user)
    if form.is_valid():
        d = form.cleaned_data
        photos = [(f.name, f.read()) for f in d["photos"]]
        if apply_service(
            form,
            lambda: visits.add_visit_finding(visit, actor=request.user, text=d["text"], unit=d["unit"], photos=photos),
        ):
            messages.success(request, _("已登记发现问题（照片%(n)s张）。") % {"n": len(photos)})
            return redirect("supervision:visit_detail", pk=visit.pk)
    context = _visit_context(request, visit, finding_form=form)
    return render(request, "supervision/visit_detail.html", context, status=400)


@scoped(SiteVisit, "change")
@require_POST  # after scoping: a stranger gets 404, not 405
def visit_to_task(request, visit):
    form = VisitToTaskForm(request.POST, user=request.user, visit=visit)
    if form.is_valid():
        d = form.cleaned_data
        task = apply_service(
            form,
            lambda: visits.convert_to_task(
                d["visit_finding"], actor=request.user, finding=d["finding"], due_date=d["due_date"]
            ),
        )
        if task:
            messages.success(request, _("已转为整改任务（%(t)s）。") % {"t": task})
            return redirect("supervision:visit_detail", pk=visit.pk)
    context = _visit_context(request, visit, task_form=form)
    return render(request, "supervision/visit_detail.html", context, status=400)


@scoped(SiteVisit, "change")
@require_POST  # after scoping: a stranger gets 404, not 405
def visit_to_complaint(request, visit):
    form = VisitToComplaintForm(request.POST, visit=visit)
    if form.is_valid():
        d = form.cleaned_data
        complaint = apply_service(
            form,
            lambda: visits.convert_to_complaint(
                d["visit_finding"], actor=request.user, pollution_codes=[p.code for p in d["pollution_types"]]
            ),
        )
        if complaint:
            messages.success(request, _("已转为信访件%(ref)s。") % {"ref": complaint.ref})
            return redirect("supervision:visit_detail", pk=visit.pk)
    context = _visit_context(request, visit, complaint_form=form)
    return render(request, "supervision/visit_detail.html", context, status=400)
