"""Geometry checks: repairs only with a warning that names the unit; overlaps and gaps
with their area in square metres, measured in an equal-area projection."""

import pytest
import shapely
from pyproj import Geod

from ducha.core.geo import errors, read_units
from ducha.core.geo.tests import layers

GEOD = Geod(ellps="GRS80")


def _geodesic_area(geom) -> float:
    return abs(GEOD.geometry_area_perimeter(geom)[0])


def test_areas_are_square_metres_on_the_ellipsoid(tmp_path):
    layer = read_units(layers.write_geojson(tmp_path / "u.geojson"))
    for unit, geom in zip(layer.units, layers.GEOMS, strict=True):
        assert unit.area_m2 == pytest.approx(_geodesic_area(geom), rel=1e-4)


def test_a_self_intersecting_ring_is_repaired_with_a_warning_naming_the_unit(tmp_path):
    bow_tie = shapely.Polygon([(112.0, 27.0), (112.1, 27.1), (112.1, 27.0), (112.0, 27.1)])
    layer = read_units(layers.write_geojson(tmp_path / "u.geojson", layers.UNITS[:1], [bow_tie]))
    assert layer.ok
    (warning,) = [w for w in layer.warnings if w.code == "ZH43030230001"]
    assert warning.feature == 1
    assert warning.message.startswith("边界无效（边界自相交），已自动修复；修复前后面积 ")
    assert (round(warning.lon, 3), round(warning.lat, 3)) == (112.05, 27.05)
    repaired = layer.units[0].geometry
    assert repaired.is_valid and repaired.geom_type == "MultiPolygon"
    assert warning.area_m2 == pytest.approx(_geodesic_area(repaired), rel=1e-3)


def test_a_valid_unit_is_never_touched(tmp_path):
    layer = read_units(layers.write_geojson(tmp_path / "u.geojson"))
    assert [w for w in layer.warnings if "修复" in w.message] == []
    assert all(shapely.equals_exact(u.geometry, g, 0) for u, g in zip(layer.units, layers.GEOMS, strict=True))


@pytest.mark.parametrize(
    ("geometry", "message"),
    [
        (shapely.Point(112, 27), errors.GEOMETRY_NOT_POLYGON.format(kind="Point")),
        (shapely.LineString([(112, 27), (112.1, 27.1)]), errors.GEOMETRY_NOT_POLYGON.format(kind="LineString")),
        (None, errors.GEOMETRY_EMPTY),
    ],
)
def test_a_unit_that_is_not_an_area_is_an_error(tmp_path, geometry, message):
    layer = read_units(layers.write_geojson(tmp_path / "u.geojson", layers.UNITS[:2], [layers.A, geometry]))
    assert [(e.feature, e.code, e.message) for e in layer.errors] == [(2, "ZH43030210001", message)]


def test_overlapping_units_are_reported_with_the_overlap_in_square_metres(tmp_path):
    shifted = shapely.affinity.translate(layers.C, xoff=-0.01)  # C now covers a 0.01° strip of A
    layer = read_units(layers.write_geojson(tmp_path / "u.geojson", geoms=[layers.A, layers.B, shifted]))
    (overlap,) = [w for w in layer.warnings if "重叠" in w.message]
    strip = shapely.box(112.09, 27.0, 112.1, 27.1)
    assert overlap.area_m2 == pytest.approx(_geodesic_area(strip), rel=1e-3)
    assert overlap.code == "ZH43030230001,ZH43030220001"
    assert overlap.message == errors.UNITS_OVERLAP.format(a="ZH43030230001", b="ZH43030220001", area=overlap.area_m2)
    assert strip.covers(shapely.Point(overlap.lon, overlap.lat))


def test_a_gap_inside_the_union_is_reported_with_its_area(tmp_path):
    layer = read_units(layers.write_geojson(tmp_path / "u.geojson", layers.UNITS[::2], [layers.A, layers.C]))
    (gap,) = [w for w in layer.warnings if "空隙" in w.message]
    assert gap.area_m2 == pytest.approx(_geodesic_area(layers.HOLE), rel=1e-3)
    assert layers.HOLE.covers(shapely.Point(gap.lon, gap.lat))


def test_a_unit_filling_a_hole_leaves_no_gap_and_no_overlap(tmp_path):
    layer = read_units(layers.write_geojson(tmp_path / "u.geojson"))
    assert [w.message for w in layer.warnings] == []


def test_slivers_below_the_limit_are_summed_in_one_line(tmp_path):
    sliver = shapely.affinity.translate(layers.C, xoff=-1e-6)  # ~0.1 m wide, 11 km long strip
    layer = read_units(
        layers.write_geojson(tmp_path / "u.geojson", geoms=[layers.A, layers.B, sliver]), min_area_m2=10_000
    )
    messages = [w.message for w in layer.warnings]
    assert len(messages) == 1 and messages[0].startswith("另有 1 处面积小于 10000 平方米的重叠")
