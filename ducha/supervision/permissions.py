"""Who sees and does what in supervision.

- the office, supervisors and leaders read everything of their region (a city's
  supervisors and leaders: the whole city); admins everything;
- the office and supervisors issue notices, scan, record accountability, meetings,
  visits and bulletins; the office edits the alert rules;
- a unit's handlers see the alerts of their unit and the notices addressed to it,
  and reply to those notices;
- a notification is its addressee's alone.
"""

from django.db.models import Q

from ducha.org import scoping
from ducha.org.models import Role
from ducha.supervision.models import (
    Accountability,
    Alert,
    AlertRule,
    Bulletin,
    Meeting,
    Notification,
    Person,
    SiteVisit,
    SupervisionNotice,
)

READERS = (Role.OFFICE, Role.LEADER, Role.SUPERVISOR)
WRITERS = (Role.OFFICE, Role.SUPERVISOR)


def _handler_units(p) -> set[int]:
    return p.units_by_role.get(Role.HANDLER, set())


def _in_region(p, obj, *roles) -> bool:
    code = obj.region_id or ""
    return any(code.startswith(prefix) for role in roles for prefix in p.prefixes_by_role.get(role, ()))


def _regional(model, *, unit_field: str | None = None, writers=WRITERS):
    """Rules for a model with a `region` (by code): readers by region, writers by region;
    with `unit_field`, a unit's handlers also read the rows of their unit."""

    def visible(p, qs):
        if p.is_admin:
            return qs
        q = p.region_q("region__code", *READERS)
        units = _handler_units(p)
        if unit_field and units:
            q |= Q(**{f"{unit_field}__in": units})
        return qs.filter(q)

    def can(p, action, obj):
        if action == "view":
            if obj is None:
                return p.is_admin or p.has(*READERS) or bool(unit_field and _handler_units(p))
            return visible(p, model.objects.filter(pk=obj.pk)).exists()
        if action in ("create", "change"):
            if p.is_admin:
                return True
            return p.has(*writers) and (obj is None or _in_region(p, obj, *writers))
        if action == "reply" and unit_field:
            if obj is None:
                return bool(_handler_units(p))
            return getattr(obj, f"{unit_field}_id") in _handler_units(p)
        return False

    scoping.register(model, visible=visible, can=can)


_regional(Alert, unit_field="unit")
_regional(SupervisionNotice, unit_field="unit")
_regional(Person)
_regional(Accountability)
_regional(Meeting)
_regional(SiteVisit)
_regional(Bulletin)


def _rules_visible(p, qs):
    return qs if (p.is_admin or p.has(*READERS)) else qs.none()


def _rule_can(p, action, rule):
    if action == "view":
        return p.is_admin or p.has(*READERS)
    return action == "change" and (p.is_admin or p.has(Role.OFFICE))


scoping.register(AlertRule, visible=_rules_visible, can=_rule_can)


def _notifications_visible(p, qs):
    return qs.filter(user_id=p.user.pk)


def _notification_can(p, action, notification):
    if action not in ("view", "change"):
        return False
    return notification is None or notification.user_id == p.user.pk


scoping.register(Notification, visible=_notifications_visible, can=_notification_can)
