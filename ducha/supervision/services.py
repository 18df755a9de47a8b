"""Every change in supervision: one durable transaction per user action, the row
locked, permission and state checked, fields validated, an audit row written."""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit.services import record, snapshot
from ducha.complaints.models import Complaint
from ducha.core.documents import notice as notice_doc
from ducha.core.files import PHOTO_KINDS, FileRejected, check_file
from ducha.core.workdays import WorkdaysError
from ducha.errors import DomainError, InvalidTransition, NotPermitted
from ducha.inspections.models import Inspection
from ducha.org import scoping
from ducha.org.calendar import get_calendar
from ducha.org.models import PREFIX_LENGTH, Membership, Region, Role, Unit
from ducha.rectification.models import Finding, Task, TaskState, TaskUnit, UnitRole
from ducha.supervision import queries
from ducha.supervision.models import (
    Accountability,
    AccountabilityKind,
    Alert,
    AlertLevel,
    AlertRule,
    Bulletin,
    FigureSnapshot,
    ItemKind,
    Meeting,
    MeetingKind,
    NoticeItem,
    NoticeLevel,
    NoticeSequence,
    NoticeStatus,
    Notification,
    Person,
    SanctionForm,
    SiteVisit,
    SupervisionNotice,
    VisitFinding,
    VisitKind,
)

DEFAULT_PREFIX = "湘环督"
CHUNK = 2000

MSG_NO_ITEMS = _("请至少选择一项督办事项。")
MSG_REPLY_BEFORE_ISSUE = _("回复时限不能早于下发日期。")
MSG_REPLY_EMPTY = _("请填写回复内容。")
MSG_ALREADY_REPLIED = _("该督办单已回复，不能重复回复。")
MSG_SANCTION_FORM = _("问责须选择问责方式（如诫勉、警告、记过）。")
MSG_INTERVIEW_FORM = _("约谈不填写问责方式。")
MSG_FUTURE_DATE = _("日期不能晚于今天。")
MSG_YELLOW_DAYS = _("黄色预警天数应在0至30个工作日之间。")
MSG_ALREADY_CONVERTED = _("该问题已转为整改任务或信访件。")
VISIT_SOURCE_LABEL = "专项督查/暗访发现"


def _writer_unit(actor) -> Unit | None:
    """The unit an office or supervisor acts for (the issuer of a notice)."""
    return scoping.principal(actor).unit_for(Role.ADMIN, Role.OFFICE, Role.SUPERVISOR)


def _check_date_not_future(day: dt.date, field: str = "date") -> None:
    if day > timezone.localdate():
        raise DomainError(MSG_FUTURE_DATE, field=field)


# --- alert rules and the overdue scan ---------------------------------------------------


def rules() -> dict[str, AlertRule]:
    """The rule of each item kind (created with the defaults the first time)."""
    out = {r.item_kind: r for r in AlertRule.objects.all()}
    for kind in ItemKind.values:
        if kind not in out:
            out[kind], _created = AlertRule.objects.get_or_create(item_kind=kind)
    return out


def update_alert_rule(
    rule: AlertRule,
    *,
    actor,
    yellow_days: int,
    escalate_after_days: int,
    notify_handlers: bool,
    notify_supervisors: bool,
    notify_office: bool,
) -> AlertRule:
    fields = ["yellow_days", "escalate_after_days", "notify_handlers", "notify_supervisors", "notify_office"]
    with transaction.atomic(durable=True):
        rule = AlertRule.objects.select_for_update().get(pk=rule.pk)
        scoping.require(actor, "change", rule)
        if not 0 <= yellow_days <= 30:
            raise DomainError(MSG_YELLOW_DAYS, field="yellow_days")
        before = snapshot(rule, fields)
        rule.yellow_days, rule.escalate_after_days = yellow_days, escalate_after_days
        rule.notify_handlers, rule.notify_supervisors, rule.notify_office = (
            notify_handlers,
            notify_supervisors,
            notify_office,
        )
        rule.save(update_fields=[*fields, "updated_at"])
        record(
            actor=actor, action="supervision.alert_rule.update", obj=rule, before=before, after=snapshot(rule, fields)
        )
    return rule


