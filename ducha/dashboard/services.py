"""Freezing the figures: a FigureSnapshot of what the actor sees, as of a day."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit.services import record
from ducha.dashboard.engine import scope_for_user
from ducha.dashboard.headline import board_data
from ducha.dashboard.models import FigureSnapshot
from ducha.errors import DomainError, NotPermitted
from ducha.inspections.models import Inspection
from ducha.org import scoping
from ducha.org.models import Role

MSG_FUTURE_DATE = _("日期不能晚于今天。")


def freeze_figures(inspection: Inspection, *, actor, as_of: dt.date | None = None) -> FigureSnapshot:
    """Freeze the figures the actor sees, as of a day, for a bulletin or a report. A past
    day freezes the figures as they stood at its end, computed from the dates the records
    carry, so the snapshot equals what an as-of query of that day says, whatever changed
    since."""
    as_of = as_of or timezone.localdate()
    with transaction.atomic(durable=True):
        inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
        unit = scoping.principal(actor).unit_for(Role.LEADER, Role.OFFICE, Role.ADMIN)
        if unit is None:
            raise NotPermitted()
        snap = FigureSnapshot(inspection=inspection, region=unit.region, as_of=as_of, created_by=actor)
        scoping.require(actor, "create", snap)
        if as_of > timezone.localdate():
            raise DomainError(MSG_FUTURE_DATE, field="as_of")
        data = board_data(scope_for_user(actor, inspection, as_of, past=as_of < timezone.localdate()))
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
