"""Enforcement's figures, declared for the dashboard (see ducha.measures): transfers,
accepted, 立案, 不予立案, the procuratorate's opinions and their outcome, steps past
their statutory day, and the reconciliation with the complaint handling reports'
立案侦查 / 刑事拘留 counts (the difference shown, not hidden).

States are read as they are now (a case keeps no state history beyond its steps), so a
past scope counts the cases opened by then in their present state."""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ducha.complaints.models import Handling, HandlingStatus
from ducha.enforcement.choices import CaseState, OpinionKind, OpinionOutcome
from ducha.enforcement.clocks import SOON
from ducha.enforcement.models import CaseTransfer, ProcuratorateOpinion
from ducha.measures import Measure, Source, end_of_day

SOURCES = [
    Source(
        "transfers",
        CaseTransfer,
        unit="bureau_id",
        as_of=lambda qs, day: qs.filter(opened_at__lt=end_of_day(day)),
    ),
    Source(
        "opinions",
        ProcuratorateOpinion,
        inspection="case__inspection",
        region="case__region__code",
        unit="case__bureau_id",
        as_of=lambda qs, day: qs.filter(issued_on__lte=day),
    ),
]

CASES = {"model": "transfer", "order": ("-opened_at", "pk"), "related": ("bureau", "police_unit")}
OPINIONS = {"model": "opinion", "order": ("-issued_on", "pk"), "related": ("case",)}


def _overdue(s) -> Q:
    """A clock still running past its moment (as of now, or the end of a past day)."""
    moment = end_of_day(s.today) if s.past else timezone.now()
    return ~Q(clock="") & Q(due_at__lt=moment)


def _soon(s) -> Q:
    moment = end_of_day(s.today) if s.past else timezone.now()
    return ~Q(clock="") & Q(due_at__gte=moment, due_at__lt=moment + SOON)


MEASURES = [
    Measure(
        "enforcement.transfers",
        gettext_lazy("移送公安机关"),
        gettext_lazy("生态环境部门移送公安机关的涉嫌犯罪案件数（含其后立案、不予立案、退回的）。"),
        rows=lambda s: s.transfers.filter(state__in=CaseState.TRANSFERRED_STATES),
        **CASES,
    ),
    Measure(
        "enforcement.accepted",
        gettext_lazy("公安受理"),
        gettext_lazy("公安机关书面受理的移送案件数。"),
        rows=lambda s: s.transfers.filter(state__in=CaseState.ACCEPTED_STATES),
        **CASES,
    ),
    Measure(
        "enforcement.filed",
        gettext_lazy("公安立案"),
        gettext_lazy("公安机关决定立案侦查的移送案件数（含复议、立案监督后立案的）。"),
        rows=lambda s: s.transfers.filter(state__in=CaseState.FILED_STATES),
        **CASES,
    ),
    Measure(
        "enforcement.not_filed",
        gettext_lazy("不予立案"),
        gettext_lazy("公安机关决定不予立案、尚未改为立案的移送案件数。"),
        rows=lambda s: s.transfers.filter(state__in=CaseState.NOT_FILED_STATES),
        **CASES,
    ),
    Measure(
        "enforcement.flagged_kept",
        gettext_lazy("可能涉嫌犯罪未移送"),
        gettext_lazy("达到入罪标准提示、尚未移送公安机关的行政处罚案件数。"),
        rows=lambda s: s.transfers.filter(flagged=True, state__in=CaseState.KEPT_STATES),
        **CASES,
    ),
    Measure(
        "enforcement.overdue",
        gettext_lazy("超过法定时限"),
        gettext_lazy("当前环节已超过法定时限仍未办理的移送案件数（时限依法定时限表按工作日历计算）。"),
        rows=lambda s: s.transfers.filter(_overdue(s)),
        **CASES,
    ),
    Measure(
        "enforcement.soon_overdue",
        gettext_lazy("即将超过法定时限"),
        gettext_lazy("当前环节的法定时限在24小时内到期的移送案件数。"),
        rows=lambda s: s.transfers.filter(_soon(s)),
        **CASES,
    ),
    Measure(
        "enforcement.opinions",
        gettext_lazy("检察意见"),
        gettext_lazy("检察机关发出的检察意见数（建议移送、立案监督）。"),
        rows=lambda s: s.opinions,
        **OPINIONS,
    ),
    Measure(
        "enforcement.opinions_carried_out",
        gettext_lazy("检察意见已落实"),
        gettext_lazy("已按检察意见移送或立案的检察意见数。"),
        rows=lambda s: s.opinions.filter(outcome=OpinionOutcome.CARRIED_OUT),
        **OPINIONS,
    ),
]


def transfers(s) -> dict:
    """One aggregate over the cases."""
    return s.transfers.aggregate(
        cases=Count("pk"),
        transferred=Count("pk", filter=Q(state__in=CaseState.TRANSFERRED_STATES)),
        accepted=Count("pk", filter=Q(state__in=CaseState.ACCEPTED_STATES)),
        filed=Count("pk", filter=Q(state__in=CaseState.FILED_STATES)),
        not_filed=Count("pk", filter=Q(state__in=CaseState.NOT_FILED_STATES)),
        returned=Count("pk", filter=Q(state=CaseState.RETURNED)),
        indicted=Count("pk", filter=Q(state__in=(CaseState.INDICTED, CaseState.JUDGED))),
        flagged_kept=Count("pk", filter=Q(flagged=True, state__in=CaseState.KEPT_STATES)),
        overdue=Count("pk", filter=_overdue(s)),
        soon_overdue=Count("pk", filter=_soon(s)),
    )


def opinions(s) -> dict:
    return s.opinions.aggregate(
        opinions=Count("pk"),
        suggest_transfer=Count("pk", filter=Q(kind=OpinionKind.SUGGEST_TRANSFER)),
        oversight=Count("pk", filter=Q(kind=OpinionKind.OVERSIGHT)),
        carried_out=Count("pk", filter=Q(outcome=OpinionOutcome.CARRIED_OUT)),
        not_carried_out=Count("pk", filter=Q(outcome=OpinionOutcome.NOT_CARRIED_OUT)),
        pending=Count("pk", filter=Q(outcome=OpinionOutcome.PENDING)),
    )


def reconciliation(s) -> dict:
    """The complaint handling reports' 立案侦查 and 刑事拘留 against the transfer cases
    that come from complaints: a difference means a case filed that never passed
    through a transfer here, or a transfer not yet reported; it is shown, not hidden."""
    reported = Handling.objects.filter(complaint__in=s.complaints, status=HandlingStatus.ACCEPTED).aggregate(
        criminal_cases=Sum("criminal_cases"), criminal_detentions=Sum("criminal_detentions")
    )
    from_complaints = s.transfers.filter(complaint__isnull=False, state__in=CaseState.FILED_STATES).count()
    criminal_cases = reported["criminal_cases"] or 0
    return {
        "complaint_criminal_cases": criminal_cases,
        "complaint_criminal_detentions": reported["criminal_detentions"] or 0,
        "filed_from_complaints": from_complaints,
        "difference": criminal_cases - from_complaints,
    }


FIGURES = {"enforcement": transfers, "enforcement_opinions": opinions, "enforcement_reconciliation": reconciliation}
