"""Build the blind-test control-unit layers of 湘潭市, the test points and the expected results.

Run from the repository root with a Python that has shapely, pyproj and pyshp (the project
venv does not need pyproj or pyshp; any scratch venv will do):

    python -m venv /tmp/mk && /tmp/mk/bin/pip install shapely==2.2.0 pyproj==3.7.2 pyshp==3.1.6
    /tmp/mk/bin/python tests/blind/zoning/make_layers.py

The output is deterministic (fixed seed, fixed DBF and zip dates): running it again gives the
same bytes. Every geometric claim written to expected.json and points.json is checked here
before anything is written (see check_coverage and check_points).

Construction, so that units share boundaries exactly (no slivers from rounding): a jittered
8 x 6 mesh whose edges are wiggly polylines, each edge built once and used by both quads
beside it; every vertex lies on a 1e-6 degree grid. Units are unions of quads, so their
boundaries consist of mesh vertices only. The deliberate defects are added on top:
holes (rings strictly inside a quad), a hole filled by another unit, a hole nothing fills,
multipolygons, a bow-tie ring, one overlap and one gap (triangles on a shared edge).
"""

from __future__ import annotations

import io
import json
import math
import random
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import shapefile  # pyshp
from pyproj import CRS, Geod, Transformer
from shapely import make_valid, maximum_inscribed_circle
from shapely.geometry import LineString, MultiPolygon, Point, Polygon
from shapely.ops import transform, unary_union

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
SEED = 20260214
GRID = 1e-6  # degrees; every vertex is rounded to this grid

LON0, LON1, LAT0, LAT1 = 112.40, 113.10, 27.62, 28.10
NX, NY = 8, 6

COUNTY_CODES = {"雨湖区": "430302", "岳塘区": "430304", "湘潭县": "430321", "湘乡市": "430381", "韶山市": "430382"}
CATEGORY_TEXT = {1: "优先保护单元", 2: "重点管控单元", 3: "一般管控单元"}
CATEGORY_SHORT = {1: "优先保护", 2: "重点管控", 3: "一般管控"}
REQUIREMENT_FIELDS = ("KJBJYS", "WRWPFGK", "HJFXFK", "ZYKFXLYQ")
REQUIREMENT_NAMES = ("空间布局约束", "污染物排放管控", "环境风险防控", "资源开发效率要求")

GEOD = Geod(a=6378137.0, rf=298.257222101)  # the CGCS2000 ellipsoid
TO_METRES = Transformer.from_crs("EPSG:4490", "EPSG:4547", always_xy=True)  # local GK, for distances


def snap(v: float) -> float:
    return round(round(v / GRID) * GRID, 6)


def snap_pt(p):
    return (snap(p[0]), snap(p[1]))


# --------------------------------------------------------------------------- the mesh
rng = random.Random(SEED)
DX, DY = (LON1 - LON0) / NX, (LAT1 - LAT0) / NY

V = {}
for i in range(NX + 1):
    for j in range(NY + 1):
        jx = rng.uniform(-0.24, 0.24) * DX if 0 < i < NX else rng.uniform(-0.05, 0.05) * DX
        jy = rng.uniform(-0.24, 0.24) * DY if 0 < j < NY else rng.uniform(-0.05, 0.05) * DY
        V[i, j] = snap_pt((LON0 + i * DX + jx, LAT0 + j * DY + jy))

EDGES: dict[tuple, list] = {}


def wiggle(p, q, n=12, amp=0.07, seed_key=None):
    """A polyline from p to q with n segments, bent sideways (tapered at both ends)."""
    r = random.Random(f"{SEED}-{seed_key}")
    (x0, y0), (x1, y1) = p, q
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy)
    nx_, ny_ = -dy / length, dx / length
    phase1, phase2 = r.uniform(0, math.tau), r.uniform(0, math.tau)
    pts = [p]
    for k in range(1, n):
        t = k / n
        t2 = t + r.uniform(-0.25, 0.25) / n
        env = math.sin(math.pi * t2)
        off = (
            amp * length * env * (0.7 * math.sin(2 * math.pi * t2 + phase1) + 0.3 * math.sin(5 * math.pi * t2 + phase2))
        )
        pts.append(snap_pt((x0 + dx * t2 + nx_ * off, y0 + dy * t2 + ny_ * off)))
    pts.append(q)
    return pts


def edge(a, b):
    """The shared polyline between mesh vertices a and b (keys), in the direction a -> b."""
    key = (a, b) if a < b else (b, a)
    if key not in EDGES:
        EDGES[key] = wiggle(V[key[0]], V[key[1]], seed_key=key)
    pts = EDGES[key]
    return pts if key == (a, b) else pts[::-1]


def quad_ring(i, j):
    corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)]
    ring = []
    for k in range(4):
        ring.extend(edge(corners[k], corners[(k + 1) % 4])[:-1])
    return ring + [ring[0]]


def quad(i, j) -> Polygon:
    return Polygon(quad_ring(i, j))


def blob(center, radius_m, n=16, seed_key=None) -> list:
    """An irregular closed ring around center, radius in metres (a hole or an island)."""
    r = random.Random(f"{SEED}-blob-{seed_key}")
    lon, lat = center
    m_lon = 1 / (111320 * math.cos(math.radians(lat)))
    m_lat = 1 / 110574
    pts = []
    for k in range(n):
        a = math.tau * k / n
        rr = radius_m * r.uniform(0.75, 1.15)
        pts.append(snap_pt((lon + rr * math.cos(a) * m_lon, lat + rr * math.sin(a) * m_lat)))
    return pts + [pts[0]]


