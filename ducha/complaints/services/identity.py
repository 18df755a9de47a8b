"""The complainant's identity, opened for the office of the complaint's region only, audited.

Identity written inside the complaint's free text (its text, handling reports and parts,
rechecks, requests) is sealed at save and shown masked; the same audited reveal shows it as written."""

from __future__ import annotations

from django.db import transaction

from ducha.audit.services import record
from ducha.complaints.models import AssignmentRequest, Complaint, Handling, HandlingPart, Recheck
from ducha.fields import PiiText
from ducha.org import scoping

IDENTITY_FIELDS = ("complainant_name", "complainant_phone", "complainant_id_number", "complainant_address")
HANDLING_TEXTS = ("findings", "measures", "accountability_text", "review_note")


def reveal_complainant(complaint: Complaint, *, actor) -> dict:
    """The complainant's identity in plain text, for the office; every look is audited.

    `texts` holds the free texts that carry identity, as written: (label, text)."""
    with transaction.atomic(durable=True):
        scoping.require(actor, "reveal_identity", complaint)
        complaint = Complaint.objects.get(pk=complaint.pk)
        texts = _texts_with_identity(complaint)
        fields = list(IDENTITY_FIELDS) + [where for where, _label, _text in texts]
        record(actor=actor, action="pii.reveal", obj=complaint, after={"fields": fields})
    identity: dict = {name: getattr(complaint, name) for name in IDENTITY_FIELDS}
    identity["texts"] = [(label, text) for _where, label, text in texts]
    return identity


def _texts_with_identity(complaint: Complaint) -> list[tuple[str, str, str]]:
    """(where, label, text as written) for each free text of the complaint holding identity."""
    rows = [("text", Complaint._meta.get_field("text").verbose_name, complaint.text)]
    for handling in Handling.objects.filter(complaint=complaint).order_by("pk"):
        for name in HANDLING_TEXTS:
            rows.append(
                (f"handling.{handling.pk}.{name}", Handling._meta.get_field(name).verbose_name, getattr(handling, name))
            )
    for part in HandlingPart.objects.filter(handling__complaint=complaint).order_by("pk"):
        rows.append((f"handling_part.{part.pk}.text", HandlingPart._meta.get_field("text").verbose_name, part.text))
    for recheck in Recheck.objects.filter(complaint=complaint).order_by("pk"):
        rows.append((f"recheck.{recheck.pk}.note", Recheck._meta.get_field("note").verbose_name, recheck.note))
    for req in AssignmentRequest.objects.filter(assignment__complaint=complaint).order_by("pk"):
        for name in ("reason", "decision_note"):
            label = AssignmentRequest._meta.get_field(name).verbose_name
            rows.append((f"request.{req.pk}.{name}", label, getattr(req, name)))
    return [(w, str(label), v.revealed()) for w, label, v in rows if isinstance(v, PiiText) and v.originals]
