"""Geometry checks of a unit layer: each unit's own boundary, then units against each other.

An invalid boundary (a self-intersecting ring, a bow-tie) is repaired with GEOS's
make_valid only with a warning that names the unit, where, and the area before and after.
Holes and the parts of a multipolygon are kept as they are: a unit that fills another's
hole owns that area alone. Overlaps between units and gaps inside their union are
reported with their area in m², measured in an equal-area projection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.validation import explain_validity

import ducha.core.geo.errors as errors
from ducha.core.geo.crs import AreaMeter

POLYGONAL = ("Polygon", "MultiPolygon")


@dataclass
class Checked:
    geometry: shapely.Geometry | None
    problem: errors.Problem | None = None


def _where(reason: str) -> tuple[float | None, float | None]:
    found = re.search(r"\[\s*(-?[\d.eE+-]+)\s+(-?[\d.eE+-]+)\s*\]", reason)
    return (float(found.group(1)), float(found.group(2))) if found else (None, None)


def _reason(reason: str) -> str:
    text = reason.split("[", 1)[0].strip()
    return {"Self-intersection": "边界自相交", "Ring Self-intersection": "环自相交", "Too few points": "顶点过少"}.get(
        text, text
    )


def polygonal_part(geom: shapely.Geometry) -> shapely.Geometry:
    """The polygons of a GeometryCollection make_valid may return, as one (multi)polygon."""
    if geom.geom_type in POLYGONAL:
        return geom
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in POLYGONAL]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def check_unit(geom, meter: AreaMeter, *, file: str, feature: int, code: str) -> Checked:
    """The unit's boundary as it will be stored, and the one problem with it (if any)."""

    def problem(message, level=errors.ERROR, lon=None, lat=None, area=None):
        return errors.Problem(
            file=file, feature=feature, code=code, message=message, level=level, lon=lon, lat=lat, area_m2=area
        )

    if geom is None or shapely.is_empty(geom):
        return Checked(None, problem(errors.GEOMETRY_EMPTY))
    if geom.geom_type not in POLYGONAL:
        return Checked(None, problem(errors.GEOMETRY_NOT_POLYGON.format(kind=geom.geom_type)))
    geom = shapely.force_2d(geom)
    if shapely.is_valid(geom):
        return Checked(geom)
    explained = explain_validity(geom)
    lon, lat = _where(explained)
    reason = _reason(explained)
    repaired = polygonal_part(shapely.make_valid(geom, method="structure", keep_collapsed=False))
    if shapely.is_empty(repaired) or not shapely.is_valid(repaired):
        return Checked(None, problem(errors.GEOMETRY_UNREPAIRABLE.format(reason=reason), lon=lon, lat=lat))
    before = float(meter.area(geom))  # as GEOS sums the rings of the invalid shape
    after = float(meter.area(repaired))
    message = errors.GEOMETRY_REPAIRED.format(reason=reason, before=before, after=after)
    return Checked(repaired, problem(message, errors.WARNING, lon=lon, lat=lat, area=after))


def overlaps_and_gaps(
    codes: list[str], geoms: list[shapely.Geometry], meter: AreaMeter, *, file: str, min_area_m2: float = 1.0
) -> list[errors.Problem]:
    """Warnings for every overlap between two units and every gap inside their union.

    Pieces smaller than `min_area_m2` (digitising slivers) are summed in one line."""
    if not geoms:
        return []
    projected = meter.project(np.array(geoms, dtype=object))
    tree = shapely.STRtree(projected)
    left, right = tree.query(projected, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    problems: list[errors.Problem] = []
    small = {"overlap": [0, 0.0], "gap": [0, 0.0]}
    if len(left):
        pieces = shapely.intersection(projected[left], projected[right])
        areas = shapely.area(pieces)
        for i, j, piece, area in zip(left, right, pieces, areas, strict=True):
            if area <= 0:
                continue  # shared edges and corners only
            if area < min_area_m2:
                small["overlap"][0] += 1
                small["overlap"][1] += area
                continue
            lon, lat = _lonlat(meter, piece)
            message = errors.UNITS_OVERLAP.format(a=codes[i], b=codes[j], area=area)
            problems.append(_warning(file, message, f"{codes[i]},{codes[j]}", lon, lat, area))
    union = shapely.union_all(projected)
    for polygon in shapely.get_parts(union):
        for ring in polygon.interiors:
            gap = shapely.Polygon(ring)
            area = gap.area
            if area < min_area_m2:
                small["gap"][0] += 1
                small["gap"][1] += area
                continue
            lon, lat = _lonlat(meter, gap)
            problems.append(_warning(file, errors.UNION_GAP.format(area=area), "", lon, lat, area))
    for kind, label in (("overlap", "重叠"), ("gap", "空隙")):
        count, area = small[kind]
        if count:
            message = errors.SMALL_PROBLEMS.format(count=count, limit=min_area_m2, kind=label, area=area)
            problems.append(errors.Problem(file=file, message=message, level=errors.WARNING, area_m2=area))
    return problems


def _lonlat(meter: AreaMeter, projected_piece) -> tuple[float, float]:
    from pyproj import Transformer

    from ducha.core.geo.crs import WGS84

    point = shapely.point_on_surface(projected_piece)
    back = Transformer.from_crs(meter.crs, WGS84, always_xy=True)
    lon, lat = back.transform(point.x, point.y)
    return float(lon), float(lat)


def _warning(file, message, code, lon, lat, area) -> errors.Problem:
    return errors.Problem(file=file, message=message, code=code, level=errors.WARNING, lon=lon, lat=lat, area_m2=area)
