"""The disclosure table of a batch: preview, the office's approval, the .xlsx download."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from ducha.complaints import exports, queries
from ducha.complaints.forms import ApproveDisclosureForm
from ducha.complaints.models import (
    Batch,
    Complaint,
    ComplaintStatus,
    Disclosure,
    DisclosureStatus,
)
from ducha.complaints.services import disclosure
from ducha.core.pii import redact_text
from ducha.org import scoping
from ducha.web import apply_service, scoped

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def disclosure_table(batch: Batch) -> list[dict]:
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
        for n, row in enumerate(queries.disclosure_rows(batch), start=1)
    ]


def _require_disclose(user, batch: Batch) -> None:
    sample = Complaint.objects.filter(batch=batch).first()
    if sample is None or not scoping.can(user, "disclose", sample):
        raise PermissionDenied


def xlsx_response(batch: Batch) -> HttpResponse:
    buffer = io.BytesIO()
    exports.write_batch_disclosure(batch, buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, queries.title_for(batch) + ".xlsx")
    return response


@scoped(Batch, "view")
def disclosure_preview(request, batch):
    """The office previews a batch's table; POST approves it for the public page."""
    _require_disclose(request.user, batch)
    form = ApproveDisclosureForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        if apply_service(form, lambda: disclosure.approve_disclosure(batch, actor=request.user)):
            messages.success(request, _("已批准公开，公众可在公开页面查看。"))
            return redirect("complaints:disclosure_preview", pk=batch.pk)
    batch = Batch.objects.select_related("inspection").get(pk=batch.pk)
    context = {
        "batch": batch,
        "title": queries.title_for(batch),
        "rows": disclosure_table(batch),
        "open_count": Complaint.objects.filter(batch=batch).exclude(status__in=ComplaintStatus.CLOSED_STATES).count(),
        "published": Disclosure.objects.filter(batch=batch, status=DisclosureStatus.APPROVED).first(),
        "form": form,
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "complaints/handling/disclosure_preview.html", context, status=status)


@scoped(Batch, "view")
def disclosure_xlsx(request, batch):
    _require_disclose(request.user, batch)
    return xlsx_response(batch)
