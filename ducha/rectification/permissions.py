"""Who sees and does what in rectification.

- the office (环委办) and admins: every finding of their city; they import, accept,
  run notices, resolve objections and sign off;
- leaders and supervisors: read every finding of their city (a leader's own first);
- a responsible unit's handlers: the findings with a task of their unit, and they
  report progress on those tasks only.
"""

from django.db.models import Exists, OuterRef, Q

from ducha.org import scoping
from ducha.org.models import Role
from ducha.rectification.models import (
    Acceptance,
    Evidence,
    Finding,
    Objection,
    ProgressReport,
    PublicNotice,
    Task,
    TaskUnit,
)

READERS = (Role.OFFICE, Role.LEADER, Role.SUPERVISOR)
OFFICE_ACTIONS = {"import", "accept", "notice", "sign_off", "settle", "export", "resolve"}


def _handler_units(p) -> set[int]:
    return p.units_by_role.get(Role.HANDLER, set())


def findings_q(p) -> Q:
    """Q over Finding for what `p` may see (admins aside)."""
    q = p.region_q("region__code", *READERS)
    units = _handler_units(p)
    if units:
        q |= Exists(TaskUnit.objects.filter(task__finding=OuterRef("pk"), unit_id__in=units))
    return q


def _findings_visible(p, qs):
    if p.is_admin:
        return qs
    return qs.filter(findings_q(p))


def _in_office_city(p, finding) -> bool:
    if p.is_admin:
        return True
    return any(finding.region_id.startswith(x) for x in p.prefixes_by_role.get(Role.OFFICE, ()))


def _finding_can(p, action, finding):
    if action == "view":
        if finding is None:
            return p.is_admin or p.has(*READERS, Role.HANDLER)
        return _findings_visible(p, Finding.objects.filter(pk=finding.pk)).exists()
    if action in OFFICE_ACTIONS:
        if not (p.is_admin or p.has(Role.OFFICE)):
            return False
        return finding is None or _in_office_city(p, finding)
    return False


def _tasks_visible(p, qs):
    if p.is_admin:
        return qs
    return qs.filter(finding__in=_findings_visible(p, Finding.objects.all()))


def _task_can(p, action, task):
    if action == "view":
        if task is None:
            return p.is_admin or p.has(*READERS, Role.HANDLER)
        return _tasks_visible(p, Task.objects.filter(pk=task.pk)).exists()
    if action in ("report", "locate"):
        # a responsible unit's handler on its own tasks; the office for any task of its city
        if task is None:
            return p.is_admin or p.has(Role.OFFICE, Role.HANDLER)
        if _in_office_city(p, task.finding) and (p.is_admin or p.has(Role.OFFICE)):
            return True
        return task.task_units.filter(unit_id__in=_handler_units(p)).exists()
    if action == "settle":
        return _finding_can(p, "settle", task.finding if task is not None else None)
    return False


def _under_finding(path: str):
    """Rules for objects that belong to a finding: visible and changeable with it."""

    def visible(p, qs):
        if p.is_admin:
            return qs
        return qs.filter(**{f"{path}__in": _findings_visible(p, Finding.objects.all())})

    def can(p, action, obj):
        if obj is None:
            return _finding_can(p, action, None)
        finding = obj
        for part in path.split("__"):
            finding = getattr(finding, part)
        return _finding_can(p, action, finding)

    return visible, can


def _evidence_visible(p, qs):
    if p.is_admin:
        return qs
    findings = _findings_visible(p, Finding.objects.all())
    return qs.filter(Q(report__task__finding__in=findings) | Q(acceptance__finding__in=findings))


def _evidence_can(p, action, evidence):
    if action != "view":
        return False
    if evidence is None:
        return _finding_can(p, "view", None)
    return _evidence_visible(p, Evidence.objects.filter(pk=evidence.pk)).exists()


scoping.register(Finding, visible=_findings_visible, can=_finding_can)
scoping.register(Task, visible=_tasks_visible, can=_task_can)
for model, path in (
    (ProgressReport, "task__finding"),
    (Acceptance, "finding"),
    (PublicNotice, "finding"),
    (Objection, "notice__finding"),
):
    visible, can = _under_finding(path)
    scoping.register(model, visible=visible, can=can)
scoping.register(Evidence, visible=_evidence_visible, can=_evidence_can)
