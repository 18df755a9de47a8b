"""The public disclosure pages: no sign-in, approved batches only, never the complainant."""

from __future__ import annotations

from django.db.models import Count
from django.http import Http404
from django.shortcuts import render

from ducha.complaints import queries
from ducha.complaints.models import (
    Batch,
    DisclosureStatus,
)
from ducha.complaints.views.disclosure import disclosure_table, xlsx_response
from ducha.web import public


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
    batches = [(b, queries.title_for(b)) for b in _published_batches()]
    return render(request, "complaints/handling/public_list.html", {"batches": batches})


def _published(pk) -> Batch:
    batch = _published_batches().filter(pk=pk).first()
    if batch is None:
        raise Http404
    return batch


@public
def public_disclosure(request, pk):
    batch = _published(pk)
    context = {"batch": batch, "title": queries.title_for(batch), "rows": disclosure_table(batch)}
    return render(request, "complaints/handling/public_detail.html", context)


@public
def public_disclosure_xlsx(request, pk):
    return xlsx_response(_published(pk))
