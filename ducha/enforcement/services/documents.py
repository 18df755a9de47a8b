"""The 移送书 and the 检察意见书: the year's next number under a row lock (the
supervision notices' sequences, by prefix), rendered by ducha.core.documents into the
one store. Called inside the transition's transaction, so the row keeps the hash."""

from __future__ import annotations

import datetime as dt
import io

from django.utils import timezone

from ducha import store
from ducha.core.documents import enforcement as doc
from ducha.core.documents.notice import chinese_date
from ducha.enforcement.models import CaseTransfer, ProcuratorateOpinion
from ducha.supervision.services.notices import next_number

TRANSFER_PREFIX = "湘环移"
OPINION_PREFIX = "湘检两法"


def take_number(prefix: str, at: dt.datetime) -> str:
    return next_number(prefix, timezone.localtime(at).year)[1]


def _keep(render, data) -> tuple[str, str]:
    buffer = io.BytesIO()
    render(data, buffer)
    kept = store.save(buffer.getvalue(), kind=store.NOTICES, suffix=".docx")
    return kept.path, kept.sha256


def render_transfer_letter(case: CaseTransfer) -> tuple[str, str]:
    letter = doc.TransferLetter(
        issuer=case.bureau.name,
        number=case.number,
        addressee=case.police_unit.name,
        copy_to=case.procuratorate.name,
        party=case.party_name,
        offence=case.get_offence_display(),
        facts=case.facts,
        penalty_case_number=case.penalty_case_number or "—",
        issued_on=chinese_date(timezone.localtime(case.transferred_at).date()),
        materials=[doc.Material(kind=m.get_kind_display(), name=m.name, sha256=m.sha256) for m in case.materials.all()],
    )
    return _keep(doc.render_transfer_letter, letter)


def render_opinion(opinion: ProcuratorateOpinion, request: str) -> tuple[str, str]:
    case = opinion.case
    addressee = case.police_unit if opinion.kind == "oversight" and case.police_unit_id else case.bureau
    data = doc.Opinion(
        issuer=opinion.procuratorate.name,
        number=opinion.number,
        addressee=addressee.name,
        party=case.party_name,
        offence=case.get_offence_display(),
        case_number=case.number or case.penalty_case_number or str(case.pk),
        text=opinion.text,
        request=request,
        issued_on=chinese_date(opinion.issued_on),
    )
    return _keep(doc.render_opinion, data)