# --------------------------------------------------------------------------- the units
@dataclass
class Unit:
    code: str
    name: str
    category: int  # 1 优先保护, 2 重点管控, 3 一般管控
    county: str
    place: str  # the short place name used in the requirement texts
    quads: list = field(default_factory=list)
    geom: object = None  # the intended (valid) geometry
    raw_ring: list | None = None  # the ring as published when it is invalid (the bow-tie)
    remark: str = ""
    requirements: dict = field(default_factory=dict)


UNITS = [
    # 湘乡市 (west, south half)
    Unit("ZH43038130001", "湘乡市东郊乡一般管控单元", 3, "湘乡市", "东郊乡", [(1, 0), (2, 0)]),
    Unit("ZH43038110001", "湘乡市水府庙水库优先保护单元", 1, "湘乡市", "水府庙水库", [(0, 1), (2, 2)]),
    Unit("ZH43038120001", "湘乡市城区重点管控单元", 2, "湘乡市", "湘乡城区", [(1, 1)]),
    Unit("ZH43038120002", "湘乡经济开发区重点管控单元", 2, "湘乡市", "湘乡经开区", [(2, 1)]),
    Unit("ZH43038130002", "湘乡市壶天镇一般管控单元", 3, "湘乡市", "壶天镇", [(0, 2)]),
    Unit("ZH43038110002", "湘乡市涟水生态保护红线优先保护单元", 1, "湘乡市", "涟水", [(1, 2)]),
    # 韶山市 (west, north half)
    Unit("ZH43038210001", "韶山风景名胜区优先保护单元", 1, "韶山市", "韶山风景名胜区", [(1, 5), (1, 4)]),
    Unit("ZH43038210002", "韶山市韶河饮用水水源优先保护单元", 1, "韶山市", "韶河水源地", [(0, 4)]),
    Unit("ZH43038220001", "韶山高新技术产业开发区重点管控单元", 2, "韶山市", "韶山高新区", [(2, 4)]),
    Unit("ZH43038220002", "韶山市城镇重点管控单元", 2, "韶山市", "韶山城区", [(2, 5)]),
    Unit("ZH43038230001", "韶山市杨林乡一般管控单元", 3, "韶山市", "杨林乡", [(0, 3), (1, 3)]),
    Unit("ZH43038230002", "韶山市银田镇一般管控单元", 3, "韶山市", "银田镇", [(2, 3)]),
    # 雨湖区 (centre, north half)
    Unit("ZH43030220001", "雨湖区城镇重点管控单元", 2, "雨湖区", "雨湖城区", [(4, 4), (4, 3)]),
    Unit("ZH43030210001", "湘潭市一水厂饮用水水源保护区优先保护单元", 1, "雨湖区", "一水厂水源保护区"),
    Unit("ZH43030210002", "雨湖区生态保护红线优先保护单元", 1, "雨湖区", "雨湖区红线", [(3, 5)]),
    Unit("ZH43030210003", "雨湖区仰天湖优先保护单元", 1, "雨湖区", "仰天湖", [(4, 5)]),
    Unit("ZH43030220002", "湘潭九华经济技术开发区重点管控单元", 2, "雨湖区", "九华经开区", [(5, 4)]),
    Unit("ZH43030220003", "雨湖区昭潭重点管控单元", 2, "雨湖区", "昭潭街道", [(5, 3)]),
    Unit("ZH43030230001", "雨湖区姜畲镇一般管控单元", 3, "雨湖区", "姜畲镇", [(3, 4)]),
    Unit("ZH43030230002", "雨湖区长城乡一般管控单元", 3, "雨湖区", "长城乡", [(3, 3)]),
    Unit("ZH43030230003", "雨湖区鹤岭镇一般管控单元", 3, "雨湖区", "鹤岭镇", [(5, 5)]),
    # 岳塘区 (east, north half)
    Unit("ZH43030420001", "岳塘区城镇重点管控单元", 2, "岳塘区", "岳塘城区", [(6, 3)]),
    Unit("ZH43030420002", "湘潭高新技术产业开发区重点管控单元", 2, "岳塘区", "湘潭高新区", [(7, 3)]),
    Unit("ZH43030410001", "岳塘区昭山风景名胜区优先保护单元", 1, "岳塘区", "昭山风景名胜区", [(7, 4)]),
    Unit("ZH43030430001", "岳塘区荷塘街道一般管控单元", 3, "岳塘区", "荷塘街道", [(6, 4), (6, 5)]),
    # 湘潭县 (south, east of 湘乡)
    Unit("ZH43032110001", "湘潭县隐山优先保护单元", 1, "湘潭县", "隐山", [(3, 0), (3, 1)]),
    Unit("ZH43032110002", "湘潭县乌石生态保护红线优先保护单元", 1, "湘潭县", "乌石", [(4, 0)]),
    Unit("ZH43032130001", "湘潭县花石镇南部一般管控单元", 3, "湘潭县", "花石镇南部"),  # the bow-tie
    Unit("ZH43032130002", "湘潭县花石镇一般管控单元", 3, "湘潭县", "花石镇", [(5, 0)]),
    Unit("ZH43032130003", "湘潭县射埠镇一般管控单元", 3, "湘潭县", "射埠镇", [(6, 0)]),
    Unit("ZH43032120001", "湘潭县城区重点管控单元", 2, "湘潭县", "易俗河城区", [(4, 1)]),
    Unit("ZH43032120002", "湘潭天易经济开发区重点管控单元", 2, "湘潭县", "天易经开区", [(5, 1)]),
    Unit("ZH43032130004", "湘潭县谭家山镇一般管控单元", 3, "湘潭县", "谭家山镇", [(6, 1)]),
    Unit("ZH43032130005", "湘潭县河口镇一般管控单元", 3, "湘潭县", "河口镇", [(7, 1)]),
    Unit("ZH43032130006", "湘潭县云湖桥镇一般管控单元", 3, "湘潭县", "云湖桥镇", [(3, 2)]),
    Unit("ZH43032120003", "湘潭县中路铺镇重点管控单元", 2, "湘潭县", "中路铺镇", [(4, 2)]),
    Unit("ZH43032110003", "湘潭县涓水优先保护单元", 1, "湘潭县", "涓水", [(5, 2)]),
    Unit("ZH43032130007", "湘潭县石鼓镇一般管控单元", 3, "湘潭县", "石鼓镇", [(6, 2), (7, 2)]),
]
BY_CODE = {u.code: u for u in UNITS}

