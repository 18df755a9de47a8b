"""Supervision's figures for the `figures` command: accountability, meetings, overdue,
and the report's sentences, computed from the same definitions as the dashboard."""

from __future__ import annotations

import datetime as dt

from ducha.inspections.models import Inspection
from ducha.supervision import queries


def _scope(inspection: Inspection, today: dt.date, region_code: str):
    return queries.scope_for_region(inspection, today, region_code)


def accountability(inspection: Inspection, today: dt.date, *, region_code: str = "") -> dict:
    """People (each person once) and records (each interview or sanction once)."""
    return queries.accountability_headline(_scope(inspection, today, region_code))


def meetings(inspection: Inspection, today: dt.date, *, region_code: str = "") -> dict:
    return queries.meeting_headline(_scope(inspection, today, region_code))


def overdue(inspection: Inspection, today: dt.date, *, region_code: str = "") -> dict:
    """Active alerts of the latest scan (run `scan_overdue` first for today's)."""
    return queries.overdue_headline(_scope(inspection, today, region_code))


def sentences(inspection: Inspection, today: dt.date, *, region_code: str = "") -> dict:
    return queries.headline(_scope(inspection, today, region_code))["sentences"]


FIGURES = {"accountability": accountability, "meetings": meetings, "overdue": overdue, "sentences": sentences}
