"""Every read of the complaints pages, always starting from what the user may see."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ducha.audit.models import AuditEvent
from ducha.complaints.handler_queues import (  # noqa: F401  (re-exported: callers read them from here)
    HANDLER_TABS,
    handler_counts,
    handler_tab,
    handler_units,
    support_q,
)
from ducha.complaints.models import (
    AssignmentRequest,
    Batch,
    Complaint,
    ComplaintStatus,
    HandlingStatus,
    ImportJob,
    ImportJobStatus,
    PollutionType,
    RepeatSuggestion,
    RequestStatus,
    SuggestionStatus,
)
from ducha.core.documents.disclosure import DisclosureRow
from ducha.core.textsim.evidence import marked
from ducha.inspections.models import Inspection
from ducha.org import scoping
from ducha.org.models import Region, Role
from ducha.places import lexicon
from ducha.zoning.models import Location

PAGE_SIZE = 50
# sort parameter → (model field, nullable); "-" in front sorts descending
SORTS = {"ref": ("ref", False), "accepted_at": ("accepted_at", True), "region": ("region_id", False)}
DEFAULT_SORT = "-accepted_at"


def list_inspections(user) -> QuerySet[Inspection]:
    return scoping.visible_to(user, Inspection).annotate(batch_count=Count("batches"))


def list_batches(user) -> QuerySet[Batch]:
    return (
        scoping.visible_to(user, Batch)
        .select_related("inspection", "imported_by", "disclosure")
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
    from ducha.complaints.services.import_jobs import progress_path

    try:
        return min(int(progress_path(job).read_text() or 0), job.rows_total)
    except (OSError, ValueError):
        return 0


def is_import_waiting(job: ImportJob) -> bool:
    """The running job waits for another import of its inspection (its progress file says so)."""
    if job.status != ImportJobStatus.RUNNING:
        return False
    from ducha.complaints.services.import_jobs import WAITING_MARK, progress_path

    try:
        return progress_path(job).read_text() == WAITING_MARK
    except OSError:
        return False


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
    if code := (filters.get("control_unit") or "").strip():
        placed = Location.objects.filter(item_kind="complaints.complaint", edition__is_current=True, unit__code=code)
        qs = qs.filter(pk__in=placed.values("item_id"))
    return qs


def sorted_complaints(user, filters: dict, sort: str = DEFAULT_SORT) -> QuerySet[Complaint]:
    """Every complaint of the filter in the list's order (the export and print view)."""
    field, desc, _nullable = _sort_parts(sort)
    return _ordered(filter_complaints(user, filters), field, desc).select_related("lead_unit")


def _ordered(qs: QuerySet, field: str, desc: bool) -> QuerySet:
    order = F(field).desc(nulls_last=True) if desc else F(field).asc(nulls_last=True)
    return (
        qs.select_related("region", "batch")
        .prefetch_related(Prefetch("pollution_types", queryset=PollutionType.objects.order_by("position")))
        .order_by(order, "-id" if desc else "id")
    )


def list_complaints(user, filters: dict, *, sort: str = DEFAULT_SORT, after: str = "", size: int | None = None) -> Page:
    field, desc, nullable = _sort_parts(sort)
    sort = ("-" if desc else "") + next(k for k, (f, _n) in SORTS.items() if f == field)
    qs = filter_complaints(user, filters)
    if after and (cursor := _decode(after, field)):
        qs = _after(qs, field, desc, nullable, *cursor)
    qs = _ordered(qs, field, desc)
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


def open_repeats_of(complaint: Complaint):
    return complaint.repeat_suggestions.filter(status=SuggestionStatus.OPEN)


def open_suggestions(*, inspection):
    return (
        RepeatSuggestion.objects.filter(status=SuggestionStatus.OPEN, complaint__inspection=inspection)
        .select_related("complaint", "candidate", "candidate__inspection")
        .order_by("complaint_id", "-score")
    )


def disclosure_rows(batch: Batch):
    """One row per complaint of the batch, in the team's order (序号, then 受理编号; rows
    without a 序号 last), from accepted handling reports."""
    complaints = (
        Complaint.objects.filter(batch=batch)
        .select_related("region")
        .prefetch_related("pollution_types", "handlings")
        .order_by(F("serial").asc(nulls_last=True), "ref")
    )
    for c in complaints.iterator(chunk_size=500):
        accepted = next((h for h in c.handlings.all() if h.status == HandlingStatus.ACCEPTED), None)
        yield DisclosureRow(
            ref=c.ref,
            text=c.text,
            region=c.region.name,
            pollution="、".join(p.name for p in c.pollution_types.all()),
            findings=accepted.findings if accepted else "",
            veracity=accepted.get_veracity_display() if accepted and accepted.veracity else "",
            measures=accepted.measures if accepted else "",
            accountability=accepted.accountability_text if accepted else "",
        )


def title_for(batch: Batch) -> str:
    return _("%(team)s交办信访件办理情况一览表（第%(n)s批）") % {"team": batch.inspection.team, "n": batch.number}


DUE_SOON_DAYS = 3


@dataclass
class QueuePage:
    rows: list
    next_cursor: str


