"""The on-time figures of the complaints area, grouped by inspection, batch, region or unit."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ducha.complaints.figures import on_time_figures, totals
from ducha.complaints.models import (
    Complaint,
)
from ducha.inspections.models import Inspection
from ducha.org import scoping
from ducha.web import scoped

FIGURE_GROUPS = [
    ("inspection", gettext_lazy("按督察")),
    ("batch", gettext_lazy("按交办批次")),
    ("region", gettext_lazy("按行政区域")),
    ("unit", gettext_lazy("按承办单位")),
]


@scoped(Complaint, "view")
def figures(request):
    by = request.GET.get("by", "inspection")
    if by not in dict(FIGURE_GROUPS):
        by = "inspection"
    inspections = list(scoping.visible_to(request.user, Inspection))
    chosen = next((i for i in inspections if str(i.pk) == request.GET.get("inspection", "")), None)
    qs = scoping.visible_to(request.user, Complaint)
    if chosen is not None:
        qs = qs.filter(inspection=chosen)
    rows = on_time_figures(qs, by=by)
    names = {i.pk: str(i) for i in inspections}
    for row in rows:
        if by == "inspection":
            row["label"] = names.get(row["inspection_id"], row["inspection_id"])
        elif by == "batch":
            row["label"] = _("第%(n)s批") % {"n": row["batch__number"]}
        elif by == "region":
            row["label"] = row["region__name"]
        else:
            row["label"] = row["lead_unit__name"] or _("未转办")
    context = {
        "by": by,
        "groups": FIGURE_GROUPS,
        "rows": rows,
        "total": totals(qs),
        "inspections": inspections,
        "chosen": chosen,
    }
    return render(request, "complaints/handling/figures.html", context)
