"""Accountability (约谈、问责) of the people named in findings, and the meetings
(研究部署会议) that decided on rectification."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from ducha.audit.services import record, snapshot
from ducha.complaints.models import Complaint
from ducha.errors import DomainError
from ducha.inspections.models import Inspection
from ducha.org import scoping
from ducha.org.models import Region, Unit
from ducha.rectification.models import Finding
from ducha.supervision.models import (
    Accountability,
    AccountabilityKind,
    Meeting,
    MeetingKind,
    Person,
    SanctionForm,
    SiteVisit,
    SupervisionNotice,
)
from ducha.supervision.services.common import check_date_not_future

MSG_SANCTION_FORM = _("问责须选择问责方式（如诫勉、警告、记过）。")
MSG_INTERVIEW_FORM = _("约谈不填写问责方式。")


def create_person(
    *, actor, name: str, post: str, unit: Unit | None = None, unit_text: str = "", region: Region
) -> Person:
    with transaction.atomic(durable=True):
        person = Person(name=name.strip(), post=post.strip(), unit=unit, unit_text=unit_text.strip(), region=region)
        scoping.require(actor, "create", person)
        if not person.name:
            raise DomainError(_("请填写姓名。"), field="name")
        if not person.post:
            raise DomainError(_("请填写职务。"), field="post")
        person.save()
        record(actor=actor, action="supervision.person.create", obj=person, after=snapshot(person))
    return person


def record_accountability(
    person: Person,
    *,
    actor,
    inspection: Inspection,
    kind: str,
    date: dt.date,
    authority: str,
    reason: str,
    form: str = "",
    complaints: Iterable[Complaint] = (),
    findings: Iterable[Finding] = (),
    notices: Iterable[SupervisionNotice] = (),
    visits: Iterable[SiteVisit] = (),
) -> Accountability:
    with transaction.atomic(durable=True):
        person = Person.objects.select_for_update().get(pk=person.pk)
        entry = Accountability(
            person=person,
            inspection=inspection,
            region_id=person.region_id,
            kind=kind,
            form=form or "",
            date=date,
            authority=authority.strip(),
            reason=reason.strip(),
            recorded_by=actor,
        )
        scoping.require(actor, "create", entry)
        if kind not in AccountabilityKind.values:
            raise DomainError(_("类型无效。"), field="kind")
        if kind == AccountabilityKind.SANCTION and form not in SanctionForm.values:
            raise DomainError(MSG_SANCTION_FORM, field="form")
        if kind == AccountabilityKind.INTERVIEW and form:
            raise DomainError(MSG_INTERVIEW_FORM, field="form")
        check_date_not_future(date)
        if not entry.authority:
            raise DomainError(_("请填写决定机关。"), field="authority")
        if not entry.reason:
            raise DomainError(_("请填写事由。"), field="reason")
        entry.save()
        links = {
            "complaints": list(complaints),
            "findings": list(findings),
            "notices": list(notices),
            "visits": list(visits),
        }
        for name, objs in links.items():
            if objs:
                getattr(entry, name).set(objs)
        record(
            actor=actor,
            action="supervision.accountability.record",
            obj=entry,
            after=snapshot(entry) | {name: [o.pk for o in objs] for name, objs in links.items()},
        )
    return entry


def record_meeting(
    inspection: Inspection,
    *,
    actor,
    region: Region,
    date: dt.date,
    kind: str,
    title: str,
    chair: str,
    topics: str,
    findings: Iterable[Finding] = (),
    complaints: Iterable[Complaint] = (),
) -> Meeting:
    with transaction.atomic(durable=True):
        inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
        meeting = Meeting(
            inspection=inspection,
            region=region,
            date=date,
            kind=kind,
            title=title.strip(),
            chair=chair.strip(),
            topics=topics.strip(),
            recorded_by=actor,
        )
        scoping.require(actor, "create", meeting)
        if kind not in MeetingKind.values:
            raise DomainError(_("会议类型无效。"), field="kind")
        check_date_not_future(date)
        for field, message in (
            ("title", _("请填写会议名称。")),
            ("chair", _("请填写主持人。")),
            ("topics", _("请填写研究议题。")),
        ):
            if not getattr(meeting, field):
                raise DomainError(message, field=field)
        meeting.save()
        findings, complaints = list(findings), list(complaints)
        if findings:
            meeting.findings.set(findings)
        if complaints:
            meeting.complaints.set(complaints)
        record(
            actor=actor,
            action="supervision.meeting.record",
            obj=meeting,
            after=snapshot(meeting) | {"findings": [f.pk for f in findings], "complaints": [c.pk for c in complaints]},
        )
    return meeting
