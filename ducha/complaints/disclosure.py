"""Disclosure (公开) of a batch's results: the one-glance table, previewed, approved,
then shown on the public page. The complainant's identity is never in it, and phone
or ID numbers written inside the text are redacted by the document core."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit.services import record
from ducha.complaints.models import (
    Batch,
    Complaint,
    ComplaintStatus,
    Disclosure,
    DisclosureStatus,
    HandlingStatus,
)
from ducha.core.documents.disclosure import DisclosureRow, write_disclosure
from ducha.errors import DomainError, NotPermitted
from ducha.org import scoping

CLOSED = (ComplaintStatus.CLOSED, ComplaintStatus.CLOSED_PENDING)


def disclosure_rows(batch: Batch):
    """One row per complaint of the batch, in ref order, from accepted handling reports."""
    complaints = (
        Complaint.objects.filter(batch=batch)
        .select_related("region")
        .prefetch_related("pollution_types", "handlings")
        .order_by("ref")
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


def write_batch_disclosure(batch: Batch, target) -> int:
    return write_disclosure(target, title=title_for(batch), rows=disclosure_rows(batch))


def approve_disclosure(batch: Batch, *, actor) -> Disclosure:
    """The office approves a batch for the public page once every complaint is closed."""
    with transaction.atomic():
        batch = Batch.objects.select_for_update().get(pk=batch.pk)
        sample = Complaint.objects.filter(batch=batch).first()
        if sample is None:
            raise NotPermitted()
        scoping.require(actor, "disclose", sample)
        open_refs = list(
            Complaint.objects.filter(batch=batch).exclude(status__in=CLOSED).values_list("ref", flat=True)[:10]
        )
        if open_refs:
            raise DomainError(
                _("以下信访件尚未办结，不能公开：%(refs)s") % {"refs": "、".join(open_refs)}, field="batch"
            )
        disclosure, _created = Disclosure.objects.update_or_create(
            batch=batch,
            defaults={"status": DisclosureStatus.APPROVED, "approved_by": actor, "approved_at": timezone.now()},
        )
        record(actor=actor, action="complaints.disclosure.approve", obj=batch, object_repr=title_for(batch))
    return disclosure
