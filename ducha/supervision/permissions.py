"""Who sees and does what in supervision.

- the office, supervisors and leaders read everything of their region (a city's
  supervisors and leaders: the whole city); admins everything;
- the office and supervisors issue notices, scan, record accountability, meetings,
  visits and bulletins; the office edits the alert rules;
- a unit's handlers see the alerts of their unit and the notices addressed to it,
  and reply to those notices;
- a notice or bulletin is a draft until a signing role (settings.DUCHA_SIGNING_ROLES,
  leaders by default) of its region signs it (签发); only then does it reach the units;
"""

from django.conf import settings
from django.db.models import Q

from ducha.org import scoping
from ducha.org.models import Role, Unit
from ducha.supervision.models import (
    Accountability,
    Alert,
    AlertRule,
    Bulletin,
    Meeting,
    Person,
    SiteVisit,
    SupervisionNotice,
)

READERS = (Role.OFFICE, Role.LEADER, Role.SUPERVISOR)
WRITERS = (Role.OFFICE, Role.SUPERVISOR)


def _handler_units(p) -> set[int]:
    return p.units_by_role.get(Role.HANDLER, set())


def _enclosing_codes(units) -> set[str]:
    """The region codes a bulletin for a unit's place may carry: its county, city, province."""
    codes = set()
    for code in Unit.objects.filter(pk__in=units).values_list("region__code", flat=True):
        codes |= {code, code[:4] + "00", code[:2] + "0000"}
    return codes


def _in_region(p, obj, *roles) -> bool:
    code = obj.region_id or ""
    return any(code.startswith(prefix) for role in roles for prefix in p.prefixes_by_role.get(role, ()))


def signers() -> tuple[str, ...]:
    """The roles that sign (签发) notices and bulletins: the office names them."""
    return tuple(settings.DUCHA_SIGNING_ROLES)


def _regional(model, *, unit_field: str | None = None, writers=WRITERS, signed=False):
    """Rules for a model with a `region` (by code): readers by region, writers by region;
    with `unit_field`, a unit's handlers also read the rows of their unit. A `signed`
    model (notice, bulletin) reaches a unit only once issued, and is issued (签发) by
    the signing roles of its region."""

    def visible(p, qs):
        if p.is_admin:
            return qs
        q = p.region_q("region__code", *READERS, *(signers() if signed else ()))
        units = _handler_units(p)
        if unit_field and units:
            unit_q = Q(**{f"{unit_field}__in": units})
            q |= unit_q & ~Q(status="draft") if signed else unit_q
        elif signed and units:
            q |= Q(region__code__in=_enclosing_codes(units)) & ~Q(status="draft")
        return qs.filter(q)

    def can(p, action, obj):
        if action == "view":
            if obj is None:
                return (
                    p.is_admin
                    or p.has(*READERS)
                    or (signed and p.has(*signers()))
                    or bool((unit_field or signed) and _handler_units(p))
                )
            return visible(p, model.objects.filter(pk=obj.pk)).exists()
        if action in ("create", "change"):
            if p.is_admin:
                return True
            return p.has(*writers) and (obj is None or _in_region(p, obj, *writers))
        if action == "issue" and signed:
            if p.is_admin:
                return True
            return p.has(*signers()) and (obj is None or _in_region(p, obj, *signers()))
        if action == "reply" and unit_field:
            if obj is None:
                return bool(_handler_units(p))
            return getattr(obj, f"{unit_field}_id") in _handler_units(p)
        return False

    scoping.register(model, visible=visible, can=can)


_regional(Alert, unit_field="unit")
_regional(SupervisionNotice, unit_field="unit", signed=True)
_regional(Person)
_regional(Accountability)
_regional(Meeting)
_regional(SiteVisit)
_regional(Bulletin, signed=True)


def _rules_visible(p, qs):
    return qs if (p.is_admin or p.has(*READERS)) else qs.none()


def _rule_can(p, action, rule):
    if action == "view":
        return p.is_admin or p.has(*READERS)
    return action == "change" and (p.is_admin or p.has(Role.OFFICE))


scoping.register(AlertRule, visible=_rules_visible, can=_rule_can)
