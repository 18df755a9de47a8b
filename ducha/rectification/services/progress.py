"""Monthly progress reports (调度) of the responsible units on their tasks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit.services import record, snapshot
from ducha.errors import DomainError, InvalidTransition
from ducha.org import scoping
from ducha.org.models import Role, Unit
from ducha.rectification import evidence as evidence_files
from ducha.rectification.models import (
    ProgressReport,
    ProgressStage,
    Task,
)


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _unit_for(actor, task: Task, unit: Unit | None) -> Unit:
    """The unit a report speaks for: given, or the actor's own responsible unit."""
    task_units = list(task.units.all())
    if unit is None:
        mine = scoping.principal(actor).units(Role.HANDLER)
        unit = next((u for u in task_units if u.pk in mine), None) or task.lead_unit
    if unit.pk not in {u.pk for u in task_units}:
        raise DomainError(_("“%(unit)s”不是该任务的责任单位。") % {"unit": unit}, field="unit")
    return unit


def report_progress(
    task: Task,
    *,
    actor,
    period: dt.date,
    text: str,
    percent: int,
    stage: str = "",
    unit: Unit | None = None,
    files: Iterable[tuple[str, bytes]] = (),
) -> ProgressReport:
    """A responsible unit reports on one task for one period; the same period again
    replaces the text and figures (and adds files), it never makes a second report."""
    text = (text or "").strip()
    if not text:
        raise DomainError(_("请填写进展情况。"), field="text")
    if percent is None or not 0 <= int(percent) <= 100:
        raise DomainError(_("完成进度应为0到100之间的整数。"), field="percent")
    percent = int(percent)
    stage = stage or (
        ProgressStage.COMPLETED
        if percent == 100
        else ProgressStage.NOT_STARTED
        if percent == 0
        else ProgressStage.UNDERWAY
    )
    if stage not in ProgressStage.values:
        raise DomainError(_("无法识别的阶段。"), field="stage")
    period = month_of(period)
    if period > month_of(timezone.localdate()):
        raise DomainError(_("不能报送未来月份的进展。"), field="period")
    checked = [evidence_files.check(name, content) for name, content in files]  # before any write
    with transaction.atomic(durable=True):
        task = Task.objects.select_for_update().select_related("finding", "lead_unit").get(pk=task.pk)
        scoping.require(actor, "report", task)
        if task.finding.is_signed_off and not task.is_ongoing:
            raise InvalidTransition(_("该问题已销号，不再报送进展。"))
        unit = _unit_for(actor, task, unit)
        now = timezone.now()
        report = ProgressReport.objects.filter(task=task, unit=unit, period=period).first()
        before = snapshot(report, ["text", "percent", "stage"]) if report else None
        if report is None:
            report = ProgressReport.objects.create(
                task=task, unit=unit, period=period, text=text, percent=percent, stage=stage,
                reported_by=actor, reported_at=now,
            )  # fmt: skip
        else:
            report.text, report.percent, report.stage, report.reported_by, report.reported_at = (
                text, percent, stage, actor, now,
            )  # fmt: skip
            report.save(update_fields=["text", "percent", "stage", "reported_by", "reported_at"])
        stored = [evidence_files.store(c, report=report, actor=actor, at=now) for c in checked]
        after = snapshot(report, ["text", "percent", "stage"]) | {
            "task": str(task),
            "unit": unit.name,
            "period": period.strftime("%Y-%m"),
            "files": [{"name": e.name, "sha256": e.sha256, "size": e.size} for e in stored],
        }
        record(actor=actor, action="rectification.progress.report", obj=report, before=before, after=after)
    return report