def _open_items(kind: str, limit: dt.date):
    """(id, due, unit, region code, inspection) of open items due before `limit`."""
    if kind == ItemKind.COMPLAINT:
        return (
            Complaint.objects.exclude(status__in=queries.CLOSED)
            .filter(due_on__isnull=False, due_on__lt=limit)
            .values_list("pk", "due_on", "lead_unit_id", "region_id", "inspection_id")
        )
    return Task.objects.filter(acceptance__isnull=True, due_date__isnull=False, due_date__lt=limit).values_list(
        "pk", "due_date", "lead_unit_id", "finding__region_id", "finding__inspection_id"
    )


def scan_overdue(*, actor, today: dt.date | None = None) -> dict:
    """Mark open complaints and tasks yellow (due within the rule's working days) or red
    (past due), clear the alerts of items no longer at risk, escalate long reds, and
    tell the units and their supervisors. Set-based: a few queries per kind, not per item.
    """
    today = today or timezone.localdate()
    summary: dict = {"today": today.isoformat()}
    raised: list[tuple[str, int | None, str]] = []  # (level, unit, region) of new or worsened alerts
    with transaction.atomic(durable=True):
        scoping.require(actor, "create", Alert)
        rules()  # make sure both rows exist before they are locked
        # Two scans at once would both insert the same alerts: the rule rows are the queue.
        locked = {r.item_kind: r for r in AlertRule.objects.select_for_update().order_by("item_kind")}
        calendar = get_calendar()
        for kind, rule in locked.items():
            try:
                limit = calendar.add_working_days(today, rule.yellow_days + 1)
                escalate_by = calendar.add_working_days(today, -rule.escalate_after_days)
            except WorkdaysError as exc:
                raise DomainError(exc.message, field="today")
            current = {}
            for pk, due, unit, region, inspection in _open_items(kind, limit).iterator(chunk_size=CHUNK):
                level = AlertLevel.RED if due < today else AlertLevel.YELLOW
                current[pk] = (level, due, unit, region, inspection)
            active = {
                item: (pk, level)
                for pk, item, level in Alert.objects.filter(item_kind=kind, cleared_on__isnull=True).values_list(
                    "pk", "item_id", "level"
                )
            }
            gone = [pk for item, (pk, _level) in active.items() if item not in current]
            worse = [active[item][0] for item, v in current.items() if item in active and active[item][1] != v[0]]
            new = [
                Alert(
                    item_kind=kind,
                    item_id=item,
                    level=level,
                    since=today,
                    due_on=due,
                    unit_id=unit,
                    region_id=region,
                    inspection_id=inspection,
                )
                for item, (level, due, unit, region, inspection) in current.items()
                if item not in active
            ]
            for i in range(0, len(gone), CHUNK):
                Alert.objects.filter(pk__in=gone[i : i + CHUNK]).update(cleared_on=today)
            for i in range(0, len(worse), CHUNK):
                # an item's level only changes from yellow to red while it stays open
                Alert.objects.filter(pk__in=worse[i : i + CHUNK]).update(level=AlertLevel.RED, since=today)
            Alert.objects.bulk_create(new, batch_size=CHUNK)
            escalated = Alert.objects.filter(
                item_kind=kind,
                cleared_on__isnull=True,
                level=AlertLevel.RED,
                escalated_on__isnull=True,
                since__lte=escalate_by,
            ).update(escalated_on=today)
            raised += [(a.level, a.unit_id, a.region_id) for a in new]
            for i in range(0, len(worse), CHUNK):
                raised += Alert.objects.filter(pk__in=worse[i : i + CHUNK]).values_list("level", "unit_id", "region_id")
            summary[kind] = {
                "new": len(new),
                "red": sum(1 for v in current.values() if v[0] == AlertLevel.RED),
                "yellow": sum(1 for v in current.values() if v[0] == AlertLevel.YELLOW),
                "worsened": len(worse),
                "cleared": len(gone),
                "escalated": escalated,
            }
        notified = _notify_alerts(raised, locked)
        summary["notified"] = notified
        record(actor=actor, action="supervision.scan", object_type="supervision.alert", after=summary)
    return summary


