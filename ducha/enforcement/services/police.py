"""The police's side (公安机关): accept a transferred case, decide on 立案 or 不予立案
(written reasons, the materials returned), end the investigation (移送审查起诉 or
撤案), or hand the case back for administrative penalty (copied to the procuratorate,
who sees every transferred case of its region)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.enforcement.choices import CaseState, DeadlineStep, OpinionKind, OpinionOutcome
from ducha.enforcement.models import CaseTransfer
from ducha.enforcement.services.cases import carry_out
from ducha.enforcement.services.common import move, need_text


def accept_case(case: CaseTransfer, *, actor, note: str = "", at=None) -> CaseTransfer:
    """Written acceptance (受理); the 3 days to decide on 立案 keep running."""
    with transaction.atomic(durable=True):
        return move(
            case,
            actor=actor,
            action="police",
            event="enforcement.case.accept",
            allowed=(CaseState.TRANSFERRED,),
            to=CaseState.ACCEPTED,
            note=note.strip(),
            answers=False,
            at=at,
        )


def file_case(case: CaseTransfer, *, actor, note: str = "", at=None) -> CaseTransfer:
    """立案: after acceptance, on reconsideration, or under the procuratorate's oversight
    (whose opinion is then carried out)."""
    at = at or timezone.now()
    with transaction.atomic(durable=True):
        case = move(
            case,
            actor=actor,
            action="police",
            event="enforcement.case.file",
            tell=("bureau", "procuratorate"),
            allowed=(CaseState.TRANSFERRED, CaseState.ACCEPTED, CaseState.RECONSIDERATION, CaseState.OVERSIGHT),
            to=CaseState.FILED,
            note=note.strip(),
            at=at,
            fields={"filing_decided_at": at},
        )
        for opinion in case.opinions.filter(kind=OpinionKind.OVERSIGHT, outcome=OpinionOutcome.PENDING):
            carry_out(opinion, actor=actor, note=_("公安机关已立案。"))
    return case


def refuse_filing(case: CaseTransfer, *, actor, reasons: str, materials_returned: bool = True, at=None) -> CaseTransfer:
    """不予立案 with written reasons and the materials returned; the bureau has 3 days
    to object. On reconsideration or oversight, the refusal upheld."""
    reasons = need_text(reasons, "reasons")
    at = at or timezone.now()
    with transaction.atomic(durable=True):
        first = CaseTransfer.objects.select_for_update().get(pk=case.pk).state in (
            CaseState.TRANSFERRED,
            CaseState.ACCEPTED,
        )
        return move(
            case,
            actor=actor,
            action="police",
            event="enforcement.case.refuse_filing",
            tell=("bureau", "procuratorate"),
            allowed=(CaseState.TRANSFERRED, CaseState.ACCEPTED, CaseState.RECONSIDERATION, CaseState.OVERSIGHT),
            to=CaseState.NOT_FILED,
            note=reasons,
            starts=DeadlineStep.OBJECTION if first else None,
            at=at,
            fields={"police_reasons": reasons, "materials_returned": materials_returned, "filing_decided_at": at},
        )


def refer_prosecution(case: CaseTransfer, *, actor, note: str = "", at=None) -> CaseTransfer:
    """移送审查起诉: the investigation ends with the case sent to the procuratorate."""
    with transaction.atomic(durable=True):
        return move(
            case,
            actor=actor,
            action="police",
            event="enforcement.case.refer_prosecution",
            allowed=(CaseState.FILED,),
            to=CaseState.PROSECUTION,
            note=note.strip(),
            at=at,
        )


def withdraw_case(case: CaseTransfer, *, actor, reason: str, at=None) -> CaseTransfer:
    """撤案, with its reason."""
    reason = need_text(reason, "reason")
    with transaction.atomic(durable=True):
        return move(
            case,
            actor=actor,
            action="police",
            event="enforcement.case.withdraw",
            allowed=(CaseState.FILED,),
            to=CaseState.WITHDRAWN,
            note=reason,
            at=at,
            fields={"outcome": reason},
        )


def return_for_penalty(case: CaseTransfer, *, actor, reason: str, at=None) -> CaseTransfer:
    """The reverse path: no crime to pursue, but a penalty is due; back to the bureau,
    copied to the procuratorate."""
    reason = need_text(reason, "reason")
    with transaction.atomic(durable=True):
        return move(
            case,
            actor=actor,
            action="police",
            event="enforcement.case.return",
            tell=("bureau", "procuratorate"),
            allowed=(CaseState.TRANSFERRED, CaseState.ACCEPTED, CaseState.FILED, CaseState.WITHDRAWN),
            to=CaseState.RETURNED,
            note=reason,
            at=at,
            fields={"outcome": reason},
        )