def keyset_page(qs, *, by_due: bool, after: str, size: int | None = None) -> QueuePage:
    """Rows ordered by (due_on, id) or by id, after the cursor; never an OFFSET."""
    size = size or PAGE_SIZE
    if by_due:
        qs = qs.order_by("due_on", "id")
        if after:
            try:
                day, pk = after.split("_")
                day, pk = dt.date.fromisoformat(day), int(pk)
            except ValueError:
                pass
            else:
                qs = qs.filter(Q(due_on__gt=day) | Q(due_on=day, id__gt=pk))
    else:
        qs = qs.order_by("id")
        if after.isdigit():
            qs = qs.filter(id__gt=int(after))
    rows = list(qs[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    cursor = ""
    if more:
        last = rows[-1]
        cursor = f"{last.due_on.isoformat()}_{last.pk}" if by_due else str(last.pk)
    return QueuePage(rows, cursor)


OFFICE_TABS = [
    ("received", gettext_lazy("待转办")),
    ("submitted", gettext_lazy("待审核")),
    ("due_soon", gettext_lazy("即将逾期")),
    ("overdue", gettext_lazy("已逾期")),
    ("requests", gettext_lazy("待审批申请")),
    ("repeats", gettext_lazy("重复件待确认")),
]


def office_counts(user, today: dt.date) -> dict[str, int]:
    """Every tab's count: one aggregate over the visible complaints, one count each for
    pending requests and open repeat suggestions."""
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    counts = scoping.visible_to(user, Complaint).aggregate(
        received=Count("pk", filter=Q(status=ComplaintStatus.RECEIVED)),
        submitted=Count("pk", filter=Q(status=ComplaintStatus.SUBMITTED)),
        due_soon=Count("pk", filter=Q(status__in=ComplaintStatus.OPEN_STATES, due_on__gte=today, due_on__lte=soon)),
        overdue=Count("pk", filter=Q(status__in=ComplaintStatus.OPEN_STATES, due_on__lt=today)),
    )
    # driven from the visible complaints through the join: the few pending rows are
    # found by their complaint, instead of an IN over every visible complaint's id
    counts["requests"] = _pending_requests(user).count()
    counts["repeats"] = _open_suggestions(user).count()
    return counts


def _pending_requests(user, after: int = 0):
    return _children(user, "assignments__requests", RequestStatus.PENDING, after)


def _open_suggestions(user, after: int = 0):
    return _children(user, "repeat_suggestions", SuggestionStatus.OPEN, after)


def _children(user, relation: str, status: str, after: int):
    # one filter() call, so status, cursor, order and ids all use the same join
    return scoping.visible_to(user, Complaint).filter(**{f"{relation}__status": status, f"{relation}__id__gt": after})


def _child_page(visible, key: str, model, related: tuple) -> QueuePage:
    """A keyset page of child rows (requests, suggestions) found through the visible
    complaints: their ids first, then the rows themselves."""
    ids = list(visible.order_by(key).values_list(key, flat=True)[: PAGE_SIZE + 1])
    more = len(ids) > PAGE_SIZE
    ids = ids[:PAGE_SIZE]
    rows = list(model.objects.filter(pk__in=ids).select_related(*related).order_by("id"))
    return QueuePage(rows, str(ids[-1]) if more else "")


def office_rows(user, tab: str, today: dt.date, after: str) -> QueuePage:
    if tab == "requests":
        related = ("assignment__complaint", "assignment__unit", "requested_by")
        cursor = int(after) if after.isdigit() else 0
        return _child_page(_pending_requests(user, cursor), "assignments__requests__id", AssignmentRequest, related)
    if tab == "repeats":
        related = ("complaint__region", "candidate__region", "candidate__inspection")
        cursor = int(after) if after.isdigit() else 0
        return _child_page(_open_suggestions(user, cursor), "repeat_suggestions__id", RepeatSuggestion, related)
    return keyset_page(office_tab(user, tab, today), by_due=tab != "received", after=after)


def office_children(user, tab: str):
    """All the rows of the requests or repeats tab, in the tab's order (for 导出Excel)."""
    if tab == "requests":
        ids = _pending_requests(user).values("assignments__requests__id")
        related = ("assignment__complaint", "assignment__unit", "requested_by")
        return AssignmentRequest.objects.filter(pk__in=ids).select_related(*related).order_by("id")
    ids = _open_suggestions(user).values("repeat_suggestions__id")
    related = ("complaint__region", "candidate__inspection")
    return RepeatSuggestion.objects.filter(pk__in=ids).select_related(*related).order_by("id")


def office_tab(user, tab: str, today: dt.date) -> QuerySet[Complaint]:
    """The complaints of one of the office's complaint tabs (not requests or repeats)."""
    complaints = scoping.visible_to(user, Complaint).select_related("region", "batch", "lead_unit")
    if tab == "received":
        return complaints.filter(status=ComplaintStatus.RECEIVED)
    if tab == "submitted":
        return complaints.filter(status=ComplaintStatus.SUBMITTED, due_on__isnull=False)
    if tab == "due_soon":
        soon = today + dt.timedelta(days=DUE_SOON_DAYS)
        return complaints.filter(status__in=ComplaintStatus.OPEN_STATES, due_on__gte=today, due_on__lte=soon)
    return complaints.filter(status__in=ComplaintStatus.OPEN_STATES, due_on__lt=today)


def days_left(complaint: Complaint, today: dt.date) -> int | None:
    return (complaint.due_on - today).days if complaint.due_on else None


def repeat_rows(suggestions) -> list[tuple]:
    """(suggestion, its complaint's text, the earlier complaint's text): each text as
    (piece, marked) pieces, the words the two share as evidence marked."""
    now = lexicon.current()
    rows = []
    for s in suggestions:
        a, b = marked(
            s.complaint.text,
            s.candidate.text,
            region_a=s.complaint.region.code if s.complaint.region_id else "",
            region_b=s.candidate.region.code if s.candidate.region_id else "",
            gazetteer=now.gazetteer,
            lexicon=now.lexicon,
        )
        rows.append((s, a, b))
    return rows