def _recipients(units: set[int], regions: set[str], rule_flags: dict[str, bool]) -> dict[int, set]:
    """user id → the (unit or region) keys of raised alerts they are told about."""
    by_user: dict[int, set] = defaultdict(set)
    if rule_flags["handlers"] and units:
        for user_id, unit_id in Membership.objects.filter(
            unit_id__in=units, role=Role.HANDLER, user__is_active=True
        ).values_list("user_id", "unit_id"):
            by_user[user_id].add(("unit", unit_id))
    roles = [
        r for r, flag in ((Role.SUPERVISOR, rule_flags["supervisors"]), (Role.OFFICE, rule_flags["office"])) if flag
    ]
    if roles and regions:
        for user_id, code, level in Membership.objects.filter(role__in=roles, user__is_active=True).values_list(
            "user_id", "unit__region__code", "unit__region__level"
        ):
            prefix = code[: PREFIX_LENGTH[level]]
            for region in regions:
                if region.startswith(prefix):
                    by_user[user_id].add(("region", region))
    return by_user


def _notify_alerts(raised: list[tuple[str, int | None, str]], rules_by_kind: dict[str, AlertRule]) -> int:
    if not raised:
        return 0
    flags = {
        "handlers": any(r.notify_handlers for r in rules_by_kind.values()),
        "supervisors": any(r.notify_supervisors for r in rules_by_kind.values()),
        "office": any(r.notify_office for r in rules_by_kind.values()),
    }
    counts: dict[tuple, dict[str, int]] = defaultdict(lambda: {AlertLevel.RED: 0, AlertLevel.YELLOW: 0})
    for level, unit, region in raised:
        counts[("unit", unit)][level] += 1
        counts[("region", region)][level] += 1
    units = {u for _l, u, _r in raised if u}
    regions = {r for _l, _u, r in raised}
    now = timezone.now()
    rows = []
    for user_id, keys in _recipients(units, regions, flags).items():
        red = sum(counts[k][AlertLevel.RED] for k in keys)
        yellow = sum(counts[k][AlertLevel.YELLOW] for k in keys)
        # a supervisor over several districts hears each item once per region key;
        # an item is in exactly one region, so region sums do not double count
        text = _("逾期预警：新增红色预警%(red)s项、黄色预警%(yellow)s项，请及时督促办理。") % {
            "red": red,
            "yellow": yellow,
        }
        rows.append(Notification(user_id=user_id, text=text, link="/supervision/alerts/", created_at=now))
    Notification.objects.bulk_create(rows, batch_size=CHUNK)
    return len(rows)


def notify_users(user_ids: Iterable[int], *, text: str, link: str = "") -> int:
    now = timezone.now()
    rows = [Notification(user_id=u, text=text[:300], link=link, created_at=now) for u in set(user_ids)]
    Notification.objects.bulk_create(rows)
    return len(rows)


def mark_notifications_read(*, actor) -> int:
    """The reader's own unread notifications become read (not an audited business fact)."""
    return Notification.objects.filter(user=actor, read_at__isnull=True).update(read_at=timezone.now())


# --- supervision notices (督办单) ---------------------------------------------------


def next_number(prefix: str, year: int) -> tuple[int, str]:
    """Take the next number of the yearly sequence; call inside a transaction."""
    NoticeSequence.objects.get_or_create(prefix=prefix, year=year)
    # The row lock makes two notices issued at once take 12 and 13, never 12 twice.
    seq = NoticeSequence.objects.select_for_update().get(prefix=prefix, year=year)
    seq.last += 1
    seq.save(update_fields=["last"])
    return seq.last, notice_doc.document_number(prefix, year, seq.last)


def notice_template() -> Path | None:
    """The office's own template when it has put one in place, else the default."""
    custom = Path(settings.MEDIA_ROOT) / "templates" / "supervision_notice.docx"
    return custom if custom.exists() else None


def _item_row(item) -> dict:
    if isinstance(item, Complaint):
        return {
            "complaint": item,
            "title": item.text[:300],
            "ref": item.ref,
            "due": item.due_on.isoformat() if item.due_on else "",
            "state": str(item.get_status_display()),
        }
    return {
        "task": item,
        "title": (f"{item.finding.title}：{item.target or item.measures}")[:300],
        "ref": str(item),
        "due": item.due_date.isoformat() if item.due_date else (item.deadline_text or "")[:32],
        "state": str(TaskState(item.state(timezone.localdate())).label),
    }


