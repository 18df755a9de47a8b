"""The bureau's side: open a case, add its materials, report it to the head, the
head's approval or refusal (the refusal's reason on record), the transfer to the
police copied to the procuratorate."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha import store
from ducha.audit.services import record, snapshot
from ducha.complaints.models import Complaint
from ducha.core.files import FileRejected, check_file
from ducha.enforcement import thresholds
from ducha.enforcement.choices import (
    CaseState,
    DeadlineStep,
    MaterialKind,
    Offence,
    OpinionKind,
    OpinionOutcome,
    PartyKind,
    SourceKind,
)
from ducha.enforcement.models import CaseTransfer, ProcuratorateOpinion, TransferMaterial
from ducha.enforcement.services import documents
from ducha.enforcement.services.common import lock, move, need_text
from ducha.errors import DomainError, NotPermitted
from ducha.inspections.models import Inspection
from ducha.org import scoping
from ducha.org.models import Role, Unit, UnitKind
from ducha.supervision.models import SiteVisit

MATERIAL_MAX_BYTES = 20 * 1024 * 1024
MSG_PARTY = _("请填写当事人。")
MSG_FACTS = _("请填写涉嫌犯罪事实。")
MSG_POLICE = _("请选择接收案件的公安机关。")
MSG_PROCURATORATE = _("请选择抄送的检察机关。")
MSG_NO_OPINION = _("该案件尚未经负责人批准移送，也没有待落实的建议移送检察意见。")


def _bureau_for(actor) -> Unit:
    unit = scoping.principal(actor).unit_for(Role.HANDLER, Role.OFFICE)
    if unit is None:
        raise NotPermitted()
    return unit


def open_case(
    *,
    actor,
    party_kind: str,
    party_name: str,
    offence: str,
    facts: str,
    penalty_case_number: str = "",
    source: str = SourceKind.NONE,
    complaint: Complaint | None = None,
    visit: SiteVisit | None = None,
    pollutant: str = "",
    exceedance_multiple: Decimal | None = None,
    prior_penalties: int = 0,
    inspection: Inspection | None = None,
    at: dt.datetime | None = None,
) -> CaseTransfer:
    """A penalty case the bureau considers handing over, flagged when a criterion is met."""
    with transaction.atomic(durable=True):
        scoping.require(actor, "create", CaseTransfer)
        if party_kind not in PartyKind.values:
            raise DomainError(_("当事人类型无效。"), field="party_kind")
        if offence not in Offence.values:
            raise DomainError(_("涉嫌罪名无效。"), field="offence")
        bureau = _bureau_for(actor)
        for source_row in (complaint, visit):
            if source_row is not None and not scoping.can(actor, "view", source_row):
                raise NotPermitted()
        case = CaseTransfer(
            inspection=getattr(complaint or visit, "inspection", None) or inspection,
            region_id=(complaint or visit).region_id if (complaint or visit) else bureau.region.code,
            bureau=bureau,
            source=source if source in SourceKind.values else SourceKind.NONE,
            complaint=complaint,
            visit=visit,
            party_kind=party_kind,
            party_name=need_text(party_name, "party_name")[:128],
            offence=offence,
            facts=need_text(facts, "facts"),
            penalty_case_number=penalty_case_number.strip()[:64],
            pollutant=pollutant.strip()[:64],
            exceedance_multiple=exceedance_multiple,
            prior_penalties=prior_penalties or 0,
            opened_by=actor,
            opened_at=at or timezone.now(),
        )
        case.threshold_hits = thresholds.hits(case)
        case.flagged = bool(case.threshold_hits)
        case.save()
        record(actor=actor, action="enforcement.case.open", obj=case, after=snapshot(case))
    return case


def add_material(case: CaseTransfer, *, actor, kind: str, name: str, content: bytes) -> TransferMaterial:
    """A file that travels with the case: type by extension and magic bytes, size capped,
    kept once in the store named by its hash."""
    if kind not in MaterialKind.values:
        raise DomainError(_("材料类型无效。"), field="kind")
    try:
        checked = check_file(name, content, max_bytes=MATERIAL_MAX_BYTES)
    except FileRejected as exc:
        raise DomainError(exc.message, field="file")
    with transaction.atomic(durable=True):
        case = lock(case)
        scoping.require(actor, "bureau", case)
        if case.state not in (*CaseState.KEPT_STATES, CaseState.RECONSIDERATION):
            raise DomainError(_("案件已移送，材料随案移送后不能再补充。"), field="file")
        kept = store.save(checked.content, kind=store.EVIDENCE, suffix=checked.suffix)
        material = TransferMaterial.objects.create(
            case=case,
            kind=kind,
            name=checked.name[:255],
            path=kept.path,
            sha256=checked.sha256,
            size=len(checked.content),
            uploaded_by=actor,
            uploaded_at=timezone.now(),
        )
        record(
            actor=actor,
            action="enforcement.material.add",
            obj=case,
            after={"kind": kind, "name": material.name, "sha256": material.sha256, "size": material.size},
        )
    return material


def report_case(case: CaseTransfer, *, actor, note: str = "", at=None) -> CaseTransfer:
    """The bureau's written report to its head (移送报告); the head's 3 days start."""
    with transaction.atomic(durable=True):
        running = lock(case).clock
        # a 建议移送's clock keeps running: the head's decision does not stop it
        waiting = running == DeadlineStep.OPINION_TRANSFER
        return move(
            case,
            actor=actor,
            action="bureau",
            event="enforcement.case.report",
            allowed=(CaseState.DRAFT, CaseState.REFUSED),
            to=CaseState.REPORTED,
            note=note.strip(),
            answers=not waiting,
            starts=None if waiting else DeadlineStep.HEAD_DECISION,
            at=at,
            fields={"reported_at": at or timezone.now()},
        )


def approve_transfer(case: CaseTransfer, *, actor, note: str = "", at=None) -> CaseTransfer:
    """The head approves: the case must reach the police within 24 hours."""
    with transaction.atomic(durable=True):
        waiting = lock(case).clock == DeadlineStep.OPINION_TRANSFER
        return move(
            case,
            actor=actor,
            action="approve",
            event="enforcement.case.approve",
            allowed=(CaseState.REPORTED,),
            to=CaseState.APPROVED,
            note=note.strip(),
            answers=not waiting,
            starts=None if waiting else DeadlineStep.TRANSFER,
            at=at,
        )


def refuse_transfer(case: CaseTransfer, *, actor, reason: str, at=None) -> CaseTransfer:
    """The head refuses; the reason is kept on record (310号令第五条)."""
    reason = need_text(reason, "reason")
    with transaction.atomic(durable=True):
        waiting = lock(case).clock == DeadlineStep.OPINION_TRANSFER
        return move(
            case,
            actor=actor,
            action="approve",
            event="enforcement.case.refuse",
            allowed=(CaseState.REPORTED,),
            to=CaseState.REFUSED,
            note=reason,
            answers=not waiting,
            at=at,
            fields={"refusal_reason": reason},
        )


def _pending_suggestion(case: CaseTransfer) -> ProcuratorateOpinion | None:
    return case.opinions.filter(kind=OpinionKind.SUGGEST_TRANSFER, outcome=OpinionOutcome.PENDING).first()


def transfer_case(
    case: CaseTransfer, *, actor, police_unit: Unit, procuratorate: Unit, note: str = "", at=None
) -> CaseTransfer:
    """To the police, copied to the procuratorate: the 移送书 takes the year's next
    number; the police's 3 days to decide on 立案 start. Approved cases go, and a kept
    case the procuratorate asked to be transferred (建议移送), whose opinion is then
    carried out."""
    if police_unit is None or police_unit.kind != UnitKind.POLICE:
        raise DomainError(MSG_POLICE, field="police_unit")
    if procuratorate is None or procuratorate.kind != UnitKind.PROCURATORATE:
        raise DomainError(MSG_PROCURATORATE, field="procuratorate")
    at = at or timezone.now()
    with transaction.atomic(durable=True):
        locked = lock(case)
        scoping.require(actor, "bureau", locked)
        suggestion = _pending_suggestion(locked)
        if locked.state != CaseState.APPROVED and not (suggestion and locked.state in CaseState.KEPT_STATES):
            raise DomainError(MSG_NO_OPINION)
        case = move(
            locked,
            actor=actor,
            action="bureau",
            event="enforcement.case.transfer",
            tell=("police", "procuratorate"),
            allowed=CaseState.KEPT_STATES,
            to=CaseState.TRANSFERRED,
            note=note.strip(),
            starts=DeadlineStep.POLICE_DECISION,
            at=at,
            fields={
                "police_unit": police_unit,
                "procuratorate": procuratorate,
                "transferred_at": at,
                "number": documents.take_number(documents.TRANSFER_PREFIX, at),
            },
        )
        case.document, case.document_sha256 = documents.render_transfer_letter(case)
        case.save(update_fields=["document", "document_sha256"])
        if suggestion:
            carry_out(suggestion, actor=actor, note=_("已按检察意见移送公安机关。"))
    return case


def carry_out(opinion: ProcuratorateOpinion, *, actor, note: str) -> None:
    """An opinion done by the move that answers it (inside that move's transaction)."""
    before = snapshot(opinion, ["outcome"])
    opinion.outcome, opinion.outcome_note, opinion.outcome_at = OpinionOutcome.CARRIED_OUT, note, timezone.now()
    opinion.save(update_fields=["outcome", "outcome_note", "outcome_at"])
    record(
        actor=actor,
        action="enforcement.opinion.outcome",
        obj=opinion,
        before=before,
        after=snapshot(opinion, ["outcome", "outcome_note"]),
    )
