"""The alert rules and the overdue scan (逾期预警): yellow before the due day, red after,
escalation after long red, and who is told. Set-based: a few queries per kind."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import connection, transaction
from django.db.models import Case, CharField, Count, DateField, Exists, F, OuterRef, Q, Value, When
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


# The columns of an alert as the open-items query selects them (names clear of model fields).
ITEM_COLUMNS = {"complaint": ("due_on", "lead_unit_id", "region_id", "inspection_id")}
ITEM_COLUMNS["task"] = ("due_date", "lead_unit_id", "finding__region_id", "finding__inspection_id")
ANALYZE_AFTER = 1000  # new alerts in one statement that make the table statistics stale
ALERT_COLUMNS = ("item_kind", "item_id", "level", "since", "due_on", "unit_id", "region_code", "inspection_id")


def _open_items(kind: str, limit: dt.date):
    """Open items of `kind` due before `limit` (a queryset, never pulled into Python)."""
    due = ITEM_COLUMNS[kind][0]
    if kind == ItemKind.COMPLAINT:
        qs = Complaint.objects.exclude(status__in=ComplaintStatus.CLOSED_STATES)
    else:
        qs = Task.objects.filter(acceptance__isnull=True)
    return qs.filter(**{f"{due}__isnull": False, f"{due}__lt": limit}).order_by()


def _level(kind: str, today: dt.date) -> Case:
    return Case(
        When(**{f"{ITEM_COLUMNS[kind][0]}__lt": today}, then=Value(AlertLevel.RED)),
        default=Value(AlertLevel.YELLOW),
        output_field=CharField(),
    )


def _active(kind: str):
    return Alert.objects.filter(item_kind=kind, cleared_on__isnull=True)


def _scan_kind(kind: str, items, today: dt.date, escalate_by: dt.date, raised: list) -> dict:
    """One kind's alerts brought up to date with set-based statements (Exists, not IN, so
    PostgreSQL plans anti-joins); `raised` gets (level, unit, region, count) groups."""
    due, unit, region, inspection = ITEM_COLUMNS[kind]
    counts = items.aggregate(total=Count("pk"), red=Count("pk", filter=Q(**{f"{due}__lt": today})))
    red_items = items.filter(**{f"{due}__lt": today}, pk=OuterRef("item_id"))
    yellow_items = items.filter(**{f"{due}__gte": today}, pk=OuterRef("item_id"))
    # an item's level only changes from yellow to red while it stays open
    worse = _active(kind).filter(
        Q(Exists(red_items), level=AlertLevel.YELLOW) | Q(Exists(yellow_items), level=AlertLevel.RED)
    )
    raised += _groups(worse, "unit_id", "region_id", red=Q(pk__isnull=False))  # all red once updated
    worsened = worse.update(level=AlertLevel.RED, since=today)
    cleared = _active(kind).filter(~Exists(items.filter(pk=OuterRef("item_id")))).update(cleared_on=today)
    new = items.filter(~Exists(_active(kind).filter(item_id=OuterRef("pk"))))
    raised += _groups(new, unit, region, red=Q(**{f"{due}__lt": today}))
    created = _insert_alerts(kind, new, today)
    escalated = (
        _active(kind)
        .filter(level=AlertLevel.RED, escalated_on__isnull=True, since__lte=escalate_by)
        .update(escalated_on=today)
    )
    return {
        "new": created,
        "red": counts["red"],
        "yellow": counts["total"] - counts["red"],
        "worsened": worsened,
        "cleared": cleared,
        "escalated": escalated,
    }


def _groups(qs, unit: str, region: str, *, red: Q) -> list[tuple]:
    """(level, unit, region, count) of the rows of `qs`: all the notifications need."""
    rows = (
        qs.order_by()
        .values(g_unit=F(unit), g_region=F(region))
        .annotate(n=Count("pk"), red=Count("pk", filter=red))
        .values_list("g_unit", "g_region", "n", "red")
    )
    out = []
    for u, r, n, red_n in rows:
        out += [(lv, u, r, c) for lv, c in ((AlertLevel.RED, red_n), (AlertLevel.YELLOW, n - red_n)) if c]
    return out


def _insert_alerts(kind: str, new, today: dt.date) -> int:
    """INSERT INTO alert ... SELECT over the new items: the rows never pass through Python."""
    due, unit, region, inspection = ITEM_COLUMNS[kind]
    select = new.values_list(
        Value(kind, output_field=CharField()),
        "pk",
        _level(kind, today),
        Value(today, output_field=DateField()),
        due,
        unit,
        region,
        inspection,
    )
    sql, params = select.query.sql_with_params()
    columns = ", ".join(connection.ops.quote_name(c) for c in ALERT_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {connection.ops.quote_name(Alert._meta.db_table)} ({columns}) {sql}", params)
        created = cursor.rowcount
        if created >= ANALYZE_AFTER and connection.vendor == "postgresql":
            # Until autovacuum gets there the planner believes the table still nearly empty
            # and the next scan's anti-join becomes a nested loop (minutes at 10^5 alerts).
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Alert._meta.db_table)}")
    return created


def scan_overdue(*, actor, today: dt.date | None = None) -> dict:
    """Mark open complaints and tasks yellow (due within the rule's working days) or red
    (past due), clear the alerts of items no longer at risk, escalate long reds, and
    tell the units and their supervisors. Set-based: a few statements per kind, not per
    item, and no item row is read into Python.
    """
    today = today or timezone.localdate()
    summary: dict = {"today": today.isoformat()}
    raised: list[tuple] = []  # (level, unit, region, count) of new or worsened alerts
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
            summary[kind] = _scan_kind(kind, _open_items(kind, limit), today, escalate_by, raised)
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


def _notify_alerts(raised: list[tuple[str, int | None, str, int]], rules_by_kind: dict[str, AlertRule]) -> int:
    if not raised:
        return 0
    flags = {
        "handlers": any(r.notify_handlers for r in rules_by_kind.values()),
        "supervisors": any(r.notify_supervisors for r in rules_by_kind.values()),
        "office": any(r.notify_office for r in rules_by_kind.values()),
    }
    counts: dict[tuple, dict[str, int]] = defaultdict(lambda: {AlertLevel.RED: 0, AlertLevel.YELLOW: 0})
    for level, unit, region, n in raised:
        counts[("unit", unit)][level] += n
        counts[("region", region)][level] += n
    units = {u for _l, u, _r, _n in raised if u}
    regions = {r for _l, _u, r, _n in raised}
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
