"""The complainant's identity, opened for the office of the complaint's region only, audited."""

from __future__ import annotations

from django.db import transaction

from ducha.audit.services import record
from ducha.complaints.models import Complaint
from ducha.org import scoping

IDENTITY_FIELDS = ("complainant_name", "complainant_phone", "complainant_id_number", "complainant_address")


def reveal_complainant(complaint: Complaint, *, actor) -> dict[str, str]:
    """The complainant's identity in plain text, for the office; every look is audited."""
    with transaction.atomic(durable=True):
        scoping.require(actor, "reveal_identity", complaint)
        complaint = Complaint.objects.get(pk=complaint.pk)
        record(actor=actor, action="pii.reveal", obj=complaint, after={"fields": list(IDENTITY_FIELDS)})
    return {name: getattr(complaint, name) for name in IDENTITY_FIELDS}
