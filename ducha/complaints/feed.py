"""The API's list of complaints: the user's visible complaints under the list's filters,
oldest change first, paged by a keyset cursor over (updated_at, id) so a system that
polls with `updated_since` sees every change once and pages never shift."""

from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.complaints.models import Complaint, PollutionType
from ducha.complaints.queries import filter_complaints
from ducha.errors import DomainError
from ducha.org.models import Region

MAX_LIMIT = 200


@dataclass
class FeedPage:
    items: list[Complaint]
    next_cursor: str | None


def encode(c: Complaint) -> str:
    raw = json.dumps([c.updated_at.isoformat(), c.pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str) -> tuple[dt.datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value, pk = json.loads(raw)
        return _aware(dt.datetime.fromisoformat(value)), int(pk)
    except (ValueError, TypeError, UnicodeDecodeError, DomainError):
        raise DomainError(_("分页游标无效，请从第一页重新读取。"), field="cursor", code="invalid") from None


def complaints(user, *, inspection="", batch=None, region="", status="", ref="", updated_since=None) -> QuerySet:
    filters: dict = {"status": status}
    if region:
        filters["region"] = Region.objects.filter(code=region).first()
        if filters["region"] is None:
            raise DomainError(_("行政区划代码不存在。"), field="region", code="invalid")
    qs = filter_complaints(user, filters)
    if inspection:
        qs = qs.filter(inspection__code=inspection)
    if batch is not None:
        qs = qs.filter(batch__number=batch)
    if ref:
        qs = qs.filter(ref=ref)
    if updated_since is not None:
        qs = qs.filter(updated_at__gte=_aware(updated_since))
    return qs


def _aware(moment: dt.datetime) -> dt.datetime:
    """In UTC; a time without a zone is China's. Years at the edge of the calendar are refused."""
    try:
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        raise DomainError(_("时间超出范围。"), field="updated_since", code="invalid") from None


def with_related(qs: QuerySet) -> QuerySet:
    return qs.select_related("inspection", "batch", "region", "lead_unit").prefetch_related(
        Prefetch("pollution_types", queryset=PollutionType.objects.order_by("position"))
    )


def page(qs: QuerySet, *, cursor: str = "", limit: int = 50) -> FeedPage:
    if cursor:
        at, pk = decode(cursor)
        qs = qs.filter(Q(updated_at__gt=at) | Q(updated_at=at, id__gt=pk))
    rows = list(with_related(qs).order_by("updated_at", "id")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return FeedPage(rows, encode(rows[-1]) if more else None)
