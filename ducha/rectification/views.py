"""Rectification pages: the leaders' finding list, a finding with its tasks, reports,
evidence and timeline; import; progress; acceptance, notice, objections, sign-off."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha import exports as ducha_exports
from ducha import versions
from ducha.inspections.models import Inspection
from ducha.org import scoping
from ducha.rectification import exports, forms, queries
from ducha.rectification.exports import finding_columns
from ducha.rectification.import_views import import_confirm, import_resolve_unit, import_upload  # noqa: F401
from ducha.rectification.models import Evidence, Finding, FindingState, Objection, Task, TaskState
from ducha.rectification.services import acceptance, progress, tasks
from ducha.web import apply_service, scoped, send_file


def _inspection(request):
    """The inspection the list is about: ?inspection=CODE, else the latest with findings."""
    visible = queries.inspections_with_findings(request.user)
    code = request.GET.get("inspection")
    if code:
        return Inspection.objects.filter(code=code).first(), visible
    return visible.first(), visible


@scoped(Finding, "view")
def finding_list(request):
    today = timezone.localdate()
    inspection, inspections = _inspection(request)
    findings = list(queries.list_findings(request.user, inspection, today))
    for f in findings:
        f.state_label = FindingState.label_of(f.state)
        f.state_colour = FindingState.colour_of(f.state)
        f.days_to_due = (f.next_due - today).days if f.next_due else None
    if ducha_exports.wants_export(request):
        title = _("反馈问题整改")
        shown = str(inspection) if inspection else ""
        return ducha_exports.xlsx_response(title=title, filter_text=shown, columns=finding_columns(), rows=findings)
    visible = scoping.visible_to(request.user, Finding)
    if inspection is not None:
        visible = visible.filter(inspection=inspection)
    period = today.replace(day=1)
    context = {
        "inspection": inspection,
        "inspections": inspections,
        "findings": findings,
        "figures": queries.finding_figures(visible, today),
        "period": period,
        "not_reported": queries.units_not_reported(visible, period),
        "can_import": scoping.can(request.user, "import", Finding),
        "can_export": scoping.can(request.user, "export", Finding),
        "total": len(findings),
    }
    return render(request, "rectification/finding_list.html", context)


def _detail_context(request, finding: Finding, **forms_) -> dict:
    today = timezone.localdate()
    finding = Finding.objects.select_related("inspection", "region", "signed_off_by").get(pk=finding.pk)
    tasks = list(queries.tasks_of(finding, today))
    for t in tasks:
        t.state_label = dict(TaskState.choices).get(t.state_value, "")
        t.colour = TaskState.colour_of(t.state_value)
        t.can_report = scoping.can(request.user, "report", t)
    notice = finding.notices.order_by("-start_date", "-id").first()
    can_notice = scoping.can(request.user, "notice", finding)
    context = {
        "finding": finding,
        "tasks": tasks,
        "acceptances": finding.acceptances.prefetch_related("tasks", "documents"),
        "notice": notice,
        "notice_ended": notice.has_ended(today) if notice else False,
        "objections": list(notice.objections.all()) if notice else [],
        "missing": acceptance.sign_off_missing(finding, today) if not finding.is_signed_off else [],
        "events": queries.list_finding_events(finding),
        "can_accept": scoping.can(request.user, "accept", finding) and not finding.is_signed_off,
        "can_notice": can_notice and not finding.is_signed_off,
        "can_sign_off": scoping.can(request.user, "sign_off", finding) and not finding.is_signed_off,
        "can_settle": scoping.can(request.user, "settle", finding) and not finding.is_signed_off,
        "objection_form": forms_.get("objection_form") or forms.ObjectionForm(initial={"received_on": today}),
        "resolve_form": forms.ResolveForm(),
        "error": forms_.get("error"),
    }
    return context


@scoped(Finding, "view")
def finding_detail(request, finding):
    return render(request, "rectification/finding_detail.html", _detail_context(request, finding))


@scoped(Finding, "export")
def export_xlsx(request):
    today = timezone.localdate()
    inspection, _inspections = _inspection(request)
    if inspection is None:
        raise Http404
    findings = scoping.visible_to(request.user, Finding).filter(inspection=inspection).order_by("region", "number")
    title = _("%(team)s督察反馈意见整改任务清单") % {"team": inspection.team}
    body = exports.task_list_xlsx(findings, today, title=title)
    response = HttpResponse(body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    name = _("整改任务清单-%(code)s-%(day)s.xlsx") % {"code": inspection.code, "day": today.isoformat()}
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


# --- a unit's progress ------------------------------------------------------------------


@scoped(Task, "report")
def task_report(request, task):
    form = forms.ProgressForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        report = apply_service(
            form,
            lambda: progress.report_progress(
                task,
                actor=request.user,
                period=data["period"],
                text=data["text"],
                percent=data["percent"],
                stage=data["stage"],
                files=forms.read_files(data["files"]),
            ),
        )
        if report:
            messages.success(request, _("已报送%(task)s的进展。") % {"task": task})
            return redirect("rectification:finding_detail", pk=task.finding_id)
    context = {"form": form, "task": task, "title": _("报送整改进展"), "multipart": True}
    return render(request, "rectification/task_form.html", context, status=400 if form.is_bound else 200)


@scoped(Task, "settle")
def task_settle(request, task):
    form = forms.SettleForm(request.POST or None, initial={"version": versions.of(task, tasks.SETTLE_FIELDS)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = apply_service(
            form,
            lambda: tasks.settle_deadline(
                task, actor=request.user, kinds=data["kinds"], due_date=data["due_date"], version=data["version"]
            ),
        )
        if done:
            messages.success(request, _("已确定%(task)s的整改时限。") % {"task": task})
            return redirect("rectification:finding_detail", pk=task.finding_id)
    context = {"form": form, "task": task, "title": _("确定整改时限")}
    return render(request, "rectification/task_form.html", context, status=400 if form.is_bound else 200)


# --- the office's actions on a finding ---------------------------------------------------


@scoped(Finding, "accept")
def finding_accept(request, finding):
    form = forms.AcceptanceForm(request.POST or None, request.FILES or None, finding=finding)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        accepted = apply_service(
            form,
            lambda: acceptance.accept_finding(
                finding,
                actor=request.user,
                date=data["date"],
                team=data["team"],
                result=data["result"],
                opinion=data["opinion"],
                tasks=data["tasks"],
                documents=forms.read_files(data["documents"]),
            ),
        )
        if accepted:
            messages.success(request, _("已登记验收。"))
            return redirect("rectification:finding_detail", pk=finding.pk)
    context = {"form": form, "finding": finding, "title": _("验收"), "multipart": True}
    return render(request, "rectification/finding_form.html", context, status=400 if form.is_bound else 200)


@scoped(Finding, "notice")
def finding_notice(request, finding):
    form = forms.NoticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        notice = apply_service(
            form,
            lambda: acceptance.start_notice(
                finding, actor=request.user, start_date=data["start_date"], days=data["days"], channel=data["channel"]
            ),
        )
        if notice:
            messages.success(request, _("已登记公示，%(day)s结束。") % {"day": notice.last_day.isoformat()})
            return redirect("rectification:finding_detail", pk=finding.pk)
    context = {"form": form, "finding": finding, "title": _("公示")}
    return render(request, "rectification/finding_form.html", context, status=400 if form.is_bound else 200)


@scoped(Finding, "notice")
@require_POST
def finding_objection(request, finding):
    form = forms.ObjectionForm(request.POST)
    notice = finding.notices.order_by("-start_date", "-id").first()
    if notice is None:
        raise Http404
    if form.is_valid():
        data = form.cleaned_data
        done = apply_service(
            form,
            lambda: acceptance.add_objection(
                notice, actor=request.user, received_on=data["received_on"], text=data["text"]
            ),
        )
        if done:
            messages.success(request, _("已登记异议。"))
            return redirect("rectification:finding_detail", pk=finding.pk)
    context = _detail_context(request, finding, objection_form=form)
    return render(request, "rectification/finding_detail.html", context, status=400)


@scoped(Finding, "notice")
@require_POST
def objection_resolve(request, finding):
    form = forms.ResolveForm(request.POST)
    if form.is_valid():
        objection = Objection.objects.filter(pk=form.cleaned_data["objection"], notice__finding=finding).first()
        if objection is None:
            raise Http404
        done = apply_service(
            form,
            lambda: acceptance.resolve_objection(
                objection, actor=request.user, resolution=form.cleaned_data["resolution"]
            ),
        )
        if done:
            messages.success(request, _("异议已办结。"))
            return redirect("rectification:finding_detail", pk=finding.pk)
    error = " ".join(str(e) for errs in form.errors.values() for e in errs)
    return render(
        request, "rectification/finding_detail.html", _detail_context(request, finding, error=error), status=400
    )


@scoped(Finding, "sign_off")
@require_POST
def finding_sign_off(request, finding):
    form = forms.ConfirmForm(request.POST)
    form.is_valid()
    done = apply_service(form, lambda: acceptance.sign_off_finding(finding, actor=request.user))
    if done:
        messages.success(request, _("问题%(n)s已销号。") % {"n": finding.number})
        return redirect("rectification:finding_detail", pk=finding.pk)
    error = " ".join(str(e) for errs in form.errors.values() for e in errs)
    return render(
        request, "rectification/finding_detail.html", _detail_context(request, finding, error=error), status=400
    )


@scoped(Evidence, "view")
def evidence_download(request, evidence):
    return send_file(request, evidence, evidence.path, name=evidence.name)
