"""What the task-list import needs from the database, for the pure parser: the units a
list may name (the unit directory, with the collectives cities write), the list's city,
and the leaders its 责任领导 text names."""

from __future__ import annotations

from collections import Counter

from django.db.models import QuerySet

from ducha.core.names.units import UnitDirectory
from ducha.core.parsing.tasks import TaskParse
from ducha.org import names, scoping
from ducha.org.models import Region, RegionLevel, Role, Unit, UnitKind, User


def _office_prefixes(actor) -> list[str]:
    return sorted({prefix[:4] for prefix in scoping.principal(actor).prefixes(Role.OFFICE, Role.ADMIN)})


def unit_scope(actor, region: Region | None) -> QuerySet[Unit]:
    """The units a list may name: the given city's, else the actor's office city's,
    else (the system, an admin without a city) every active unit."""
    units = Unit.objects.filter(is_active=True).select_related("region")
    if region is not None:
        return units.filter(region__code__startswith=region.code[:4])
    prefixes = [p for p in _office_prefixes(actor) if len(p) >= 4]
    if prefixes and not getattr(actor, "is_superuser", False):
        from django.db.models import Q

        q = Q(pk__in=[])
        for p in prefixes:
            q |= Q(region__code__startswith=p)
        return units.filter(q)
    return units


def unit_directory(units: QuerySet[Unit]) -> UnitDirectory:
    """Every name the units go by (full, short, aliases, with or without the city's
    prefix, 人民政府/政府, parenthetical alternatives), the city's collectives, and
    suggestions for names it does not know: ducha.org.names builds it."""
    return names.unit_directory(units)


def city_of(actor, parsed: TaskParse, units: QuerySet[Unit]) -> Region | None:
    """The city a list belongs to: the actor's office city, else the city most of its
    lead units belong to, else the one city whose units the list may name."""
    prefixes = [p for p in _office_prefixes(actor) if len(p) == 4]
    if len(prefixes) == 1:
        return Region.objects.filter(code=prefixes[0] + "00").first()
    leads = [t.lead_unit_id for t in parsed.tasks if t.lead_unit_id]
    codes = dict(units.filter(pk__in=set(leads)).values_list("pk", "region__code"))
    counts = Counter(codes[i][:4] for i in leads if i in codes)
    if not counts:
        cities = {code[:4] for code in units.exclude(kind=UnitKind.COLLECTIVE).values_list("region__code", flat=True)}
        cities.discard("")
        if len(cities) != 1:
            return None
        return Region.objects.filter(code=cities.pop() + "00", level=RegionLevel.CITY).first()
    return Region.objects.filter(code=counts.most_common(1)[0][0] + "00").first()


def leader_users(region: Region) -> list[User]:
    """People with the leader role in the city: a finding's 责任领导 text names them."""
    return list(
        User.objects.filter(
            memberships__role=Role.LEADER, memberships__unit__region__code__startswith=region.code[:4], is_active=True
        ).distinct()
    )
