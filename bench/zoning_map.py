"""Zoning map benchmark: 10^3 control units and 10^4 located complaints; the map page, its
unit layer and its complaint points fetched by the Django test client as the office;
median of 10 each. Target: the page with both layers under 1 s.

    .venv/bin/python bench/zoning_map.py [--units 1000] [--points 10000] [--postgres]
"""

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent))
from supervision_data import populate, setup_django

PG = "postgres://postgres@127.0.0.1:5432/ducha_bench_zoning_map"
CITY = (112.3, 27.5, 113.1, 28.1)  # about 湘潭


def make_units(n: int, rng) -> list:
    """A Voronoi coverage of the city, edges densified as published layers are."""
    minx, miny, maxx, maxy = CITY
    seeds = shapely.multipoints(rng.uniform([minx, miny], [maxx, maxy], size=(n, 2)))
    cells = shapely.get_parts(shapely.voronoi_polygons(seeds, extend_to=shapely.box(*CITY)))
    cells = shapely.intersection(cells, shapely.box(*CITY))
    return list(shapely.segmentize(cells, 0.002))


def populate_zoning(units: int, points: int, office) -> str:
    from django.utils import timezone

    from ducha.complaints.models import Complaint
    from ducha.zoning import services
    from ducha.zoning.models import ControlUnit, ControlUnitEdition, Location

    rng = np.random.default_rng(14)
    edition = ControlUnitEdition.objects.create(name="bench", is_current=True, imported_at=timezone.now())
    rows = []
    for i, g in enumerate(make_units(units, rng)):
        x0, y0, x1, y1 = g.bounds
        simple = shapely.set_precision(shapely.simplify(g, 1e-5), 1e-6)
        rows.append(ControlUnit(edition=edition, code=f"ZH4303{i:07d}", name=f"单元{i}", category=("priority", "key", "general")[i % 3],
                                region_code="430300", geometry_wkb=g.wkb_hex, map_geojson=shapely.to_geojson(simple),
                                spatial_layout="禁止新建化工项目。" * 5, area_m2=0, min_lon=x0, min_lat=y0, max_lon=x1,
                                max_lat=y1, digest=""))  # fmt: skip
    ControlUnit.objects.bulk_create(rows, batch_size=500)
    services.write_tiles(edition, rows)
    ids = list(Complaint.objects.order_by("pk").values_list("pk", flat=True)[:points])
    lons = rng.uniform(CITY[0], CITY[2], len(ids))
    lats = rng.uniform(CITY[1], CITY[3], len(ids))
    now = timezone.now()
    Location.objects.bulk_create(
        [
            Location(
                item_kind="complaints.complaint",
                item_id=pk,
                region_code="430302",
                lon=x,
                lat=y,
                typed_lon=x,
                typed_lat=y,
                typed_crs="wgs84",
                edition=edition,
                placed_at=now,
                placed_by=office,
            )  # fmt: skip
            for pk, x, y in zip(ids, lons, lats, strict=True)
        ],
        batch_size=2000,
    )
    return edition.name


def timed(client, url: str, runs: int) -> tuple[float, int]:
    response = client.get(url)  # warm
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        response = client.get(url)
        body = response.content
        times.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(times), 1), len(body)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=1_000)
    parser.add_argument("--points", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    setup_django(PG if args.postgres else None)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    populate(args.points, 10, today=timezone.localdate())
    get_user_model().objects.filter(username="office").update(must_change_password=False)
    office = get_user_model().objects.get(username="office")
    populate_zoning(args.units, args.points, office)
    setup_test_environment()
    client = Client()
    client.force_login(office)
    page_ms, page_bytes = timed(client, "/zoning/map/", args.runs)
    units_ms, units_bytes = timed(client, "/zoning/map/units.geojson?edition=bench", args.runs)
    points_ms, points_bytes = timed(client, "/complaints/map/points.geojson", args.runs)
    out = {
        "database": connection.vendor,
        "units": args.units,
        "points": args.points,
        "page_median_ms": page_ms,
        "units_geojson_median_ms": units_ms,
        "units_geojson_kb": units_bytes // 1024,
        "points_geojson_median_ms": points_ms,
        "points_geojson_kb": points_bytes // 1024,
        "map_total_ms": round(page_ms + units_ms + points_ms, 1),
    }
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
