"""The procuratorate's side (检察机关): its opinions (检察意见) and how they were
carried out, and the prosecution's steps (起诉 / 不起诉, telling the bureau of a 不起诉
within 3 days, the judgment)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit.services import record, snapshot
from ducha.enforcement.choices import CaseState, DeadlineStep, OpinionKind, OpinionOutcome
from ducha.enforcement.models import CaseTransfer, ProcuratorateOpinion
from ducha.enforcement.services import documents
from ducha.enforcement.services.common import lock, move, need_text
from ducha.errors import DomainError, InvalidTransition, NotPermitted
from ducha.org import scoping
from ducha.org.models import Role

MSG_ALREADY_TOLD = _("已告知移送机关不起诉决定。")
REQUESTS = {
    OpinionKind.SUGGEST_TRANSFER: _("请于收到本意见书之日起3日内将案件移送公安机关，并将办理情况书面回复本院。"),
    OpinionKind.OVERSIGHT: _("请说明不予立案的理由，或依法立案侦查，并将办理情况书面回复本院。"),
}
# which states each kind speaks to, and the state the case is in after it
OPINION_STATES = {
    OpinionKind.SUGGEST_TRANSFER: CaseState.KEPT_STATES,
    OpinionKind.OVERSIGHT: (CaseState.NOT_FILED, CaseState.RECONSIDERATION, CaseState.OVERSIGHT),
}


def issue_opinion(case: CaseTransfer, *, actor, kind: str, text: str, at=None) -> ProcuratorateOpinion:
    """建议移送 for a case the bureau kept (its 3 days to transfer start), or 立案监督
    for a case the police did not file; numbered per year, rendered as Word."""
    if kind not in OpinionKind.values:
        raise DomainError(_("检察意见类型无效。"), field="kind")
    text = need_text(text, "text")
    at = at or timezone.now()
    with transaction.atomic(durable=True):
        unit = scoping.principal(actor).unit_for(Role.PROCURATORATE)
        if unit is None and not scoping.principal(actor).is_admin:
            raise NotPermitted()
        case = move(
            case,
            actor=actor,
            action="procuratorate",
            event="enforcement.opinion.issue",
            tell=("bureau", "police"),
            allowed=OPINION_STATES[kind],
            to=CaseState.OVERSIGHT if kind == OpinionKind.OVERSIGHT else None,
            note=text,
            answers=False,
            starts=DeadlineStep.OPINION_TRANSFER if kind == OpinionKind.SUGGEST_TRANSFER else None,
            at=at,
        )
        opinion = ProcuratorateOpinion.objects.create(
            case=case,
            kind=kind,
            procuratorate=unit or case.procuratorate or case.bureau,
            number=documents.take_number(documents.OPINION_PREFIX, at),
            text=text,
            issued_on=timezone.localtime(at).date(),
            issued_by=actor,
        )
        opinion.document, opinion.document_sha256 = documents.render_opinion(opinion, str(REQUESTS[kind]))
        opinion.save(update_fields=["document", "document_sha256"])
    return opinion


def record_opinion_outcome(opinion: ProcuratorateOpinion, *, actor, outcome: str, note: str) -> ProcuratorateOpinion:
    """How an opinion was carried out, as the procuratorate judges it."""
    if outcome not in (OpinionOutcome.CARRIED_OUT, OpinionOutcome.NOT_CARRIED_OUT):
        raise DomainError(_("落实情况无效。"), field="outcome")
    note = need_text(note, "note")
    with transaction.atomic(durable=True):
        opinion = ProcuratorateOpinion.objects.select_for_update().select_related("case").get(pk=opinion.pk)
        scoping.require(actor, "procuratorate", opinion)
        before = snapshot(opinion, ["outcome", "outcome_note"])
        opinion.outcome, opinion.outcome_note, opinion.outcome_at = outcome, note, timezone.now()
        opinion.save(update_fields=["outcome", "outcome_note", "outcome_at"])
        record(
            actor=actor,
            action="enforcement.opinion.outcome",
            obj=opinion,
            before=before,
            after=snapshot(opinion, ["outcome", "outcome_note"]),
        )
    return opinion


def indict_case(case: CaseTransfer, *, actor, note: str = "", at=None) -> CaseTransfer:
    """起诉."""
    with transaction.atomic(durable=True):
        return move(
            case,
            actor=actor,
            action="procuratorate",
            event="enforcement.case.indict",
            allowed=(CaseState.PROSECUTION,),
            to=CaseState.INDICTED,
            note=note.strip(),
            at=at,
        )


def decline_prosecution(case: CaseTransfer, *, actor, reason: str, at=None) -> CaseTransfer:
    """不起诉: the bureau is to be told within 3 days."""
    reason = need_text(reason, "reason")
    with transaction.atomic(durable=True):
        return move(
            case,
            actor=actor,
            action="procuratorate",
            event="enforcement.case.decline_prosecution",
            allowed=(CaseState.PROSECUTION,),
            to=CaseState.NOT_PROSECUTED,
            note=reason,
            starts=DeadlineStep.NON_PROSECUTION_NOTICE,
            at=at,
            fields={"outcome": reason},
        )


def notify_non_prosecution(case: CaseTransfer, *, actor, note: str = "", at: dt.datetime | None = None):
    """The written notice of a 不起诉 to the bureau (stops its clock)."""
    with transaction.atomic(durable=True):
        if lock(case).clock != DeadlineStep.NON_PROSECUTION_NOTICE:
            raise InvalidTransition(MSG_ALREADY_TOLD)
        return move(
            case,
            actor=actor,
            action="procuratorate",
            event="enforcement.case.notify_non_prosecution",
            tell=("bureau",),
            allowed=(CaseState.NOT_PROSECUTED,),
            note=note.strip(),
            at=at,
        )


def record_judgment(case: CaseTransfer, *, actor, judgment: str, at=None) -> CaseTransfer:
    """The court's judgment, as the procuratorate reports it."""
    judgment = need_text(judgment, "judgment")
    with transaction.atomic(durable=True):
        return move(
            case,
            actor=actor,
            action="procuratorate",
            event="enforcement.case.judge",
            allowed=(CaseState.INDICTED,),
            to=CaseState.JUDGED,
            note=judgment,
            at=at,
            fields={"outcome": judgment},
        )
