"""Read the layer files back the way an importer would, and check them against the expectations.

Not a test of Ducha: a check that the files, points.json and expected.json agree with each
other, made with the same libraries the importer uses (pyogrio, shapely, pyproj). Run it
after make_layers.py, with the same scratch venv:

    /tmp/mk/bin/python tests/blind/zoning/verify_layers.py

It also shows the traps: the shapefile without .cpg reads as mojibake unless told GBK.
"""

import json
import sys
import tempfile
import zipfile
from pathlib import Path

import pyogrio
import shapely
from pyproj import CRS, Geod, Transformer

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
GEOD = Geod(a=6378137.0, rf=298.257222101)

FIELDS = {
    "code": ("HJGKDYBM", "HJZHGKDYBM"),
    "name": ("HJGKDYMC", "HJZHGKDYMC"),
    "county": ("COUNTY", "AREA"),
    "category": ("ZHGKDYFL",),
    "remark": ("REMARK", "REMARKS"),
    "空间布局约束": ("KJBJYS",),
    "污染物排放管控": ("WRWPFGK",),
    "环境风险防控": ("HJFXFK",),
    "资源开发效率要求": ("ZYKFXLYQ",),
}
CATEGORY = {1: "优先保护", 2: "重点管控", 3: "一般管控"}


def category(value) -> str:
    if isinstance(value, str) and not value.isdigit():
        return value.removesuffix("单元")
    return CATEGORY[int(value)]


def read_layer(path: Path, encoding=None):
    if path.suffix == ".zip":
        tmp = Path(tempfile.mkdtemp())
        with zipfile.ZipFile(path) as z:
            z.extractall(tmp)
        path = next(tmp.rglob("*.shp"))
    meta, _fids, geoms, values = pyogrio.raw.read(path, encoding=encoding)
    rows = [dict(zip(meta["fields"], col, strict=True)) for col in zip(*values, strict=True)]
    return meta, shapely.from_wkb(geoms), rows


def to_wgs84(geoms, crs_text):
    crs = CRS.from_user_input(crs_text)
    if crs.is_geographic:
        return geoms
    tr = Transformer.from_crs(crs, "EPSG:4490", always_xy=True)
    return shapely.transform(geoms, lambda xy: list(zip(*tr.transform(xy[:, 0], xy[:, 1]), strict=True)))


def gcj_to_wgs(lon, lat):
    sys.path.insert(0, str(HERE))
    from make_layers import wgs_to_gcj

    x, y = lon, lat
    for _ in range(30):
        g = wgs_to_gcj(x, y)
        x, y = x - (g[0] - lon), y - (g[1] - lat)
    return x, y


def area(g) -> float:
    return abs(GEOD.geometry_area_perimeter(g)[0])


def main():
    expected = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
    points = json.loads((HERE / "points.json").read_text(encoding="utf-8"))["points"]
    failures = 0

    # The trap: no .cpg, no language driver id, GBK bytes.
    _, _, rows = read_layer(DATA / "nocpg" / "xiangtan_units_nocpg.shp")
    naive = rows[0]["HJZHGKDYMC"]
    print(f"nocpg read without an encoding: {naive!r} (mojibake expected)")

    for name, exp in expected["layers"].items():
        path = DATA / name
        encoding = "GBK" if "nocpg" in name else None
        meta, geoms, rows = read_layer(path, encoding)
        geoms = to_wgs84(geoms, meta["crs"])
        units = {}
        invalid = []
        for geom, row in zip(geoms, rows, strict=True):
            rec = {}
            for key, names in FIELDS.items():
                rec[key] = next(row[n] for n in names if n in row)
            rec["category"] = category(rec["category"])
            if not geom.is_valid:
                invalid.append(rec["code"])
                geom = shapely.make_valid(geom)
            rec["geom"] = geom
            units[rec["code"]] = rec
        problems = []
        if list(units) != exp["codes"]:
            problems.append("codes differ")
        for u in exp["units_detail"]:
            got = units[u["code"]]
            for key in ("name", "county", "category", "remark"):
                if (got[key] or "") != u[key]:
                    problems.append(f"{u['code']} {key}: {got[key]!r} != {u[key]!r}")
            for key, text in u["requirements"].items():
                if got[key] != text:
                    problems.append(f"{u['code']} {key}: {got[key]!r}")
            if abs(area(got["geom"]) - u["area_m2"]) > 0.001 * u["area_m2"]:
                problems.append(f"{u['code']} area {area(got['geom'])} != {u['area_m2']}")
        if invalid != exp["repaired_with_warning"]:
            problems.append(f"invalid: {invalid}")
        codes = list(units)
        tree = shapely.STRtree([units[c]["geom"] for c in codes])
        for ov in exp["overlaps"]:
            a, b = (units[c]["geom"] for c in ov["codes"])
            got = area(a.intersection(b))
            if abs(got - ov["area_m2"]) > 0.001 * ov["area_m2"]:
                problems.append(f"overlap {got} != {ov['area_m2']}")
        city = shapely.union_all([u["geom"] for u in units.values()])
        holes = sorted(area(shapely.Polygon(r)) for part in getattr(city, "geoms", [city]) for r in part.interiors)
        want = sorted(g["area_m2"] for g in exp["gaps"])
        if len(holes) != len(want) or any(abs(h - w) > 0.001 * w for h, w in zip(holes, want, strict=True)):
            problems.append(f"gaps {holes} != {want}")
        for p in points:
            lon, lat = gcj_to_wgs(p["lon"], p["lat"]) if p["crs"] == "gcj02" else (p["lon"], p["lat"])
            hit = sorted(codes[i] for i in tree.query(shapely.Point(lon, lat), predicate="within"))
            if hit != p["expected"]:
                problems.append(f"point {p['id']}: {hit} != {p['expected']}")
        failures += bool(problems)
        print(
            f"{name}: {len(units)} units, crs {meta['crs']}, encoding {meta['encoding']}: {'OK' if not problems else problems[:8]}"
        )
    print(f"{len(points)} points")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
