"""A complaint found on a site visit (专项督查 / 暗访): it enters the handling workflow
like an imported one, in a reserved batch of the inspection."""

from __future__ import annotations

import hashlib
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit.services import record
from ducha.complaints.models import Batch, Complaint
from ducha.complaints.services import import_rows, repeat_index
from ducha.complaints.services.identity import IDENTITY_FIELDS
from ducha.complaints.services.intake import enqueue_repeat_scan
from ducha.errors import DomainError
from ducha.inspections.models import Inspection
from ducha.org import scoping

VISIT_BATCH_NUMBER = 0  # reserved: the batch of each inspection that holds visit findings


VISIT_BATCH_SOURCE = "专项督查/暗访发现"


VISIT_REF_PREFIX = "DC"


def _visit_batch(inspection: Inspection, *, actor, text: str, source_label: str) -> Batch:
    """The inspection's visit batch, created on first use (the caller holds the inspection lock)."""
    batch = Batch.objects.filter(inspection=inspection, number=VISIT_BATCH_NUMBER).first()
    if batch is None:
        batch = Batch.objects.create(
            inspection=inspection,
            number=VISIT_BATCH_NUMBER,
            handed_over_on=timezone.localdate(),
            source_name=source_label or VISIT_BATCH_SOURCE,
            source_file="",
            source_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            imported_by=actor,
        )
    return batch


def _next_visit_ref(inspection: Inspection, year: int) -> str:
    prefix = f"{VISIT_REF_PREFIX}-{year}-"
    used = Complaint.objects.filter(inspection=inspection, ref__startswith=prefix).values_list("ref", flat=True)
    last = max((int(r[len(prefix) :]) for r in used if r[len(prefix) :].isdigit()), default=0)
    return f"{prefix}{last + 1:03d}"


def create_complaint_from_visit(
    *,
    actor,
    inspection: Inspection,
    text: str,
    region,
    pollution_codes=(),
    source_label: str = VISIT_BATCH_SOURCE,
) -> Complaint:
    """One complaint from a problem found on a visit: in the inspection's visit batch
    (number 0), with the next ref DC-<year>-<seq> of the inspection, audited.

    Joins the caller's transaction (a supervision service links it to its finding);
    the actor must be able to see the complaint it creates."""
    from ducha.complaints.models import ComplaintPollution, PollutionType

    text = (text or "").strip()
    if not text:
        raise DomainError(_("请填写问题情况。"), field="text")
    codes = sorted(set(pollution_codes))
    known = set(PollutionType.objects.filter(code__in=codes).values_list("code", flat=True))
    if unknown := [c for c in codes if c not in known]:
        raise DomainError(_("污染类型无效：%(codes)s。") % {"codes": "、".join(unknown)}, field="pollution_codes")
    scoping.require(actor, "view", inspection)
    with transaction.atomic():
        inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
        batch = _visit_batch(inspection, actor=actor, text=text, source_label=source_label)
        now = timezone.now()
        ref = _next_visit_ref(inspection, timezone.localdate().year)
        content = {
            "channel": "",
            "accepted_at": now,
            "text": text,
            "region_id": region.code,
            "pollution_types": tuple(codes),
            "is_key": False,
            "team_repeat": None,
        } | {name: "" for name in IDENTITY_FIELDS}
        complaint = Complaint.objects.create(
            inspection=inspection,
            batch=batch,
            ref=ref,
            accepted_at=now,
            text=text,
            region=region,
            content_digest=import_rows.digest(content),
        )
        ComplaintPollution.objects.bulk_create(
            [ComplaintPollution(complaint=complaint, pollution_type_id=code) for code in codes]
        )
        repeat_index.write_index([(complaint.pk, text, region.code, codes)])
        scoping.require(actor, "view", complaint)
        record(
            actor=actor,
            action="complaints.complaint.create_from_visit",
            obj=complaint,
            object_repr=f"{inspection.code} {ref}",
            after={
                "ref": ref,
                "batch": batch.number,
                "region": region.code,
                "pollution_types": codes,
                "text": text,
                "source": source_label,
            },
        )
        transaction.on_commit(partial(enqueue_repeat_scan, inspection.pk))
    return complaint
