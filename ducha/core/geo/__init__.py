"""Control-unit geometry, pure Python (no Django): read layers, check them, place points.

read_units(path, extra_fields=...)   GeoJSON / zipped shapefile / .shp → UnitLayer
PlacementIndex(codes, geoms)         .locate(lon, lat) → [codes], .locate_many(lons, lats)
gcj02_to_wgs84(lon, lat)             the shifted coordinates of Chinese phone maps, back
read_gps(jpeg_bytes)                 a photo's EXIF position
parse_site(text), overlaps(site, geoms)   the 准入 check's input and measure
"""

from ducha.core.geo.crs import gcj02_to_wgs84, wgs84_to_gcj02
from ducha.core.geo.errors import ERROR, WARNING, GeoError, Problem
from ducha.core.geo.exif import PhotoPosition, read_gps
from ducha.core.geo.fields import GENERAL, KEY, PRIORITY, FieldMap, category_of
from ducha.core.geo.index import PlacementIndex
from ducha.core.geo.sites import Overlap, SiteError, overlaps, parse_site, site_area_m2
from ducha.core.geo.units import UnitLayer, UnitRecord, read_units

__all__ = [
    "ERROR",
    "GENERAL",
    "KEY",
    "PRIORITY",
    "WARNING",
    "FieldMap",
    "GeoError",
    "Overlap",
    "PhotoPosition",
    "PlacementIndex",
    "Problem",
    "SiteError",
    "UnitLayer",
    "UnitRecord",
    "category_of",
    "gcj02_to_wgs84",
    "overlaps",
    "parse_site",
    "read_gps",
    "read_units",
    "site_area_m2",
    "wgs84_to_gcj02",
]
