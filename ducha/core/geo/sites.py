"""A project site for the 准入 check (符合性分析): read it, and measure what it touches.

A site arrives as a point, a polygon drawn on the map (GeoJSON), WKT, or coordinates
pasted from a table: one pair per line, optionally numbered, in decimal degrees or
度分秒, longitude first unless the header or the numbers say otherwise. One pair is a
point; three or more are a polygon, closed for the user.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely

from ducha.core.geo.crs import AreaMeter

SITE_EMPTY = "没有填写坐标"
SITE_TWO_POINTS = "只有两个点，无法构成范围：请填写一个点或至少三个拐点"
SITE_LINE_UNREADABLE = "第{line}行无法识别为坐标（应为“经度 纬度”两个数）"
SITE_OUT_OF_RANGE = "第{line}行的坐标（{a}, {b}）不是有效的经纬度"
SITE_INVALID = "拐点连成的范围自相交，请按顺时针或逆时针顺序填写拐点"
SITE_GEOJSON = "GeoJSON 无法解析：{reason}"
SITE_NOT_AREA = "只支持点或面（多边形）"

_NUMBER = r"\d+(?:\.\d+)?"
_DMS = re.compile(rf"({_NUMBER})\s*[°度]\s*(?:({_NUMBER})\s*['′’分]\s*)?(?:({_NUMBER})\s*(?:\"|″|”|''|′′|秒)\s*)?")
_DECIMAL = re.compile(r"-?\d+(?:\.\d+)?")


class SiteError(ValueError):
    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def _numbers(line: str) -> list[float]:
    if _DMS.search(line):
        out = []
        for d, m, s in _DMS.findall(line):
            out.append(float(d) + float(m or 0) / 60 + float(s or 0) / 3600)
        return out
    return [float(x) for x in _DECIMAL.findall(line)]


def parse_site(text: str) -> shapely.Geometry:
    """A point or polygon in lon/lat from pasted text (coordinates, GeoJSON or WKT)."""
    text = (text or "").strip()
    if not text:
        raise SiteError(SITE_EMPTY)
    if text.startswith("{"):
        return _from_geojson(text)
    if re.match(r"^(POINT|POLYGON|MULTIPOLYGON)\s*\(", text, re.I):
        try:
            return _area_or_point(shapely.from_wkt(text))
        except shapely.errors.GEOSException as exc:
            raise SiteError(SITE_GEOJSON.format(reason=str(exc).splitlines()[0]))
    lat_first = False
    pairs: list[tuple[float, float]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if not re.search(r"\d", line):
            if "经度" in line and "纬度" in line:
                lat_first = line.index("纬度") < line.index("经度")
            continue
        values = _numbers(line)
        if len(values) >= 3 and float(values[0]).is_integer() and values[0] < 10_000 and not _DMS.search(line):
            values = values[1:]  # a serial number column (序号)
        if len(values) != 2:
            if pairs or len(values) > 2:
                raise SiteError(SITE_LINE_UNREADABLE.format(line=number))
            continue  # a title line with a year or a count in it
        a, b = values
        if lat_first or (a < 60 <= b):
            a, b = b, a
        if not (-180 <= a <= 180 and -90 <= b <= 90):
            raise SiteError(SITE_OUT_OF_RANGE.format(line=number, a=values[0], b=values[1]))
        pairs.append((a, b))
    if not pairs:
        raise SiteError(SITE_EMPTY)
    if len(pairs) == 1:
        return shapely.Point(pairs[0])
    if pairs[0] == pairs[-1]:
        pairs = pairs[:-1]
    if len(pairs) < 3:
        raise SiteError(SITE_TWO_POINTS)
    polygon = shapely.Polygon(pairs)
    if not polygon.is_valid:
        raise SiteError(SITE_INVALID)
    return polygon


def _from_geojson(text: str) -> shapely.Geometry:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SiteError(SITE_GEOJSON.format(reason=exc.msg))
    if not isinstance(data, dict):
        raise SiteError(SITE_NOT_AREA)
    items = data.get("features") if data.get("type") == "FeatureCollection" else [data]
    geoms = []
    for item in items or []:
        geometry = item.get("geometry") if isinstance(item, dict) and item.get("type") == "Feature" else item
        try:
            geoms.append(shapely.from_geojson(json.dumps(geometry)))
        except shapely.errors.GEOSException as exc:
            raise SiteError(SITE_GEOJSON.format(reason=str(exc).splitlines()[0]))
    if not geoms:
        raise SiteError(SITE_EMPTY)
    return _area_or_point(geoms[0] if len(geoms) == 1 else shapely.union_all(geoms))


def _area_or_point(geom: shapely.Geometry) -> shapely.Geometry:
    if geom.geom_type not in ("Point", "Polygon", "MultiPolygon") or geom.is_empty:
        raise SiteError(SITE_NOT_AREA)
    if not geom.is_valid:
        raise SiteError(SITE_INVALID)
    return geom


@dataclass(frozen=True)
class Overlap:
    index: int  # position in the candidates given
    area_m2: float  # overlap area (0 for a point site)
    share_of_site: float  # 0..1
    share_of_unit: float  # 0..1


def site_area_m2(site: shapely.Geometry) -> float:
    if site.geom_type == "Point":
        return 0.0
    return float(AreaMeter(site.bounds).area(site))


def overlaps(site: shapely.Geometry, candidates: Sequence[shapely.Geometry]) -> list[Overlap]:
    """Every candidate unit the site touches, largest overlap first.

    A point site is in the units that cover it (share 1). A polygon's overlap is measured
    in an equal-area projection; a unit that only shares an edge with it is left out."""
    geoms = np.asarray(candidates, dtype=object)
    if not len(geoms):
        return []
    if site.geom_type == "Point":
        hits = np.nonzero(shapely.covers(geoms, site))[0]
        return [Overlap(int(i), 0.0, 1.0, 0.0) for i in hits]
    meter = AreaMeter(site.bounds)
    touching = np.nonzero(shapely.intersects(geoms, site))[0]
    if not len(touching):
        return []
    site_p = meter.project(site)
    units_p = meter.project(geoms[touching])
    inter = shapely.area(shapely.intersection(units_p, site_p))
    site_area, unit_areas = float(site_p.area), shapely.area(units_p)
    out = [
        Overlap(int(i), float(a), float(a / site_area) if site_area else 0.0, float(a / u) if u else 0.0)
        for i, a, u in zip(touching, inter, unit_areas, strict=True)
        if a > 0
    ]
    return sorted(out, key=lambda o: (-o.area_m2, o.index))
