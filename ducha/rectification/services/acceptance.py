"""The end of a finding: acceptance of its tasks (验收), the public notice (公示) and its
objections, and sign-off (销号)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit.services import record, snapshot
from ducha.errors import DomainError, InvalidTransition
from ducha.org import scoping
from ducha.org.models import User
from ducha.rectification import evidence as evidence_files
from ducha.rectification.models import (
    Acceptance,
    AcceptanceResult,
    Finding,
    FindingStatus,
    Objection,
    PublicNotice,
    Task,
)

NOTICE_MAX_DAYS = 60


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
            after={"objection": objection.pk, "resolution": objection.resolution},  # as saved: masked
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
