"""Every read of the complaints pages, always starting from what the user may see."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet

from ducha.audit.models import AuditEvent
from ducha.complaints.models import Batch, Complaint, ImportJob, ImportJobStatus, PollutionType
from ducha.inspections.models import Inspection
from ducha.org import scoping
from ducha.org.models import Region, Role

PAGE_SIZE = 50
# sort parameter → (model field, nullable); "-" in front sorts descending
SORTS = {"ref": ("ref", False), "accepted_at": ("accepted_at", True), "region": ("region_id", False)}
DEFAULT_SORT = "-accepted_at"


def list_inspections(user) -> QuerySet[Inspection]:
    return scoping.visible_to(user, Inspection).annotate(batch_count=Count("batches"))


def list_batches(user) -> QuerySet[Batch]:
    return (
        scoping.visible_to(user, Batch)
        .select_related("inspection", "imported_by")
        .annotate(complaint_count=Count("complaints"))
        .order_by("-inspection__start_date", "inspection__code", "-number")
    )


def list_import_jobs(user, limit: int = 20) -> list[ImportJob]:
    jobs = scoping.visible_to(user, ImportJob).select_related("inspection", "created_by")
    return list(jobs[:limit])


def list_regions(user) -> QuerySet[Region]:
    """The regions a complaint visible to the user may lie in (for the filter)."""
    p = scoping.principal(user)
    regions = Region.objects.exclude(level="province")
    if p.is_admin:
        return regions
    return regions.filter(p.region_q("code", Role.OFFICE, Role.LEADER, Role.SUPERVISOR))


def count_import_progress(job: ImportJob) -> int:
    """Rows written so far: the worker's progress file while it runs, the row after."""
    if job.status != ImportJobStatus.RUNNING:
        return job.rows_done
    from ducha.complaints.services import progress_path

    try:
        return min(int(progress_path(job).read_text() or 0), job.rows_total)
    except (OSError, ValueError):
        return 0


@dataclass
class Page:
    complaints: list[Complaint]
    next_cursor: str  # "" on the last page
    sort: str


def _sort_parts(sort: str) -> tuple[str, bool, bool]:
    key = sort.removeprefix("-")
    if key not in SORTS:
        sort, key = DEFAULT_SORT, DEFAULT_SORT.removeprefix("-")
    field, nullable = SORTS[key]
    return field, sort.startswith("-"), nullable


def _encode(value, pk: int) -> str:
    if isinstance(value, dt.datetime):
        value = value.isoformat()
    return json.dumps([value, pk], separators=(",", ":"))


def _decode(cursor: str, field: str):
    """(value, pk) from a cursor, or None for a cursor that is not ours."""
    try:
        value, pk = json.loads(cursor)
        pk = int(pk)
        if field == "accepted_at" and value is not None:
            value = dt.datetime.fromisoformat(value)
        elif value is not None and not isinstance(value, str):
            return None
    except (ValueError, TypeError):
        return None
    return value, pk


def _after(qs: QuerySet, field: str, desc: bool, nullable: bool, value, pk: int) -> QuerySet:
    """Rows after (value, pk) in the order (field, id), nulls last: a keyset, no OFFSET."""
    op = "lt" if desc else "gt"
    if value is None:
        return qs.filter(**{f"{field}__isnull": True, f"id__{op}": pk})
    later = Q(**{f"{field}__{op}": value}) | Q(**{field: value, f"id__{op}": pk})
    if nullable:
        later |= Q(**{f"{field}__isnull": True})
    return qs.filter(later)


def filter_complaints(user, filters: dict) -> QuerySet[Complaint]:
    qs = scoping.visible_to(user, Complaint)
    if filters.get("batch"):
        qs = qs.filter(batch=filters["batch"])
    if filters.get("region"):
        region = filters["region"]
        qs = qs.filter(region__code__startswith=region.prefix) if region.level != "county" else qs.filter(region=region)
    if filters.get("pollution_type"):
        qs = qs.filter(pollution_types=filters["pollution_type"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("key") in ("1", "0"):
        qs = qs.filter(is_key=filters["key"] == "1")
    if text := (filters.get("q") or "").strip():
        qs = qs.filter(Q(text__icontains=text) | Q(ref=text))
    return qs


def list_complaints(user, filters: dict, *, sort: str = DEFAULT_SORT, after: str = "", size: int | None = None) -> Page:
    field, desc, nullable = _sort_parts(sort)
    sort = ("-" if desc else "") + next(k for k, (f, _n) in SORTS.items() if f == field)
    qs = filter_complaints(user, filters)
    if after and (cursor := _decode(after, field)):
        qs = _after(qs, field, desc, nullable, *cursor)
    order = F(field).desc(nulls_last=True) if desc else F(field).asc(nulls_last=True)
    qs = (
        qs.select_related("region", "batch")
        .prefetch_related(Prefetch("pollution_types", queryset=PollutionType.objects.order_by("position")))
        .order_by(order, "-id" if desc else "id")
    )
    size = size or PAGE_SIZE
    rows = list(qs[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    next_cursor = _encode(getattr(rows[-1], field), rows[-1].pk) if more else ""
    return Page(rows, next_cursor, sort)


def list_complaint_events(complaint: Complaint) -> QuerySet[AuditEvent]:
    """The complaint's timeline: its own audit events and its batch's.

    Read straight from the log, not through the audit page's scoping: whoever may see
    the complaint may see what happened to it (before/after are masked already)."""
    return AuditEvent.objects.filter(
        Q(object_type="complaints.complaint", object_id=str(complaint.pk))
        | Q(object_type="complaints.batch", object_id=str(complaint.batch_id))
    ).order_by("seq")