# The roles of the special units (named once, used by the checks and the expectations).
HOLED = "ZH43030220001"  # 雨湖区城镇: two holes
FILLER = "ZH43030210001"  # fills HOLED's first hole exactly
ISLANDED = "ZH43030210002"  # a multipolygon whose second part fills HOLED's second hole
MULTI = "ZH43038110001"  # a multipolygon in two separate parts, (0,1) and (2,2)
UNFILLED = "ZH43032120001"  # has a hole that nothing fills (a gap)
BOWTIE = "ZH43032130001"  # published as a self-intersecting ring
OVERLAP = ("ZH43030220003", "ZH43030420001")  # the first reaches into the second
GAP = ("ZH43038120002", "ZH43032110001")  # a triangle between them belongs to neither

for u in UNITS:
    if u.quads:
        u.geom = unary_union([quad(*q) for q in u.quads])

# Holes of 雨湖区城镇: one in each of its quads.
hole_filled = blob(quad(4, 4).centroid.coords[0], 1500, n=18, seed_key="filled")
hole_island = blob(quad(4, 3).centroid.coords[0], 1100, n=14, seed_key="island")
holed = BY_CODE[HOLED]
holed.geom = holed.geom.difference(Polygon(hole_filled)).difference(Polygon(hole_island))
BY_CODE[FILLER].geom = Polygon(hole_filled)
BY_CODE[ISLANDED].geom = MultiPolygon([BY_CODE[ISLANDED].geom, Polygon(hole_island)])

# A hole nothing fills, in 湘潭县城区.
hole_empty = blob(quad(4, 1).centroid.coords[0], 900, n=12, seed_key="empty")
BY_CODE[UNFILLED].geom = BY_CODE[UNFILLED].geom.difference(Polygon(hole_empty))


def triangle_on_edge(edge_pts, k, depth_m, toward: Polygon, key):
    """A triangle whose base is segment k of a shared edge, apex depth_m inside `toward`."""
    p, q = edge_pts[k], edge_pts[k + 1]
    mx, my = (p[0] + q[0]) / 2, (p[1] + q[1]) / 2
    dx, dy = q[0] - p[0], q[1] - p[1]
    length = math.hypot(dx, dy)
    nx_, ny_ = -dy / length, dx / length
    m_lon = 1 / (111320 * math.cos(math.radians(my)))
    m_lat = 1 / 110574
    for sign in (1, -1):
        apex = snap_pt((mx + sign * nx_ * depth_m * m_lon, my + sign * ny_ * depth_m * m_lat))
        if toward.contains(Point(apex)):
            return Polygon([p, q, apex, p])
    raise AssertionError(f"no apex inside the target for {key}")


# The overlap: 雨湖区昭潭 (5,3) reaches across the edge x=6 into 岳塘区城镇 (6,3).
shared = edge((6, 3), (6, 4))
OVERLAP_TRI = triangle_on_edge(shared, 4, 320, BY_CODE[OVERLAP[1]].geom, "overlap")
BY_CODE[OVERLAP[0]].geom = BY_CODE[OVERLAP[0]].geom.union(OVERLAP_TRI)

# The gap: a triangle cut out of 湘潭县隐山 (3,1) on its edge x=3 with 湘乡经开区 (2,1).
shared = edge((3, 1), (3, 2))
GAP_TRI = triangle_on_edge(shared, 5, 300, BY_CODE[GAP[1]].geom, "gap")
BY_CODE[GAP[1]].geom = BY_CODE[GAP[1]].geom.difference(GAP_TRI)

# The bow-tie: an extra cell hanging below quad (5,0), published with its two lower
# corners' diagonals crossed (a -> b -> d -> top edge -> c -> a). The intended area is
# what make_valid gives: the bottom triangle a-b-X and the top lobe d..c-X.
d, c = V[5, 0], V[6, 0]
a = snap_pt((d[0] + 0.004, d[1] - 0.062))
b = snap_pt((c[0] - 0.006, c[1] - 0.060))
top = edge((5, 0), (6, 0))  # d -> c along the shared edge
bowtie_ring = [a, b] + top + [a]  # b -> d crosses c -> a
bow = BY_CODE[BOWTIE]
bow.raw_ring = bowtie_ring
bow.geom = make_valid(Polygon(bowtie_ring))
bow_x = LineString([b, d]).intersection(LineString([c, a]))
BOWTIE_LOBES = sorted(bow.geom.geoms, key=lambda g: g.centroid.y)  # [bottom, top]
BOWTIE_MISSING = Polygon([a, bow_x.coords[0], d, a])  # left of both diagonals: no unit

REMARKS = {
    BOWTIE: "2023年动态更新：边界按乡镇界调整",
    OVERLAP[0]: "2023年动态更新：与岳塘区交界处待核实",
    FILLER: "水源保护区划定方案（湘政函〔2019〕86号）",
    "ZH43038220001": "园区四至范围以省级批复为准",
}
for code, text in REMARKS.items():
    BY_CODE[code].remark = text


