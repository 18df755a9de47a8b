"""The alert rules and the overdue scan (逾期预警): yellow before the due day, red after,
escalation after long red, and who is told. Set-based: a few queries per kind."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha import versions
from ducha.audit.services import record, snapshot
from ducha.complaints.models import Complaint, ComplaintStatus
from ducha.core.workdays import WorkdaysError
from ducha.errors import DomainError
from ducha.notifications.services import notify_each
from ducha.org import scoping
from ducha.org.calendar import get_calendar
from ducha.org.models import PREFIX_LENGTH, Membership, Role
from ducha.rectification.models import Task
from ducha.supervision.models import (
    Alert,
    AlertLevel,
    AlertRule,
    ItemKind,
)

MSG_YELLOW_DAYS = _("黄色预警天数应在0至30个工作日之间。")

CHUNK = 2000


def rules() -> dict[str, AlertRule]:
    """The rule of each item kind (created with the defaults the first time)."""
    out = {r.item_kind: r for r in AlertRule.objects.all()}
    for kind in ItemKind.values:
        if kind not in out:
            out[kind], _created = AlertRule.objects.get_or_create(item_kind=kind)
    return out


RULE_FIELDS = ["yellow_days", "escalate_after_days", "notify_handlers", "notify_supervisors", "notify_office"]


def update_alert_rule(
    rule: AlertRule,
    *,
    actor,
    yellow_days: int,
    escalate_after_days: int,
    notify_handlers: bool,
    notify_supervisors: bool,
    notify_office: bool,
    version: str | None = None,
) -> AlertRule:
    """`version`: the rule as its edit form showed it (ducha.versions); changed since → Conflict."""
    fields = RULE_FIELDS
    with transaction.atomic(durable=True):
        rule = AlertRule.objects.select_for_update().get(pk=rule.pk)
        scoping.require(actor, "change", rule)
        versions.check(rule, fields, version)
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
            Complaint.objects.exclude(status__in=ComplaintStatus.CLOSED_STATES)
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
        # a unit's handler goes straight to their unit's alerts
        own = [k[1] for k in keys if k[0] == "unit"]
        link = f"/supervision/alerts/?unit={own[0]}" if len(own) == 1 and len(keys) == 1 else "/supervision/alerts/"
        rows.append((user_id, text, link))
    return notify_each(rows)
