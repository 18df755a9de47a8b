"""Placement benchmark: 10^6 points against 4.5 × 10^4 synthetic units shaped like a province's.

    .venv/bin/python bench/zoning.py [--units 45000] [--points 1000000] [--no-db]

The units are one Voronoi coverage of a Hunan-sized region (clustered seeds, so unit sizes
vary by two orders of magnitude like cities against mountains), edges densified and bent by
one smooth displacement field (so neighbours still share every vertex), some units with a
hole filled by another unit and some in two parts. Prints: build time of the STRtree index,
10^6 points placed (target < 60 s), single locates through the index and through the
database path the `locate` command uses (target < 10 ms), and quality figures (points
placed, points in two units, a sample checked against a plain loop over the polygons).
Wall-clock and CPU figures both: on a shared machine the first includes waiting for a core.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ducha.core.geo import PlacementIndex

REGION = (108.8, 24.6, 114.3, 30.1)  # about Hunan's extent


def _bend(xy: np.ndarray) -> np.ndarray:
    """One smooth displacement field (≈ 300 m): the same vertex moves the same way in every unit."""
    x, y = xy[:, 0], xy[:, 1]
    dx = 0.003 * np.sin(37.0 * y + 3.0 * np.sin(11.0 * x)) + 0.0015 * np.sin(151.0 * x + 97.0 * y)
    dy = 0.003 * np.sin(41.0 * x + 3.0 * np.sin(13.0 * y)) + 0.0015 * np.sin(163.0 * y - 89.0 * x)
    return np.column_stack([x + dx, y + dy])


def make_units(n: int, rng: np.random.Generator) -> tuple[list[str], list]:
    minx, miny, maxx, maxy = REGION
    centres = rng.uniform([minx, miny], [maxx, maxy], size=(120, 2))  # towns: dense small units
    town = centres[rng.integers(0, len(centres), n // 2)] + rng.normal(0, 0.08, size=(n // 2, 2))
    rural = rng.uniform([minx, miny], [maxx, maxy], size=(n - n // 2, 2))
    seeds = np.clip(np.vstack([town, rural]), [minx + 1e-3, miny + 1e-3], [maxx - 1e-3, maxy - 1e-3])
    outline = shapely.box(*REGION).buffer(-0.05)
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(seeds), extend_to=shapely.box(*REGION)))
    cells = shapely.intersection(cells, outline)
    cells = cells[~shapely.is_empty(cells)]
    # densify to about 1/25 of each cell's size, then bend every vertex by the shared field
    sizes = np.sqrt(shapely.area(cells))
    cells = shapely.segmentize(cells, np.maximum(sizes / 25, 2e-4))
    cells = shapely.transform(cells, _bend)
    cells = shapely.make_valid(cells)
    geoms, codes = list(cells), [f"ZH{430000 + i // 1000:06d}{i % 3 + 1}{i:05d}" for i in range(len(cells))]
    # 1 % of units get a hole filled by a small unit of its own; 2 % take a second, distant part
    for i in rng.choice(len(geoms), len(geoms) // 100, replace=False):
        inner = shapely.point_on_surface(geoms[i]).buffer(np.sqrt(geoms[i].area) / 6, 16)
        if geoms[i].contains(inner):
            geoms[i] = geoms[i].difference(inner)
            geoms.append(inner)
            codes.append(f"ZH{codes[i][2:8]}1H{i:05d}")
    # a unit of scattered parcels: a cell joined by a non-adjacent cell within about 20 km
    tree = shapely.STRtree(cells)
    taken = set()
    for a in rng.choice(len(cells), len(cells) // 50, replace=False):
        near = [b for b in tree.query(cells[a], predicate="dwithin", distance=0.2) if b not in taken and b != a]
        near = [b for b in near if not cells[a].touches(cells[b]) and not cells[a].intersects(cells[b])]
        if a in taken or not near or geoms[a] is None:
            continue
        b = near[rng.integers(len(near))]
        geoms[a] = shapely.union(geoms[a], geoms[b])
        geoms[b] = None
        taken.update((a, b))
    keep = [i for i, g in enumerate(geoms) if g is not None]
    return [codes[i] for i in keep], [geoms[i] for i in keep]


def db_path(codes, geoms, rng, samples) -> dict:
    """Single locates through the database path of the `locate` command (SQLite)."""
    os.environ["DUCHA_HOME"] = tempfile.mkdtemp(prefix="ducha-bench-zoning-")
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "ducha.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from ducha.zoning import queries, services
    from ducha.zoning.models import ControlUnit, ControlUnitEdition

    edition = ControlUnitEdition.objects.create(name="bench", is_current=True, imported_at=timezone.now())
    t = time.perf_counter()
    rows = []
    for code, g in zip(codes, geoms, strict=True):
        x0, y0, x1, y1 = g.bounds
        rows.append(ControlUnit(edition=edition, code=code, name=code, category="general", geometry_wkb=g.wkb_hex,
                                map_geojson="{}", area_m2=0, min_lon=x0, min_lat=y0, max_lon=x1, max_lat=y1, digest=""))  # fmt: skip
    ControlUnit.objects.bulk_create(rows, batch_size=2000)
    services.write_tiles(edition, rows)
    insert_s = time.perf_counter() - t
    times, cpu = [], []
    for lon, lat in samples:
        t, c = time.perf_counter(), time.process_time()
        queries.locate(lon, lat, edition=edition)
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return {"db_insert_s": round(insert_s, 1), **_latency("db_locate", times), **_latency("db_locate_cpu", cpu)}


def _latency(name, times_ms):
    times_ms = sorted(times_ms)
    return {
        f"{name}_median_ms": round(statistics.median(times_ms), 3),
        f"{name}_p99_ms": round(times_ms[int(len(times_ms) * 0.99) - 1], 3),
        f"{name}_max_ms": round(times_ms[-1], 3),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=45_000, help="units wanted (seeds are drawn a little over)")
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--no-db", action="store_true")
    args = parser.parse_args()
    rng = np.random.default_rng(2026)

    t = time.perf_counter()
    # about 3 % of Voronoi cells fall outside the region or merge into another unit's second part
    codes, geoms = make_units(int(args.units * 1.035), rng)
    make_s = time.perf_counter() - t
    vertices = shapely.get_num_coordinates(np.array(geoms, dtype=object))

    t = time.perf_counter()
    index = PlacementIndex(codes, geoms)
    build_s = time.perf_counter() - t

    minx, miny, maxx, maxy = REGION
    lons = rng.uniform(minx - 0.1, maxx + 0.1, args.points)
    lats = rng.uniform(miny - 0.1, maxy + 0.1, args.points)
    t, c = time.perf_counter(), time.process_time()
    point_idx, unit_idx = index.locate_many(lons, lats)
    many_s, many_cpu_s = time.perf_counter() - t, time.process_time() - c
    per_point = np.bincount(point_idx, minlength=args.points)

    samples = list(zip(lons[:1000], lats[:1000], strict=True))
    times, cpu = [], []
    for lon, lat in samples:
        t, c = time.perf_counter(), time.process_time()
        index.locate(lon, lat)
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)

    # quality: a sample of 200 points against a plain loop over every polygon
    check = rng.choice(args.points, 200, replace=False)
    prepared = np.array(geoms, dtype=object)
    mismatches = 0
    for p in check:
        brute = sorted(np.asarray(codes, dtype=object)[shapely.covers(prepared, shapely.Point(lons[p], lats[p]))])
        mismatches += brute != index.locate(lons[p], lats[p])

    out = {
        "units": len(codes),
        "vertices_total": int(vertices.sum()),
        "vertices_median": int(np.median(vertices)),
        "units_with_holes": int(sum(shapely.get_num_interior_rings(g) > 0 for g in geoms if g.geom_type == "Polygon")),
        "multipart_units": int(sum(g.geom_type == "MultiPolygon" for g in geoms)),
        "make_units_s": round(make_s, 1),
        "index_build_s": round(build_s, 2),
        "points": args.points,
        "place_points_s": round(many_s, 2),
        "place_points_cpu_s": round(many_cpu_s, 2),
        "points_per_s": int(args.points / many_s),
        "placed": int((per_point > 0).sum()),
        "in_two_or_more_units": int((per_point > 1).sum()),
        "outside_every_unit": int((per_point == 0).sum()),
        **_latency("index_locate", times),
        **_latency("index_locate_cpu", cpu),
        "sample_checked_against_loop": len(check),
        "sample_mismatches": int(mismatches),
    }
    if not args.no_db:
        out.update(db_path(codes, geoms, rng, samples[:300]))
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
