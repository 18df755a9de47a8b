"""A fixed grid of tiles (0.05°, about 5 km) for finding a point's candidate units in a
database without a spatial index: each unit is listed under the tiles its box touches,
a point looks up its one tile. A unit whose box spans more than MAX_TILES tiles is
listed once under EVERYWHERE and always stays a candidate (its box still filters it)."""

from __future__ import annotations

import math

TILE_DEG = 0.05
MAX_TILES = 400
EVERYWHERE = -1


def _ix(lon: float) -> int:
    return math.floor(lon / TILE_DEG) + 4000


def _iy(lat: float) -> int:
    return math.floor(lat / TILE_DEG) + 2000


def tile_of(lon: float, lat: float) -> int:
    return _ix(lon) * 10_000 + _iy(lat)


def tiles_of(bounds: tuple[float, float, float, float]) -> list[int]:
    minx, miny, maxx, maxy = bounds
    xs, ys = range(_ix(minx), _ix(maxx) + 1), range(_iy(miny), _iy(maxy) + 1)
    if len(xs) * len(ys) > MAX_TILES:
        return [EVERYWHERE]
    return [x * 10_000 + y for x in xs for y in ys]
