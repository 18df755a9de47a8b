"""Every read in supervision: the headline figures, the exact rows behind each figure,
alerts, what turns red soon, notices, accountability and meetings.

A figure and its list share one definition (a `Measure`): the figure is a count over
the measure's rows, computed for a whole area in one aggregate query; the list is
the same rows. So a figure's link always leads to a list of the figure's length.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, DateField, F, Func, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ducha.complaints import figures as complaint_figures
from ducha.complaints.models import Complaint, ComplaintStatus
from ducha.inspections.models import Inspection
from ducha.org import scoping
from ducha.org.calendar import get_calendar
from ducha.org.models import Region
from ducha.rectification import queries as rectification
from ducha.rectification.models import Finding, Task
from ducha.supervision.models import (
    Accountability,
    AccountabilityKind,
    Alert,
    AlertLevel,
    FigureSnapshot,
    ItemKind,
    Meeting,
    Notification,
    Person,
    SupervisionNotice,
)

CLOSED = complaint_figures.CLOSED
TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _fixed_offset() -> str | None:
    """'+8 hours' for a zone without daylight saving (Asia/Shanghai), else None."""
    jan, jul = (dt.datetime(2026, m, 1, tzinfo=TZ).utcoffset() for m in (1, 7))
    if jan != jul:
        return None
    minutes = int(jan.total_seconds() // 60)
    return f"{minutes:+d} minutes"


OFFSET = _fixed_offset()
ZONE = settings.TIME_ZONE.replace("'", "")


class LocalDate(Func):
    """The local calendar day of a UTC datetime, in the database's own functions.

    Django's TruncDate with a time zone calls a Python function per row on SQLite
    (0.4 s over 10^5 complaints); `date(x, '+480 minutes')` is SQLite's own and gives
    the same day for a zone without daylight saving. PostgreSQL converts natively."""

    output_field = DateField()
    arity = 1
    sql_modifier = ""

    def as_sqlite(self, compiler, connection, **extra):
        if OFFSET is None:  # a zone with daylight saving: the exact, slower way
            return compiler.compile(TruncDate(self.source_expressions[0], tzinfo=TZ))
        template = f"date(%(expressions)s, '{OFFSET}'{self.sql_modifier})"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template=f"((%(expressions)s) AT TIME ZONE '{ZONE}')::date", **extra)


class LocalWeek(LocalDate):
    """The Monday of the local week of a UTC datetime."""

    sql_modifier = ", 'weekday 0', '-6 days'"

    def as_postgresql(self, compiler, connection, **extra):
        template = f"date_trunc('week', (%(expressions)s) AT TIME ZONE '{ZONE}')::date"
        return self.as_sql(compiler, connection, template=template, **extra)


@dataclass(frozen=True)
class Scope:
    """The rows an area's figures count: what a user may see, or a region's."""

    inspection: Inspection
    today: dt.date
    complaints: QuerySet
    findings: QuerySet
    accountability: QuerySet
    meetings: QuerySet
    alerts: QuerySet
    region_code: str = ""

    def narrowed(self, *, region_code: str = "", unit_id: int | None = None) -> Scope:
        """The same scope within one region (a district bar) or for one unit (an overdue row)."""
        s = self
        if region_code:
            s = Scope(
                s.inspection,
                s.today,
                s.complaints.filter(region__code__startswith=region_code),
                s.findings.filter(region__code__startswith=region_code),
                s.accountability.filter(region__code__startswith=region_code),
                s.meetings.filter(region__code__startswith=region_code),
                s.alerts.filter(region__code__startswith=region_code),
                region_code,
            )
        if unit_id:
            s = Scope(
                s.inspection,
                s.today,
                s.complaints.filter(lead_unit_id=unit_id),
                s.findings.filter(tasks__lead_unit_id=unit_id).distinct(),
                s.accountability.filter(person__unit_id=unit_id),
                s.meetings.none(),
                s.alerts.filter(unit_id=unit_id),
                s.region_code,
            )
        return s


def scope_for_user(user, inspection: Inspection, today: dt.date) -> Scope:
    return Scope(
        inspection,
        today,
        scoping.visible_to(user, Complaint).filter(inspection=inspection),
        scoping.visible_to(user, Finding).filter(inspection=inspection),
        scoping.visible_to(user, Accountability).filter(inspection=inspection),
        scoping.visible_to(user, Meeting).filter(inspection=inspection),
        scoping.visible_to(user, Alert).filter(inspection=inspection, cleared_on__isnull=True),
    )


def scope_for_region(inspection: Inspection, today: dt.date, region_code: str = "") -> Scope:
    scope = Scope(
        inspection,
        today,
        Complaint.objects.filter(inspection=inspection),
        Finding.objects.filter(inspection=inspection),
        Accountability.objects.filter(inspection=inspection),
        Meeting.objects.filter(inspection=inspection),
        Alert.objects.filter(inspection=inspection, cleared_on__isnull=True),
    )
    return scope.narrowed(region_code=region_code)


# --- measures: one definition for a figure and its list ------------------------------


def _closed_on(qs):
    return qs.annotate(closed_on=LocalDate("closed_at"))


def _finding_q(s: Scope, *keys: str) -> Q:
    conditions = rectification.finding_conditions(s.today)
    q = Q(pk__in=[])
    for key in keys:
        q |= conditions[key]
    return q


def _people(s: Scope, kind: str) -> QuerySet:
    return Person.objects.filter(pk__in=s.accountability.filter(kind=kind).values("person_id"))


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    definition: str
    model: str  # which list template shows the rows
    rows: Callable[[Scope], QuerySet]
    unit: str = "件"


MEASURES = {
    m.key: m
    for m in [
        Measure(
            "complaints.received",
            gettext_lazy("交办信访件"),
            gettext_lazy("督察组交办本地的信访件总数（含重复件）。"),
            "complaint",
            lambda s: s.complaints,
        ),
        Measure(
            "complaints.closed",
            gettext_lazy("已办结"),
            gettext_lazy("状态为“已办结”或“阶段性办结”的信访件。"),
            "complaint",
            lambda s: s.complaints.filter(status__in=CLOSED),
        ),
        Measure(
            "complaints.on_time",
            gettext_lazy("按时办结"),
            gettext_lazy("办结日期（北京时间）不晚于办理时限的已办结信访件。"),
            "complaint",
            lambda s: _closed_on(s.complaints).filter(status__in=CLOSED, closed_on__lte=F("due_on")),
        ),
        Measure(
            "complaints.overdue_open",
            gettext_lazy("逾期未办结"),
            gettext_lazy("未办结且已超过办理时限的信访件。"),
            "complaint",
            lambda s: s.complaints.exclude(status__in=CLOSED).filter(due_on__lt=s.today),
        ),
        Measure(
            "findings.total",
            gettext_lazy("反馈问题"),
            gettext_lazy("督察反馈意见中交办本地的问题总数。"),
            "finding",
            lambda s: s.findings,
            gettext_lazy("个"),
        ),
        Measure(
            "findings.rectified",
            gettext_lazy("完成整改"),
            gettext_lazy("全部整改任务已通过验收的问题（含已销号）。"),
            "finding",
            lambda s: s.findings.filter(_finding_q(s, "signed_off", "rectified_not_signed_off")),
            gettext_lazy("个"),
        ),
        Measure(
            "findings.signed_off",
            gettext_lazy("已销号"),
            gettext_lazy("验收、公示后已销号的问题。"),
            "finding",
            lambda s: s.findings.filter(_finding_q(s, "signed_off")),
            gettext_lazy("个"),
        ),
        Measure(
            "accountability.interviewed_people",
            gettext_lazy("约谈（人）"),
            gettext_lazy("被约谈的人数：同一人多次约谈计一人。"),
            "person",
            lambda s: _people(s, AccountabilityKind.INTERVIEW),
            gettext_lazy("人"),
        ),
        Measure(
            "accountability.interview_records",
            gettext_lazy("约谈（人次）"),
            gettext_lazy("约谈记录数：同一人每次约谈各计一次。"),
            "accountability",
            lambda s: s.accountability.filter(kind=AccountabilityKind.INTERVIEW),
            gettext_lazy("人次"),
        ),
        Measure(
            "accountability.sanctioned_people",
            gettext_lazy("问责（人）"),
            gettext_lazy("被问责（诫勉、警告、记过等）的人数：同一人多次问责计一人。"),
            "person",
            lambda s: _people(s, AccountabilityKind.SANCTION),
            gettext_lazy("人"),
        ),
        Measure(
            "accountability.sanction_records",
            gettext_lazy("问责（人次）"),
            gettext_lazy("问责记录数：同一人每次问责各计一次。"),
            "accountability",
            lambda s: s.accountability.filter(kind=AccountabilityKind.SANCTION),
            gettext_lazy("人次"),
        ),
        Measure(
            "meetings.held",
            gettext_lazy("研究部署会议"),
            gettext_lazy("市委常委会、政府常务会、专题会、调度会等研究部署整改的会议次数。"),
            "meeting",
            lambda s: s.meetings,
            gettext_lazy("次"),
        ),
        Measure(
            "overdue.red",
            gettext_lazy("红色预警（逾期）"),
            gettext_lazy("最近一次扫描时已超过时限、尚未办结的信访件和整改任务。"),
            "alert",
            lambda s: s.alerts.filter(level=AlertLevel.RED),
        ),
        Measure(
            "overdue.yellow",
            gettext_lazy("黄色预警"),
            gettext_lazy("最近一次扫描时将在预警规则规定的工作日内到期的事项。"),
            "alert",
            lambda s: s.alerts.filter(level=AlertLevel.YELLOW),
        ),
    ]
}


def measure_rows(key: str, scope: Scope) -> QuerySet:
    return MEASURES[key].rows(scope)


# --- the figures, one aggregate query per area ----------------------------------------


MEASURE_KEYS = ("received", "dispatched", "closed", "closed_pending", "on_time", "overdue_open", "returned")


@dataclass
class ComplaintRollup:
    """The complaint figures by (region, week closed), summed three ways: one pass over
    the complaints gives the headline, the districts and the weekly trend."""

    totals: dict
    districts: list[dict]
    trend: list[dict]


def _rated(row: dict) -> dict:
    rate = complaint_figures.on_time_rate(row)
    row["on_time_rate"] = float(rate) if rate is not None else None
    return row


def complaint_rollup(s: Scope) -> ComplaintRollup:
    """complaints.figures' measures (same definitions) grouped by region and local week
    of closing, in one query; the sums below run over groups, never over complaints."""
    groups = list(
        _closed_on(s.complaints)
        .annotate(week=LocalWeek("closed_at"))
        .values("region_id", "week")
        .annotate(**complaint_figures.measures(s.today))
        .order_by()
    )
    totals = dict.fromkeys(MEASURE_KEYS, 0)
    regions: dict[str, dict] = {}
    weeks: dict[dt.date, int] = {}
    for g in groups:
        region = regions.setdefault(g["region_id"], {"region": g["region_id"]} | dict.fromkeys(MEASURE_KEYS, 0))
        for key in MEASURE_KEYS:
            totals[key] += g[key]
            region[key] += g[key]
        if g["week"] is not None and g["closed"]:
            week = _day(g["week"])
            weeks[week] = weeks.get(week, 0) + g["closed"]
    names = dict(Region.objects.filter(code__in=list(regions)).values_list("code", "name")) if regions else {}
    districts = [_rated(r | {"name": names.get(code, code)}) for code, r in sorted(regions.items())]
    trend = [{"week": w.isoformat(), "closed": n} for w, n in sorted(weeks.items())]
    return ComplaintRollup(_rated(totals), districts, trend)


def complaint_headline(s: Scope) -> dict:
    """complaints.figures.totals, the same measures with the day computed natively."""
    return _rated(_closed_on(s.complaints).aggregate(**complaint_figures.measures(s.today)))


def finding_headline(s: Scope) -> dict:
    row = rectification.finding_figures(s.findings, s.today)
    row["rectified"] = row["signed_off"] + row["rectified_not_signed_off"]
    return row


def accountability_headline(s: Scope) -> dict:
    interview, sanction = Q(kind=AccountabilityKind.INTERVIEW), Q(kind=AccountabilityKind.SANCTION)
    return s.accountability.aggregate(
        interviewed_people=Count("person", filter=interview, distinct=True),
        interview_records=Count("pk", filter=interview),
        sanctioned_people=Count("person", filter=sanction, distinct=True),
        sanction_records=Count("pk", filter=sanction),
        people=Count("person", distinct=True),
    )


def meeting_headline(s: Scope) -> dict:
    from ducha.supervision.models import MeetingKind

    return s.meetings.aggregate(held=Count("pk"), **{k.value: Count("pk", filter=Q(kind=k.value)) for k in MeetingKind})


def overdue_headline(s: Scope) -> dict:
    red, yellow = Q(level=AlertLevel.RED), Q(level=AlertLevel.YELLOW)
    return s.alerts.aggregate(
        red=Count("pk", filter=red),
        yellow=Count("pk", filter=yellow),
        escalated=Count("pk", filter=red & Q(escalated_on__isnull=False)),
        red_complaints=Count("pk", filter=red & Q(item_kind=ItemKind.COMPLAINT)),
        red_tasks=Count("pk", filter=red & Q(item_kind=ItemKind.TASK)),
    )


def overdue_by_unit(s: Scope) -> list[dict]:
    rows = (
        s.alerts.values("unit_id", "unit__name")
        .annotate(
            red=Count("pk", filter=Q(level=AlertLevel.RED)), yellow=Count("pk", filter=Q(level=AlertLevel.YELLOW))
        )
        .order_by("-red", "-yellow", "unit__name")
    )
    return list(rows)


def closed_per_week(s: Scope) -> list[dict]:
    return complaint_rollup(s).trend


def by_district(s: Scope) -> list[dict]:
    return complaint_rollup(s).districts


def _day(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def sentences(fig: dict) -> dict[str, str]:
    """The report's sentences, written from the figures (never typed)."""
    c, f, a, m = fig["complaints"], fig["findings"], fig["accountability"], fig["meetings"]
    if c["received"] and c["on_time"] == c["received"]:
        complaints = _("交办的%(n)s件信访件全部按时办结") % {"n": c["received"]}
    else:
        rate = c["on_time_rate"] if c["on_time_rate"] is not None else 0
        complaints = _("交办的%(n)s件信访件已办结%(closed)s件，按时办结率%(rate)s%%") % {
            "n": c["received"],
            "closed": c["closed"],
            "rate": f"{rate:g}",
        }
    if f["rectified"] == f["signed_off"]:
        findings = _("反馈的%(n)s个问题已完成整改并销号%(s)s个") % {"n": f["total"], "s": f["signed_off"]}
    else:
        findings = _("反馈的%(n)s个问题已完成整改%(r)s个，销号%(s)s个") % {
            "n": f["total"],
            "r": f["rectified"],
            "s": f["signed_off"],
        }
    return {
        "complaints": complaints,
        "findings": findings,
        "accountability": _("约谈%(i)s人，问责%(s)s人") % {"i": a["interviewed_people"], "s": a["sanctioned_people"]},
        "meetings": _("研究部署会议%(n)s次") % {"n": m["held"]},
    }