def issue_notice(
    unit: Unit,
    *,
    actor,
    level: str,
    items: Iterable[Complaint | Task],
    reply_by: dt.date,
    body: str,
    issued_on: dt.date | None = None,
    prefix: str = DEFAULT_PREFIX,
    inspection: Inspection | None = None,
) -> SupervisionNotice:
    items = list(items)
    issued_on = issued_on or timezone.localdate()
    with transaction.atomic(durable=True):
        unit = Unit.objects.select_for_update().select_related("region").get(pk=unit.pk)
        scoping.require(actor, "create", SupervisionNotice)
        if level not in NoticeLevel.values:
            raise DomainError(_("督办等级无效。"), field="level")
        if not items:
            raise DomainError(MSG_NO_ITEMS, field="items")
        if reply_by < issued_on:
            raise DomainError(MSG_REPLY_BEFORE_ISSUE, field="reply_by")
        if not body.strip():
            raise DomainError(_("请填写督办事项。"), field="body")
        for item in items:
            if item.lead_unit_id != unit.pk:
                raise DomainError(
                    _("督办事项%(ref)s的牵头单位不是%(unit)s。") % {"ref": _item_row(item)["ref"], "unit": unit.name},
                    field="items",
                )
        rows = [_item_row(i) for i in items]
        issuer = _writer_unit(actor)
        if issuer is None:
            raise NotPermitted()
        sequence, number = next_number(prefix, issued_on.year)
        notice = SupervisionNotice.objects.create(
            number=number,
            prefix=prefix,
            year=issued_on.year,
            sequence=sequence,
            inspection=inspection,
            level=level,
            unit=unit,
            region_id=unit.region.code,
            issuer=issuer,
            body=body.strip(),
            issued_on=issued_on,
            reply_by=reply_by,
            issued_by=actor,
        )
        NoticeItem.objects.bulk_create([NoticeItem(notice=notice, **r) for r in rows])
        # The document is written inside the transaction so the audit row carries its
        # hash; a rollback leaves at most an unreferenced file named by its hash.
        notice.document, notice.document_sha256 = _render_notice(notice, rows)
        notice.save(update_fields=["document", "document_sha256"])
        record(
            actor=actor,
            action="supervision.notice.issue",
            obj=notice,
            after=snapshot(notice) | {"items": [r["ref"] for r in rows]},
        )
        handlers = Membership.objects.filter(unit=unit, role=Role.HANDLER).values_list("user_id", flat=True)
        text = _("%(issuer)s向本单位下发%(level)s单%(number)s，请于%(date)s前回复。") % {
            "issuer": issuer,
            "level": notice.get_level_display(),
            "number": number,
            "date": notice_doc.chinese_date(reply_by),
        }
        transaction.on_commit(
            lambda: notify_users(list(handlers), text=text, link=f"/supervision/notices/{notice.pk}/")
        )
    return notice


def _render_notice(notice: SupervisionNotice, rows: list[dict]) -> tuple[str, str]:
    data = notice_doc.Notice(
        issuer=notice.issuer.name,
        issuer_short=str(notice.issuer),
        number=notice.number,
        level_label=str(notice.get_level_display()),
        addressee=notice.unit.name,
        body=notice.body,
        reply_by=notice_doc.chinese_date(notice.reply_by),
        issued_on=notice_doc.chinese_date(notice.issued_on),
        items=[
            notice_doc.NoticeItem(kind=_kind_label(r), title=r["title"], ref=r["ref"], due=r["due"], state=r["state"])
            for r in rows
        ],
    )
    folder = Path(settings.MEDIA_ROOT) / "notices" / str(notice.year)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, suffix=".docx", delete=False) as tmp:
        notice_doc.render_notice(data, tmp, notice_template())
    tmp_path = Path(tmp.name)
    digest = hashlib.sha256(tmp_path.read_bytes()).hexdigest()
    final = folder / f"{digest}.docx"
    tmp_path.replace(final)
    return str(final.relative_to(settings.MEDIA_ROOT)), digest


def _kind_label(row: dict) -> str:
    return str(ItemKind.COMPLAINT.label) if "complaint" in row else str(ItemKind.TASK.label)


