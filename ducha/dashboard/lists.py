"""The exact list behind a headline figure: its length is the figure. The URL stays
/supervision/figures/ (bookmarked, printed in reports); the page lives here with the
figures it explains."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from ducha import exports
from ducha.dashboard.engine import measures, scope_for_user
from ducha.dashboard.exports import figure_columns
from ducha.dashboard.models import FigureSnapshot
from ducha.inspections.models import Inspection
from ducha.org import scoping
from ducha.web import scoped
from ducha.zoning.models import Location

LIST_PAGE = 200


def chosen_inspection(request):
    """The inspection named in ?inspection=, else the latest the user may see."""
    inspections = scoping.visible_to(request.user, Inspection).order_by("-start_date", "code")
    code = request.GET.get("inspection", "")
    return inspections.filter(code=code).first() if code else inspections.first()


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


ITEM_KINDS = {"complaint": "complaints.complaint", "task": "rectification.task"}


def _placed_in_unit(model: str, code: str):
    """The ids of cases placed in one control unit of the current edition."""
    located = Location.objects.filter(item_kind=ITEM_KINDS.get(model, ""), edition__is_current=True)
    return located.filter(unit__code=code).values("item_id")


@scoped(FigureSnapshot, "view")
def figure_list(request):
    """The exact rows a dashboard figure counts: its length is the figure."""
    measure = measures().get(request.GET.get("measure", ""))
    inspection = chosen_inspection(request)
    if measure is None or inspection is None:
        raise Http404
    scope = scope_for_user(request.user, inspection, timezone.localdate())
    scope = scope.narrowed(region_code=request.GET.get("region", "")[:6], unit_id=_int(request.GET.get("unit")))
    rows = measure.rows(scope).order_by(*measure.order)
    control_unit = request.GET.get("control_unit", "")[:64] if measure.key.startswith("zoning.") else ""
    if control_unit:  # a per-unit figure: the category measure's rows placed in that one unit
        rows = rows.filter(pk__in=_placed_in_unit(measure.model, control_unit))
    if measure.related:
        rows = rows.select_related(*measure.related)
    filter_text = " · ".join(str(x) for x in (inspection.code, request.GET.get("region", "")[:6], control_unit) if x)
    if exports.wants_export(request):
        columns = figure_columns(measure.model)
        return exports.xlsx_response(title=str(measure.label), filter_text=filter_text, columns=columns, rows=rows)
    printing = exports.wants_print(request)
    page = Paginator(rows, (rows.count() or 1) if printing else LIST_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "measure": measure,
        "inspection": inspection,
        "page": page,
        "total": page.paginator.count,
        "query": query.urlencode(),
        "region": request.GET.get("region", ""),
        "printable": True,
        "printing": printing,
        "print_title": exports.title_line(measure.label, filter_text, page.paginator.count, timezone.localdate()),
    }
    return render(request, "dashboard/figure_list.html", context)
