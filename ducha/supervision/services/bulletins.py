"""Bulletins (通报): drafted by the office (and weekly, one per inspection and office
region and ISO week), signed (签发) by a signing role before the units see them."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit.services import record
from ducha.complaints.models import Complaint
from ducha.core.documents import notice as notice_doc
from ducha.errors import DomainError, InvalidTransition
from ducha.inspections.models import Inspection
from ducha.notifications.services import notify_users
from ducha.org import scoping
from ducha.org.models import Membership, Region, Role
from ducha.rectification.models import Task
from ducha.supervision.models import (
    Bulletin,
    BulletinStatus,
)
from ducha.supervision.services.notices import next_number

BULLETIN_PREFIX = "湘环委办通"
MSG_BULLETIN_ISSUED = _("该通报已签发。")


def draft_bulletin(
    inspection: Inspection, *, actor, region: Region, as_of: dt.date | None = None, title: str = ""
) -> Bulletin:
    """通报 draft: districts and units ranked by on-time rate (equal rates share a rank),
    the worst named; it reaches the units once a signing role issues it (签发)."""
    return _draft_bulletin(inspection, actor=actor, region=region, as_of=as_of or timezone.localdate(), title=title)


def _draft_bulletin(
    inspection: Inspection, *, actor, region: Region, as_of: dt.date, title: str = "", week: str = ""
) -> Bulletin | None:
    """Draft one bulletin; with `week`, nothing (None) when that week's is already drafted."""
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
        bulletin.status = BulletinStatus.DRAFT
        bulletin.save()
        after = {"title": bulletin.title, "as_of": as_of.isoformat(), "worst": data.get("worst")}
        record(
            actor=actor,
            action="supervision.bulletin.draft",
            obj=bulletin,
            after=after | ({"week": week} if week else {}),
        )
    return bulletin


def issue_bulletin(bulletin: Bulletin, *, actor) -> Bulletin:
    """签发: the signer's signature; the bulletin takes its 文号, is written as a 公文
    (docx) and a table (xlsx), and the units it ranks are told."""
    from ducha.supervision import bulletins

    with transaction.atomic(durable=True):
        bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
        scoping.require(actor, "issue", bulletin)
        if bulletin.status != BulletinStatus.DRAFT:
            raise InvalidTransition(MSG_BULLETIN_ISSUED)
        now = timezone.now()
        _seq, bulletin.number = next_number(BULLETIN_PREFIX, timezone.localdate(now).year)
        bulletin.status, bulletin.issued_by, bulletin.issued_at = BulletinStatus.ISSUED, actor, now
        bulletin.xlsx, bulletin.docx = bulletins.render(bulletin)
        bulletin.save(update_fields=["number", "status", "issued_by", "issued_at", "xlsx", "docx"])
        record(
            actor=actor,
            action="supervision.bulletin.issue",
            obj=bulletin,
            before={"status": BulletinStatus.DRAFT},
            after={"status": bulletin.status, "number": bulletin.number, "files": [bulletin.xlsx, bulletin.docx]},
        )
        unit_ids = [u["unit_id"] for u in bulletin.data["units"] if u["unit_id"]]
        users = Membership.objects.filter(unit_id__in=unit_ids, role=Role.HANDLER).values_list("user_id", flat=True)
        text = _("已签发通报：%(title)s") % {"title": bulletin.title}
        link = f"/supervision/bulletins/{bulletin.pk}/"
        transaction.on_commit(lambda: notify_users(list(users), text=text, link=link))
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
    """The weekly bulletin draft of each inspection and office region, once per ISO week:
    a second run in the same week drafts nothing; a signer issues each. A region with no complaint and no task
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
            bulletin = _draft_bulletin(insp, actor=actor, region=region, as_of=as_of, title=title, week=label)
            if bulletin is None:
                summary["already"].append(row)
            else:
                summary["issued"].append(row | {"bulletin": bulletin.pk, "title": bulletin.title})
    return summary