def reply_notice(notice: SupervisionNotice, *, actor, text: str) -> SupervisionNotice:
    with transaction.atomic(durable=True):
        notice = SupervisionNotice.objects.select_for_update().get(pk=notice.pk)
        scoping.require(actor, "reply", notice)
        if notice.status != NoticeStatus.ISSUED:
            raise InvalidTransition(MSG_ALREADY_REPLIED)
        if not text.strip():
            raise DomainError(MSG_REPLY_EMPTY, field="reply")
        before = snapshot(notice, ["status", "reply"])
        notice.status, notice.reply = NoticeStatus.REPLIED, text.strip()
        notice.replied_at, notice.replied_by = timezone.now(), actor
        notice.save(update_fields=["status", "reply", "replied_at", "replied_by"])
        record(
            actor=actor,
            action="supervision.notice.reply",
            obj=notice,
            before=before,
            after=snapshot(notice, ["status", "reply"]),
        )
        if notice.issued_by_id:
            issued_by = notice.issued_by_id
            msg = _("%(unit)s已回复督办单%(number)s。") % {"unit": notice.unit, "number": notice.number}
            transaction.on_commit(
                lambda: notify_users([issued_by], text=msg, link=f"/supervision/notices/{notice.pk}/")
            )
    return notice


# --- accountability and meetings ---------------------------------------------------


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
        _check_date_not_future(date)
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
        _check_date_not_future(date)
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


# --- site visits -----------------------------------------------------------------


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
    """A problem found on a visit, with its photos (kept under MEDIA_ROOT by hash)."""
    with transaction.atomic(durable=True):
        visit = SiteVisit.objects.select_for_update().get(pk=visit.pk)
        scoping.require(actor, "change", visit)
        if not text.strip():
            raise DomainError(_("请填写发现问题。"), field="text")
        stored = []
        folder = Path(settings.MEDIA_ROOT) / "visits"
        for name, content in photos:
            try:
                photo = check_file(name, content, kinds=PHOTO_KINDS, max_bytes=10 * 1024 * 1024)
            except FileRejected as exc:
                raise DomainError(exc.message, field="photos")
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{photo.sha256}{photo.suffix}"
            path.write_bytes(content)
            stored.append(
                {"name": photo.name, "path": str(path.relative_to(settings.MEDIA_ROOT)), "sha256": photo.sha256}
            )
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
        scoping.require(actor, "settle", finding)
        number = (Task.objects.filter(finding=finding).aggregate(n=Max("number"))["n"] or 0) + 1
        task = Task.objects.create(
            finding=finding,
            number=number,
            target=vf.text,
            measures=measures or vf.text,
            is_deadline=True,
            due_date=due_date,
            start_date=timezone.localdate(),
            lead_unit=vf.unit,
            units_text=vf.unit.name,
        )
        TaskUnit.objects.create(task=task, unit=vf.unit, role=UnitRole.LEAD)
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
    from ducha.complaints.services import create_complaint_from_visit

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


# --- bulletins ---------------------------------------------------------------------


def publish_bulletin(
    inspection: Inspection, *, actor, region: Region, as_of: dt.date | None = None, title: str = ""
) -> Bulletin:
    """通报: districts and units ranked by on-time rate (worst named), written as xlsx and Word,
    and told to the units concerned."""
    return _publish_bulletin(inspection, actor=actor, region=region, as_of=as_of or timezone.localdate(), title=title)


def _publish_bulletin(
    inspection: Inspection, *, actor, region: Region, as_of: dt.date, title: str = "", week: str = ""
) -> Bulletin | None:
    """Publish one bulletin; with `week`, nothing (None) when that week's is already out."""
    from ducha.supervision import bulletins

    with transaction.atomic(durable=True):
        inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
        bulletin = Bulletin(inspection=inspection, region=region, as_of=as_of, data={}, published_by=actor, week=week)
        scoping.require(actor, "create", bulletin)
        if week and Bulletin.objects.filter(inspection=inspection, region=region, week=week).exists():
            return None
        data = bulletins.compute(inspection, region.prefix, as_of)
        bulletin.title = title or _("%(region)s督察整改工作通报（截至%(date)s）") % {
            "region": region.name,
            "date": notice_doc.chinese_date(as_of),
        }
        bulletin.data = data
        bulletin.published_at = timezone.now()
        bulletin.save()
        bulletin.xlsx, bulletin.docx = bulletins.render(bulletin)
        bulletin.save(update_fields=["xlsx", "docx"])
        after = {"as_of": as_of.isoformat(), "files": [bulletin.xlsx, bulletin.docx], "worst": data.get("worst")}
        record(
            actor=actor,
            action="supervision.bulletin.publish",
            obj=bulletin,
            after=after | ({"week": week} if week else {}),
        )
        unit_ids = [u["unit_id"] for u in data["units"] if u["unit_id"]]
        users = Membership.objects.filter(unit_id__in=unit_ids, role=Role.HANDLER).values_list("user_id", flat=True)
        text = _("已发布通报：%(title)s") % {"title": bulletin.title}
        transaction.on_commit(
            lambda: notify_users(list(users), text=text, link=f"/supervision/bulletins/{bulletin.pk}/")
        )
    return bulletin