# --------------------------------------------------------------------------- requirement texts
def requirements(u: Unit, n: int) -> dict:
    """Four texts in the style of a 准入清单; n (the unit's position) varies the figures."""
    p, county = u.place, u.county
    if u.category == 1:
        texts = (
            f"{p}范围内执行生态保护红线管控要求，禁止开发性、生产性建设活动；已有的{n + 2}处违规设施限期退出。",
            f"{p}内禁止新设排污口，现有排污口于{2024 + n % 3}年底前关闭或迁出；农村生活污水应收集处理。",
            f"禁止在{p}内建设危险化学品仓储设施；对穿越保护区的道路设置防撞护栏和事故应急池。",
            f"{p}内严禁采砂、采石和开垦林地，森林覆盖率不降低，湿地面积保持在{110 + 7 * n}公顷以上。",
        )
    elif u.category == 2:
        texts = (
            f"{p}禁止新建钢铁、电解铝、水泥等产能过剩项目；{county}城区内现有化工企业{2025 + n % 2}年前搬迁入园。",
            f"{p}新建涉VOCs项目实行区域削减替代，替代比例不低于1.{n % 3 + 1}倍；工业废水须经预处理后接入污水处理厂。",
            f"{p}内涉重金属企业建立土壤污染隐患排查制度，园区设置不少于{1000 + 250 * n}立方米的事故应急池。",
            f"{p}单位工业增加值能耗年均下降3.{n % 5}％，新建项目清洁生产水平达到国内先进水平。",
        )
    else:
        texts = (
            f"{p}严格控制畜禽养殖规模，禁养区内不得新建规模化养殖场；新建工业项目须进入{county}工业集中区。",
            f"{p}推进农村生活污水治理，化肥农药使用量较2020年减少{5 + n % 4}％；秸秆禁止露天焚烧。",
            f"{p}加强尾矿库和加油站环境风险排查，重点河段每年开展不少于{2 + n % 3}次应急演练。",
            f"{p}农田灌溉水有效利用系数达到0.5{n % 10}，严格控制地下水开采，矿产资源开发执行绿色矿山标准。",
        )
    return dict(zip(REQUIREMENT_NAMES, texts, strict=True))


for n, u in enumerate(UNITS):
    u.requirements = requirements(u, n)
# Characters in GBK but not in GB2312 (a reader decoding GB2312 loses them); 玥 and 珺 have
# an ASCII second byte in GBK ('h', 'B').
BY_CODE["ZH43032130007"].requirements["空间布局约束"] += "垇上村、堃塘村河段两岸50米内禁止新建建筑。"
BY_CODE["ZH43038130002"].remark = "壶天镇玥珺村界线待省厅复核"
for u in UNITS:
    for text in (*u.requirements.values(), u.name, u.county, u.remark):
        text.encode("gbk")  # every text must survive the GBK shapefile
        assert len(text.encode("utf-8")) <= 254, (u.code, text)  # one DBF field


# --------------------------------------------------------------------------- GCJ-02 (the public formula)
_A, _EE = 6378245.0, 0.00669342162296594323


def _tlat(x, y):
    r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    r += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    r += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    r += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return r


def _tlon(x, y):
    r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    r += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    r += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    r += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return r


def wgs_to_gcj(lon, lat):
    dlat = _tlat(lon - 105.0, lat - 35.0)
    dlon = _tlon(lon - 105.0, lat - 35.0)
    radlat = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(radlat) ** 2
    sqrtmagic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrtmagic) * math.pi)
    dlon = (dlon * 180.0) / (_A / sqrtmagic * math.cos(radlat) * math.pi)
    return lon + dlon, lat + dlat


# --------------------------------------------------------------------------- checks
def metres(geom):
    return transform(lambda x, y, z=None: TO_METRES.transform(x, y), geom)


def area_m2(geom) -> float:
    return abs(GEOD.geometry_area_perimeter(geom)[0])


def check_coverage():
    """Only the deliberate overlap and the two deliberate gaps; every unit valid."""
    for u in UNITS:
        assert u.geom.is_valid, u.code
    assert not Polygon(bowtie_ring).is_valid
    assert len(BOWTIE_LOBES) == 2
    overlaps = []
    for i, u in enumerate(UNITS):
        for w in UNITS[i + 1 :]:
            inter = u.geom.intersection(w.geom)
            if inter.area > 0:
                overlaps.append(((u.code, w.code), area_m2(inter)))
    assert [o[0] for o in overlaps] == [OVERLAP], overlaps
    city = unary_union([u.geom for u in UNITS])
    # Two parts: the mesh, and the bow-tie's bottom lobe, which touches it at one point.
    assert city.geom_type == "MultiPolygon" and len(city.geoms) == 2, city.geom_type
    holes = [Polygon(r) for part in city.geoms for r in part.interiors]
    assert len(holes) == 2, len(holes)
    return overlaps[0][1], city, holes


@dataclass
class Probe:
    id: str
    kind: str
    lon: float
    lat: float
    crs: str
    note: str
    expected: list = field(default_factory=list)


def units_at(lon, lat):
    p = Point(lon, lat)
    return sorted(u.code for u in UNITS if u.geom.contains(p))


ALL_BOUNDARIES = None


def boundary_distance_m(lon, lat) -> float:
    x, y = TO_METRES.transform(lon, lat)
    return ALL_BOUNDARIES.distance(Point(x, y))


def inside_point(geom):
    """A point well inside geom (the centre of its largest inscribed circle)."""
    g = geom if geom.geom_type == "Polygon" else max(geom.geoms, key=lambda p: p.area)
    mic = maximum_inscribed_circle(g, tolerance=1e-5)
    p = mic.coords[0]
    return round(p[0], 6), round(p[1], 6)


def toward(p, q, metres_):
    """The point metres_ from p in the direction of q (lon/lat, via the local GK plane)."""
    (px, py), (qx, qy) = TO_METRES.transform(*p), TO_METRES.transform(*q)
    d = math.hypot(qx - px, qy - py)
    x, y = px + (qx - px) * metres_ / d, py + (qy - py) * metres_ / d
    lon, lat = TO_METRES.transform(x, y, direction="INVERSE")
    return round(lon, 7), round(lat, 7)


