"""The deadline and criterion tables the office edits, and the opinions (outcome, Word)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha.enforcement.forms import CriterionForm, DeadlineForm, OutcomeForm
from ducha.enforcement.models import ProcuratorateOpinion, StatutoryDeadline, ThresholdCriterion
from ducha.enforcement.services import procuratorate, tables
from ducha.enforcement.views.cases import download
from ducha.org import scoping
from ducha.web import apply_service, scoped


@scoped(StatutoryDeadline, "view")
def deadline_list(request):
    context = {
        "deadlines": scoping.visible_to(request.user, StatutoryDeadline),
        "can_change": scoping.can(request.user, "change", StatutoryDeadline),
    }
    return render(request, "enforcement/deadline_list.html", context)


@scoped(StatutoryDeadline, "change")
def deadline_edit(request, deadline):
    initial = {k: getattr(deadline, k) for k in tables.DEADLINE_FIELDS}
    form = DeadlineForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if apply_service(form, lambda: tables.update_deadline(deadline, actor=request.user, **form.cleaned_data)):
            messages.success(request, _("法定时限已保存，此后起算的时限按新规定计算。"))
            return redirect("enforcement:deadline_list")
    title = _("修改法定时限：%(step)s") % {"step": deadline.get_step_display()}
    return render(
        request, "enforcement/table_form.html", {"form": form, "title": title}, status=400 if form.is_bound else 200
    )


@scoped(ThresholdCriterion, "view")
def criterion_list(request):
    context = {
        "criteria": scoping.visible_to(request.user, ThresholdCriterion),
        "can_change": scoping.can(request.user, "change", ThresholdCriterion),
    }
    return render(request, "enforcement/criterion_list.html", context)


def _criterion_form(request, criterion, title):
    form = CriterionForm(request.POST or None, instance=criterion)
    if request.method == "POST" and form.is_valid():
        if apply_service(form, lambda: tables.save_criterion(form.save(commit=False), actor=request.user)):
            messages.success(request, _("入罪标准已保存。"))
            return redirect("enforcement:criterion_list")
    return render(
        request, "enforcement/table_form.html", {"form": form, "title": title}, status=400 if form.is_bound else 200
    )


@scoped(ThresholdCriterion, "create")
def criterion_create(request):
    return _criterion_form(request, ThresholdCriterion(), _("新增入罪标准"))


@scoped(ThresholdCriterion, "change")
def criterion_edit(request, criterion):
    return _criterion_form(request, criterion, _("修改入罪标准"))


@scoped(ProcuratorateOpinion, "view")
def opinion_download(request, opinion):
    return download(opinion.document, f"{opinion.number}.docx")


@require_POST
@scoped(ProcuratorateOpinion, "change")
def opinion_outcome(request, opinion):
    form = OutcomeForm(request.POST)
    if form.is_valid() and apply_service(
        form,
        lambda: procuratorate.record_opinion_outcome(
            opinion, actor=request.user, outcome=form.cleaned_data["outcome"], note=form.cleaned_data["note"]
        ),
    ):
        messages.success(request, _("已登记落实情况。"))
    else:
        messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("enforcement:case_detail", pk=opinion.case_id)
