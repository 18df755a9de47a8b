"""Batch files: upload, the check's report, confirmation, the import, the problems file."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha import store
from ducha.complaints import exports, queries
from ducha.complaints.forms import ConfirmForm, UploadForm
from ducha.complaints.models import (
    Batch,
    ImportJob,
    ImportJobStatus,
)
from ducha.complaints.services import import_jobs, import_recovery
from ducha.complaints.views.page import FIELD_LABELS
from ducha.org import scoping
from ducha.uploads import failure_problem
from ducha.web import apply_service, scoped

PROBLEMS_ON_PAGE = 1000


@scoped(Batch, "view")
def batch_list(request):
    can_import = scoping.can(request.user, "create", ImportJob)
    context = {
        "batches": queries.list_batches(request.user),
        "jobs": queries.list_import_jobs(request.user) if can_import else [],
        "can_import": can_import,
        "can_disclose": scoping.can(request.user, "disclose", Batch),
    }
    return render(request, "complaints/batch_list.html", context)


@scoped(ImportJob, "create")
def import_upload(request):
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # the working copy, named by its content (the user's name is only ever displayed)
        try:
            upload = store.save(data["file"], kind=store.UPLOADS, suffix=Path(data["file"].name).suffix)
            job = apply_service(
                form,
                lambda: import_jobs.check_import(
                    actor=request.user,
                    inspection=data["inspection"],
                    upload=upload,
                    file_name=Path(data["file"].name).name,
                    batch_number=data["batch_number"],
                    history=data["history"],
                ),
            )
        except OSError as exc:  # a full disk: said on the form, never a 500
            form.add_error("file", failure_problem(data["file"].name, exc)["message"])
            job = None
        if job:
            return redirect("complaints:import_job", pk=job.pk)
    if not form.is_bound and "inspection" in request.GET:
        form.initial["inspection"] = request.GET["inspection"]
    context = {"form": form, "has_inspections": form.fields["inspection"].queryset.exists()}
    return render(request, "complaints/import_upload.html", context, status=400 if form.is_bound else 200)


def _job_context(job: ImportJob) -> dict:
    outcome = job.outcome
    problems = [("error", p) for p in outcome.get("errors", [])] + [("warning", p) for p in outcome.get("warnings", [])]
    mapping = [m | {"label": FIELD_LABELS.get(m["field"], m["field"])} for m in job.preview.get("mapping", [])]
    return {
        "job": job,
        "outcome": outcome,
        "mapping": mapping,
        "problems": problems[:PROBLEMS_ON_PAGE],
        "problems_cut": max(len(problems) - PROBLEMS_ON_PAGE, 0),
        "problem_count": len(problems),
        "rows_done": queries.count_import_progress(job),
        "waiting": queries.is_import_waiting(job),
        "stalled": import_recovery.is_stalled(job),
        "background": job.rows_total > import_jobs.BACKGROUND_ROWS,
        "batch": (
            Batch.objects.filter(inspection_id=job.inspection_id, number=outcome["batch"]).first()
            if job.status == ImportJobStatus.DONE and outcome.get("batch")
            else None
        ),
        "Status": ImportJobStatus,
    }


@scoped(ImportJob, "view")
def import_job(request, job):
    context = _job_context(job)
    context["can_confirm"] = job.status == ImportJobStatus.CHECKED and scoping.can(request.user, "confirm", job)
    context["can_retry"] = import_recovery.can_retry(job) and scoping.can(request.user, "confirm", job)
    template = "complaints/_job_status.html" if request.htmx else "complaints/import_job.html"
    return render(request, template, context)


@require_POST
@scoped(ImportJob, "confirm")
def import_confirm(request, job):
    form = ConfirmForm(request.POST)
    form.is_valid()
    job = apply_service(form, lambda: import_jobs.confirm_import(job, actor=request.user)) or job
    if form.errors:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    elif job.status == ImportJobStatus.DONE:
        messages.success(request, _("导入完成。"))
    return redirect("complaints:import_job", pk=job.pk)


@require_POST
@scoped(ImportJob, "confirm")
def import_retry(request, job):
    form = ConfirmForm(request.POST)
    form.is_valid()
    job = apply_service(form, lambda: import_recovery.retry_import(job, actor=request.user)) or job
    if form.errors:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    elif job.status == ImportJobStatus.DONE:
        messages.success(request, _("导入完成。"))
    return redirect("complaints:import_job", pk=job.pk)


@scoped(ImportJob, "view")
def import_problems(request, job):
    outcome = job.outcome
    body = exports.problems_xlsx(outcome.get("errors", []), outcome.get("warnings", []))
    response = HttpResponse(body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    name = _("问题清单-%(file)s.xlsx") % {"file": Path(job.file_name).stem}
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
