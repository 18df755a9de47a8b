"""The rectification figures the `figures` command prints (and the pages show).

Convention shared by every area: an app's `figures.py` holds FIGURES, a dict from a
key of the command's JSON to a function of (inspection, today) that returns that
key's figures, each figure one query. The command finds them by app; complaints
adds its own later without touching this file.
"""

from __future__ import annotations

import datetime as dt

from ducha.inspections.models import Inspection
from ducha.rectification import queries
from ducha.rectification.models import Finding, Task


def findings(inspection: Inspection, today: dt.date, *, region_code: str = "") -> dict[str, int]:
    qs = Finding.objects.filter(inspection=inspection)
    if region_code:
        qs = qs.filter(region__code__startswith=region_code)
    return queries.finding_figures(qs, today)


def tasks(inspection: Inspection, today: dt.date, *, region_code: str = "") -> dict[str, int]:
    qs = Task.objects.filter(finding__inspection=inspection)
    if region_code:
        qs = qs.filter(finding__region__code__startswith=region_code)
    return queries.task_figures(qs, today)


FIGURES = {"findings": findings, "tasks": tasks}
