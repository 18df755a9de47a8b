"""Placement: which units a point lies in, for one point or a million.

An STRtree over the units' polygon parts (a multipolygon's distant parts would otherwise
share one huge box and make every point between them a candidate) narrows each point to
the few parts whose boxes hold it; GEOS then tests "covers" on prepared geometries, so a
point on a shared boundary belongs to both units every time (never to one or the other by
rounding luck), and a point in a hole belongs only to the unit that fills the hole. Codes
come back sorted, so answers are stable.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely


class PlacementIndex:
    def __init__(self, codes: Sequence[str], geometries: Sequence[shapely.Geometry]) -> None:
        if len(codes) != len(geometries):
            raise ValueError("one code per geometry")
        order = np.argsort(np.asarray(codes, dtype=object), kind="stable")
        self.codes = np.asarray(codes, dtype=object)[order]
        self.geometries = np.asarray(geometries, dtype=object)[order]
        self.parts, self.owner = shapely.get_parts(self.geometries, return_index=True)
        shapely.prepare(self.parts)
        self.tree = shapely.STRtree(self.parts)

    def __len__(self) -> int:
        return len(self.codes)

    def locate(self, lon: float, lat: float) -> list[str]:
        """Codes of every unit that covers the point (boundary included), sorted."""
        hits = self.tree.query(shapely.Point(lon, lat), predicate="covered_by")
        return [self.codes[i] for i in np.unique(self.owner[hits])]

    def locate_many(self, lons, lats) -> tuple[np.ndarray, np.ndarray]:
        """(point index, unit index) pairs for many points, sorted by point then code.

        Unit indexes point into `self.codes`; a point outside every unit has no pair."""
        points = shapely.points(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))
        point_idx, part_idx = self.tree.query(points)  # boxes only: cheap
        inside = shapely.covers(self.parts[part_idx], points[point_idx])  # prepared parts
        pairs = np.unique(np.column_stack([point_idx[inside], self.owner[part_idx[inside]]]), axis=0)
        if not len(pairs):
            return np.empty(0, dtype=np.intp), np.empty(0, dtype=np.intp)
        return pairs[:, 0], pairs[:, 1]

    def first_codes(self, lons, lats) -> np.ndarray:
        """One code per point (the first by code where units overlap), None outside."""
        point_idx, unit_idx = self.locate_many(lons, lats)
        out = np.full(len(np.asarray(lons)), None, dtype=object)
        first = np.unique(point_idx, return_index=True)[1]
        out[point_idx[first]] = self.codes[unit_idx[first]]
        return out
