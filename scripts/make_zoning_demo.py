"""Write the demo's synthetic 湘潭 unit layer and county boundaries (not real data).

    .venv/bin/python scripts/make_zoning_demo.py

Five counties (rough shapes in their real places) split into units by Voronoi cells,
each unit given a category and the four requirement lists; one 优先保护 unit (a water
source) sits in a hole of a 一般管控 unit, so the demo shows holes too. Deterministic.
"""

import json
import random
from pathlib import Path

import numpy as np
import shapely

ROOT = Path(__file__).resolve().parent.parent
UNITS_OUT = ROOT / "ducha" / "zoning" / "data" / "demo_xiangtan_units.geojson"
COUNTIES_OUT = ROOT / "ducha" / "zoning" / "static" / "zoning" / "counties_430300.geojson"

CITY = shapely.Polygon(
    [(111.93, 27.74), (112.12, 27.62), (112.38, 27.52), (112.55, 27.40), (112.80, 27.38), (113.00, 27.47),
     (113.08, 27.68), (113.05, 27.90), (112.95, 28.04), (112.75, 28.08), (112.55, 28.06), (112.40, 28.02),
     (112.20, 27.98), (112.00, 27.92)]
)  # fmt: skip
# (code, name, seed point, units in it)
COUNTIES = [
    ("430381", "湘乡市", (112.25, 27.78), 14),
    ("430382", "韶山市", (112.50, 27.96), 6),
    ("430302", "雨湖区", (112.80, 27.96), 10),
    ("430304", "岳塘区", (113.00, 27.82), 8),
    ("430321", "湘潭县", (112.80, 27.60), 16),
]
PLACES = "城关 东郊 西郊 南岭 北坪 金石 翻江 棋梓 壶天 月山 龙洞 山枣 潭市 毛田 泉塘 白鹿 姜畲 长城 响塘 鹤岭 易俗河 河口 花石 石潭 杨嘉桥 射埠 茶恩寺 白石 中路铺 乌石 青山桥 排头 云湖桥 分水 谭家山 锦石 石鼓 梅林桥"
CATEGORY_WEIGHTS = [("优先保护单元", 1, 0.3), ("重点管控单元", 2, 0.3), ("一般管控单元", 3, 0.4)]
TEXTS = {
    1: (
        "禁止新建、扩建与生态保护无关的建设项目；{p}生态保护红线内严格执行生态保护红线管理规定。",
        "不得新增污染物排放口；现有排污单位限期退出或整改。",
        "建立突发环境事件应急联动机制，加强饮用水水源地风险防控。",
        "严格控制开发强度，保持自然岸线和林地面积不减少。",
    ),
    2: (
        "{p}新建工业项目须进入合规园区；禁止新建钢铁、水泥等产能过剩项目。",
        "执行大气污染物特别排放限值；重点行业实施总量控制和排污许可管理。",
        "涉重金属企业建立环境风险隐患排查治理制度，每年开展不少于1次应急演练。",
        "单位工业增加值能耗和水耗逐年下降，推进园区循环化改造。",
    ),
    3: (
        "{p}严格控制畜禽养殖规模，禁养区内不得新建规模化养殖场。",
        "推进农村生活污水和垃圾治理，化肥农药使用量持续减少。",
        "加强加油站和尾矿库环境风险排查。",
        "农田灌溉水有效利用系数不低于0.55，严格控制地下水开采。",
    ),
}


def voronoi_cells(area, seeds):
    cells = shapely.voronoi_polygons(shapely.MultiPoint(seeds), extend_to=area.envelope.buffer(0.5))
    return [c.intersection(area) for c in cells.geoms]


def random_points(area, n, rng):
    minx, miny, maxx, maxy = area.bounds
    out = []
    while len(out) < n:
        p = shapely.Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
        if area.contains(p):
            out.append(p)
    return out