def sideways(p, q, metres_):
    """From the middle of segment p-q, metres_ to the left (negative: right), in the GK plane."""
    (px, py), (qx, qy) = TO_METRES.transform(*p), TO_METRES.transform(*q)
    d = math.hypot(qx - px, qy - py)
    mx, my = (px + qx) / 2, (py + qy) / 2
    x, y = mx - (qy - py) / d * metres_, my + (qx - px) / d * metres_
    lon, lat = TO_METRES.transform(x, y, direction="INVERSE")
    return round(lon, 7), round(lat, 7)


def make_points():
    pts: list[Probe] = []

    def add(pid, kind, lon, lat, note, crs="wgs84", expected=None):
        exp = units_at(lon, lat) if expected is None else expected
        pts.append(Probe(pid, kind, lon, lat, crs, note, exp))

    # One well-inside point for every unit (its largest part).
    for u in UNITS:
        lon, lat = inside_point(u.geom)
        add(f"in-{u.code}", "ordinary", lon, lat, f"well inside {u.name}")

    # Holes.
    c = Polygon(hole_filled).centroid
    add(
        "hole-filled-centre",
        "hole",
        round(c.x, 6),
        round(c.y, 6),
        "centre of 雨湖区城镇's first hole: only the unit filling it",
    )
    add(
        "hole-island-centre",
        "hole",
        *inside_point(Polygon(hole_island)),
        "centre of the second hole, filled by part 2 of a multipolygon",
    )
    add(
        "hole-empty-centre",
        "hole",
        *inside_point(Polygon(hole_empty)),
        "centre of 湘潭县城区's hole that nothing fills",
        expected=[],
    )
    # 30 m either side of the filled hole's ring, and of the empty hole's ring.
    ring_pt = hole_filled[4]
    centre = Polygon(hole_filled).centroid.coords[0]
    add(
        "hole-filled-30m-inside",
        "near_boundary",
        *toward(ring_pt, centre, 30),
        "30 m inside the filled hole: the filler only",
    )
    add(
        "hole-filled-30m-outside",
        "near_boundary",
        *toward(ring_pt, centre, -30),
        "30 m outside the filled hole: 雨湖区城镇 only",
    )
    ring_pt = hole_empty[7]
    centre = Polygon(hole_empty).centroid.coords[0]
    add(
        "hole-empty-30m-inside",
        "near_boundary",
        *toward(ring_pt, centre, 30),
        "30 m inside the empty hole: nothing",
        expected=[],
    )
    add(
        "hole-empty-30m-outside",
        "near_boundary",
        *toward(ring_pt, centre, -30),
        "30 m outside the empty hole: 湘潭县城区",
    )

    # Multipolygons: both parts.
    parts = sorted(BY_CODE[MULTI].geom.geoms, key=lambda g: g.centroid.x)
    add("multi-part-1", "multipolygon", *inside_point(parts[0]), "水府庙水库 part 1 (west)")
    add("multi-part-2", "multipolygon", *inside_point(parts[1]), "水府庙水库 part 2 (east, separate)")
    add(
        "multi-part-2-edge-40m",
        "multipolygon",
        *toward(V[3, 3], parts[1].centroid.coords[0], 40),
        "40 m inside part 2 from its corner",
    )

    # The bow-tie: both lobes are the unit; the uncovered wedge is nothing.
    add("bowtie-bottom-lobe", "bowtie", *inside_point(BOWTIE_LOBES[0]), "bottom lobe of the repaired bow-tie")
    add("bowtie-top-lobe", "bowtie", *inside_point(BOWTIE_LOBES[1]), "top lobe of the repaired bow-tie")
    add(
        "bowtie-missing-wedge",
        "bowtie",
        *inside_point(BOWTIE_MISSING),
        "the wedge left of both crossed diagonals: no unit",
        expected=[],
    )

    # Overlap and gap.
    add("overlap-centre", "overlap", *inside_point(OVERLAP_TRI), "inside the overlap: both units")
    add("gap-centre", "gap", *inside_point(GAP_TRI), "inside the gap between two units: nothing", expected=[])
    # Either side of each triangle's apex (the apex lies inside the unit it reaches into).
    for kind, tri in (("overlap", OVERLAP_TRI), ("gap", GAP_TRI)):
        apex, centre = tri.exterior.coords[2], tri.centroid.coords[0]
        add(f"{kind}-80m-inside-apex", kind, *toward(apex, centre, 80), f"80 m inside the {kind}, from its apex")
        add(f"{kind}-40m-beyond-apex", kind, *toward(apex, centre, -40), f"40 m beyond the {kind}'s apex: one unit")

    # Outside the city.
    add("outside-west", "outside", 112.20, 27.85, "west of 湘乡 (娄底 side)", expected=[])
    add("outside-north-changsha", "outside", 112.94, 28.23, "长沙 city, north of the layer", expected=[])
    add("outside-south", "outside", 112.80, 27.40, "south of the layer (衡阳 side)", expected=[])
    add(
        "outside-corner-notch",
        "outside",
        *inside_point(quad(0, 0)),
        "the empty south-west corner, inside the bounding box",
        expected=[],
    )
    add(
        "outside-corner-notch-ne",
        "outside",
        *inside_point(quad(7, 5)),
        "the empty north-east corner, inside the bounding box",
        expected=[],
    )

    # Near shared boundaries: 25 m either side of a mesh edge, off its middle segment.
    for (p, q), note in (
        (((4, 3), (5, 3)), "a county line"),
        (((6, 1), (6, 2)), "inside 湘潭县"),
        (((2, 4), (3, 4)), "inside 韶山市"),
        (((3, 2), (3, 3)), "the corner where 湘乡, 韶山, 雨湖 and 湘潭县 meet"),
    ):
        line = edge(p, q)
        k = len(line) // 2
        for sign in (1, -1):
            lon, lat = sideways(line[k], line[k + 1], 25 * sign)
            here = units_at(lon, lat)
            other = units_at(*sideways(line[k], line[k + 1], -25 * sign))
            names = f"{BY_CODE[here[0]].name}, 50 m from {BY_CODE[other[0]].name}"
            pid = f"near-{p[0]}{p[1]}-{q[0]}{q[1]}-{'left' if sign > 0 else 'right'}"
            add(pid, "near_boundary", lon, lat, f"25 m inside {names} ({note})")

    # CGCS2000 input: same numbers as WGS84 at this accuracy.
    for code in ("ZH43030420002", "ZH43038230002", "ZH43032110003"):
        lon, lat = inside_point(BY_CODE[code].geom)
        add(
            f"cgcs2000-{code}",
            "cgcs2000",
            lon,
            lat,
            f"CGCS2000 coordinates inside {BY_CODE[code].name}",
            crs="cgcs2000",
        )
    return pts


