"""A finding's tasks: adding one (rectification writes its own rows; supervision turns a
visit finding into a task through add_task), the units on it, settling a deadline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha import versions
from ducha.audit.services import record, snapshot
from ducha.core.parsing.deadlines import DEADLINE, IMMEDIATE, ONGOING
from ducha.errors import DomainError, InvalidTransition
from ducha.org import scoping
from ducha.org.models import Unit
from ducha.rectification.models import Finding, Task, TaskUnit, UnitRole

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


def kinds_of(kinds: Iterable[str]) -> dict:
    kinds = set(kinds)
    return {"is_immediate": IMMEDIATE in kinds, "is_deadline": DEADLINE in kinds, "is_ongoing": ONGOING in kinds}


def set_units(task: Task, units: list[tuple[int, str]]) -> None:
    TaskUnit.objects.filter(task=task).delete()
    TaskUnit.objects.bulk_create(
        TaskUnit(task=task, unit_id=unit_id, role=role, position=i) for i, (unit_id, role) in enumerate(units)
    )


SETTLE_FIELDS = ["is_immediate", "is_deadline", "is_ongoing", "due_date", "needs_review"]


def settle_deadline(
    task: Task, *, actor, kinds: Iterable[str], due_date: dt.date | None, version: str | None = None
) -> Task:
    """A person settles a deadline the import could not read (2019年汛期前). `version`: the
    task as the form showed it (ducha.versions); settled by someone since → Conflict."""
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
        versions.check(task, SETTLE_FIELDS, version)
        if task.finding.is_signed_off:
            raise InvalidTransition(_("该问题已销号，不能修改整改时限。"))
        before = snapshot(task, SETTLE_FIELDS)
        for k, v in kinds_of(kinds).items():
            setattr(task, k, v)
        task.due_date, task.needs_review = due_date, False
        after = snapshot(task, SETTLE_FIELDS)
        task.save(update_fields=list(after))
        record(actor=actor, action="rectification.task.settle_deadline", obj=task, before=before, after=after)
    return task


def add_task(
    finding: Finding,
    *,
    actor,
    target: str,
    lead_unit: Unit,
    due_date: dt.date,
    measures: str = "",
    start_date: dt.date | None = None,
) -> Task:
    """Add a task with a deadline to a finding, led by one unit, numbered after the last.

    Called on its own it is one transaction; called by another area's service (a visit
    finding turned into a task) it joins that service's transaction, so the task and
    the link to it commit together or not at all."""
    target = target.strip()
    if not target:
        raise DomainError(_("请填写整改目标。"), field="target")
    with transaction.atomic():
        finding = Finding.objects.select_for_update().get(pk=finding.pk)  # numbers are handed out one at a time
        scoping.require(actor, "settle", finding)
        if finding.is_signed_off:
            raise InvalidTransition(_("该问题已销号，不能增加整改任务。"))
        number = (finding.tasks.aggregate(n=Max("number"))["n"] or 0) + 1
        task = Task.objects.create(
            finding=finding,
            number=number,
            target=target,
            measures=measures.strip() or target,
            is_deadline=True,
            due_date=due_date,
            start_date=start_date or timezone.localdate(),
            lead_unit=lead_unit,
            units_text=lead_unit.name,
        )
        units = [(lead_unit.pk, UnitRole.LEAD)]
        set_units(task, units)
        record(actor=actor, action="rectification.task.create", obj=task, after=snapshot(task) | {"units": units})
    return task
