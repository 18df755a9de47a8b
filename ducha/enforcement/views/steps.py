"""The steps a party records on a case: one POST address per party, scoped to it;
the form's `step` picks the service. Each step says which input it shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ducha.enforcement.choices import CaseState, DeadlineStep
from ducha.enforcement.forms import StepForm
from ducha.enforcement.models import CaseTransfer
from ducha.enforcement.services import cases, objections, police, procuratorate
from ducha.web import apply_service, scoped


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    states: tuple[str, ...]
    needs: str  # "" (a note) / "reason" / "transfer" / "opinion" / "filing"
    call: Callable  # (case, user, data) -> case
    when: Callable = lambda case: True


def _text(data):
    return data.get("text") or ""


STEPS: dict[str, list[Step]] = {
    "bureau": [
        Step(
            "report",
            _("报负责人审批"),
            (CaseState.DRAFT, CaseState.REFUSED),
            "",
            lambda c, u, d: cases.report_case(c, actor=u, note=_text(d)),
        ),
        Step(
            "transfer",
            _("移送公安机关（抄送检察院）"),
            CaseState.KEPT_STATES,
            "transfer",
            lambda c, u, d: cases.transfer_case(
                c, actor=u, police_unit=d.get("police_unit"), procuratorate=d.get("procuratorate"), note=_text(d)
            ),
            lambda c: c.state == CaseState.APPROVED or c.clock == DeadlineStep.OPINION_TRANSFER,
        ),
        Step(
            "reconsideration",
            _("提请复议"),
            (CaseState.NOT_FILED,),
            "reason",
            lambda c, u, d: objections.request_reconsideration(c, actor=u, reason=_text(d)),
        ),
        Step(
            "oversight",
            _("建议检察院立案监督"),
            (CaseState.NOT_FILED,),
            "reason",
            lambda c, u, d: objections.request_oversight(c, actor=u, reason=_text(d)),
        ),
    ],
    "head": [
        Step(
            "approve",
            _("批准移送"),
            (CaseState.REPORTED,),
            "",
            lambda c, u, d: cases.approve_transfer(c, actor=u, note=_text(d)),
        ),
        Step(
            "refuse",
            _("不批准移送"),
            (CaseState.REPORTED,),
            "reason",
            lambda c, u, d: cases.refuse_transfer(c, actor=u, reason=_text(d)),
        ),
    ],
    "police": [
        Step(
            "accept",
            _("受理"),
            (CaseState.TRANSFERRED,),
            "",
            lambda c, u, d: police.accept_case(c, actor=u, note=_text(d)),
        ),
        Step(
            "file",
            _("立案"),
            (CaseState.TRANSFERRED, CaseState.ACCEPTED, CaseState.RECONSIDERATION, CaseState.OVERSIGHT),
            "",
            lambda c, u, d: police.file_case(c, actor=u, note=_text(d)),
        ),
        Step(
            "refuse_filing",
            _("不予立案"),
            (CaseState.TRANSFERRED, CaseState.ACCEPTED, CaseState.RECONSIDERATION, CaseState.OVERSIGHT),
            "filing",
            lambda c, u, d: police.refuse_filing(
                c, actor=u, reasons=_text(d), materials_returned=bool(d.get("materials_returned"))
            ),
        ),
        Step(
            "refer_prosecution",
            _("移送审查起诉"),
            (CaseState.FILED,),
            "",
            lambda c, u, d: police.refer_prosecution(c, actor=u, note=_text(d)),
        ),
        Step(
            "withdraw",
            _("撤案"),
            (CaseState.FILED,),
            "reason",
            lambda c, u, d: police.withdraw_case(c, actor=u, reason=_text(d)),
        ),
        Step(
            "return",
            _("退回行政处罚"),
            (CaseState.TRANSFERRED, CaseState.ACCEPTED, CaseState.FILED, CaseState.WITHDRAWN),
            "reason",
            lambda c, u, d: police.return_for_penalty(c, actor=u, reason=_text(d)),
        ),
    ],
    "procuratorate": [
        Step(
            "opinion",
            _("发出检察意见"),
            (*CaseState.KEPT_STATES, CaseState.NOT_FILED, CaseState.RECONSIDERATION, CaseState.OVERSIGHT),
            "opinion",
            lambda c, u, d: procuratorate.issue_opinion(c, actor=u, kind=d.get("kind") or "", text=_text(d)).case,
        ),
        Step(
            "indict",
            _("提起公诉"),
            (CaseState.PROSECUTION,),
            "",
            lambda c, u, d: procuratorate.indict_case(c, actor=u, note=_text(d)),
        ),
        Step(
            "decline",
            _("不起诉"),
            (CaseState.PROSECUTION,),
            "reason",
            lambda c, u, d: procuratorate.decline_prosecution(c, actor=u, reason=_text(d)),
        ),
        Step(
            "notify",
            _("书面告知不起诉决定"),
            (CaseState.NOT_PROSECUTED,),
            "",
            lambda c, u, d: procuratorate.notify_non_prosecution(c, actor=u, note=_text(d)),
            lambda c: c.clock == DeadlineStep.NON_PROSECUTION_NOTICE,
        ),
        Step(
            "judge",
            _("登记判决"),
            (CaseState.INDICTED,),
            "reason",
            lambda c, u, d: procuratorate.record_judgment(c, actor=u, judgment=_text(d)),
        ),
    ],
}
# the scoping action each party's steps need
ACTIONS = {"bureau": "bureau", "head": "approve", "police": "police", "procuratorate": "procuratorate"}


def open_steps(case: CaseTransfer, party: str) -> list[Step]:
    return [s for s in STEPS[party] if case.state in s.states and s.when(case)]


def _record(request, case, party: str):
    from ducha.enforcement.views.cases import render_case

    form = StepForm(request.POST)
    steps = {s.key: s for s in STEPS[party]}
    if form.is_valid() and form.cleaned_data["step"] in steps:
        step = steps[form.cleaned_data["step"]]
        if apply_service(form, lambda: step.call(case, request.user, form.cleaned_data)):
            messages.success(request, _("已办理：%(step)s。") % {"step": step.label})
            return redirect("enforcement:case_detail", pk=case.pk)
    elif form.is_valid():
        form.add_error(None, _("无此环节。"))
    case.refresh_from_db()
    return render_case(request, case, step_form=form, status=400)


@require_POST
@scoped(CaseTransfer, "bureau")
def bureau_step(request, case):
    return _record(request, case, "bureau")


@require_POST
@scoped(CaseTransfer, "approve")
def head_step(request, case):
    return _record(request, case, "head")


@require_POST
@scoped(CaseTransfer, "police")
def police_step(request, case):
    return _record(request, case, "police")


@require_POST
@scoped(CaseTransfer, "procuratorate")
def procuratorate_step(request, case):
    return _record(request, case, "procuratorate")
