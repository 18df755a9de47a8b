"""Where a photo was taken: the GPS position in a JPEG's EXIF, as WGS84 lon/lat.

Phones write EXIF GPS in WGS84 (GPSMapDatum says so when present) even where their map
apps show GCJ-02. A photo without GPS, or with a position that cannot be a place on
Earth, gives None: no position is better than a wrong one.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

GPS_IFD = 0x8825
LAT_REF, LAT, LON_REF, LON, MAP_DATUM = 1, 2, 3, 4, 18


@dataclass(frozen=True)
class PhotoPosition:
    lon: float
    lat: float
    datum: str = ""


def _degrees(value) -> float:
    d, m, s = (float(x) for x in value)
    return d + m / 60 + s / 3600


def read_gps(data: bytes) -> PhotoPosition | None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            gps = image.getexif().get_ifd(GPS_IFD)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None
    if not gps or LAT not in gps or LON not in gps:
        return None
    try:
        lat, lon = _degrees(gps[LAT]), _degrees(gps[LON])
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if str(gps.get(LAT_REF, "N")).upper().startswith("S"):
        lat = -lat
    if str(gps.get(LON_REF, "E")).upper().startswith("W"):
        lon = -lon
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        return None
    datum = str(gps.get(MAP_DATUM, "")).strip("\x00 ")
    return PhotoPosition(lon=lon, lat=lat, datum=datum)
