"""Reads for the public pages: only what a batch's approval made public."""

from __future__ import annotations

from django.db.models import F, QuerySet

from ducha.complaints.models import Complaint, ComplaintPollution, DisclosureStatus
from ducha.org.models import Region

LIMIT = 200
COMPLAINANT_FIELDS = ("complainant_name", "complainant_phone", "complainant_id_number", "complainant_address")


def public_complaints(*, ref: str = "", region: str = "", pollution: str = "") -> QuerySet[Complaint]:
    """Complaints of approved batches for the public search, by 受理编号 (part of it),
    行政区域 (a code; a city takes its counties) and 污染类型. The complainant columns
    and the text are never loaded."""
    qs = Complaint.objects.filter(batch__disclosure__status=DisclosureStatus.APPROVED)
    if ref:
        qs = qs.filter(ref__icontains=ref)
    if region:
        found = Region.objects.filter(code=region).first()
        qs = qs.filter(region__code__startswith=found.prefix) if found else qs.none()
    if pollution:
        qs = qs.filter(pk__in=ComplaintPollution.objects.filter(pollution_type_id=pollution).values("complaint_id"))
    return (
        qs.select_related("region", "batch__inspection", "batch__disclosure")
        .prefetch_related("pollution_types")
        .defer("text", *COMPLAINANT_FIELDS)
        .order_by("-batch__disclosure__approved_at", "batch_id", F("serial").asc(nulls_last=True), "ref")
    )
