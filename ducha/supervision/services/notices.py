"""Supervision notices (督办单): a yearly number under a row lock, the Word document,
the unit's reply."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha import store
from ducha.audit.services import record, snapshot
from ducha.complaints.models import Complaint
from ducha.core.documents import notice as notice_doc
from ducha.errors import DomainError, InvalidTransition, NotPermitted
from ducha.inspections.models import Inspection
from ducha.notifications.services import notify_users
from ducha.org import scoping
from ducha.org.models import Membership, Role, Unit
from ducha.rectification.models import Task, TaskState
from ducha.supervision.models import (
    ItemKind,
    NoticeItem,
    NoticeLevel,
    NoticeSequence,
    NoticeStatus,
    SupervisionNotice,
)
from ducha.supervision.services.common import writer_unit

MSG_NO_ITEMS = _("请至少选择一项督办事项。")
MSG_REPLY_BEFORE_ISSUE = _("回复时限不能早于下发日期。")
MSG_REPLY_EMPTY = _("请填写回复内容。")
MSG_ALREADY_REPLIED = _("该督办单已回复，不能重复回复。")
MSG_ALREADY_ISSUED = _("该督办单已签发。")

DEFAULT_PREFIX = "湘环督"


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


def draft_notice(
    unit: Unit,
    *,
    actor,
    level: str,
    items: Iterable[Complaint | Task],
    reply_by: dt.date,
    body: str,
    prefix: str = DEFAULT_PREFIX,
    inspection: Inspection | None = None,
    drafted_on: dt.date | None = None,
) -> SupervisionNotice:
    """The office's draft (草稿): no 文号 and no document until it is signed."""
    items = list(items)
    today = drafted_on or timezone.localdate()
    with transaction.atomic(durable=True):
        unit = Unit.objects.select_for_update().select_related("region").get(pk=unit.pk)
        scoping.require(actor, "create", SupervisionNotice)
        if level not in NoticeLevel.values:
            raise DomainError(_("督办等级无效。"), field="level")
        if not items:
            raise DomainError(MSG_NO_ITEMS, field="items")
        if reply_by < today:
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
        issuer = writer_unit(actor)
        if issuer is None:
            raise NotPermitted()
        notice = SupervisionNotice.objects.create(
            prefix=prefix,
            year=today.year,
            inspection=inspection,
            level=level,
            unit=unit,
            region_id=unit.region.code,
            issuer=issuer,
            body=body.strip(),
            reply_by=reply_by,
            drafted_by=actor,
        )
        NoticeItem.objects.bulk_create([NoticeItem(notice=notice, **r) for r in rows])
        record(
            actor=actor,
            action="supervision.notice.draft",
            obj=notice,
            after=snapshot(notice, ["level", "unit", "body", "reply_by"]) | {"items": [r["ref"] for r in rows]},
        )
    return notice


def issue_notice(notice: SupervisionNotice, *, actor, issued_on: dt.date | None = None) -> SupervisionNotice:
    """签发: a signing role of the region signs the draft; it takes the next 文号 of its
    prefix's year, its document is written, and the unit's handlers are told."""
    issued_on = issued_on or timezone.localdate()
    with transaction.atomic(durable=True):
        notice = SupervisionNotice.objects.select_for_update().select_related("unit", "issuer").get(pk=notice.pk)
        scoping.require(actor, "issue", notice)
        if notice.status != NoticeStatus.DRAFT:
            raise InvalidTransition(MSG_ALREADY_ISSUED)
        if notice.reply_by < issued_on:
            raise DomainError(MSG_REPLY_BEFORE_ISSUE, field="reply_by")
        notice.sequence, notice.number = next_number(notice.prefix, issued_on.year)
        notice.year, notice.issued_on, notice.issued_by = issued_on.year, issued_on, actor
        notice.status = NoticeStatus.ISSUED
        rows = [
            {
                "complaint" if i.complaint_id else "task": True,
                "title": i.title,
                "ref": i.ref,
                "due": i.due,
                "state": i.state,
            }
            for i in notice.items.all()
        ]
        # The document is written inside the transaction so the audit row carries its
        # hash; a rollback leaves at most an unreferenced file named by its hash.
        notice.document, notice.document_sha256 = _render_notice(notice, rows)
        notice.save(
            update_fields=[
                "sequence",
                "number",
                "year",
                "issued_on",
                "issued_by",
                "status",
                "document",
                "document_sha256",
            ]
        )
        record(
            actor=actor,
            action="supervision.notice.issue",
            obj=notice,
            before={"status": NoticeStatus.DRAFT},
            after=snapshot(notice, ["number", "status", "issued_on", "document_sha256"]),
        )
        handlers = Membership.objects.filter(unit=notice.unit, role=Role.HANDLER).values_list("user_id", flat=True)
        text = _("%(issuer)s向本单位下发%(level)s单%(number)s，请于%(date)s前回复。") % {
            "issuer": notice.issuer,
            "level": notice.get_level_display(),
            "number": notice.number,
            "date": notice_doc.chinese_date(notice.reply_by),
        }
        link = f"/supervision/notices/{notice.pk}/"
        transaction.on_commit(lambda: notify_users(list(handlers), text=text, link=link))
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
        reply_line=_("请于%(date)s前将整改落实情况书面报送%(issuer)s。")
        % {"date": notice_doc.chinese_date(notice.reply_by), "issuer": notice.issuer},
        labels={
            "title": _("通知书"),
            "no": _("序号"),
            "item": _("事项"),
            "ref": _("编号"),
            "due": _("期限"),
            "state": _("逾期情况"),
        },
    )
    buffer = io.BytesIO()
    notice_doc.render_notice(data, buffer, notice_template())
    kept = store.save(buffer.getvalue(), kind=store.NOTICES, suffix=".docx")
    return kept.path, kept.sha256


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
