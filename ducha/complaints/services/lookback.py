"""Look-back (回头看): sample closed complaints for a recheck and record the result."""

from __future__ import annotations

import random

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit.services import record
from ducha.complaints.models import Complaint, ComplaintStatus, Recheck, RecheckResult
from ducha.errors import DomainError
from ducha.org import scoping


def sample_for_recheck(*, actor, inspection, count: int, seed: int | None = None) -> list[Recheck]:
    """Draw `count` closed complaints not yet rechecked, at random, visible to the actor."""
    if count <= 0:
        raise DomainError(_("抽取数量应大于0。"), field="count")
    pool = list(
        scoping.visible_to(actor, Complaint)
        .filter(inspection=inspection, status__in=ComplaintStatus.CLOSED_STATES, rechecks__isnull=True)
        .values_list("pk", flat=True)
    )
    chosen = random.Random(seed).sample(pool, min(count, len(pool)))
    now = timezone.now()
    out = []
    with transaction.atomic():
        for complaint in Complaint.objects.filter(pk__in=chosen):
            scoping.require(actor, "recheck", complaint)
            out.append(Recheck.objects.create(complaint=complaint, sampled_at=now, sampled_by=actor))
            record(actor=actor, action="complaints.recheck.sample", obj=complaint)
    return out


def record_recheck(recheck: Recheck, *, actor, result: str, note: str) -> Recheck:
    if result not in RecheckResult.values or result == RecheckResult.PENDING:
        raise DomainError(_("请选择复核结果。"), field="result")
    with transaction.atomic():
        recheck = Recheck.objects.select_for_update().select_related("complaint").get(pk=recheck.pk)
        scoping.require(actor, "recheck", recheck.complaint)
        recheck.result, recheck.note = result, note.strip()
        recheck.checked_at, recheck.checked_by = timezone.now(), actor
        recheck.save(update_fields=["result", "note", "checked_at", "checked_by"])
        record(
            actor=actor,
            action="complaints.recheck.record",
            obj=recheck.complaint,
            after={"result": result, "note": recheck.note},
        )
    return recheck