def headline(s: Scope, rollup: ComplaintRollup | None = None) -> dict:
    """Every headline figure of the scope and the sentences: one query per area."""
    fig = {
        "complaints": rollup.totals if rollup else complaint_headline(s),
        "findings": finding_headline(s),
        "accountability": accountability_headline(s),
        "meetings": meeting_headline(s),
        "overdue": overdue_headline(s),
    }
    fig["sentences"] = sentences(fig)
    return fig


def board_data(s: Scope) -> dict:
    """What the leaders' screen shows: the headline, districts, overdue by unit, the trend."""
    rollup = complaint_rollup(s)
    data = headline(s, rollup)
    data["districts"] = rollup.districts
    data["overdue_by_unit"] = overdue_by_unit(s)
    data["trend"] = rollup.trend
    return data


# --- alerts and what turns red soon -----------------------------------------------


def red_within(today: dt.date, working_days: int) -> dt.date:
    """The first due day that does not turn red within `working_days` working days:
    an item due before it has working_days_between(today, due) <= working_days."""
    return get_calendar().add_working_days(today, working_days + 1)


def turning_red(user, today: dt.date, working_days: int) -> tuple[QuerySet, QuerySet]:
    """Open complaints and tasks, visible to the user, due from today on and before
    the boundary: the ones that turn red within `working_days` working days."""
    limit = red_within(today, working_days)
    complaints = (
        scoping.visible_to(user, Complaint)
        .exclude(status__in=CLOSED)
        .filter(due_on__gte=today, due_on__lt=limit)
        .select_related("lead_unit", "region")
        .order_by("due_on", "id")
    )
    tasks = (
        scoping.visible_to(user, Task)
        .filter(acceptance__isnull=True, due_date__gte=today, due_date__lt=limit)
        .select_related("lead_unit", "finding")
        .order_by("due_date", "id")
    )
    return complaints, tasks


