"""Small unit layers written in the test itself: GeoJSON, shapefiles (GBK or UTF-8, with
or without .cpg/.prj, projected), zips. Three units around 湘潭 (lon 112, lat 27):

    A  ZH43030230001 一般管控  a square with a square hole
    B  ZH43030210001 优先保护  exactly the hole of A
    C  ZH43030220001 重点管控  two squares (a multipolygon), the first sharing A's east edge
"""

from __future__ import annotations

import json
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pyogrio.raw
import shapely
from pyproj import CRS

HOLE = shapely.box(112.04, 27.04, 112.06, 27.06)
A = shapely.box(112.0, 27.0, 112.1, 27.1).difference(HOLE)
B = HOLE
C = shapely.MultiPolygon([shapely.box(112.1, 27.0, 112.2, 27.1), shapely.box(112.3, 27.0, 112.4, 27.1)])

UNITS = [
    {"HJGKDYBM": "ZH43030230001", "HJGKDYMC": "雨湖区一般管控单元", "ZHGKDYFL": "一般管控单元", "COUNTY": "雨湖区",
     "KJBJYS": "禁止新建化工项目。", "WRWPFGK": "执行特别排放限值。", "HJFXFK": "建立应急预案。",
     "ZYKFXLYQ": "单位产值能耗下降。", "REMARK": "备注甲"},
    {"HJGKDYBM": "ZH43030210001", "HJGKDYMC": "韶山灌区优先保护单元", "ZHGKDYFL": "优先保护单元",
     "COUNTY": "雨湖区", "KJBJYS": "禁止开发建设。", "WRWPFGK": "", "HJFXFK": "", "ZYKFXLYQ": "", "REMARK": ""},
    {"HJGKDYBM": "ZH43030220001", "HJGKDYMC": "岳塘经开区重点管控单元", "ZHGKDYFL": "重点管控单元",
     "COUNTY": "岳塘区", "KJBJYS": "园区外不得新建工业项目。", "WRWPFGK": "总量控制。", "HJFXFK": "",
     "ZYKFXLYQ": "", "REMARK": ""},
]  # fmt: skip
GEOMS = [A, B, C]


def write_geojson(path: Path, units=UNITS, geoms=GEOMS, *, crs: str | None = None, encoding="utf-8") -> Path:
    features = [
        {"type": "Feature", "properties": props, "geometry": json.loads(shapely.to_geojson(g)) if g else None}
        for props, g in zip(units, geoms, strict=True)
    ]
    data = {"type": "FeatureCollection", "features": features}
    if crs:
        data["crs"] = {"type": "name", "properties": {"name": crs}}
    path.write_bytes(json.dumps(data, ensure_ascii=False).encode(encoding))
    return path


def write_shapefile(
    path: Path,
    units=UNITS,
    geoms=GEOMS,
    *,
    encoding: str = "GBK",
    cpg: str | None = "keep",
    prj: bool = True,
    crs: str = "EPSG:4490",
) -> Path:
    """A shapefile at path (.shp); cpg None removes the .cpg, a string replaces it."""
    geoms = np.asarray(geoms, dtype=object)
    target = CRS.from_user_input(crs)
    if not target.is_geographic:
        from pyproj import Transformer

        t = Transformer.from_crs("EPSG:4490", target, always_xy=True)
        geoms = shapely.transform(geoms, lambda xy: np.column_stack(t.transform(xy[:, 0], xy[:, 1])))
    fields = list(units[0])
    data = [np.array([u[f] for u in units], dtype=object) for f in fields]
    with warnings.catch_warnings():  # GDAL says it cut long field names, as the DBF format must
        warnings.simplefilter("ignore", RuntimeWarning)
        _write(path, geoms, data, fields, crs, encoding)
    cpg_path = path.with_suffix(".cpg")
    if cpg is None:
        cpg_path.unlink(missing_ok=True)
    elif cpg != "keep":
        cpg_path.write_text(cpg)
    if not prj:
        path.with_suffix(".prj").unlink()
    return path


def _write(path, geoms, data, fields, crs, encoding):
    pyogrio.raw.write(
        path,
        shapely.to_wkb(geoms),
        data,
        fields,
        geometry_type="MultiPolygon",
        crs=crs,
        encoding=encoding,
        driver="ESRI Shapefile",
    )


def zip_shapefile(shp: Path, zip_path: Path, *, inner_name: str = "湘潭市环境管控单元") -> Path:
    """Zip the shapefile's parts under a Chinese name written as GBK (as Windows does)."""
    with zipfile.ZipFile(zip_path, "w") as z:
        for part in sorted(shp.parent.glob(shp.stem + ".*")):
            info = zipfile.ZipInfo(f"成果/{inner_name}{part.suffix}".encode("gbk").decode("cp437"))
            z.writestr(info, part.read_bytes())
    return zip_path