def add_gcj_points(pts):
    """GCJ-02 points where the shift changes the answer; expected is the true point's units."""
    chosen = []
    candidates = []
    for key, line in EDGES.items():
        for k in range(2, len(line) - 2):
            (x0, y0), (x1, y1) = line[k], line[k + 1]
            mid = ((x0 + x1) / 2, (y0 + y1) / 2)
            gx, gy = wgs_to_gcj(*mid)
            shift = (gx - mid[0], gy - mid[1])
            # The true point sits 180 m on the side opposite the shift.
            true = toward(mid, (mid[0] - shift[0], mid[1] - shift[1]), 180)
            here = units_at(*true)
            there = units_at(*wgs_to_gcj(*true))
            if not here or here == there or len(here) != 1:
                continue
            if boundary_distance_m(*true) < 60:
                continue
            if boundary_distance_m(*wgs_to_gcj(*true)) < 40:
                continue
            candidates.append((key, true, here, there))
    # Spread them over the city: farthest-point selection, each unit used once; six where the
    # unshifted point falls in another unit, one where it falls outside the city.
    seen_units: set = set()
    centre = (112.78, 27.85)
    for want, pool in ((6, [c for c in candidates if c[3]]), (7, [c for c in candidates if not c[3]])):
        while len(chosen) < want:
            best, best_d = None, -1.0
            for _key, true, here, there in pool:
                if set(here + there) & seen_units:
                    continue
                refs = [c[0] for c in chosen] or [centre]
                d_min = min(math.hypot(true[0] - r[0], true[1] - r[1]) for r in refs)
                if d_min > best_d:
                    best, best_d = (true, here, there), d_min
            if best is None:
                break
            chosen.append(best)
            seen_units.update(best[1] + best[2])
    assert len(chosen) == 7, len(chosen)
    for n, (true, here, there) in enumerate(chosen, 1):
        glon, glat = wgs_to_gcj(*true)
        pts.append(
            Probe(
                f"gcj02-{n}",
                "gcj02",
                round(glon, 7),
                round(glat, 7),
                "gcj02",
                f"phone-map coordinates of WGS84 {true[0]:.7f},{true[1]:.7f} in {here}; unshifted they fall in {there or 'no unit'}",
                here,
            )
        )
    # Filler: a true point inside the filled hole whose GCJ-02 image lies in 雨湖区城镇.
    c = Polygon(hole_filled).centroid.coords[0]
    for ang in range(0, 360, 5):
        ring_pt = (c[0] + 0.1 * math.cos(math.radians(ang)), c[1] + 0.1 * math.sin(math.radians(ang)))
        hit = LineString([c, ring_pt]).intersection(Polygon(hole_filled).exterior)
        edge_pt = hit.coords[0] if hit.geom_type == "Point" else hit.geoms[0].coords[0]
        true = toward(edge_pt, c, 120)
        if units_at(*true) != [FILLER] or boundary_distance_m(*true) < 60:
            continue
        g = wgs_to_gcj(*true)
        if units_at(*g) == [HOLED] and boundary_distance_m(*g) < 40:
            continue
        if units_at(*g) == [HOLED]:
            pts.append(
                Probe(
                    "gcj02-hole-filler",
                    "gcj02",
                    round(g[0], 7),
                    round(g[1], 7),
                    "gcj02",
                    "phone-map coordinates of a point inside the filled hole; unshifted they fall in 雨湖区城镇",
                    [FILLER],
                )
            )
            break
    else:
        raise AssertionError("no GCJ-02 point for the filled hole")
    # The gap: a true point in the gap (nothing); unshifted it falls in a unit.
    true = inside_point(GAP_TRI)
    g = wgs_to_gcj(*true)
    assert units_at(*g) and boundary_distance_m(*g) >= 40, units_at(*g)
    pts.append(
        Probe(
            "gcj02-gap",
            "gcj02",
            round(g[0], 7),
            round(g[1], 7),
            "gcj02",
            f"phone-map coordinates of the gap's centre; unshifted they fall in {units_at(*g)}",
            [],
        )
    )


def true_wgs(p: Probe):
    if p.crs != "gcj02":
        return p.lon, p.lat
    # Invert by iteration (exact to well under a millimetre).
    lon, lat = p.lon, p.lat
    for _ in range(30):
        g = wgs_to_gcj(lon, lat)
        lon, lat = lon - (g[0] - p.lon), lat - (g[1] - p.lat)
    return lon, lat


