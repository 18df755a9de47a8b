"""The leaders' one screen (领导驾驶舱): the inspection's headline figures, each a link to
the exact list behind it with its definition on hover, the report's sentences written
from the data, a weekly trend and a breakdown by district (ECharts), and frozen
snapshots that never change. Each figure is one aggregate query (see
ducha.dashboard.engine and each area's figures.py)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ducha.dashboard.engine import measures, registry, scope_for_user
from ducha.dashboard.headline import board_data
from ducha.dashboard.models import FigureSnapshot
from ducha.dashboard.services import freeze_figures
from ducha.errors import DomainError
from ducha.inspections.models import Inspection
from ducha.org import scoping
from ducha.web import scoped
from ducha.zoning.models import Category, ControlUnit

# (area, key in the area's figures, measure behind it); the order of the tiles
TILES = [
    (gettext_lazy("信访件"), "complaints", "received", "complaints.received"),
    (gettext_lazy("信访件"), "complaints", "closed", "complaints.closed"),
    (gettext_lazy("信访件"), "complaints", "on_time", "complaints.on_time"),
    (gettext_lazy("信访件"), "complaints", "on_time_rate", None),
    (gettext_lazy("反馈问题整改"), "findings", "total", "findings.total"),
    (gettext_lazy("反馈问题整改"), "findings", "rectified", "findings.rectified"),
    (gettext_lazy("反馈问题整改"), "findings", "signed_off", "findings.signed_off"),
    (gettext_lazy("约谈问责"), "accountability", "interviewed_people", "accountability.interviewed_people"),
    (gettext_lazy("约谈问责"), "accountability", "interview_records", "accountability.interview_records"),
    (gettext_lazy("约谈问责"), "accountability", "sanctioned_people", "accountability.sanctioned_people"),
    (gettext_lazy("约谈问责"), "accountability", "sanction_records", "accountability.sanction_records"),
    (gettext_lazy("研究部署"), "meetings", "held", "meetings.held"),
    (gettext_lazy("逾期预警"), "overdue", "red", "overdue.red"),
    (gettext_lazy("逾期预警"), "overdue", "yellow", "overdue.yellow"),
    (gettext_lazy("两法衔接"), "enforcement", "transferred", "enforcement.transfers"),
    (gettext_lazy("两法衔接"), "enforcement", "accepted", "enforcement.accepted"),
    (gettext_lazy("两法衔接"), "enforcement", "filed", "enforcement.filed"),
    (gettext_lazy("两法衔接"), "enforcement", "not_filed", "enforcement.not_filed"),
    (gettext_lazy("两法衔接"), "enforcement", "overdue", "enforcement.overdue"),
    (gettext_lazy("两法衔接"), "enforcement_opinions", "opinions", "enforcement.opinions"),
    (gettext_lazy("两法衔接"), "enforcement_opinions", "carried_out", "enforcement.opinions_carried_out"),
]
# which figure each sentence is about (its link)
SENTENCE_LINKS = {
    "complaints": "complaints.on_time",
    "findings": "findings.signed_off",
    "accountability": "accountability.sanctioned_people",
    "meetings": "meetings.held",
}
RATE_DEFINITION = gettext_lazy("按时办结数 ÷（已办结数 + 逾期未办结数）；未到期的在办件不计入。")


def _link(measure: str, inspection: Inspection, **extra) -> str:
    return reverse("figure_list") + "?" + urlencode({"measure": measure, "inspection": inspection.code, **extra})


def _tiles(data: dict, inspection: Inspection) -> list[dict]:
    tiles = []
    for area, group, key, measure in TILES:
        value = data[group].get(key)
        if measure is None:  # the on-time rate: a ratio, linked to the on-time list
            tiles.append(
                {
                    "area": area,
                    "id": f"{group}-{key}",
                    "label": _("按时办结率"),
                    "value": "—" if value is None else f"{value:g}%",
                    "unit": "",
                    "definition": RATE_DEFINITION,
                    "url": _link("complaints.on_time", inspection),
                }
            )
            continue
        m = measures()[measure]
        tiles.append(
            {
                "area": area,
                "id": f"{group}-{key}",
                "label": m.label,
                "value": value,
                "unit": m.unit,
                "definition": m.definition,
                "url": _link(measure, inspection),
            }
        )
    return tiles


def list_snapshots(user, inspection: Inspection):
    return scoping.visible_to(user, FigureSnapshot).filter(inspection=inspection).order_by("-created_at", "-id")


@scoped(FigureSnapshot, "view")
def board(request):
    inspections = scoping.visible_to(request.user, Inspection).order_by("-start_date", "code")
    code = request.GET.get("inspection", "")
    inspection = inspections.filter(code=code).first() if code else inspections.first()
    context = {"inspection": inspection, "inspections": inspections}
    if inspection is None:
        return render(request, "dashboard/board.html", context)
    today = timezone.localdate()
    snapshots = list(list_snapshots(request.user, inspection)[:20])
    snapshot = None
    if request.GET.get("snapshot"):
        snapshot = next((s for s in snapshots if str(s.pk) == request.GET["snapshot"]), None)
    data = snapshot.data if snapshot else board_data(scope_for_user(request.user, inspection, today))
    for row in data["districts"]:
        row["url"] = _link("complaints.received", inspection, region=row["region"])
    for row in data["overdue_by_unit"]:
        row["url"] = _link("overdue.red", inspection, unit=row["unit_id"] or "")
    context.update(
        {
            "today": today,
            "snapshot": snapshot,
            "snapshots": snapshots,
            "data": data,
            "tiles": _tiles(data, inspection),
            "sentences": [
                (key, text, _link(SENTENCE_LINKS[key], inspection)) for key, text in data["sentences"].items()
            ],
            "chart": {
                "trend": data["trend"],
                "districts": [
                    {"name": r["name"], "received": r["received"], "on_time": r["on_time"], "url": r["url"]}
                    for r in data["districts"]
                ],
                "labels": {"closed": _("每周办结"), "received": _("交办"), "on_time": _("按时办结")},
            },
            "can_freeze": scoping.can(request.user, "create", FigureSnapshot),
            "zoning": _zoning_rows(request.user, inspection, today),
        }
    )
    return render(request, "dashboard/board.html", context)


@scoped(FigureSnapshot, "create")
@require_POST  # after scoping: a stranger gets 403, not 405
def board_freeze(request):
    inspection = scoping.visible_to(request.user, Inspection).filter(code=request.POST.get("inspection", "")).first()
    if inspection is None:
        messages.error(request, _("请选择督察。"))
        return redirect("board")
    try:
        snap = freeze_figures(inspection, actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect(reverse("board") + "?" + urlencode({"inspection": inspection.code}))
    messages.success(request, _("已冻结%(date)s的统计数字。") % {"date": snap.as_of.isoformat()})
    return redirect(reverse("board") + "?" + urlencode({"inspection": inspection.code, "snapshot": snap.pk}))


ZONING_KEYS = ("received", "closed", "on_time", "relapses", "open_tasks")


def _zoning_rows(user, inspection: Inspection, today) -> dict:
    """Per control-unit category (三线一单): each figure a link to its list."""
    data = registry().figures["zoning"](scope_for_user(user, inspection, today))
    rows = []
    for category in Category:
        counts = data["by_category"][category.value]
        cells = [(counts[k], _link(f"zoning.{category.value}.{k}", inspection)) for k in ZONING_KEYS]
        rows.append({"label": category.label, "cells": cells})
    # the units with the most complaints, each linked to the list of its complaints
    top = sorted(data["by_unit"].items(), key=lambda item: (-item[1]["received"], item[0]))[:10]
    complaints = reverse("complaints:complaint_list")
    category = dict(
        ControlUnit.objects.filter(edition__is_current=True, code__in=[c for c, _ in top]).values_list(
            "code", "category"
        )
    )
    units = [
        {
            "code": code,
            "url": complaints + "?" + urlencode({"control_unit": code}),
            # each number a link to its list: the category's measure narrowed to this unit
            "cells": [
                (counts[k], _link(f"zoning.{category[code]}.{k}", inspection, control_unit=code))
                if code in category
                else (counts[k], "")
                for k in ZONING_KEYS
            ],
        }
        for code, counts in top
    ]
    return {"edition": data["edition"], "rows": rows, "units": len(data["by_unit"]), "top": units}
