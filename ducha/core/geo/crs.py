"""Coordinates: from whatever a layer is in to WGS84 longitude/latitude, and back out.

CGCS2000 (EPSG:4490) and WGS84 differ by centimetres, far below what a unit boundary
means, so both are read as they are. Projected CGCS2000 Gauss-Krüger zones are
transformed by their .prj with pyproj. A layer without a .prj is guessed only when the
numbers say it plainly (degrees, or a Gauss-Krüger easting that carries its zone).
Areas are measured in a Lambert azimuthal equal-area projection centred on the layer,
so square metres are square metres and not square degrees.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

import ducha.core.geo.errors as errors

WGS84 = CRS.from_epsg(4326)
CGCS2000 = CRS.from_epsg(4490)
# China with a margin: a transformed point outside this box means a wrong CRS.
CHINA = (73.0, 3.0, 136.0, 54.0)


def parse_crs(text: str) -> CRS:
    """A CRS from .prj WKT (ESRI or OGC), an EPSG code or a GeoJSON urn."""
    try:
        return CRS.from_user_input(text.strip())
    except CRSError as exc:
        raise ValueError(str(exc).splitlines()[0]) from exc


def gauss_kruger(zone: int, width: int) -> CRS:
    """CGCS2000 Gauss-Krüger with the zone number in front of the easting (EPSG:4513–4533,
    3° zones 25–45; EPSG:4491–4501, 6° zones 13–23)."""
    if width == 3:
        return CRS.from_epsg(4513 + zone - 25)
    return CRS.from_epsg(4491 + zone - 13)


def guess_crs(bounds: tuple[float, float, float, float]) -> tuple[CRS, str]:
    """(CRS, warning message) for a layer without a CRS, from its coordinate ranges."""
    minx, miny, maxx, maxy = bounds
    if -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90:
        return CGCS2000, errors.CRS_MISSING_GEOGRAPHIC
    zone_min, zone_max = int(minx // 1_000_000), int(maxx // 1_000_000)
    if zone_min == zone_max and 1_000_000 <= miny <= 6_500_000:
        if 25 <= zone_min <= 45:
            return gauss_kruger(zone_min, 3), errors.CRS_MISSING_GAUSS.format(width=3, zone=zone_min)
        if 13 <= zone_min <= 23:
            return gauss_kruger(zone_min, 6), errors.CRS_MISSING_GAUSS.format(width=6, zone=zone_min)
    raise ValueError(errors.CRS_MISSING_UNSURE)


def is_lonlat(crs: CRS) -> bool:
    return crs.is_geographic and crs.ellipsoid is not None and abs(crs.ellipsoid.semi_major_metre - 6378137) < 1


def to_wgs84(geoms: np.ndarray, crs: CRS) -> np.ndarray:
    """Geometries in `crs` → longitude/latitude. WGS84-like geographic CRSs pass as they are."""
    if is_lonlat(crs):
        return geoms
    transformer = Transformer.from_crs(crs, WGS84, always_xy=True)
    return shapely.transform(geoms, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))


def from_wgs84(geoms, crs: CRS):
    transformer = Transformer.from_crs(WGS84, crs, always_xy=True)
    return shapely.transform(geoms, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))


def equal_area(lon: float, lat: float) -> CRS:
    """A Lambert azimuthal equal-area projection centred on (lon, lat), on CGCS2000's ellipsoid."""
    return CRS.from_proj4(f"+proj=laea +lat_0={lat:.6f} +lon_0={lon:.6f} +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs")


class AreaMeter:
    """Square metres of lon/lat geometries, in an equal-area projection centred on them."""

    def __init__(self, bounds: tuple[float, float, float, float]) -> None:
        minx, miny, maxx, maxy = bounds
        self.crs = equal_area((minx + maxx) / 2, (miny + maxy) / 2)
        self._forward = Transformer.from_crs(WGS84, self.crs, always_xy=True)

    def project(self, geoms):
        fwd = self._forward
        return shapely.transform(geoms, lambda xy: np.column_stack(fwd.transform(xy[:, 0], xy[:, 1])))

    def area(self, geoms) -> np.ndarray | float:
        return shapely.area(self.project(geoms))


# --- GCJ-02 (the shifted coordinates of Chinese phone maps) ----------------------------
# The public formula (as in eviltransform): Krasovsky ellipsoid, offsets by polynomial
# and sine terms. Its inverse has no closed form; a few fixed-point steps reach < 1 mm.

_A = 6378245.0
_EE = 0.00669342162296594323


def _out_of_china(lon, lat):
    return (lon < 72.004) | (lon > 137.8347) | (lat < 0.8293) | (lat > 55.8271)


def _delta(lon, lat):
    x, y = lon - 105.0, lat - 35.0
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    dlat += (20.0 * np.sin(6.0 * x * math.pi) + 20.0 * np.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    dlat += (20.0 * np.sin(y * math.pi) + 40.0 * np.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    dlat += (160.0 * np.sin(y / 12.0 * math.pi) + 320 * np.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    dlon += (20.0 * np.sin(6.0 * x * math.pi) + 20.0 * np.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    dlon += (20.0 * np.sin(x * math.pi) + 40.0 * np.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    dlon += (150.0 * np.sin(x / 12.0 * math.pi) + 300.0 * np.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    rad = lat / 180.0 * math.pi
    magic = 1 - _EE * np.sin(rad) ** 2
    sqrt_magic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrt_magic) * math.pi)
    dlon = (dlon * 180.0) / (_A / sqrt_magic * np.cos(rad) * math.pi)
    return dlon, dlat


def wgs84_to_gcj02(lon, lat):
    """WGS84 → GCJ-02 (the forward formula). Arrays or floats; outside China unchanged."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    dlon, dlat = _delta(lon, lat)
    outside = _out_of_china(lon, lat)
    out_lon, out_lat = np.where(outside, lon, lon + dlon), np.where(outside, lat, lat + dlat)
    return (float(out_lon), float(out_lat)) if out_lon.ndim == 0 else (out_lon, out_lat)


def gcj02_to_wgs84(lon, lat, *, tolerance: float = 1e-9, steps: int = 30):
    """GCJ-02 → WGS84 by iterating the forward formula (error far below 1 m in China)."""
    g_lon, g_lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    w_lon, w_lat = g_lon.copy(), g_lat.copy()
    for _ in range(steps):
        f_lon, f_lat = wgs84_to_gcj02(w_lon, w_lat)
        e_lon, e_lat = np.asarray(f_lon) - g_lon, np.asarray(f_lat) - g_lat
        w_lon, w_lat = w_lon - e_lon, w_lat - e_lat
        if np.all(np.abs(e_lon) < tolerance) and np.all(np.abs(e_lat) < tolerance):
            break
    return (float(w_lon), float(w_lat)) if w_lon.ndim == 0 else (w_lon, w_lat)
