"""The rectification area's figures, declared for the dashboard (see ducha.measures):
the findings (反馈问题) and their tasks, each figure one aggregate query."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy

from ducha.measures import Measure, Source
from ducha.rectification import queries
from ducha.rectification.models import Finding, Task

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


def findings(s) -> dict[str, int]:
    return queries.finding_figures(s.findings, s.today, past=s.past)


def tasks(s) -> dict[str, int]:
    return queries.task_figures(s.tasks, s.today, past=s.past)


FIGURES = {"findings": findings, "tasks": tasks}
