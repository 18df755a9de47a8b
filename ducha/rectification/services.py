"""Every change in rectification: check, write, audit, one transaction per user action."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit.services import diff, record, snapshot
from ducha.core.parsing import ParseError
from ducha.core.parsing.deadlines import DEADLINE, IMMEDIATE, ONGOING
from ducha.core.parsing.tasks import TaskParse, parse_task_file
from ducha.errors import DomainError, InvalidTransition
from ducha.inspections.models import Inspection
from ducha.org import scoping
from ducha.org.models import Region, Role, Unit, User
from ducha.rectification import evidence as evidence_files
from ducha.rectification import importing
from ducha.rectification.models import (
    Acceptance,
    AcceptanceResult,
    Finding,
    FindingStatus,
    Objection,
    ProgressReport,
    ProgressStage,
    PublicNotice,
    RectificationPlan,
    Task,
    TaskUnit,
    UnitRole,
)

TASK_FIELDS = [
    "target",
    "measures",
    "is_immediate",
    "is_deadline",
    "is_ongoing",
    "due_date",
    "deadline_text",
    "needs_review",
    "leader",
    "lead_unit",
    "units_text",
]
FINDING_FIELDS = ["title", "text", "leader_names"]
NOTICE_MAX_DAYS = 60


# --- import of the task list ----------------------------------------------------------


@dataclass
class TaskImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    findings: int = 0
    tasks: int = 0
    needs_review: list[dict] = field(default_factory=list)
    findings_created: int = 0
    findings_updated: int = 0
    rows: int = 0
    plan: int | None = None
    region: str = ""
    mapping: list[dict] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_json(self) -> dict:
        data = asdict(self)
        keys = ("created", "updated", "unchanged", "errors", "warnings", "rows", "dry_run")
        keys += ("findings", "tasks", "needs_review", "findings_created", "findings_updated", "plan", "region")
        return {k: data[k] for k in keys}


class _Rollback(Exception):
    """Raised inside the import transaction to undo it (errors found, or a dry run)."""


def _file_problem(name: str, message: str) -> dict:
    return {"sheet": "", "row": 0, "column": "", "header": "", "value": name, "message": str(message)}


def _kinds(kinds: Iterable[str]) -> dict:
    kinds = set(kinds)
    return {"is_immediate": IMMEDIATE in kinds, "is_deadline": DEADLINE in kinds, "is_ongoing": ONGOING in kinds}


def import_tasks(
    path: str | Path,
    *,
    actor,
    inspection: Inspection,
    region: Region | None = None,
    dry_run: bool = False,
    source_name: str | None = None,
    plan_date: dt.date | None = None,
) -> TaskImportResult:
    """Import a 整改任务清单: all or nothing, idempotent by (finding number, task number).

    A task whose deadline text is unchanged keeps the kinds and date a person settled."""
    scoping.require(actor, "import", Finding)
    path = Path(path)
    name = source_name or path.name
    result = TaskImportResult(dry_run=dry_run)
    scope = importing.unit_scope(actor, region)
    units, groups = importing.unit_lookup(scope)
    try:
        parsed = parse_task_file(path, units=units, groups=groups)
    except ParseError as exc:
        result.errors.append(exc.problem.to_dict())
        return result
    _collect(parsed, result)
    if result.errors:
        return result
    region = region or importing.city_of(actor, parsed, scope)
    if region is None:
        result.errors.append(_file_problem(name, _("无法确定清单所属的市：请指定行政区域（--region）。")))
        return result
    result.region = region.code
    try:
        with transaction.atomic(durable=True):
            # One import per inspection at a time: the second waits here, then finds
            # the first one's rows unchanged.
            Inspection.objects.select_for_update().get(pk=inspection.pk)
            _write(parsed, result, actor=actor, inspection=inspection, region=region, plan_date=plan_date)
            if dry_run:
                raise _Rollback
            if result.created or result.updated or result.findings_created or result.findings_updated:
                record(
                    actor=actor,
                    action="rectification.tasks.import",
                    object_type="rectification.rectificationplan",
                    object_id=str(result.plan),
                    object_repr=f"{inspection.code} {region.name}",
                    after={
                        "file": name,
                        "sha256": _sha256(path),
                        "findings": result.findings,
                        "tasks": result.tasks,
                        "created": result.created,
                        "updated": result.updated,
                        "unchanged": result.unchanged,
                        "needs_review": len(result.needs_review),
                    },
                )
    except _Rollback:
        pass
    except IntegrityError as exc:  # a constraint we did not foresee: nothing is written
        result.errors.append(_file_problem(name, _("写入数据库失败，已全部撤销：%(e)s") % {"e": exc}))
        result.created = result.updated = result.unchanged = 0
    return result


def _collect(parsed: TaskParse, result: TaskImportResult) -> None:
    result.errors = [p.to_dict() for p in parsed.errors]
    result.warnings = [p.to_dict() for p in parsed.warnings]
    result.needs_review = [{k: r[k] for k in ("finding", "task", "raw", "row")} for r in parsed.needs_review]
    result.findings = len(parsed.findings)
    result.tasks = len(parsed.tasks)
    result.rows = result.tasks
    result.mapping = parsed.mapping


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _write(parsed: TaskParse, result: TaskImportResult, *, actor, inspection, region, plan_date) -> None:
    plan, _created = RectificationPlan.objects.get_or_create(
        inspection=inspection,
        region=region,
        defaults={"issued_on": plan_date or timezone.localdate(), "title": str(parsed.meta.get("title", ""))[:200]},
    )
    result.plan = plan.pk
    leaders = importing.leader_users(region)
    existing = {f.number: f for f in Finding.objects.filter(inspection=inspection, region=region)}
    for rec in parsed.findings:
        finding = existing.get(rec.number)
        values = {"title": rec.title, "text": rec.text, "leader_names": rec.leader}
        if finding is None:
            finding = Finding.objects.create(
                plan=plan, inspection=inspection, region=region, number=rec.number, **values
            )
            record(actor=actor, action="rectification.finding.create", obj=finding, after=snapshot(finding))
            result.findings_created += 1
        else:
            before = snapshot(finding, FINDING_FIELDS)
            for k, v in values.items():
                setattr(finding, k, v)
            after = snapshot(finding, FINDING_FIELDS)
            if before != after:
                finding.save(update_fields=list(values))
                b, a = diff(before, after)
                record(actor=actor, action="rectification.finding.update", obj=finding, before=b, after=a)
                result.findings_updated += 1
        wanted = {u.pk for u in leaders if u.full_name and u.full_name in rec.leader}
        if set(finding.leaders.values_list("pk", flat=True)) != wanted:
            finding.leaders.set(wanted)
        _write_tasks(finding, rec.tasks, result, actor=actor, start=plan.issued_on)


def _write_tasks(finding: Finding, records, result: TaskImportResult, *, actor, start: dt.date) -> None:
    existing = {t.number: t for t in finding.tasks.all()}
    memberships = {}
    for tu in TaskUnit.objects.filter(task__finding=finding).order_by("task_id", "position"):
        memberships.setdefault(tu.task_id, []).append((tu.unit_id, tu.role))
    for rec in records:
        units = [(u.id, UnitRole.LEAD if u.lead else UnitRole.SUPPORT) for u in rec.units]
        values = {
            "target": rec.target,
            "measures": rec.measures,
            "leader": rec.leader,
            "lead_unit_id": rec.lead_unit_id,
            "units_text": rec.units_raw[:500],
            "deadline_text": rec.deadline.raw[:200],
        }
        deadline = {
            "due_date": rec.deadline.due,
            "needs_review": rec.deadline.needs_review,
            **_kinds(rec.deadline.kinds),
        }
        task = existing.get(rec.task_number)
        if task is None:
            task = Task.objects.create(finding=finding, number=rec.task_number, start_date=start, **values, **deadline)
            _set_units(task, units)
            record(actor=actor, action="rectification.task.create", obj=task, after=snapshot(task) | {"units": units})
            result.created += 1
            continue
        if task.deadline_text != values["deadline_text"]:
            values |= deadline  # else keep what a person settled for the same text
        if [list(u) for u in memberships.get(task.pk, [])] == [list(u) for u in units]:
            del values["units_text"]  # the same units, written another way (全称/简称): no change
        before = snapshot(task, TASK_FIELDS) | {"units": [list(u) for u in memberships.get(task.pk, [])]}
        for k, v in values.items():
            setattr(task, k, v)
        after = snapshot(task, TASK_FIELDS) | {"units": [list(u) for u in units]}
        if before == after:
            result.unchanged += 1
            continue
        task.save(update_fields=[k.removesuffix("_id") for k in values])
        if before["units"] != after["units"]:
            _set_units(task, units)
        b, a = diff(before, after)
        record(actor=actor, action="rectification.task.update", obj=task, before=b, after=a)
        result.updated += 1


def _set_units(task: Task, units: list[tuple[int, str]]) -> None:
    TaskUnit.objects.filter(task=task).delete()
    TaskUnit.objects.bulk_create(
        TaskUnit(task=task, unit_id=unit_id, role=role, position=i) for i, (unit_id, role) in enumerate(units)
    )


def settle_deadline(task: Task, *, actor, kinds: Iterable[str], due_date: dt.date | None) -> Task:
    """A person settles a deadline the import could not read (2019年汛期前)."""
    kinds = set(kinds)
    if not kinds:
        raise DomainError(_("请选择整改类型（立行立改、限期整改或长期坚持）。"), field="kinds")
    if DEADLINE in kinds and due_date is None:
        raise DomainError(_("限期整改须填写整改时限。"), field="due_date")
    if DEADLINE not in kinds and due_date is not None:
        kinds.add(DEADLINE)
    with transaction.atomic(durable=True):
        task = Task.objects.select_for_update().select_related("finding").get(pk=task.pk)
        scoping.require(actor, "settle", task)
        if task.finding.is_signed_off:
            raise InvalidTransition(_("该问题已销号，不能修改整改时限。"))
        before = snapshot(task, ["is_immediate", "is_deadline", "is_ongoing", "due_date", "needs_review"])
        for k, v in _kinds(kinds).items():
            setattr(task, k, v)
        task.due_date, task.needs_review = due_date, False
        after = snapshot(task, ["is_immediate", "is_deadline", "is_ongoing", "due_date", "needs_review"])
        task.save(update_fields=list(after))
        record(actor=actor, action="rectification.task.settle_deadline", obj=task, before=before, after=after)
    return task


# --- progress (调度) -----------------------------------------------------------------


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


# --- acceptance, notice, objections, sign-off ---------------------------------------


def accept_finding(
    finding: Finding,
    *,
    actor,
    date: dt.date,
    team: str,
    result: str,
    opinion: str,
    tasks: Iterable[Task] | None = None,
    documents: Iterable[tuple[str, bytes]] = (),
) -> Acceptance:
    """验收: record the check of some (default: all not yet accepted) tasks of a finding.
    A passed acceptance accepts its tasks; a failed one accepts none."""
    team, opinion = (team or "").strip(), (opinion or "").strip()
    if not team:
        raise DomainError(_("请填写验收组。"), field="team")
    if not opinion:
        raise DomainError(_("请填写验收意见。"), field="opinion")
    if result not in AcceptanceResult.values:
        raise DomainError(_("验收结论应为通过或不通过。"), field="result")
    if date > timezone.localdate():
        raise DomainError(_("验收日期不能晚于今天。"), field="date")
    checked = [evidence_files.check(name, content) for name, content in documents]
    with transaction.atomic(durable=True):
        finding = Finding.objects.select_for_update().get(pk=finding.pk)
        scoping.require(actor, "accept", finding)
        if finding.is_signed_off:
            raise InvalidTransition(_("该问题已销号，不能再验收。"))
        pending = Task.objects.filter(finding=finding, acceptance__isnull=True)
        chosen = list(pending) if tasks is None else [t for t in pending if t.pk in {x.pk for x in tasks}]
        if tasks is not None and len(chosen) != len({x.pk for x in tasks}):
            raise DomainError(_("所选任务不属于该问题或已验收。"), field="tasks")
        if not chosen:
            raise InvalidTransition(_("该问题没有待验收的任务。"))
        now = timezone.now()
        acceptance = Acceptance.objects.create(
            finding=finding, date=date, team=team, result=result, opinion=opinion, recorded_by=actor, recorded_at=now
        )
        acceptance.tasks.set(chosen)
        if result == AcceptanceResult.PASSED:
            Task.objects.filter(pk__in=[t.pk for t in chosen]).update(acceptance=acceptance)
        stored = [evidence_files.store(c, acceptance=acceptance, actor=actor, at=now) for c in checked]
        record(
            actor=actor,
            action="rectification.finding.accept",
            obj=finding,
            after={
                "acceptance": acceptance.pk,
                "date": date.isoformat(),
                "team": team,
                "result": result,
                "opinion": opinion,
                "tasks": [t.number for t in chosen],
                "documents": [{"name": e.name, "sha256": e.sha256} for e in stored],
            },
        )
    return acceptance


def start_notice(finding: Finding, *, actor, start_date: dt.date, days: int, channel: str) -> PublicNotice:
    """公示: the notice may be entered after it began (it is often published first)."""
    channel = (channel or "").strip()
    if not channel:
        raise DomainError(_("请填写公示媒体。"), field="channel")
    if days is None or not 1 <= int(days) <= NOTICE_MAX_DAYS:
        raise DomainError(_("公示天数应为1到%(n)s天。") % {"n": NOTICE_MAX_DAYS}, field="days")
    with transaction.atomic(durable=True):
        finding = Finding.objects.select_for_update().get(pk=finding.pk)
        scoping.require(actor, "notice", finding)
        if finding.is_signed_off:
            raise InvalidTransition(_("该问题已销号，不能再公示。"))
        if not finding.tasks.exists() or finding.tasks.filter(acceptance__isnull=True).exists():
            raise InvalidTransition(_("该问题的任务尚未全部验收，不能公示。"))
        today = timezone.localdate()
        running = [n for n in finding.notices.all() if not n.has_ended(today)]
        if running:
            raise InvalidTransition(
                _("该问题正在公示（至%(day)s），不能重复公示。") % {"day": running[0].last_day.isoformat()}
            )
        notice = PublicNotice.objects.create(
            finding=finding, start_date=start_date, days=int(days), channel=channel, started_by=actor
        )
        record(actor=actor, action="rectification.notice.start", obj=finding, after=snapshot(notice))
    return notice


def add_objection(notice: PublicNotice, *, actor, received_on: dt.date, text: str) -> Objection:
    text = (text or "").strip()
    if not text:
        raise DomainError(_("请填写异议内容。"), field="text")
    with transaction.atomic(durable=True):
        notice = PublicNotice.objects.select_for_update().select_related("finding").get(pk=notice.pk)
        scoping.require(actor, "notice", notice.finding)
        if notice.finding.is_signed_off:
            raise InvalidTransition(_("该问题已销号，不能再登记异议。"))
        if received_on < notice.start_date:
            raise DomainError(_("收到日期不能早于公示开始日期。"), field="received_on")
        objection = Objection.objects.create(notice=notice, received_on=received_on, text=text)
        record(actor=actor, action="rectification.objection.add", obj=notice.finding, after=snapshot(objection))
    return objection


def resolve_objection(objection: Objection, *, actor, resolution: str) -> Objection:
    resolution = (resolution or "").strip()
    if not resolution:
        raise DomainError(_("请填写处理结果。"), field="resolution")
    with transaction.atomic(durable=True):
        objection = Objection.objects.select_for_update().select_related("notice__finding").get(pk=objection.pk)
        finding = objection.notice.finding
        scoping.require(actor, "notice", finding)
        if objection.is_resolved:
            raise InvalidTransition(_("该异议已办结。"))
        objection.resolution, objection.resolved_at, objection.resolved_by = resolution, timezone.now(), actor
        objection.save(update_fields=["resolution", "resolved_at", "resolved_by"])
        record(
            actor=actor,
            action="rectification.objection.resolve",
            obj=finding,
            after={"objection": objection.pk, "resolution": resolution},
        )
    return objection


def sign_off_missing(finding: Finding, today: dt.date) -> list[str]:
    """What still stands between a finding and its sign-off, in words (empty: nothing)."""
    missing = []
    tasks = list(finding.tasks.order_by("number"))
    if not tasks:
        missing.append(_("该问题没有整改任务"))
    pending = [t for t in tasks if t.acceptance_id is None]
    if pending:
        names = "、".join(_("任务%(n)s") % {"n": t.number} for t in pending)
        missing.append(_("%(tasks)s尚未验收") % {"tasks": names})
    notice = finding.notices.order_by("-start_date", "-id").first()
    if notice is None:
        missing.append(_("尚未公示"))
    else:
        if not notice.has_ended(today):
            missing.append(_("公示尚未结束（%(day)s结束）") % {"day": notice.last_day.isoformat()})
        open_objections = [o for o in notice.objections.all() if not o.is_resolved]
        if open_objections:
            listed = "；".join(f"{o.received_on.isoformat()}“{o.text[:30]}”" for o in open_objections)
            missing.append(_("%(n)s条公示异议尚未办结：%(list)s") % {"n": len(open_objections), "list": listed})
    return missing


def sign_off_finding(finding: Finding, *, actor) -> Finding:
    """销号: only when every task is accepted and the notice has ended with every
    objection resolved; otherwise refuse, naming what is missing."""
    with transaction.atomic(durable=True):
        finding = Finding.objects.select_for_update().get(pk=finding.pk)
        scoping.require(actor, "sign_off", finding)
        if finding.is_signed_off:
            raise InvalidTransition(_("该问题已销号。"))
        missing = sign_off_missing(finding, timezone.localdate())
        if missing:
            raise InvalidTransition(
                _("不能销号：%(missing)s。") % {"missing": "；".join(missing)}, code="sign_off_refused"
            )
        finding.status, finding.signed_off_at = FindingStatus.SIGNED_OFF, timezone.now()
        finding.signed_off_by = actor if isinstance(actor, User) else None
        finding.save(update_fields=["status", "signed_off_at", "signed_off_by"])
        record(
            actor=actor,
            action="rectification.finding.sign_off",
            obj=finding,
            before={"status": FindingStatus.OPEN},
            after={"status": finding.status, "signed_off_at": finding.signed_off_at},
        )
    return finding
