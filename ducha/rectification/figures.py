"""The rectification area's figures, declared for the dashboard (see ducha.measures):
the findings (反馈问题) and their tasks, each figure one aggregate query."""

from __future__ import annotations

from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from ducha.complaints import unit_figures
from ducha.measures import Measure, Source
from ducha.rectification import queries
from ducha.rectification.models import Finding, Task, TaskState
from ducha.zoning.models import Category, Location

SOURCES = [
    # a finding and its tasks count from the day the city's plan was issued (印发)
    Source(
        "findings",
        Finding,
        unit="tasks__lead_unit_id",
        distinct=True,
        as_of=lambda qs, day: qs.filter(plan__issued_on__lte=day),
    ),
    Source(
        "tasks",
        Task,
        inspection="finding__inspection",
        region="finding__region__code",
        unit="lead_unit_id",
        as_of=lambda qs, day: qs.filter(finding__plan__issued_on__lte=day),
    ),
]


def _finding_q(s, *keys: str) -> Q:
    conditions = queries.finding_conditions(s.today, past=s.past)
    q = Q(pk__in=[])
    for key in keys:
        q |= conditions[key]
    return q


FINDING_LIST = {"model": "finding", "order": ("number",), "related": ("region",), "unit": gettext_lazy("个")}

MEASURES = [
    Measure(
        "findings.total",
        gettext_lazy("反馈问题"),
        gettext_lazy("督察反馈意见中交办本地的问题总数。"),
        rows=lambda s: s.findings,
        **FINDING_LIST,
    ),
    Measure(
        "findings.rectified",
        gettext_lazy("完成整改"),
        gettext_lazy("全部整改任务已通过验收的问题（含已销号）。"),
        rows=lambda s: s.findings.filter(_finding_q(s, "signed_off", "rectified_not_signed_off")),
        **FINDING_LIST,
    ),
    Measure(
        "findings.signed_off",
        gettext_lazy("已销号"),
        gettext_lazy("验收、公示后已销号的问题。"),
        rows=lambda s: s.findings.filter(_finding_q(s, "signed_off")),
        **FINDING_LIST,
    ),
]


# --- per control unit (三线一单): tasks placed in a unit of the current edition ------------

TASK_KIND = "rectification.task"


def _placed(category: str | None = None):
    qs = Location.objects.filter(item_kind=TASK_KIND, edition__is_current=True, unit__isnull=False)
    return (qs.filter(unit__category=category) if category else qs).values("item_id")


def _open_tasks(s):
    return s.tasks.annotate(state_value=queries.task_state(s.today, past=s.past)).exclude(state_value=TaskState.DONE)


MEASURES += [
    Measure(
        f"zoning.{category.value}.open_tasks",
        format_lazy("{} · {}", category.label, gettext_lazy("未完成整改任务")),
        gettext_lazy("落在当前版本该类管控单元内、尚未完成的整改任务（按整改点位落位）。"),
        model="task",
        rows=lambda s, c=category.value: _open_tasks(s).filter(pk__in=_placed(c)),
        order=("finding__number", "number"),
        related=("finding", "lead_unit"),
        unit=gettext_lazy("项"),
    )
    for category in Category
]
MEASURES += unit_figures.MEASURES


def findings(s) -> dict[str, int]:
    return queries.finding_figures(s.findings, s.today, past=s.past)


def tasks(s) -> dict[str, int]:
    return queries.task_figures(s.tasks, s.today, past=s.past)


def zoning(s) -> dict:
    """Complaints and open rectification tasks per control unit and per unit category."""
    out = unit_figures.by_unit(s)
    for row in out["by_category"].values():
        row["open_tasks"] = 0
    if not out["edition"]:
        return out
    open_tasks = _open_tasks(s).filter(pk__in=_placed()).values_list("pk", flat=True)
    located = Location.objects.filter(item_kind=TASK_KIND, edition__is_current=True, item_id__in=list(open_tasks))
    for code, category in located.values_list("unit__code", "unit__category"):
        unit = out["by_unit"].setdefault(code, dict.fromkeys(unit_figures.CONDITIONS, 0))
        unit["open_tasks"] = unit.get("open_tasks", 0) + 1
        out["by_category"][category]["open_tasks"] = out["by_category"][category].get("open_tasks", 0) + 1
    for row in [*out["by_unit"].values(), *out["by_category"].values()]:
        row.setdefault("open_tasks", 0)
    return out


FIGURES = {"findings": findings, "tasks": tasks, "zoning": zoning}
