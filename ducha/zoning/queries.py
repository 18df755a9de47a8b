"""Reads in zoning: editions, unit lists, placement of points, the 准入 check.

Placement narrows by the indexed bounding-box columns, then shapely decides with the
exact boundary ("covers": a point on a shared boundary is in both units, every time).
Placing many points at once uses the core's STRtree index over a whole edition, built
once per process and edition.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import shapely
from django.db.models import Count, Q, QuerySet

from ducha.core import geo
from ducha.core.geo import tiles as tiles_mod
from ducha.org import scoping
from ducha.zoning.models import ControlUnit, ControlUnitEdition, Location

CRS_CHOICES = ("wgs84", "gcj02", "cgcs2000")


def current_edition() -> ControlUnitEdition | None:
    return ControlUnitEdition.objects.filter(is_current=True).first()


def edition_named(name: str | None) -> ControlUnitEdition | None:
    if name:
        return ControlUnitEdition.objects.filter(name=name).first()
    return current_edition()


def to_wgs84(lon: float, lat: float, crs: str) -> tuple[float, float]:
    """A point typed in, picked from a phone map (GCJ-02) or surveyed (CGCS2000) → WGS84.
    CGCS2000 and WGS84 differ by centimetres: the same numbers."""
    if crs == "gcj02":
        return geo.gcj02_to_wgs84(lon, lat)
    return lon, lat


def locate(lon: float, lat: float, *, edition: ControlUnitEdition, units: QuerySet | None = None) -> list[ControlUnit]:
    """The units of the edition that cover the WGS84 point, by code.

    Candidates come through the point's tile (one query driven by the tile index, then
    the units by primary key), are narrowed by their boxes, and shapely decides on the
    exact boundary."""
    qs = units if units is not None else ControlUnit.objects.all()
    qs = qs.filter(
        tiles__edition=edition,
        tiles__tile__in=[tiles_mod.tile_of(lon, lat), tiles_mod.EVERYWHERE],
        min_lon__lte=lon,
        max_lon__gte=lon,
        min_lat__lte=lat,
        max_lat__gte=lat,
    )
    qs = qs.only("pk", "edition_id", "code", "name", "category", "geometry_wkb").order_by("code")
    point = shapely.Point(lon, lat)
    return [u for u in qs if shapely.from_wkb(u.geometry_wkb).covers(point)]


@lru_cache(maxsize=4)
def _index(edition_id: int, imported_at) -> tuple[geo.PlacementIndex, dict[str, int]]:
    rows = list(ControlUnit.objects.filter(edition_id=edition_id).values_list("code", "pk", "geometry_wkb"))
    index = geo.PlacementIndex([r[0] for r in rows], shapely.from_wkb([r[2] for r in rows]))
    return index, {r[0]: r[1] for r in rows}


def placement_index(edition: ControlUnitEdition) -> tuple[geo.PlacementIndex, dict[str, int]]:
    """(the edition's STRtree index, unit code → pk), rebuilt when the edition is re-imported."""
    return _index(edition.pk, edition.imported_at)


def list_units(user, *, edition: ControlUnitEdition | None, q: str = "", category: str = "", county: str = ""):
    qs = scoping.visible_to(user, ControlUnit)
    qs = qs.filter(edition=edition) if edition is not None else qs.none()
    if q:
        qs = qs.filter(Q(code__icontains=q) | Q(name__icontains=q))
    if category:
        qs = qs.filter(category=category)
    if county:
        qs = qs.filter(county=county)
    return qs.defer("geometry_wkb", "map_geojson", "attributes").order_by("code")


def counties(user, edition: ControlUnitEdition | None) -> list[str]:
    if edition is None:
        return []
    qs = scoping.visible_to(user, ControlUnit).filter(edition=edition).exclude(county="")
    return list(qs.order_by("county").values_list("county", flat=True).distinct())


# --- the 准入 check (符合性分析) ------------------------------------------------------------


@dataclass
class SiteUnit:
    unit: ControlUnit
    area_m2: float
    share_of_site: float
    share_of_unit: float

    @property
    def area_ha(self) -> float:
        return self.area_m2 / 1e4

    @property
    def share_pct(self) -> float:
        return self.share_of_site * 100


@dataclass
class SiteCheck:
    site: shapely.Geometry
    site_area_m2: float
    edition: ControlUnitEdition
    units: list[SiteUnit]

    @property
    def is_point(self) -> bool:
        return self.site.geom_type == "Point"

    @property
    def outside_share(self) -> float:
        """The share of the site no unit covers (0 for a point inside a unit)."""
        if self.is_point:
            return 0.0 if self.units else 1.0
        return max(0.0, 1.0 - sum(u.share_of_site for u in self.units))


def check_site(user, site: shapely.Geometry, *, edition: ControlUnitEdition) -> SiteCheck:
    """Every visible unit of the edition the site touches, with overlap area and share."""
    minx, miny, maxx, maxy = site.bounds
    qs = scoping.visible_to(user, ControlUnit).filter(edition=edition)
    candidates = list(qs.filter(min_lon__lte=maxx, max_lon__gte=minx, min_lat__lte=maxy, max_lat__gte=miny))
    geoms = shapely.from_wkb([u.geometry_wkb for u in candidates]) if candidates else []
    found = geo.overlaps(site, geoms)
    rows = [SiteUnit(candidates[o.index], o.area_m2, o.share_of_site, o.share_of_unit) for o in found]
    return SiteCheck(site=site, site_area_m2=geo.site_area_m2(site), edition=edition, units=rows)


# --- cases placed in a unit ---------------------------------------------------------------

PLACED_KINDS = {"complaints.complaint": "complaints", "rectification.task": "tasks"}


def placed_counts(user, unit: ControlUnit) -> dict[str, int]:
    """How many complaints and rectification tasks the user may see are placed in the unit
    (by the region copied at placement; the figures by status are on the dashboard)."""
    qs = scoping.visible_to(user, Location).filter(unit=unit)
    counts = dict.fromkeys(PLACED_KINDS.values(), 0)
    for kind, n in qs.values_list("item_kind").annotate(n=Count("pk")).values_list("item_kind", "n"):
        if kind in PLACED_KINDS:
            counts[PLACED_KINDS[kind]] = n
    return counts


def placed_counts_by_unit(user, edition: ControlUnitEdition | None) -> dict[int, dict[str, int]]:
    """{unit pk: {"complaints": n, "tasks": m}} of the cases the user may see, for the map."""
    if edition is None:
        return {}
    qs = scoping.visible_to(user, Location).filter(edition=edition, unit__isnull=False)
    out: dict[int, dict[str, int]] = {}
    for unit_id, kind, n in (
        qs.values_list("unit_id", "item_kind").annotate(n=Count("pk")).values_list("unit_id", "item_kind", "n")
    ):
        if kind in PLACED_KINDS:
            out.setdefault(unit_id, dict.fromkeys(PLACED_KINDS.values(), 0))[PLACED_KINDS[kind]] = n
    return out
