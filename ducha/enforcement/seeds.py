"""The six statutory deadlines and the first criteria, as data files a migration loads
once; afterwards they are rows the office edits (nothing here overwrites them)."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).parent / "data"


def deadline_rows() -> list[dict]:
    return json.loads((DATA / "deadlines.json").read_text(encoding="utf-8"))


def criterion_rows() -> list[dict]:
    return json.loads((DATA / "criteria.json").read_text(encoding="utf-8"))


def seed(apps, schema_editor=None) -> None:
    """Add the rows that are missing; an edited row stays as the office left it."""
    deadline = apps.get_model("enforcement", "StatutoryDeadline")
    criterion = apps.get_model("enforcement", "ThresholdCriterion")
    for row in deadline_rows():
        deadline.objects.get_or_create(step=row["step"], defaults=row)
    for row in criterion_rows():
        criterion.objects.get_or_create(code=row["code"], defaults=row)
