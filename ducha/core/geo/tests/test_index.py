"""Placement: every point in exactly the units that cover it, holes and boundaries included."""

import numpy as np
import pytest

from ducha.core.geo import PlacementIndex
from ducha.core.geo.tests import layers

A, B, C = "ZH43030230001", "ZH43030210001", "ZH43030220001"
INDEX = PlacementIndex([A, B, C], layers.GEOMS)

POINTS = [
    ((112.02, 27.02), [A]),  # in A's ring
    ((112.05, 27.05), [B]),  # in A's hole: only the unit that fills it
    ((112.15, 27.05), [C]),  # C's first part
    ((112.35, 27.05), [C]),  # C's second part
    ((112.25, 27.05), []),  # between C's parts
    ((113.5, 28.5), []),  # outside the city
    ((112.1, 27.05), sorted([A, C])),  # on the edge A and C share: both, always
    ((112.04, 27.05), sorted([A, B])),  # on the hole's edge: A and B
    ((112.0, 27.0), [A]),  # A's outer corner
]


@pytest.mark.parametrize(("point", "codes"), POINTS)
def test_locate_finds_exactly_the_covering_units(point, codes):
    assert INDEX.locate(*point) == codes


def test_many_points_give_the_same_answers_as_one_at_a_time():
    lons = np.array([p[0] for p, _ in POINTS])
    lats = np.array([p[1] for p, _ in POINTS])
    point_idx, unit_idx = INDEX.locate_many(lons, lats)
    got = [[] for _ in POINTS]
    for p, u in zip(point_idx, unit_idx, strict=True):
        got[p].append(INDEX.codes[u])
    assert got == [codes for _, codes in POINTS]


def test_first_codes_give_one_unit_per_point_or_none():
    lons, lats = np.array([112.05, 112.1, 113.5]), np.array([27.05, 27.05, 28.5])
    assert list(INDEX.first_codes(lons, lats)) == [B, min(A, C), None]


def test_codes_and_geometries_must_pair():
    with pytest.raises(ValueError):
        PlacementIndex([A], layers.GEOMS)


def test_a_point_finds_every_unit_whose_box_holds_it_through_its_tile():
    from ducha.core.geo.tiles import tile_of, tiles_of

    for geom in layers.GEOMS:
        for lon, lat in geom.exterior.coords if geom.geom_type == "Polygon" else geom.geoms[1].exterior.coords:
            assert tile_of(lon, lat) in tiles_of(geom.bounds)


def test_a_unit_spanning_the_province_is_a_candidate_everywhere():
    from ducha.core.geo.tiles import EVERYWHERE, tiles_of

    assert tiles_of((108.8, 24.6, 114.3, 30.1)) == [EVERYWHERE]
    assert len(tiles_of((112.0, 27.0, 112.04, 27.04))) == 1
