"""Frozen figures (a FigureSnapshot) of what the actor sees, as of a day."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from ducha.audit.services import record
from ducha.errors import NotPermitted
from ducha.inspections.models import Inspection
from ducha.org import scoping
from ducha.org.models import Role
from ducha.supervision import queries
from ducha.supervision.models import (
    FigureSnapshot,
)
from ducha.supervision.services.common import check_date_not_future


def freeze_figures(inspection: Inspection, *, actor, as_of: dt.date | None = None) -> FigureSnapshot:
    """Freeze the figures the actor sees, as of a day, for a bulletin or a report."""
    as_of = as_of or timezone.localdate()
    with transaction.atomic(durable=True):
        inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
        unit = scoping.principal(actor).unit_for(Role.LEADER, Role.OFFICE, Role.ADMIN)
        if unit is None:
            raise NotPermitted()
        snap = FigureSnapshot(inspection=inspection, region=unit.region, as_of=as_of, created_by=actor)
        scoping.require(actor, "create", snap)
        check_date_not_future(as_of, "as_of")
        scope = queries.scope_for_user(actor, inspection, as_of)
        data = queries.board_data(scope)
        snap.data = data
        snap.created_at = timezone.now()
        snap.save()
        record(
            actor=actor,
            action="supervision.snapshot.freeze",
            obj=snap,
            after={"as_of": as_of.isoformat(), "sentences": data["sentences"]},
        )
    return snap
