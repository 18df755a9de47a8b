"""GCJ-02 ↔ WGS84: the forward formula matches published values; the inverse is < 1 m."""

import numpy as np
import pytest
from pyproj import Geod

from ducha.core.geo import gcj02_to_wgs84, wgs84_to_gcj02

GEOD = Geod(ellps="WGS84")


def _metres(lon1, lat1, lon2, lat2):
    return GEOD.inv(lon1, lat1, lon2, lat2)[2]


def test_the_forward_shift_is_the_published_one():
    # 天安门: the widely published pair for this formula
    lon, lat = wgs84_to_gcj02(116.391349, 39.907375)
    assert (round(lon, 5), round(lat, 5)) == (116.39759, 39.90878)


def test_the_shift_in_xiangtan_is_a_few_hundred_metres():
    lon, lat = wgs84_to_gcj02(112.94, 27.83)
    assert 300 < _metres(112.94, 27.83, lon, lat) < 800


@pytest.mark.parametrize(
    ("lon", "lat"), [(112.94, 27.83), (116.39, 39.9), (121.47, 31.23), (87.6, 43.8), (109.5, 18.2)]
)
def test_back_from_gcj02_lands_within_a_metre(lon, lat):
    back = gcj02_to_wgs84(*wgs84_to_gcj02(lon, lat))
    assert _metres(lon, lat, *back) < 1.0


def test_a_grid_over_china_round_trips_within_a_centimetre():
    lons, lats = np.meshgrid(np.linspace(74, 135, 40), np.linspace(19, 53, 40))
    lons, lats = lons.ravel(), lats.ravel()
    back_lon, back_lat = gcj02_to_wgs84(*wgs84_to_gcj02(lons, lats))
    assert np.max(GEOD.inv(lons, lats, back_lon, back_lat)[2]) < 0.01


def test_outside_china_nothing_moves():
    assert wgs84_to_gcj02(2.35, 48.85) == (2.35, 48.85)
    assert gcj02_to_wgs84(2.35, 48.85) == (2.35, 48.85)
