"""Scoping rules for regions, units, people and memberships."""

from django.db.models import Q

from ducha.org import scoping
from ducha.org.models import HolidayYear, Membership, Region, RegionAlias, Role, Unit, UnitAlias, User

# Roles an office may hand out; admin and auditor are granted by an admin only.
OFFICE_GRANTABLE = {Role.OFFICE, Role.HANDLER, Role.LEADER, Role.SUPERVISOR, Role.POLICE, Role.PROCURATORATE}


def _units_visible(p, qs):
    if p.is_admin or p.has(Role.AUDITOR):
        return qs
    q = Q(pk__in=p.unit_ids) | Q(parent_id__in=p.unit_ids)
    q |= p.region_q("region__code", Role.OFFICE, Role.LEADER, Role.SUPERVISOR)
    return qs.filter(q)


def _unit_can(p, action, unit):
    if action == "view":
        return unit is None or _units_visible(p, Unit.objects.filter(pk=unit.pk)).exists()
    if action in ("create", "change"):
        if p.is_admin:
            return True
        if not p.has(Role.OFFICE):
            return False
        return unit is None or Unit.objects.filter(pk=unit.pk).filter(p.region_q("region__code", Role.OFFICE)).exists()
    return False


def _people_visible(p, qs):
    qs = qs.exclude(username=scoping.SYSTEM_USERNAME, is_active=False)  # the system is no person to list
    if p.is_admin or p.has(Role.AUDITOR):
        return qs
    if p.has(Role.OFFICE):
        units = Unit.objects.filter(p.region_q("region__code", Role.OFFICE))
        return qs.filter(Q(memberships__unit__in=units) | Q(pk=p.user.pk)).distinct()
    return qs.filter(pk=p.user.pk)


def _person_can(p, action, person):
    if action == "view":
        return person is None or _people_visible(p, User.objects.filter(pk=person.pk)).exists()
    if action == "reset_password":
        # An office resets the passwords of its region's people, but never an
        # administrator's (that would hand it the administrator's account).
        if p.is_admin:
            return True
        if not p.has(Role.OFFICE):
            return False
        if person is None:
            return True
        is_admin = person.is_superuser or person.memberships.filter(role=Role.ADMIN).exists()
        return not is_admin and _people_visible(p, User.objects.filter(pk=person.pk)).exists()
    if action in ("create", "change"):
        if p.is_admin:
            return True
        if not p.has(Role.OFFICE):
            return False
        return person is None or _people_visible(p, User.objects.filter(pk=person.pk)).exists()
    return False


def _membership_visible(p, qs):
    return qs.filter(user__in=_people_visible(p, User.objects.all()))


def _membership_can(p, action, membership):
    if action == "view":
        return True
    if p.is_admin:
        return True
    if not p.has(Role.OFFICE) or membership is None:
        return p.has(Role.OFFICE)
    in_region = Unit.objects.filter(pk=membership.unit_id).filter(p.region_q("region__code", Role.OFFICE)).exists()
    return in_region and membership.role in OFFICE_GRANTABLE


def _regions_visible(p, qs):
    return qs  # reference data: every signed-in user reads the region list


def _region_can(p, action, region):
    return action == "view" or p.is_admin


def _alias_can(p, action, alias):
    return action == "view" or p.is_admin or p.has(Role.OFFICE)


scoping.register(Unit, visible=_units_visible, can=_unit_can)
scoping.register(User, visible=_people_visible, can=_person_can)
scoping.register(Membership, visible=_membership_visible, can=_membership_can)
scoping.register(Region, visible=_regions_visible, can=_region_can)
scoping.register(RegionAlias, visible=_regions_visible, can=_alias_can)


def _unit_aliases_visible(p, qs):
    return qs.filter(unit__in=_units_visible(p, Unit.objects.all()))


def _unit_alias_can(p, action, alias):
    return _unit_can(p, action, alias.unit if alias is not None else None)


scoping.register(UnitAlias, visible=_unit_aliases_visible, can=_unit_alias_can)


# --- the working-day calendar: national reference data ----------------------------


def _holiday_years_visible(p, qs):
    return qs  # every signed-in user reads the holiday arrangements


def _holiday_year_can(p, action, holiday_year):
    if action == "view":
        return True
    return action in ("create", "change") and (p.is_admin or p.has(Role.OFFICE))


scoping.register(HolidayYear, visible=_holiday_years_visible, can=_holiday_year_can)
