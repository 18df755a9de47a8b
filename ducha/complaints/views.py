"""Complaint pages: inspections, batch upload → check → import, the complaint list and detail."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ducha.complaints import exports, queries, services
from ducha.complaints.forms import ComplaintFilter, ConfirmForm, InspectionForm, UploadForm
from ducha.complaints.models import Batch, Complaint, ImportJob, ImportJobStatus
from ducha.complaints.views_handling import handling_context
from ducha.inspections import services as inspections
from ducha.inspections.models import Inspection
from ducha.org import scoping
from ducha.web import apply_service, scoped

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
PROBLEMS_ON_PAGE = 1000


# --- inspections ---------------------------------------------------------------------


@scoped(Inspection, "view")
def inspection_list(request):
    context = {
        "inspections": queries.list_inspections(request.user),
        "can_create": scoping.can(request.user, "create", Inspection),
    }
    return render(request, "complaints/inspection_list.html", context)


@scoped(Inspection, "create")
def inspection_create(request):
    form = InspectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        inspection = apply_service(form, lambda: inspections.create_inspection(actor=request.user, **form.cleaned_data))
        if inspection:
            messages.success(request, _("已新建督察“%(name)s”。") % {"name": inspection})
            return redirect("complaints:inspection_list")
    status = 400 if form.is_bound else 200
    return render(request, "complaints/form.html", {"form": form, "title": _("新建督察")}, status=status)


# --- batches and their import --------------------------------------------------------


@scoped(Batch, "view")
def batch_list(request):
    can_import = scoping.can(request.user, "create", ImportJob)
    context = {
        "batches": queries.list_batches(request.user),
        "jobs": queries.list_import_jobs(request.user) if can_import else [],
        "can_import": can_import,
    }
    return render(request, "complaints/batch_list.html", context)


def _save_upload(upload) -> Path:
    """Keep the uploaded file under MEDIA_ROOT/uploads with a random name (the user's
    name is only ever displayed); the suffix stays, the reader goes by it."""
    folder = Path(settings.MEDIA_ROOT) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{secrets.token_hex(16)}{Path(upload.name).suffix.lower()}"
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return path


@scoped(ImportJob, "create")
def import_upload(request):
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        path = _save_upload(data["file"])
        job = apply_service(
            form,
            lambda: services.check_import(
                actor=request.user,
                inspection=data["inspection"],
                upload=path,
                file_name=Path(data["file"].name).name,
                batch_number=data["batch_number"],
            ),
        )
        if job:
            return redirect("complaints:import_job", pk=job.pk)
        path.unlink(missing_ok=True)
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
        "background": job.rows_total > services.BACKGROUND_ROWS,
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
    template = "complaints/_job_status.html" if request.htmx else "complaints/import_job.html"
    return render(request, template, context)


@require_POST
@scoped(ImportJob, "confirm")
def import_confirm(request, job):
    form = ConfirmForm(request.POST)
    form.is_valid()
    job = apply_service(form, lambda: services.confirm_import(job, actor=request.user)) or job
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


# --- complaints ----------------------------------------------------------------------


def _masked(complaint: Complaint) -> dict[str, str]:
    return {name: Complaint._meta.get_field(name).masked(getattr(complaint, name)) for name in IDENTITY_SHOWN}


@scoped(Complaint, "view")
def complaint_list(request):
    form = ComplaintFilter(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    page = queries.list_complaints(
        request.user, filters, sort=request.GET.get("sort", queries.DEFAULT_SORT), after=request.GET.get("after", "")
    )
    rows = [(c, _masked(c)) for c in page.complaints]
    query = request.GET.copy()
    query.pop("after", None)
    query.pop("sort", None)
    next_query = query.copy()
    next_query["sort"] = page.sort
    if page.next_cursor:
        next_query["after"] = page.next_cursor
    first_query = query.copy()
    first_query["sort"] = page.sort
    sorts = {}
    for key in queries.SORTS:
        q = query.copy()
        q["sort"] = key if page.sort == f"-{key}" else f"-{key}"
        arrow = "↓" if page.sort == f"-{key}" else "↑" if page.sort == key else ""
        sorts[key] = {"query": q.urlencode(), "arrow": arrow}
    context = {
        "form": form,
        "rows": rows,
        "sorts": sorts,
        "next_query": next_query.urlencode() if page.next_cursor else "",
        "first_query": first_query.urlencode() if request.GET.get("after") else "",
    }
    return render(request, "complaints/complaint_list.html", context)


def _detail_context(request, complaint: Complaint, identity: dict | None = None, forms: dict | None = None) -> dict:
    complaint = (
        Complaint.objects.select_related("region", "batch", "inspection", "lead_unit")
        .prefetch_related("pollution_types")
        .get(pk=complaint.pk)
    )
    return {
        "complaint": complaint,
        "identity": identity or _masked(complaint),
        "revealed": identity is not None,
        "can_reveal": scoping.can(request.user, "reveal_identity", complaint),
        "events": queries.list_complaint_events(complaint),
        # the handling panels (issue 4): assignments, report, review, repeats, rechecks
        **handling_context(request, complaint, forms),
    }


@scoped(Complaint, "view")
def complaint_detail(request, complaint):
    return render(request, "complaints/complaint_detail.html", _detail_context(request, complaint))


@require_POST
@scoped(Complaint, "reveal_identity")
def complaint_reveal(request, complaint):
    identity = services.reveal_complainant(complaint, actor=request.user)
    context = _detail_context(request, complaint, identity)
    template = "complaints/_identity.html" if request.htmx else "complaints/complaint_detail.html"
    response = render(request, template, context)
    response["Cache-Control"] = "no-store"
    return response