def check_points(pts):
    ids = [p.id for p in pts]
    assert len(ids) == len(set(ids)), "duplicate point ids"
    for p in pts:
        lon, lat = true_wgs(p)
        assert units_at(lon, lat) == p.expected, (p.id, units_at(lon, lat), p.expected)
        if p.kind != "outside":
            dist = boundary_distance_m(lon, lat)
            assert dist >= 20, (p.id, dist)
        if p.kind == "near_boundary":
            assert dist <= 60, (p.id, dist)
    assert len(pts) >= 40


# --------------------------------------------------------------------------- writers
def oriented(poly: Polygon, shapefile_order: bool) -> list:
    """Rings of a polygon: ESRI wants the exterior clockwise, RFC 7946 counter-clockwise."""
    from shapely.geometry.polygon import orient

    p = orient(poly, sign=-1.0 if shapefile_order else 1.0)
    return [list(p.exterior.coords)] + [list(r.coords) for r in p.interiors]


def published_rings(u: Unit, shapefile_order: bool) -> list[list]:
    """Polygons (lists of rings) as the province publishes them (the bow-tie as is)."""
    if u.raw_ring is not None:
        ring = u.raw_ring
        return [[ring if shapefile_order else ring[::-1]]]
    polys = [u.geom] if u.geom.geom_type == "Polygon" else list(u.geom.geoms)
    return [oriented(p, shapefile_order) for p in polys]


def write_geojson(path: Path):
    features = []
    for n, u in enumerate(UNITS, 1):
        polys = published_rings(u, shapefile_order=False)
        geometry = (
            {"type": "Polygon", "coordinates": polys[0]}
            if len(polys) == 1
            else {"type": "MultiPolygon", "coordinates": polys}
        )
        props = {
            "OBJECTID": n,
            "HJGKDYBM": u.code,
            "HJGKDYMC": u.name,
            "PROVINCE": "湖南省",
            "CITY": "湘潭市",
            "COUNTY": u.county,
            "ZHGKDYFL": CATEGORY_TEXT[u.category],
            **dict(zip(REQUIREMENT_FIELDS, u.requirements.values(), strict=True)),
            "REMARK": u.remark,
        }
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    doc = {
        "type": "FeatureCollection",
        "name": "湘潭市环境管控单元",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
        "features": features,
    }
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text.replace('{"type":"Feature"', '\n{"type":"Feature"') + "\n", encoding="utf-8")


def project(rings, transformer, ndigits):
    out = []
    for ring in rings:
        xs, ys = transformer.transform([p[0] for p in ring], [p[1] for p in ring])
        out.append([(round(x, ndigits), round(y, ndigits)) for x, y in zip(xs, ys, strict=True)])
    return out


FIXED_DATE = (2023, 11, 30)


def write_shapefile(base: Path, *, epsg: int, encoding: str, cpg: str | None):
    """base: path without suffix. Second province's field names; category as 1/2/3."""
    transformer = Transformer.from_crs("EPSG:4490", f"EPSG:{epsg}", always_xy=True) if epsg != 4490 else None
    w = shapefile.Writer(str(base), shapeType=shapefile.POLYGON, encoding=encoding)
    w.field("HJZHGKDYBM", "C", 20)
    w.field("HJZHGKDYMC", "C", 100)
    w.field("PROV", "C", 20)
    w.field("CITY", "C", 20)
    w.field("AREA", "C", 20)
    w.field("ZHGKDYFL", "N", 1, 0)
    for name in REQUIREMENT_FIELDS:
        w.field(name, "C", 254)
    w.field("REMARKS", "C", 100)
    for u in UNITS:
        rings = [r for poly in published_rings(u, shapefile_order=True) for r in poly]
        if transformer is not None:
            rings = project(rings, transformer, 3)
        w.poly(rings)
        w.record(u.code, u.name, "湖南省", "湘潭市", u.county, u.category, *u.requirements.values(), u.remark)
    w.close()
    dbf = base.with_suffix(".dbf")
    raw = bytearray(dbf.read_bytes())
    raw[1:4] = bytes([FIXED_DATE[0] - 1900, FIXED_DATE[1], FIXED_DATE[2]])
    raw[29] = 0  # no language driver id: the .cpg (or nothing) says the encoding
    dbf.write_bytes(bytes(raw))
    base.with_suffix(".prj").write_text(CRS.from_epsg(epsg).to_wkt("WKT1_ESRI"), encoding="ascii")
    if cpg is not None:
        base.with_suffix(".cpg").write_text(cpg, encoding="ascii")
    return [base.with_suffix(s) for s in (".shp", ".shx", ".dbf", ".prj", ".cpg") if base.with_suffix(s).exists()]


