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
)
from ducha.complaints.queries import title_for
from ducha.errors import DomainError, NotPermitted
from ducha.org import scoping


def approve_disclosure(batch: Batch, *, actor) -> Disclosure:
    """The office approves a batch for the public page once every complaint is closed."""
    with transaction.atomic():
        batch = Batch.objects.select_for_update().get(pk=batch.pk)
        sample = Complaint.objects.filter(batch=batch).first()
        if sample is None:
            raise NotPermitted()
        scoping.require(actor, "disclose", sample)
        open_refs = list(
            Complaint.objects.filter(batch=batch)
            .exclude(status__in=ComplaintStatus.CLOSED_STATES)
            .values_list("ref", flat=True)[:10]
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
