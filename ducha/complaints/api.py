"""Complaints (信访件) in the API: the list (filters, keyset cursor), one by id, and
dispatch through the service (the version read must still be current: else 409). Identity is always masked here, as on the pages for a
role without the grant; free text shows its identity masked (PiiText)."""

import datetime as dt
from typing import Annotated

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema

from ducha.api_auth import AUTH
from ducha.api_errors import ERRORS
from ducha.complaints import feed
from ducha.complaints.models import Complaint, ComplaintStatus
from ducha.complaints.services.dispatch import dispatch_complaint
from ducha.errors import DomainError
from ducha.inspections.models import DueKind
from ducha.org import scoping
from ducha.org.models import Unit

router = Router(auth=AUTH, tags=["complaints"])

# a row id as a path parameter: out-of-range numbers are a 422, not a database error
PK = Annotated[int, Path(ge=1, le=2**31 - 1)]
IDENTITY = ("complainant_name", "complainant_phone", "complainant_id_number", "complainant_address")


class Identity(Schema):
    name: str
    phone: str
    id_number: str
    address: str


class ComplaintOut(Schema):
    id: int
    ref: str
    inspection: str
    batch: int
    serial: int | None
    channel: str
    accepted_at: dt.datetime | None
    text: str
    region: str
    region_name: str
    pollution_types: list[str]
    is_key: bool
    status: str
    status_label: str
    lead_unit: str | None
    dispatched_at: dt.datetime | None
    due_on: dt.date | None
    closed_at: dt.datetime | None
    complainant: Identity
    version: int
    updated_at: dt.datetime


class ComplaintPage(Schema):
    items: list[ComplaintOut]
    next_cursor: str | None


class ComplaintFilters(Schema):
    inspection: str = Field("", max_length=32, pattern=r"^[-a-zA-Z0-9_]*$", description="督察代码")
    batch: int | None = Field(None, ge=1, le=100000, description="批次")
    region: str = Field("", pattern=r"^(\d{6})?$", description="行政区划代码（含下级）")
    status: ComplaintStatus | None = None
    ref: str = Field("", max_length=64, pattern=r"^[^\x00]*$", description="受理编号")
    updated_since: dt.datetime | None = Field(None, description="只列出此后有变化的信访件")
    cursor: str = Field("", max_length=200, pattern=r"^[-A-Za-z0-9_]*$", description="上一页返回的 next_cursor")
    limit: int = Field(50, ge=1, le=feed.MAX_LIMIT)


def out(c: Complaint) -> dict:
    masked = [Complaint._meta.get_field(name).masked(getattr(c, name)) for name in IDENTITY]
    return {
        "id": c.pk,
        "ref": c.ref,
        "inspection": c.inspection.code,
        "batch": c.batch.number,
        "serial": c.serial,
        "channel": c.channel,
        "accepted_at": c.accepted_at,
        "text": str(c.text),  # PiiText: the identity inside masked
        "region": c.region_id,
        "region_name": c.region.name,
        "pollution_types": [p.name for p in c.pollution_types.all()],
        "is_key": c.is_key,
        "status": c.status,
        "status_label": str(c.get_status_display()),
        "lead_unit": c.lead_unit.name if c.lead_unit else None,
        "dispatched_at": c.dispatched_at,
        "due_on": c.due_on,
        "closed_at": c.closed_at,
        "complainant": dict(zip(("name", "phone", "id_number", "address"), masked, strict=True)),
        "version": c.version,
        "updated_at": c.updated_at,
    }


@router.get("/complaints", response={200: ComplaintPage, **ERRORS}, summary="信访件列表")
def list_complaints(request, filters: Query[ComplaintFilters]):
    qs = feed.complaints(
        request.user,
        inspection=filters.inspection,
        batch=filters.batch,
        region=filters.region,
        status=filters.status.value if filters.status else "",
        ref=filters.ref,
        updated_since=filters.updated_since,
    )
    found = feed.page(qs, cursor=filters.cursor, limit=filters.limit)
    return {"items": [out(c) for c in found.items], "next_cursor": found.next_cursor}


@router.get("/complaints/{complaint_id}", response={200: ComplaintOut, **ERRORS}, summary="信访件")
def get_complaint(request, complaint_id: PK):
    return out(get_object_or_404(feed.with_related(scoping.visible_to(request.user, Complaint)), pk=complaint_id))


class DispatchIn(Schema):
    lead_unit: int = Field(..., ge=1, le=2**31 - 1, description="牵头单位 id")
    support_units: list[Annotated[int, Field(ge=1, le=2**31 - 1)]] = Field([], max_length=50, description="配合单位 id")
    due_days: int | None = Field(None, ge=1, le=365, description="办理时限（天），留空按督察默认")
    due_kind: DueKind | None = None
    version: int = Field(..., ge=1, le=2**31 - 1, description="读取时信访件的 version；已被他人修改则 409")


def _units(ids: list[int], field: str) -> list[Unit]:
    found = {u.pk: u for u in Unit.objects.filter(is_active=True, pk__in=ids)}
    if len(found) != len(set(ids)):
        raise DomainError(_("单位不存在或已停用。"), field=field, code="invalid")
    return [found[i] for i in dict.fromkeys(ids)]


@router.post("/complaints/{complaint_id}/dispatch", response={200: ComplaintOut, **ERRORS}, summary="转办")
def dispatch(request, complaint_id: PK, data: DispatchIn):
    complaint = scoping.get_for(request.user, Complaint, complaint_id)
    dispatch_complaint(
        complaint,
        actor=request.user,
        lead_unit=_units([data.lead_unit], "lead_unit")[0],
        support_units=_units(data.support_units, "support_units"),
        due_days=data.due_days,
        due_kind=data.due_kind.value if data.due_kind else None,
        expected_version=data.version,
    )
    return out(feed.with_related(Complaint.objects).get(pk=complaint.pk))
