"""The public unit layer: the office publishes an edition's units for the public map
(and withdraws them). Nothing else of zoning is ever public: no cases, no figures."""

from __future__ import annotations

from django.db import transaction

from ducha.audit.services import record
from ducha.org import scoping
from ducha.zoning.models import ControlUnitEdition


def set_published(edition: ControlUnitEdition, *, published: bool, actor) -> ControlUnitEdition:
    """Publish one edition's unit layer (withdrawing any other), or withdraw it."""
    with transaction.atomic(durable=True):
        edition = ControlUnitEdition.objects.select_for_update().get(pk=edition.pk)
        scoping.require(actor, "publish", edition)
        if edition.is_published == published:
            return edition
        if published:
            ControlUnitEdition.objects.filter(is_published=True).update(is_published=False)
        edition.is_published = published
        edition.save(update_fields=["is_published"])
        action = "zoning.edition.publish" if published else "zoning.edition.unpublish"
        record(actor=actor, action=action, obj=edition, after={"published": published})
    return edition


def published_edition() -> ControlUnitEdition | None:
    return ControlUnitEdition.objects.filter(is_published=True).first()