def zip_files(zpath: Path, files: list[Path], folder: str = "", *, stem: str | None = None, gbk_names: bool = False):
    """Zip the parts, under folder/ if given (renamed to stem.* if given).

    gbk_names: the names are stored as GBK bytes without the UTF-8 flag, as zip tools on
    Chinese Windows write them (Python's zipfile then reads them as cp437 gibberish).
    """
    names = [f"{folder}/" * bool(folder) + f"{stem or f.stem}{f.suffix}" for f in files]
    placeholders = [f"~{n:02d}".ljust(len(name.encode("gbk")), "~") for n, name in enumerate(names)]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for f, name, placeholder in zip(files, names, placeholders, strict=True):
            info = zipfile.ZipInfo(placeholder if gbk_names else name, date_time=(*FIXED_DATE, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, f.read_bytes())
    data = buf.getvalue()
    if gbk_names:
        for name, placeholder in zip(names, placeholders, strict=True):
            assert data.count(placeholder.encode()) == 2  # local header and central directory
            data = data.replace(placeholder.encode(), name.encode("gbk"))
    zpath.write_bytes(data)
    for f in files:
        f.unlink()


# --------------------------------------------------------------------------- main
LAYERS = {
    "xiangtan_units.geojson": {
        "format": "GeoJSON, WGS84, UTF-8; HJGKDYBM/HJGKDYMC/COUNTY/REMARK, ZHGKDYFL as text",
        "crs": "EPSG:4326",
    },
    "xiangtan_units_gbk.zip": {
        "format": "zipped shapefile, flat (file names inside the zip in GBK, as Windows zip tools write them), CGCS2000 EPSG:4490, DBF in GBK, .cpg says GBK; HJZHGKDYBM/HJZHGKDYMC/AREA/REMARKS, ZHGKDYFL as 1/2/3",
        "crs": "EPSG:4490",
    },
    "nocpg/xiangtan_units_nocpg.shp": {
        "format": "loose shapefile (path to the .shp), EPSG:4490, DBF in GBK with no .cpg and no language driver id",
        "crs": "EPSG:4490",
    },
    "xiangtan_units_gk38.zip": {
        "format": "zipped shapefile inside a folder of the zip (HJGKDY_2023/), CGCS2000 3-degree Gauss-Kruger zone 38 (EPSG:4526, false easting 38500000), DBF in UTF-8, .cpg says UTF-8",
        "crs": "EPSG:4526",
    },
    "cm114/xiangtan_units_cm114.shp": {
        "format": "loose shapefile, CGCS2000 3-degree Gauss-Kruger CM 114E (EPSG:4547, no zone prefix), DBF in GBK, .cpg says 936 (the code page number)",
        "crs": "EPSG:4547",
    },
}


def main():
    global ALL_BOUNDARIES
    overlap_area, city, gap_holes = check_coverage()
    ALL_BOUNDARIES = metres(unary_union([u.geom.boundary for u in UNITS]))

    pts = make_points()
    add_gcj_points(pts)
    check_points(pts)

    DATA.mkdir(exist_ok=True)
    (DATA / "nocpg").mkdir(exist_ok=True)
    (DATA / "cm114").mkdir(exist_ok=True)
    write_geojson(DATA / "xiangtan_units.geojson")
    files = write_shapefile(DATA / "xiangtan_units_gbk", epsg=4490, encoding="gbk", cpg="GBK")
    zip_files(DATA / "xiangtan_units_gbk.zip", files, stem="湘潭市环境管控单元", gbk_names=True)
    write_shapefile(DATA / "nocpg" / "xiangtan_units_nocpg", epsg=4490, encoding="gbk", cpg=None)
    files = write_shapefile(DATA / "xiangtan_units_gk38", epsg=4526, encoding="utf-8", cpg="UTF-8")
    zip_files(DATA / "xiangtan_units_gk38.zip", files, "HJGKDY_2023")
    write_shapefile(DATA / "cm114" / "xiangtan_units_cm114", epsg=4547, encoding="gbk", cpg="936")

    gap_tri_area = area_m2(GAP_TRI)
    gaps = []
    for hole in gap_holes:
        is_tri = hole.equals(GAP_TRI)
        gaps.append(
            {
                "what": "the triangle between 湘乡经开区 and 湘潭县隐山"
                if is_tri
                else "the hole of 湘潭县城区 that no unit fills",
                "bordering_units": sorted(GAP) if is_tri else [UNFILLED],
                "area_m2": round(area_m2(hole), 1),
                "area_m2_gk": round(metres(hole).area, 1),
                "point": list(inside_point(hole)),
            }
        )
    assert any(abs(g["area_m2"] - gap_tri_area) < 1 for g in gaps)
    units = [
        {
            "code": u.code,
            "name": u.name,
            "category": CATEGORY_SHORT[u.category],
            "county": u.county,
            "county_code": COUNTY_CODES[u.county],
            "requirements": u.requirements,
            "remark": u.remark,
            "parts": 1 if u.geom.geom_type == "Polygon" else len(u.geom.geoms),
            "holes": sum(len(p.interiors) for p in ([u.geom] if u.geom.geom_type == "Polygon" else u.geom.geoms)),
            "area_m2": round(area_m2(u.geom), 0),
        }
        for u in UNITS
    ]
    layer_expectations = {
        "units": len(UNITS),
        "codes": [u.code for u in UNITS],
        "repaired_with_warning": [BOWTIE],
        "overlaps": [
            {
                "codes": sorted(OVERLAP),
                "area_m2": round(overlap_area, 1),
                "area_m2_gk": round(metres(OVERLAP_TRI).area, 1),
                "point": list(inside_point(OVERLAP_TRI)),
            }
        ],
        "gaps": gaps,
        "area_tolerance": 0.02,
    }
    expected = {
        "about": "Expected results for the blind zoning tests; made by make_layers.py, do not edit by hand.",
        "area_method": "area_m2: geodesic area on the CGCS2000 ellipsoid (pyproj.Geod); area_m2_gk: planar area in EPSG:4547 (CM 114E), for comparison",
        "categories": ["优先保护", "重点管控", "一般管控"],
        "requirement_fields": dict(zip(REQUIREMENT_NAMES, REQUIREMENT_FIELDS, strict=True)),
        "city_area_m2": round(area_m2(city), 0),
        "layers": {name: {**meta, **layer_expectations, "units_detail": units} for name, meta in LAYERS.items()},
    }
    (HERE / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    points = {
        "about": "Test points for `locate`; expected = codes of every unit containing the true (WGS84) point, sorted.",
        "points": [
            {
                "id": p.id,
                "kind": p.kind,
                "lon": p.lon,
                "lat": p.lat,
                "crs": p.crs,
                "expected": p.expected,
                "note": p.note,
            }
            for p in pts
        ],
    }
    (HERE / "points.json").write_text(json.dumps(points, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(UNITS)} units, {len(pts)} points; overlap {overlap_area:.1f} m2; gaps {[g['area_m2'] for g in gaps]}")


if __name__ == "__main__":
    main()