def parse_week(week: str | None, today: dt.date) -> tuple[str, dt.date]:
    """The ISO week label (2026-W10) and the day its bulletin counts to: the week's
    Sunday, or today while the week runs. No label: the week of today."""
    if not week:
        year, number, _day = today.isocalendar()
        return f"{year}-W{number:02d}", today
    import re

    match = re.fullmatch(r"(\d{4})-W(\d{2})", week.strip())
    try:
        if not match:
            raise ValueError(week)
        monday = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise DomainError(_("周次格式应为 YYYY-Www（如 2026-W10）：%(week)s") % {"week": week}, field="week")
    if monday > today:
        raise DomainError(_("不能发布未来周次的通报：%(week)s。") % {"week": week}, field="week")
    year, number, _day = monday.isocalendar()
    return f"{year}-W{number:02d}", min(monday + dt.timedelta(days=6), today)


def bulletin_regions() -> list[Region]:
    """The regions a periodic bulletin is written for: those of the offices (市环委办),
    a region inside another office's left out (the outer bulletin covers it)."""
    codes = Membership.objects.filter(role=Role.OFFICE, unit__is_active=True).values("unit__region__code")
    regions = sorted(Region.objects.filter(code__in=codes), key=lambda r: (len(r.prefix), r.code))
    kept: list[Region] = []
    for r in regions:
        if not any(r.code.startswith(k.prefix) for k in kept):
            kept.append(r)
    return kept


def issue_weekly_bulletins(
    *, actor, week: str | None = None, inspection: Inspection | None = None, today: dt.date | None = None
) -> dict:
    """The weekly bulletin of each inspection and office region, once per ISO week: a
    second run in the same week issues nothing. A region with no complaint and no task
    of the inspection gets none. Run by the deployment's scheduler (`issue_bulletins`)."""
    today = today or timezone.localdate()
    label, as_of = parse_week(week, today)
    year, number = label.split("-W")
    inspections = (
        [inspection] if inspection else list(Inspection.objects.filter(start_date__lte=as_of).order_by("code"))
    )
    summary = {"week": label, "as_of": as_of.isoformat(), "issued": [], "already": [], "empty": []}
    for insp in inspections:
        for region in bulletin_regions():
            row = {"inspection": insp.code, "region": region.code}
            has_items = (
                Complaint.objects.filter(inspection=insp, region__code__startswith=region.prefix).exists()
                or Task.objects.filter(
                    finding__inspection=insp, finding__region__code__startswith=region.prefix
                ).exists()
            )
            if not has_items:
                summary["empty"].append(row)
                continue
            title = _("%(region)s督察整改工作周报（%(year)s年第%(week)s周）") % {
                "region": region.name,
                "year": year,
                "week": int(number),
            }
            bulletin = _publish_bulletin(insp, actor=actor, region=region, as_of=as_of, title=title, week=label)
            if bulletin is None:
                summary["already"].append(row)
            else:
                summary["issued"].append(row | {"bulletin": bulletin.pk, "title": bulletin.title})
    return summary


# --- frozen figures ----------------------------------------------------------------


def freeze_figures(inspection: Inspection, *, actor, as_of: dt.date | None = None) -> FigureSnapshot:
    """Freeze the figures the actor sees, as of a day, for a bulletin or a report."""
    as_of = as_of or timezone.localdate()
    with transaction.atomic(durable=True):
        inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
        unit = scoping.principal(actor).unit_for(Role.LEADER, Role.OFFICE, Role.ADMIN)
        if unit is None:
            raise NotPermitted()
        snap = FigureSnapshot(inspection=inspection, region=unit.region, as_of=as_of, created_by=actor)
        scoping.require(actor, "create", snap)
        _check_date_not_future(as_of, "as_of")
        scope = queries.scope_for_user(actor, inspection, as_of)
        data = queries.board_data(scope)
        snap.data = data
        snap.created_at = timezone.now()
        snap.save()
        record(
            actor=actor,
            action="supervision.snapshot.freeze",
            obj=snap,
            after={"as_of": as_of.isoformat(), "sentences": data["sentences"]},
        )
    return snap
