"""What the task-list import needs from the database, as plain dictionaries for the
pure parser: the units a list may name, and the collective names cities write."""

from __future__ import annotations

from collections import Counter

from django.db.models import QuerySet

from ducha.core.parsing.tasks import TaskParse, unit_key
from ducha.org import scoping
from ducha.org.models import Region, RegionLevel, Role, Unit, UnitKind, User

# 各县市区人民政府 and its spellings → every county-level government of the city;
# 各园区管委会 → every park. Data a city writes, not a guess at one unit.
COUNTY_GROUPS = (
    "各县市区人民政府",
    "各县市区政府",
    "各县（市、区）人民政府",
    "各县（市、区）政府",
    "各县市区",
    "各县（市、区）",
)
PARK_GROUPS = ("各园区管委会", "各园区", "各园区（示范区）管委会", "园区管委会", "各示范区管委会")
BOTH_GROUPS = ("各县市区人民政府（管委会）", "各县市区（园区）", "各县市区政府（管委会）", "各县市区、园区")


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


def _names(unit: Unit) -> set[str]:
    """A unit's name, short name, and the ways a list of its own city writes them:
    湘潭市生态环境局 → 市生态环境局; 雨湖区人民政府 → 雨湖区政府."""
    names = {unit.name, unit.short_name} - {""}
    city = unit.region.name if unit.region.level == RegionLevel.CITY else ""
    for n in list(names):
        if city and n.startswith(city) and len(n) > len(city):
            names.add("市" + n[len(city) :])
        if n.endswith("人民政府"):
            names.add(n.removesuffix("人民政府") + "政府")
    return names


def unit_lookup(units: QuerySet[Unit]) -> tuple[dict[str, int], dict[str, list[int]]]:
    """(name key → unit id, collective name → unit ids). A name two units share is left
    out, so it reads as unknown rather than as the wrong unit."""
    owners: dict[str, set[int]] = {}
    county, parks = [], []
    for unit in units:
        for name in _names(unit):
            owners.setdefault(unit_key(name), set()).add(unit.pk)
        if unit.kind == UnitKind.GOVERNMENT and unit.region.level == RegionLevel.COUNTY:
            county.append(unit.pk)
        elif unit.kind == UnitKind.PARK:
            parks.append(unit.pk)
    lookup = {k: next(iter(v)) for k, v in owners.items() if len(v) == 1}
    groups: dict[str, list[int]] = {}
    for names, ids in ((COUNTY_GROUPS, county), (PARK_GROUPS, parks), (BOTH_GROUPS, county + parks)):
        if ids:
            for name in names:
                groups[name] = ids
    return lookup, groups


def city_of(actor, parsed: TaskParse, units: QuerySet[Unit]) -> Region | None:
    """The city a list belongs to: the actor's office city, else the city most of its
    lead units belong to."""
    prefixes = [p for p in _office_prefixes(actor) if len(p) == 4]
    if len(prefixes) == 1:
        return Region.objects.filter(code=prefixes[0] + "00").first()
    leads = [t.lead_unit_id for t in parsed.tasks if t.lead_unit_id]
    codes = dict(units.filter(pk__in=set(leads)).values_list("pk", "region__code"))
    counts = Counter(codes[i][:4] for i in leads if i in codes)
    if not counts:
        return None
    return Region.objects.filter(code=counts.most_common(1)[0][0] + "00").first()


def leader_users(region: Region) -> list[User]:
    """People with the leader role in the city: a finding's 责任领导 text names them."""
    return list(
        User.objects.filter(
            memberships__role=Role.LEADER, memberships__unit__region__code__startswith=region.code[:4], is_active=True
        ).distinct()
    )
