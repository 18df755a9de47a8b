"""The org tables as the pure name cores want them: region names for the batch parser,
the unit directory for the task-list parser. Reads only; every write is in services.

    region_lookup()                → (RegionNames, parent names)   for parse_complaint_file
    unit_directory(units, city=…)  → UnitDirectory                 for parse_task_file
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db.models import QuerySet

from ducha.core.names import RegionNames, RegionRow, region_names
from ducha.core.names.units import Collective, UnitDirectory, UnitRow
from ducha.org.models import Region, RegionAlias, RegionKind, RegionLevel, Unit, UnitKind

# --- regions ---------------------------------------------------------------------


def region_table() -> RegionNames:
    """Every region's official name, aliases and derived short forms (any city loaded)."""
    rows = [
        RegionRow(code, name, level, kind, parent)
        for code, name, level, kind, parent in Region.objects.values_list(
            "code", "name", "level", "kind", "parent__code"
        )
    ]
    aliases = dict(RegionAlias.objects.values_list("alias", "region__code"))
    return region_names(rows, aliases)


def region_lookup() -> tuple[RegionNames, list[str]]:
    """(the region names, the province and city names a file may write in front)."""
    names = region_table()
    parents = list(
        Region.objects.filter(level__in=[RegionLevel.PROVINCE, RegionLevel.CITY]).values_list("name", flat=True)
    )
    return names, parents


# --- collectives -----------------------------------------------------------------


def _county_governments(units: list[Unit]) -> list[Unit]:
    return [
        u
        for u in units
        if u.kind == UnitKind.GOVERNMENT and u.region.level == RegionLevel.COUNTY and u.region.kind == RegionKind.ADMIN
    ]


def _parks(units: list[Unit]) -> list[Unit]:
    return [u for u in units if u.kind == UnitKind.PARK]


def _city_departments(units: list[Unit]) -> list[Unit]:
    """市直各相关部门: the city's own working departments (not the party's organs, the
    congress or the political consultative conference, nor sub-units)."""
    return [
        u
        for u in units
        if u.kind in (UnitKind.DEPARTMENT, UnitKind.POLICE)
        and u.region.level == RegionLevel.CITY
        and u.parent_id is None
        and not u.name.startswith(("中共", "政协"))
        and "人大" not in u.name
    ]


MEMBERS: dict[str, Callable[[list[Unit]], list[Unit]]] = {
    "county_governments": _county_governments,
    "parks": _parks,
    "county_governments+parks": lambda units: _county_governments(units) + _parks(units),
    "city_departments": _city_departments,
}
# The collectives a city writes, and who they are. A city's directory keeps a unit of
# kind collective for each (so a task led by one is led by it); when it keeps none,
# these spellings still reach the members.
COLLECTIVES: dict[str, tuple[str, tuple[str, ...]]] = {
    "各县市区人民政府": (
        "county_governments",
        ("各县市区政府", "各县（市、区）人民政府", "各县（市、区）政府", "各县市区", "各县（市、区）"),
    ),
    "各园区管委会": ("parks", ("各园区", "各园区（示范区）管委会", "园区管委会", "各示范区管委会")),
    "各县市区人民政府和园区管委会": (
        "county_governments+parks",
        ("各县市区人民政府（管委会）", "各县市区（园区）", "各县市区政府（管委会）", "各县市区、园区"),
    ),
    "市直各相关部门": ("city_departments", ("市直相关部门", "市直各有关部门", "市直有关部门", "市直各部门")),
}


def collective_rule(unit: Unit, aliases: Iterable[str] = ()) -> str | None:
    for name in (unit.name, *aliases):
        if name in COLLECTIVES:
            return COLLECTIVES[name][0]
    return None


# --- units -----------------------------------------------------------------------


def _region_names_of(unit: Unit, names: RegionNames) -> tuple[str, ...]:
    """A county government or a park committee answers to its region's names (雨湖区,
    高新区, 九华示范区): only the unit that IS its region, never another unit in it."""
    region = unit.region
    if region.level != RegionLevel.COUNTY:
        return ()
    own = [k for k, code in names.codes.items() if code == region.code]
    if unit.kind == UnitKind.GOVERNMENT and region.kind == RegionKind.ADMIN:
        return tuple(own)
    if unit.kind == UnitKind.PARK and region.kind == RegionKind.PARK:
        written = unit.name + unit.short_name
        if any(len(n) >= 3 and n in written for n in own):
            return tuple(own)
    return ()


def _city_name(region: Region, cities: dict[str, str]) -> str:
    return cities.get(region.code[:4] + "00", "")


def unit_directory(units: QuerySet[Unit]) -> UnitDirectory:
    """The directory of `units` (usually one city's): every name each goes by, and the
    city's collectives with their members."""
    units = list(units.select_related("region", "parent").prefetch_related("aliases"))
    names = region_table()
    cities = dict(Region.objects.filter(level=RegionLevel.CITY).values_list("code", "name"))
    plain = [u for u in units if u.kind != UnitKind.COLLECTIVE]
    rows = [
        UnitRow(
            id=u.pk,
            name=u.name,
            short_name=u.short_name,
            aliases=tuple(a.alias for a in u.aliases.all()),
            kind=u.kind,
            city=_city_name(u.region, cities),
            parent=u.parent.name if u.parent_id else "",
            region_names=_region_names_of(u, names),
        )
        for u in plain
    ]
    collectives: list[Collective] = []
    kept: set[str] = set()
    for u in units:
        if u.kind != UnitKind.COLLECTIVE:
            continue
        spellings = tuple(a.alias for a in u.aliases.all())
        rule = collective_rule(u, spellings)
        members = tuple(m.pk for m in MEMBERS[rule](plain)) if rule else ()
        defaults = COLLECTIVES.get(u.name, ("", ()))[1]
        collectives.append(Collective(u.name, u.pk, members, spellings + defaults))
        kept.add(u.name)
    for name, (rule, spellings) in COLLECTIVES.items():
        if name not in kept:
            members = tuple(m.pk for m in MEMBERS[rule](plain))
            if members:
                collectives.append(Collective(name, None, members, spellings))
    return UnitDirectory(rows, collectives)
