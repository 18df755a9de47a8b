"""Every read in rectification: derived task states in SQL, the leaders' list, figures."""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual

from ducha.audit.models import AuditEvent
from ducha.inspections.models import Inspection
from ducha.measures import end_of_day
from ducha.org import scoping
from ducha.org.models import Unit
from ducha.rectification.models import (
    Finding,
    FindingStatus,
    ProgressReport,
    Task,
    TaskState,
    TaskUnit,
)


class DaysBetween(Func):
    """Whole days from `b` to `a` (two dates): PostgreSQL subtracts dates to days,
    SQLite needs julianday."""

    arity = 2
    output_field = IntegerField()

    def as_sql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )


def _latest_percent(by: dt.date | None = None):
    """The latest reported percent; with `by`, of the periods up to that day."""
    reports = ProgressReport.objects.filter(task=OuterRef("pk"))
    if by is not None:
        reports = reports.filter(period__lte=by)
    return Subquery(reports.order_by("-period", "-id").values("percent")[:1], output_field=IntegerField())


def _accepted(today: dt.date, past: bool) -> Q:
    """Accepted (验收) now, or for a past day accepted on or before it."""
    return Q(acceptance__date__lte=today) if past else Q(acceptance__isnull=False)


def task_state(today: dt.date, *, past: bool = False):
    """Task.state(today) as one SQL expression, so states can be counted in one query.
    With `past`, the state at the end of that day, from acceptance dates and the
    progress reported for periods up to it."""
    percent = Coalesce(_latest_percent(today if past else None), 0)
    accepted = _accepted(today, past)
    reported = ProgressReport.objects.filter(task=OuterRef("pk"))
    if past:
        reported = reported.filter(period__lte=today)
    span = DaysBetween(F("due_date"), F("start_date"))
    elapsed = DaysBetween(Value(today), F("start_date"))
    on = Value(TaskState.ON_SCHEDULE.value)
    behind = Value(TaskState.BEHIND.value)
    return Case(
        When(accepted & Q(is_ongoing=True), then=Value(TaskState.ONGOING.value)),
        When(accepted, then=Value(TaskState.DONE.value)),
        When(due_date__lt=today, then=Value(TaskState.OVERDUE.value)),
        When(
            due_date__isnull=False,
            then=Case(
                When(
                    LessThanOrEqual(span, 0), then=Case(When(GreaterThanOrEqual(percent, 100), then=on), default=behind)
                ),
                When(GreaterThanOrEqual(percent * span, elapsed * 100), then=on),
                default=behind,
            ),
        ),
        When(is_immediate=False, is_deadline=False, is_ongoing=False, then=Value(TaskState.REVIEW.value)),
        When(is_immediate=True, then=Case(When(GreaterThanOrEqual(percent, 100), then=on), default=behind)),
        When(Q(Exists(reported)), then=on),
        default=behind,
        output_field=CharField(),
    )


def with_state(qs: QuerySet[Task], today: dt.date) -> QuerySet[Task]:
    return qs.annotate(state_value=task_state(today), latest_percent_value=_latest_percent())


def finding_conditions(today: dt.date, *, past: bool = False) -> dict[str, Q]:
    """The four kinds of finding a leader reads (FindingState); together they are all
    findings. With `past`, as they stood at the end of that day (sign-off and acceptance
    dates, progress up to it)."""
    tasks = Task.objects.filter(finding=OuterRef("pk"))
    rectified = Exists(tasks) & ~Exists(tasks.exclude(_accepted(today, past)))
    states = Task.objects.filter(finding=OuterRef("pk")).annotate(state_value=task_state(today, past=past))
    late = Exists(states.filter(state_value__in=TaskState.LATE_STATES))
    signed = Q(status=FindingStatus.SIGNED_OFF)
    if past:
        signed &= Q(signed_off_at__lt=end_of_day(today))
    open_ = ~signed
    return {
        "signed_off": signed,
        "rectified_not_signed_off": open_ & rectified,
        "behind": open_ & ~rectified & late,
        "on_schedule": open_ & ~rectified & ~late,
    }


