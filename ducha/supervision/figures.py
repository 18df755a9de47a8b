"""Supervision's figures, declared for the dashboard (see ducha.measures): accountability
(约谈、问责), meetings (研究部署会议) and the overdue alerts of the latest scan."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy

from ducha.measures import Measure, Source
from ducha.supervision.models import (
    Accountability,
    AccountabilityKind,
    Alert,
    AlertLevel,
    ItemKind,
    Meeting,
    MeetingKind,
    Person,
)

SOURCES = [
    Source("accountability", Accountability, unit="person__unit_id", as_of=lambda qs, day: qs.filter(date__lte=day)),
    Source("meetings", Meeting, as_of=lambda qs, day: qs.filter(date__lte=day)),
    # active now: not cleared; on a past day: raised by then and not yet cleared
    Source(
        "alerts",
        Alert,
        unit="unit_id",
        base=lambda qs: qs.filter(cleared_on__isnull=True),
        as_of=lambda qs, day: qs.filter(Q(cleared_on__isnull=True) | Q(cleared_on__gt=day), since__lte=day),
    ),
]


def _people(s, kind: str):
    return Person.objects.filter(pk__in=s.accountability.filter(kind=kind).values("person_id"))


PEOPLE = {"model": "person", "order": ("name", "pk"), "related": ("unit",)}
RECORDS = {"model": "accountability", "order": ("-date", "pk"), "related": ("person", "person__unit")}
ALERTS = {"model": "alert", "order": ("due_on", "pk"), "related": ("unit",)}

MEASURES = [
    Measure(
        "accountability.interviewed_people",
        gettext_lazy("约谈（人）"),
        gettext_lazy("被约谈的人数：同一人多次约谈计一人。"),
        rows=lambda s: _people(s, AccountabilityKind.INTERVIEW),
        unit=gettext_lazy("人"),
        **PEOPLE,
    ),
    Measure(
        "accountability.interview_records",
        gettext_lazy("约谈（人次）"),
        gettext_lazy("约谈记录数：同一人每次约谈各计一次。"),
        rows=lambda s: s.accountability.filter(kind=AccountabilityKind.INTERVIEW),
        unit=gettext_lazy("人次"),
        **RECORDS,
    ),
    Measure(
        "accountability.sanctioned_people",
        gettext_lazy("问责（人）"),
        gettext_lazy("被问责（诫勉、警告、记过等）的人数：同一人多次问责计一人。"),
        rows=lambda s: _people(s, AccountabilityKind.SANCTION),
        unit=gettext_lazy("人"),
        **PEOPLE,
    ),
    Measure(
        "accountability.sanction_records",
        gettext_lazy("问责（人次）"),
        gettext_lazy("问责记录数：同一人每次问责各计一次。"),
        rows=lambda s: s.accountability.filter(kind=AccountabilityKind.SANCTION),
        unit=gettext_lazy("人次"),
        **RECORDS,
    ),
    Measure(
        "meetings.held",
        gettext_lazy("研究部署会议"),
        gettext_lazy("市委常委会、政府常务会、专题会、调度会等研究部署整改的会议次数。"),
        model="meeting",
        rows=lambda s: s.meetings,
        unit=gettext_lazy("次"),
        order=("date", "pk"),
    ),
    Measure(
        "overdue.red",
        gettext_lazy("红色预警（逾期）"),
        gettext_lazy("最近一次扫描时已超过时限、尚未办结的信访件和整改任务。"),
        rows=lambda s: s.alerts.filter(level=AlertLevel.RED),
        **ALERTS,
    ),
    Measure(
        "overdue.yellow",
        gettext_lazy("黄色预警"),
        gettext_lazy("最近一次扫描时将在预警规则规定的工作日内到期的事项。"),
        rows=lambda s: s.alerts.filter(level=AlertLevel.YELLOW),
        **ALERTS,
    ),
]


def accountability(s) -> dict:
    """People (each person once) and records (each interview or sanction once)."""
    interview, sanction = Q(kind=AccountabilityKind.INTERVIEW), Q(kind=AccountabilityKind.SANCTION)
    return s.accountability.aggregate(
        interviewed_people=Count("person", filter=interview, distinct=True),
        interview_records=Count("pk", filter=interview),
        sanctioned_people=Count("person", filter=sanction, distinct=True),
        sanction_records=Count("pk", filter=sanction),
        people=Count("person", distinct=True),
    )


def meetings(s) -> dict:
    return s.meetings.aggregate(held=Count("pk"), **{k.value: Count("pk", filter=Q(kind=k.value)) for k in MeetingKind})


def overdue(s) -> dict:
    """Active alerts of the latest scan (run `scan_overdue` first for today's)."""
    red, yellow = Q(level=AlertLevel.RED), Q(level=AlertLevel.YELLOW)
    return s.alerts.aggregate(
        red=Count("pk", filter=red),
        yellow=Count("pk", filter=yellow),
        escalated=Count("pk", filter=red & Q(escalated_on__isnull=False)),
        red_complaints=Count("pk", filter=red & Q(item_kind=ItemKind.COMPLAINT)),
        red_tasks=Count("pk", filter=red & Q(item_kind=ItemKind.TASK)),
    )


def overdue_by_unit(s) -> list[dict]:
    rows = (
        s.alerts.values("unit_id", "unit__name")
        .annotate(
            red=Count("pk", filter=Q(level=AlertLevel.RED)), yellow=Count("pk", filter=Q(level=AlertLevel.YELLOW))
        )
        .order_by("-red", "-yellow", "unit__name")
    )
    return list(rows)


FIGURES = {"accountability": accountability, "meetings": meetings, "overdue": overdue}
