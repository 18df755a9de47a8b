"""Site visits (专项督查 / 暗访) and what they found; a finding becomes a rectification task
(through rectification's add_task) or a complaint (through the complaints intake)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from ducha import store
from ducha.audit.services import record, snapshot
from ducha.complaints.models import Complaint
from ducha.core.files import PHOTO_KINDS, FileRejected, check_file
from ducha.errors import DomainError, InvalidTransition
from ducha.inspections.models import Inspection
from ducha.org import scoping
from ducha.org.models import Region, Unit
from ducha.rectification.models import Finding, Task
from ducha.rectification.services.tasks import add_task
from ducha.supervision.models import (
    SiteVisit,
    VisitFinding,
    VisitKind,
)

MSG_ALREADY_CONVERTED = _("该问题已转为整改任务或信访件。")

VISIT_SOURCE_LABEL = "专项督查/暗访发现"


def plan_visit(
    inspection: Inspection,
    *,
    actor,
    region: Region,
    kind: str,
    title: str,
    planned_on: dt.date,
    team: str,
    visited_on: dt.date | None = None,
    summary: str = "",
) -> SiteVisit:
    with transaction.atomic(durable=True):
        visit = SiteVisit(
            inspection=inspection,
            region=region,
            kind=kind,
            title=title.strip(),
            planned_on=planned_on,
            visited_on=visited_on,
            team=team.strip(),
            summary=summary,
            recorded_by=actor,
        )
        scoping.require(actor, "create", visit)
        if kind not in VisitKind.values:
            raise DomainError(_("督查方式无效。"), field="kind")
        if not visit.title:
            raise DomainError(_("请填写督查名称。"), field="title")
        visit.save()
        record(actor=actor, action="supervision.visit.plan", obj=visit, after=snapshot(visit))
    return visit


def add_visit_finding(
    visit: SiteVisit, *, actor, text: str, unit: Unit, photos: Iterable[tuple[str, bytes]] = ()
) -> VisitFinding:
    """A problem found on a visit, with its photos (kept in the store by hash)."""
    with transaction.atomic(durable=True):
        visit = SiteVisit.objects.select_for_update().get(pk=visit.pk)
        scoping.require(actor, "change", visit)
        if not text.strip():
            raise DomainError(_("请填写发现问题。"), field="text")
        stored = []
        for name, content in photos:
            try:
                photo = check_file(name, content, kinds=PHOTO_KINDS, max_bytes=10 * 1024 * 1024)
            except FileRejected as exc:
                raise DomainError(exc.message, field="photos")
            kept = store.save(content, kind=store.PHOTOS, suffix=photo.suffix)
            stored.append({"name": photo.name, "path": kept.path, "sha256": photo.sha256})
        vf = VisitFinding.objects.create(visit=visit, text=text.strip(), unit=unit, photos=stored)
        record(actor=actor, action="supervision.visit.finding", obj=vf, after=snapshot(vf))
    return vf


def convert_to_task(
    visit_finding: VisitFinding, *, actor, finding: Finding, due_date: dt.date, measures: str = ""
) -> Task:
    """One action: the visit's problem becomes a rectification task of `finding`, led by
    the problem's unit; the two are linked both ways (task.visit_finding)."""
    with transaction.atomic(durable=True):
        vf = VisitFinding.objects.select_for_update().select_related("visit").get(pk=visit_finding.pk)
        scoping.require(actor, "change", vf.visit)
        if vf.task_id or vf.complaint_id:
            raise InvalidTransition(MSG_ALREADY_CONVERTED)
        # rectification writes its own rows; its service joins this transaction
        task = add_task(finding, actor=actor, target=vf.text, measures=measures, lead_unit=vf.unit, due_date=due_date)
        vf.task = task
        vf.save(update_fields=["task"])
        record(
            actor=actor,
            action="supervision.visit.convert",
            obj=vf,
            after={"task": task.pk, "finding": finding.pk, "due_date": due_date.isoformat()},
        )
    return task


def convert_to_complaint(
    visit_finding: VisitFinding, *, actor, pollution_codes: Iterable[str] = (), region: Region | None = None
) -> Complaint:
    """One action: the visit's problem becomes a complaint (信访件) of the visit's
    inspection, in its visit batch; the two are linked both ways (complaint.visit_finding)."""
    from ducha.complaints.services.visits import create_complaint_from_visit

    with transaction.atomic(durable=True):
        vf = VisitFinding.objects.select_for_update().select_related("visit__region").get(pk=visit_finding.pk)
        scoping.require(actor, "change", vf.visit)
        if vf.task_id or vf.complaint_id:
            raise InvalidTransition(MSG_ALREADY_CONVERTED)
        visit = vf.visit
        complaint = create_complaint_from_visit(
            actor=actor,
            inspection=visit.inspection,
            text=vf.text,
            region=region or visit.region,
            pollution_codes=list(pollution_codes),
            source_label=VISIT_SOURCE_LABEL,
        )
        vf.complaint = complaint
        vf.save(update_fields=["complaint"])
        record(
            actor=actor,
            action="supervision.visit.convert",
            obj=vf,
            after={"complaint": complaint.pk, "ref": complaint.ref, "visit": visit.pk},
        )
    return complaint
