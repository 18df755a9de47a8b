"""Every read of enforcement, starting from scoping.visible_to: the lists and each
party's queue (what waits on it), the case page's parts, the counts of a home page."""

from __future__ import annotations

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ducha.complaints.models import Complaint, Handling, HandlingStatus
from ducha.enforcement.choices import CaseState, DeadlineStep
from ducha.enforcement.models import CaseTransfer
from ducha.org import scoping
from ducha.org.models import Role

# what waits on each party, by state (a kept case waits on the bureau while a
# procuratorate's 建议移送 clock runs)
QUEUES = {
    "bureau": Q(state__in=(CaseState.DRAFT, CaseState.APPROVED, CaseState.NOT_FILED))
    | Q(state__in=CaseState.KEPT_STATES, clock=DeadlineStep.OPINION_TRANSFER),
    "head": Q(state=CaseState.REPORTED),
    "police": Q(
        state__in=(
            CaseState.TRANSFERRED,
            CaseState.ACCEPTED,
            CaseState.RECONSIDERATION,
            CaseState.OVERSIGHT,
            CaseState.FILED,
        )
    ),
    "procuratorate": Q(flagged=True, state__in=CaseState.KEPT_STATES)
    | Q(state__in=(CaseState.NOT_FILED, CaseState.OVERSIGHT, CaseState.PROSECUTION, CaseState.INDICTED))
    | Q(state=CaseState.NOT_PROSECUTED, clock=DeadlineStep.NON_PROSECUTION_NOTICE),
}
QUEUE_LABELS = {
    "bureau": _("待本单位办理"),
    "head": _("待负责人审批"),
    "police": _("待公安机关办理"),
    "procuratorate": _("待检察机关监督"),
}
PARTY_ROLES = {
    "bureau": (Role.HANDLER, Role.OFFICE),
    "head": (Role.OFFICE, Role.LEADER),
    "police": (Role.POLICE,),
    "procuratorate": (Role.PROCURATORATE,),
}


def parties(user) -> list[str]:
    """The parties the user acts for, in the order of the queues."""
    p = scoping.principal(user)
    return [party for party, roles in PARTY_ROLES.items() if p.is_admin or p.has(*roles)]


def list_cases(user) -> QuerySet:
    return scoping.visible_to(user, CaseTransfer).select_related("bureau", "police_unit", "region")


def queue(user, party: str) -> QuerySet:
    qs = list_cases(user).filter(QUEUES[party])
    if party == "bureau":
        p = scoping.principal(user)
        if not p.is_admin:
            qs = qs.filter(bureau__in=p.units(Role.HANDLER, Role.OFFICE))
    return qs


def filter_cases(qs: QuerySet, *, state: str = "", overdue: bool = False, flagged: bool = False) -> QuerySet:
    if state in CaseState.values:
        qs = qs.filter(state=state)
    if overdue:
        qs = qs.exclude(clock="").filter(due_at__lt=timezone.now())
    if flagged:
        qs = qs.filter(flagged=True)
    return qs


def reconciliation(user) -> dict | None:
    """The complaint handling reports' 立案侦查 / 刑事拘留 beside the filed transfers that
    came from complaints, over what the user sees; None for those who see no complaints."""
    if not scoping.can(user, "view", Complaint):
        return None
    reported = Handling.objects.filter(
        complaint__in=scoping.visible_to(user, Complaint), status=HandlingStatus.ACCEPTED
    ).aggregate(cases=Sum("criminal_cases"), detentions=Sum("criminal_detentions"))
    filed = list_cases(user).filter(complaint__isnull=False, state__in=CaseState.FILED_STATES).count()
    cases = reported["cases"] or 0
    return {
        "criminal_cases": cases,
        "detentions": reported["detentions"] or 0,
        "filed": filed,
        "difference": cases - filed,
    }


def steps(case: CaseTransfer):
    return case.steps.select_related("unit").order_by("at", "id")


def home_counts(user) -> list[tuple[str, int, str]]:
    """(label, count, link) of each queue the user has, and of the overdue cases."""
    from django.urls import reverse

    url = reverse("enforcement:case_list")
    rows = [(str(QUEUE_LABELS[p]), queue(user, p).count(), f"{url}?queue={p}") for p in parties(user)]
    overdue = filter_cases(list_cases(user), overdue=True).count()
    return rows + [(str(_("超过法定时限")), overdue, f"{url}?overdue=1")]
