"""The exact list behind a headline figure."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from ducha.supervision import queries
from ducha.supervision.models import (
    FigureSnapshot,
)
from ducha.supervision.views.common import LIST_PAGE, chosen_inspection, int_param
from ducha.web import scoped


@scoped(FigureSnapshot, "view")
def figure_list(request):
    """The exact rows a dashboard figure counts: its length is the figure."""
    measure = queries.MEASURES.get(request.GET.get("measure", ""))
    inspection, _inspections = chosen_inspection(request)
    if measure is None or inspection is None:
        raise Http404
    scope = queries.scope_for_user(request.user, inspection, timezone.localdate())
    scope = scope.narrowed(region_code=request.GET.get("region", "")[:6], unit_id=int_param(request.GET.get("unit")))
    rows = queries.measure_rows(measure.key, scope)
    if measure.model == "complaint":
        rows = rows.select_related("region", "lead_unit").order_by("due_on", "ref")
    elif measure.model == "finding":
        rows = rows.select_related("region").order_by("number")
    elif measure.model == "person":
        rows = rows.select_related("unit").order_by("name", "pk")
    elif measure.model == "accountability":
        rows = rows.select_related("person", "person__unit").order_by("-date", "pk")
    elif measure.model == "alert":
        rows = rows.select_related("unit").order_by("due_on", "pk")
    else:
        rows = rows.order_by("date", "pk")
    page = Paginator(rows, LIST_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "measure": measure,
        "inspection": inspection,
        "page": page,
        "total": page.paginator.count,
        "query": query.urlencode(),
        "region": request.GET.get("region", ""),
    }
    return render(request, "supervision/figure_list.html", context)
