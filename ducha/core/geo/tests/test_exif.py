"""A photo's EXIF GPS position: read when present and sane, else None."""

import io

import pytest
from PIL import Image

from ducha.core.geo import PhotoPosition, read_gps


def _jpeg(gps: dict | None) -> bytes:
    image = Image.new("RGB", (8, 8), "green")
    exif = Image.Exif()
    if gps is not None:
        exif.get_ifd(0x8825).update(gps)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def _dms(value: float):
    d = int(value)
    m = int((value - d) * 60)
    s = round(((value - d) * 60 - m) * 60, 4)
    return (float(d), float(m), s)


def test_the_position_is_read_in_decimal_degrees():
    data = _jpeg({1: "N", 2: _dms(27.8295), 3: "E", 4: _dms(112.9441), 18: "WGS-84"})
    position = read_gps(data)
    assert position == PhotoPosition(
        lon=pytest.approx(112.9441, abs=1e-6), lat=pytest.approx(27.8295, abs=1e-6), datum="WGS-84"
    )


def test_south_and_west_are_negative():
    position = read_gps(_jpeg({1: "S", 2: _dms(33.5), 3: "W", 4: _dms(70.25)}))
    assert (round(position.lon, 6), round(position.lat, 6)) == (-70.25, -33.5)


@pytest.mark.parametrize(
    "data",
    [
        _jpeg(None),  # no GPS at all
        _jpeg({1: "N", 2: _dms(27.8)}),  # latitude only
        _jpeg({1: "N", 2: (0.0, 0.0, 0.0), 3: "E", 4: (0.0, 0.0, 0.0)}),  # the 0,0 of a phone without a fix
        _jpeg({1: "N", 2: (95.0, 0.0, 0.0), 3: "E", 4: (112.0, 0.0, 0.0)}),  # not a latitude
        b"not an image",
    ],
)
def test_no_usable_position_gives_none(data):
    assert read_gps(data) is None
