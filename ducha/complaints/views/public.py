"""The public disclosure pages: no sign-in, approved batches only, never the complainant."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import render

from ducha.complaints import disclosed, queries
from ducha.complaints.forms import PublicSearchForm
from ducha.complaints.models import (
    Batch,
    Complaint,
    DisclosureStatus,
)
from ducha.complaints.views.disclosure import disclosure_table, xlsx_response
from ducha.org.models import Region
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
    """No login: the approved batches, and a search of their complaints by 受理编号,
    行政区域 and 污染类型 with each one's status. Nothing here reads complainant fields."""
    batches = [(b, queries.title_for(b)) for b in _published_batches()]
    # the regions of published complaints, and their cities (a city searches its counties)
    codes = Complaint.objects.filter(batch__disclosure__status=DisclosureStatus.APPROVED).values("region_id")
    regions = Region.objects.filter(Q(code__in=codes) | Q(children__code__in=codes)).distinct().order_by("code")
    form = PublicSearchForm(request.GET or None, regions=regions)
    context = {"batches": batches, "form": form}
    if form.is_bound and form.is_valid() and any(form.cleaned_data.values()):
        found = disclosed.public_complaints(**form.cleaned_data)
        context["results"] = [(c, queries.title_for(c.batch)) for c in found[: disclosed.LIMIT + 1]]
        context["more"] = len(context["results"]) > disclosed.LIMIT
        context["results"] = context["results"][: disclosed.LIMIT]
    return render(request, "complaints/handling/public_list.html", context)


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
