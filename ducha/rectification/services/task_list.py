"""Import of the task list (整改任务清单): parsed, every row checked, written all or
nothing; a re-import updates what changed and keeps what a person settled."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

from django.db import DatabaseError, IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha import store
from ducha.audit.services import diff, record, snapshot
from ducha.core.parsing import ParseError
from ducha.core.parsing.isolated import parse_task_file
from ducha.core.parsing.tasks import TaskParse
from ducha.errors import DomainError
from ducha.inspections.models import Inspection
from ducha.inspections.turns import ImportBusy, import_turn
from ducha.org import scoping
from ducha.org import services as org_services
from ducha.org.models import Region
from ducha.rectification import importing
from ducha.rectification.models import (
    Finding,
    RectificationPlan,
    Task,
    TaskUnit,
    UnitRole,
)
from ducha.rectification.services.tasks import TASK_FIELDS, kinds_of, set_units
from ducha.uploads import ImportResult, Rollback, failure_problem, file_problem, reader_limits

log = logging.getLogger(__name__)

FINDING_FIELDS = ["title", "text", "leader_names"]


def import_tasks(
    path: str | Path,
    *,
    actor,
    inspection: Inspection,
    region: Region | None = None,
    dry_run: bool = False,
    source_name: str | None = None,
    plan_date: dt.date | None = None,
    add_units: bool = False,
    waiting: Callable[[], None] | None = None,
    wait_seconds: float | None = None,
) -> ImportResult:
    """Import a 整改任务清单: all or nothing, idempotent by (finding number, task number).

    A task whose deadline text is unchanged keeps the kinds and date a person settled.
    With `add_units`, names the unit directory lacks become departments of the list's
    city, in the same transaction (and listed in `units_added`); only when they are
    the file's only errors. Without it they stay errors, with the closest known units.
    A full disk or a lost database ends in `result.errors` too, with nothing written;
    so does a wait for another import longer than settings.IMPORT_WAIT_SECONDS
    (`waiting()` is called when the wait begins)."""
    scoping.require(actor, "import", Finding)
    path = Path(path)
    name = source_name or path.name
    result = ImportResult("task_list", dry_run=dry_run)
    try:
        return _import(
            path,
            name,
            result,
            actor=actor,
            inspection=inspection,
            region=region,
            dry_run=dry_run,
            plan_date=plan_date,
            add_units=add_units,
            waiting=waiting,
            wait_seconds=wait_seconds,
        )
    except ImportBusy as exc:
        result.errors.append(file_problem(name, exc.message))
        result.units_added = []
        result.created = result.updated = result.unchanged = 0
        return result
    except (OSError, DatabaseError) as exc:
        log.warning("task list import of %s failed: %r", name, exc)
        result.errors.append(failure_problem(name, exc))
        result.units_added = []
        result.created = result.updated = result.unchanged = 0
        result.findings_created = result.findings_updated = 0
        return result


def _import(
    path: Path,
    name: str,
    result: ImportResult,
    *,
    actor,
    inspection,
    region,
    dry_run,
    plan_date,
    add_units,
    waiting,
    wait_seconds,
) -> ImportResult:
    scope = importing.unit_scope(actor, region)
    try:
        # read in a child process: a hostile file costs the child, never this process
        parsed = parse_task_file(path, limits=reader_limits(), label=name, units=importing.unit_directory(scope))
    except ParseError as exc:
        result.errors.append(exc.problem.to_dict())
        return result
    _collect(parsed, result)
    to_add = list(parsed.unknown_units) if add_units and parsed.only_unknown_units else []
    if result.errors and not parsed.only_unknown_units:
        return result
    region = region or importing.city_of(actor, parsed, scope)
    if region is None:
        result.errors.append(file_problem(name, _("无法确定清单所属的市：请指定行政区域（--region）。")))
        return result
    # known even when unknown units stop the import: the city a new unit would join
    result.region = region.code
    if result.errors and not to_add:
        return result
    try:
        # One import per inspection at a time: the second waits here (said, bounded),
        # then finds the first one's rows unchanged.
        with import_turn(inspection, waiting=waiting, timeout=wait_seconds):
            if to_add:
                org_services.add_list_units(to_add, actor=actor, region=region, source=name)
                result.units_added = to_add
                directory = importing.unit_directory(importing.unit_scope(actor, region))
                parsed = parse_task_file(path, limits=reader_limits(), label=name, units=directory)
                _collect(parsed, result)
                if result.errors:
                    result.units_added = []
                    raise Rollback
            _write(parsed, result, actor=actor, inspection=inspection, region=region, plan_date=plan_date)
            if dry_run:
                raise Rollback
            if result.created or result.updated or result.findings_created or result.findings_updated:
                record(
                    actor=actor,
                    action="rectification.tasks.import",
                    object_type="rectification.rectificationplan",
                    object_id=str(result.plan),
                    object_repr=f"{inspection.code} {region.name}",
                    after={
                        "file": name,
                        "sha256": store.address(path, kind=store.UPLOADS).sha256,
                        "findings": result.findings,
                        "tasks": result.tasks,
                        "created": result.created,
                        "updated": result.updated,
                        "unchanged": result.unchanged,
                        "needs_review": len(result.needs_review),
                    },
                )
    except Rollback:
        pass
    except ParseError as exc:  # the second reading (units added) failed: nothing is written
        result.errors.append(exc.problem.to_dict())
        result.units_added = []
    except DomainError as exc:  # a unit to add that cannot be added: nothing is written
        result.errors.append(file_problem(name, exc.message))
        result.units_added = []
        result.created = result.updated = result.unchanged = 0
    except IntegrityError as exc:  # a constraint we did not foresee: nothing is written
        result.errors.append(file_problem(name, _("写入数据库失败，已全部撤销：%(e)s") % {"e": exc}))
        result.created = result.updated = result.unchanged = 0
    return result


def _collect(parsed: TaskParse, result: ImportResult) -> None:
    result.collect(parsed)
    result.unknown_units = [
        {
            "name": u.name,
            "rows": [{"sheet": sheet, "row": row, "column": column} for sheet, row, column in u.places],
            "suggestions": [{"id": i, "name": label} for i, label in u.suggestions],
        }
        for u in parsed.unknown_units.values()
    ]
    result.needs_review = [{k: r[k] for k in ("finding", "task", "raw", "row")} for r in parsed.needs_review]
    result.findings = len(parsed.findings)
    result.tasks = len(parsed.tasks)
    result.rows = result.tasks


def _write(parsed: TaskParse, result: ImportResult, *, actor, inspection, region, plan_date) -> None:
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


def _write_tasks(finding: Finding, records, result: ImportResult, *, actor, start: dt.date) -> None:
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
            **kinds_of(rec.deadline.kinds),
        }
        task = existing.get(rec.task_number)
        if task is None:
            task = Task.objects.create(finding=finding, number=rec.task_number, start_date=start, **values, **deadline)
            set_units(task, units)
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
            set_units(task, units)
        b, a = diff(before, after)
        record(actor=actor, action="rectification.task.update", obj=task, before=b, after=a)
        result.updated += 1
