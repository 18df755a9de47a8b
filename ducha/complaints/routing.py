"""Which unit leads a complaint by the region rule: a county's (or park's) complaints go
to its people's government or park committee. Reads only; dispatch is a service."""

from __future__ import annotations

from ducha.complaints.models import Complaint
from ducha.org.models import Unit, UnitKind


def region_rule() -> dict[str, Unit]:
    """{county region code: lead unit} for every county with a government or park unit."""
    units = Unit.objects.filter(is_active=True, kind__in=(UnitKind.GOVERNMENT, UnitKind.PARK)).select_related("region")
    rule = {}
    for unit in units.order_by("region__code", "id"):
        if unit.region.level == "county":
            rule.setdefault(unit.region.code, unit)
    return rule


def lead_unit_for(complaint: Complaint) -> Unit | None:
    """The region rule's lead unit for one complaint (none for a city-level region)."""
    return (
        Unit.objects.filter(
            is_active=True,
            kind__in=(UnitKind.GOVERNMENT, UnitKind.PARK),
            region__code=complaint.region_id,  # the complaint keys its region by code
            region__level="county",
        )
        .order_by("id")
        .first()
    )