def finding_state(today: dt.date):
    conditions = finding_conditions(today)
    return Case(*(When(q, then=Value(k)) for k, q in conditions.items()), output_field=CharField())


def list_findings(user, inspection: Inspection | None, today: dt.date) -> QuerySet[Finding]:
    """The list as leaders read it, with the leader's own findings first."""
    qs = scoping.visible_to(user, Finding)
    if inspection is not None:
        qs = qs.filter(inspection=inspection)
    first_task = Task.objects.filter(finding=OuterRef("pk")).order_by("number")
    mine = Finding.leaders.through.objects.filter(finding=OuterRef("pk"), user_id=user.pk)
    return qs.annotate(
        mine=Exists(mine),
        tasks_total=Count("tasks", distinct=True),
        tasks_done=Count("tasks", filter=Q(tasks__acceptance__isnull=False), distinct=True),
        next_due=Min("tasks__due_date", filter=Q(tasks__acceptance__isnull=True)),
        lead_unit_name=Subquery(first_task.values("lead_unit__name")[:1]),
        state=finding_state(today),
    ).order_by("-mine", "inspection", "region", "number")


def finding_figures(findings: QuerySet[Finding], today: dt.date, *, past: bool = False) -> dict[str, int]:
    """total, signed_off, rectified_not_signed_off, on_schedule, behind: one query."""
    counts = {k: Count("id", filter=q) for k, q in finding_conditions(today, past=past).items()}
    data = findings.aggregate(total=Count("id"), **counts)
    order = ("total", "signed_off", "rectified_not_signed_off", "on_schedule", "behind")
    return {k: data[k] for k in order}


def task_figures(tasks: QuerySet[Task], today: dt.date, *, past: bool = False) -> dict[str, int]:
    """Tasks by state: one query."""
    qs = tasks.annotate(state_value=task_state(today, past=past))
    return qs.aggregate(**{s.value: Count("id", filter=Q(state_value=s.value)) for s in TaskState})


def tasks_of(finding: Finding, today: dt.date) -> QuerySet[Task]:
    return with_state(finding.tasks.select_related("lead_unit", "acceptance"), today).prefetch_related(
        "task_units__unit", "reports__unit", "reports__evidence"
    )


def units_not_reported(findings: QuerySet[Finding], period: dt.date) -> QuerySet[Unit]:
    """Responsible units with a running task and no report on it for `period`."""
    running = TaskUnit.objects.filter(task__finding__in=findings.filter(status=FindingStatus.OPEN)).filter(
        Q(task__acceptance__isnull=True) | Q(task__is_ongoing=True)
    )
    reported = ProgressReport.objects.filter(task=OuterRef("task"), unit=OuterRef("unit"), period=period)
    missing = running.exclude(Exists(reported)).values("unit")
    return Unit.objects.filter(pk__in=missing).order_by("region__code", "name")


def list_finding_events(finding: Finding) -> QuerySet[AuditEvent]:
    """The finding's timeline: its own events, its tasks' and its progress reports'."""
    task_ids = [str(i) for i in finding.tasks.values_list("pk", flat=True)]
    report_ids = [str(i) for i in ProgressReport.objects.filter(task__finding=finding).values_list("pk", flat=True)]
    return AuditEvent.objects.filter(
        Q(object_type="rectification.finding", object_id=str(finding.pk))
        | Q(object_type="rectification.task", object_id__in=task_ids)
        | Q(object_type="rectification.progressreport", object_id__in=report_ids)
    ).order_by("seq")


def inspections_with_findings(user) -> QuerySet[Inspection]:
    visible = scoping.visible_to(user, Finding)
    return Inspection.objects.filter(pk__in=visible.values("inspection")).order_by("-start_date", "code")
