"""The 准入 check's site: pasted in many shapes, measured against the units it touches."""

import pytest
import shapely
from pyproj import Geod

from ducha.core.geo import SiteError, overlaps, parse_site, site_area_m2
from ducha.core.geo import sites as s
from ducha.core.geo.tests import layers

SQUARE = shapely.Polygon([(112.09, 27.09), (112.11, 27.09), (112.11, 27.11), (112.09, 27.11)])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("112.05 27.05", shapely.Point(112.05, 27.05)),
        ("27.05, 112.05", shapely.Point(112.05, 27.05)),  # latitude first: the numbers say so
        ("经度\t纬度\n112.05\t27.05", shapely.Point(112.05, 27.05)),
        ("112°3′0″ 27°3′0″", shapely.Point(112.05, 27.05)),
        ("112度3分0秒，27度3分0秒", shapely.Point(112.05, 27.05)),
        ("序号\t纬度\t经度\n1\t27.09\t112.09\n2\t27.09\t112.11\n3\t27.11\t112.11\n4\t27.11\t112.09", SQUARE),
        ("112.09,27.09\n112.11,27.09\n112.11,27.11\n112.09,27.11\n112.09,27.09", SQUARE),  # closed ring
        ("POINT (112.05 27.05)", shapely.Point(112.05, 27.05)),
        ('{"type": "Point", "coordinates": [112.05, 27.05]}', shapely.Point(112.05, 27.05)),
        (
            '{"type": "Feature", "properties": {}, "geometry": ' + shapely.to_geojson(SQUARE) + "}",
            SQUARE,
        ),
    ],
)
def test_a_site_is_read_from_what_people_paste(text, expected):
    assert parse_site(text).equals(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", s.SITE_EMPTY),
        ("经度 纬度", s.SITE_EMPTY),
        ("112.09 27.09\n112.11 27.09", s.SITE_TWO_POINTS),
        ("112.09 27.09\n112.11 27.09 5 6\n112.11 27.11", s.SITE_LINE_UNREADABLE.format(line=2)),
        ("112.09 97.09", s.SITE_OUT_OF_RANGE.format(line=1, a=112.09, b=97.09)),
        ("112.0 27.0\n112.1 27.1\n112.1 27.0\n112.0 27.1", s.SITE_INVALID),
        ('{"type": "LineString", "coordinates": [[112, 27], [113, 28]]}', s.SITE_NOT_AREA),
    ],
)
def test_a_site_that_cannot_be_read_says_why(text, message):
    with pytest.raises(SiteError) as caught:
        parse_site(text)
    assert caught.value.message == message


def test_a_polygon_site_gets_each_units_overlap_area_and_share():
    found = overlaps(SQUARE, layers.GEOMS)
    assert [o.index for o in found] == [0, 2]  # A and C, each a quarter; B is not touched
    total = abs(Geod(ellps="GRS80").geometry_area_perimeter(SQUARE)[0])
    assert site_area_m2(SQUARE) == pytest.approx(total, rel=1e-4)
    for o in found:
        assert o.area_m2 == pytest.approx(total / 4, rel=1e-3)
        assert o.share_of_site == pytest.approx(0.25, rel=1e-3)


def test_a_point_site_is_in_the_units_that_cover_it():
    assert [(o.index, o.share_of_site) for o in overlaps(shapely.Point(112.05, 27.05), layers.GEOMS)] == [(1, 1.0)]


def test_a_site_that_only_touches_an_edge_overlaps_nothing_there():
    edge = shapely.box(112.2, 27.0, 112.3, 27.1)  # between C's parts, sharing their edges
    assert overlaps(edge, layers.GEOMS) == []