def main():
    rng = random.Random(430300)
    county_shapes = voronoi_cells(CITY, [shapely.Point(c[2]) for c in COUNTIES])
    # voronoi cells come back in no fixed order: match each to the seed it contains
    ordered = []
    for code, name, seed, n in COUNTIES:
        shape = next(s for s in county_shapes if s.contains(shapely.Point(seed)))
        ordered.append((code, name, shapely.set_precision(shape, 1e-6), n))
    # one Voronoi diagram over the whole city, so neighbouring units share their edges
    # exactly; a unit belongs to the county its seed lies in, a county is its units' union
    seeds, owner = [], []
    for code, name, shape, n in ordered:
        for p in random_points(shape, n, rng):
            seeds.append(p)
            owner.append((code, name))
    cells = [shapely.set_precision(c, 1e-6) for c in voronoi_cells(CITY, seeds)]
    cell_of_seed = [next(i for i, c in enumerate(cells) if c.covers(p)) for p in seeds]
    counties = {"type": "FeatureCollection", "features": []}
    units = {"type": "FeatureCollection", "features": []}
    places = PLACES.split()
    serial = {}
    first_of = {}
    for seed_index, (code, name) in enumerate(owner):
        cell = cells[cell_of_seed[seed_index]]
        label, number, _w = rng.choices(CATEGORY_WEIGHTS, weights=[w for *_x, w in CATEGORY_WEIGHTS])[0]
        with_hole = code == "430321" and code not in first_of
        first_of.setdefault(code, seed_index)
        if with_hole:
            label, number = "一般管控单元", 3  # this one gets the water-source hole below
        place = places[len(units["features"]) % len(places)]
        serial[(code, number)] = serial.get((code, number), 0) + 1
        unit_code = f"ZH{code}{number}{serial[(code, number)]:04d}"
        texts = [t.format(p=place) for t in TEXTS[number]]
        props = {"HJGKDYBM": unit_code, "HJGKDYMC": f"{name}{place}{label}", "ZHGKDYFL": label, "COUNTY": name,
                 "KJBJYS": texts[0], "WRWPFGK": texts[1], "HJFXFK": texts[2], "ZYKFXLYQ": texts[3], "REMARK": ""}  # fmt: skip
        if with_hole:
            centre = shapely.point_on_surface(cell)
            hole = shapely.set_precision(centre.buffer(0.02, 8).intersection(cell.buffer(-0.005)), 1e-6)
            cell = cell.difference(hole)
            serial[(code, 1)] = serial.get((code, 1), 0) + 1
            water = {"HJGKDYBM": f"ZH{code}1{serial[(code, 1)]:04d}", "HJGKDYMC": f"{name}饮用水水源保护区优先保护单元",
                     "ZHGKDYFL": "优先保护单元", "COUNTY": name,
                     "KJBJYS": "禁止在饮用水水源一级保护区内新建、改建、扩建与供水设施和保护水源无关的建设项目。",
                     "WRWPFGK": "禁止设置排污口。", "HJFXFK": "运输危险化学品的车辆禁止进入一级保护区。",
                     "ZYKFXLYQ": "严格控制取水总量。", "REMARK": "演示：位于上一单元的孔洞中"}  # fmt: skip
            units["features"].append(
                {"type": "Feature", "properties": water, "geometry": json.loads(shapely.to_geojson(hole))}
            )
        units["features"].append(
            {"type": "Feature", "properties": props, "geometry": json.loads(shapely.to_geojson(cell))}
        )
    for code, name, _shape, _n in ordered:
        parts = [cells[cell_of_seed[i]] for i, (c, _name) in enumerate(owner) if c == code]
        shape = shapely.set_precision(shapely.union_all(parts), 1e-6)
        counties["features"].append(
            {
                "type": "Feature",
                "properties": {"code": code, "name": name},
                "geometry": json.loads(shapely.to_geojson(shape)),
            }
        )
    UNITS_OUT.parent.mkdir(parents=True, exist_ok=True)
    COUNTIES_OUT.parent.mkdir(parents=True, exist_ok=True)
    UNITS_OUT.write_text(json.dumps(units, ensure_ascii=False), encoding="utf-8")
    COUNTIES_OUT.write_text(json.dumps(counties, ensure_ascii=False), encoding="utf-8")
    print(UNITS_OUT, UNITS_OUT.stat().st_size, len(units["features"]), "units")
    print(COUNTIES_OUT, COUNTIES_OUT.stat().st_size)


if __name__ == "__main__":
    np.random.seed(0)
    main()