def list_alerts(user, *, level: str = "", unit_id: int | None = None) -> QuerySet:
    qs = scoping.visible_to(user, Alert).filter(cleared_on__isnull=True).select_related("unit", "region")
    if level:
        qs = qs.filter(level=level)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    return qs


def list_notices(user) -> QuerySet:
    return scoping.visible_to(user, SupervisionNotice).select_related("unit", "issuer").annotate(n_items=Count("items"))


def count_unread(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def list_snapshots(user, inspection: Inspection) -> QuerySet:
    return scoping.visible_to(user, FigureSnapshot).filter(inspection=inspection).order_by("-created_at", "-id")


def alert_targets(alerts: list[Alert]) -> dict[tuple[str, int], object]:
    """The complaint or task behind each alert: two queries, not one per row."""
    ids = {kind: [a.item_id for a in alerts if a.item_kind == kind] for kind in ItemKind.values}
    out: dict[tuple[str, int], object] = {}
    for c in Complaint.objects.filter(pk__in=ids[ItemKind.COMPLAINT]).only("pk", "ref", "text"):
        out[(ItemKind.COMPLAINT, c.pk)] = c
    for t in Task.objects.filter(pk__in=ids[ItemKind.TASK]).select_related("finding"):
        out[(ItemKind.TASK, t.pk)] = t
    return out


__all__ = [
    "MEASURES",
    "Measure",
    "Scope",
    "ComplaintStatus",
    "headline",
    "measure_rows",
    "scope_for_region",
    "scope_for_user",
]
