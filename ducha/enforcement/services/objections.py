"""The bureau's objection to 不予立案, within 3 days of the notice: ask the police to
reconsider (复议; the police then have 3 days again), or ask the procuratorate for
立案监督."""

from __future__ import annotations

from django.db import transaction

from ducha.enforcement.choices import CaseState, DeadlineStep
from ducha.enforcement.models import CaseTransfer
from ducha.enforcement.services.common import move, need_text


def request_reconsideration(case: CaseTransfer, *, actor, reason: str, at=None) -> CaseTransfer:
    reason = need_text(reason, "reason")
    with transaction.atomic(durable=True):
        return move(
            case,
            actor=actor,
            action="bureau",
            event="enforcement.case.request_reconsideration",
            tell=("police",),
            allowed=(CaseState.NOT_FILED,),
            to=CaseState.RECONSIDERATION,
            note=reason,
            starts=DeadlineStep.POLICE_DECISION,
            at=at,
        )


def request_oversight(case: CaseTransfer, *, actor, reason: str, at=None) -> CaseTransfer:
    reason = need_text(reason, "reason")
    with transaction.atomic(durable=True):
        return move(
            case,
            actor=actor,
            action="bureau",
            event="enforcement.case.request_oversight",
            tell=("procuratorate",),
            allowed=(CaseState.NOT_FILED,),
            to=CaseState.OVERSIGHT,
            note=reason,
            at=at,
        )
