"""Reading a layer file into features: properties as text, geometries in lon/lat.

GeoJSON is parsed here (json + shapely), so its coordinates come through exactly.
Shapefiles (a .zip, or a .shp with its .shx/.dbf/.prj/.cpg beside it) go through
pyogrio with the encoding we detected ourselves (see dbf.py). A zip is unpacked into a
temporary folder under plain names, so GBK file names inside it never matter.
"""

from __future__ import annotations

import json
import math
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyogrio.raw
import shapely
from pyproj import CRS

import ducha.core.geo.crs as crs_mod
import ducha.core.geo.dbf as dbf
import ducha.core.geo.errors as errors

SHAPE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")
GEOJSON_SUFFIXES = (".geojson", ".json")


@dataclass
class RawLayer:
    name: str
    properties: list[dict[str, str]]  # per feature, every attribute as text ("" for empty)
    geometries: np.ndarray  # shapely geometries in WGS84 lon/lat (None where missing)
    fields: list[str]
    crs_name: str
    encoding: str
    warnings: list[errors.Problem] = field(default_factory=list)
    is_geojson: bool = False


def read_layer(path: str | Path, *, name: str | None = None, source_crs: str | None = None) -> RawLayer:
    """Read a GeoJSON, a zipped shapefile or a .shp; raise GeoError when it cannot be used."""
    path = Path(path)
    name = name or path.name
    if not path.is_file():
        raise errors.GeoError.for_file(name, errors.FILE_NOT_FOUND.format(name=name))
    suffix = path.suffix.lower()
    if suffix in GEOJSON_SUFFIXES:
        layer = _read_geojson(path, name)
    elif suffix == ".zip":
        with tempfile.TemporaryDirectory(prefix="ducha-shp-") as folder:
            layer = _read_shapefile(_unzip(path, name, Path(folder)), name)
    elif suffix == ".shp":
        layer = _read_shapefile(path, name)
    else:
        raise errors.GeoError.for_file(name, errors.FILE_TYPE_UNSUPPORTED.format(suffix=path.suffix or name))
    return _to_wgs84(layer, name, source_crs)


# --- shapefiles ----------------------------------------------------------------------


def _unzip(path: Path, name: str, folder: Path) -> Path:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise errors.GeoError.for_file(name, errors.ZIP_UNREADABLE)
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir() and not _is_junk(m.filename)]
        layers: dict[str, dict[str, zipfile.ZipInfo]] = {}
        for m in members:
            stem, dot, suffix = m.filename.rpartition(".")
            if dot and f".{suffix.lower()}" in SHAPE_PARTS:
                layers.setdefault(stem, {})[f".{suffix.lower()}"] = m
        shp = {stem: parts for stem, parts in layers.items() if ".shp" in parts}
        if not shp:
            raise errors.GeoError.for_file(name, errors.ZIP_WITHOUT_SHP)
        if len(shp) > 1:
            names = "、".join(sorted(Path(s).name for s in shp))
            raise errors.GeoError.for_file(name, errors.ZIP_SEVERAL_SHP.format(names=names))
        (parts,) = shp.values()
        for suffix, member in parts.items():
            (folder / f"layer{suffix}").write_bytes(archive.read(member))
    return folder / "layer.shp"


def _is_junk(filename: str) -> bool:
    return filename.startswith("__MACOSX/") or Path(filename).name.startswith("._")


def _sidecar(shp: Path, suffix: str) -> Path | None:
    for candidate in (shp.with_suffix(suffix), shp.with_suffix(suffix.upper())):
        if candidate.is_file():
            return candidate
    return None


def _read_shapefile(shp: Path, name: str) -> RawLayer:
    for suffix in (".shx", ".dbf"):
        if _sidecar(shp, suffix) is None:
            raise errors.GeoError.for_file(name, errors.SHP_SIDECAR_MISSING.format(suffix=suffix))
    cpg_path = _sidecar(shp, ".cpg")
    cpg = cpg_path.read_bytes().decode("ascii", "replace") if cpg_path else None
    encoding, warnings = dbf.detect(_sidecar(shp, ".dbf").read_bytes(), cpg, name=name)
    try:
        meta, _fids, wkb, data = pyogrio.raw.read(shp, encoding=encoding)
    except Exception as exc:  # GDAL's own errors: a damaged file
        raise errors.GeoError.for_file(name, errors.LAYER_UNREADABLE.format(reason=str(exc).splitlines()[0]))
    fields = [str(f) for f in meta["fields"]]
    properties = [{f: _text(col[i]) for f, col in zip(fields, data, strict=True)} for i in range(len(wkb))]
    geometries = shapely.from_wkb(wkb)
    prj = _sidecar(shp, ".prj")
    crs_text = prj.read_text(encoding="latin-1") if prj else None
    return RawLayer(name, properties, geometries, fields, crs_text or "", dbf.LABEL[encoding], warnings)


def _text(value) -> str:
    """Attribute values as the text a person reads: 3.0 → "3", NaN/None → ""."""
    if value is None:
        return ""
    if isinstance(value, float | np.floating):
        if math.isnan(value):
            return ""
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value).strip()


# --- GeoJSON -------------------------------------------------------------------------


def _read_geojson(path: Path, name: str) -> RawLayer:
    raw = path.read_bytes()
    warnings = []
    try:
        text = raw.decode("utf-8-sig")
        encoding = "UTF-8"
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise errors.GeoError.for_file(name, errors.TEXT_ENCODING_UNKNOWN)
        encoding = "GBK"
        warnings.append(errors.Problem(file=name, message=errors.GEOJSON_NOT_UTF8, level=errors.WARNING))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        reason = f"第{exc.lineno}行第{exc.colno}列：{exc.msg}"
        raise errors.GeoError.for_file(name, errors.GEOJSON_UNREADABLE.format(reason=reason))
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = {"type": "FeatureCollection", "features": [data]}
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        raise errors.GeoError.for_file(name, errors.GEOJSON_NOT_FEATURES)
    fields: dict[str, None] = {}
    properties, geometries = [], []
    for number, feature in enumerate(data["features"], start=1):
        feature = feature if isinstance(feature, dict) else {}
        props = feature.get("properties") or {}
        properties.append({str(k): _json_text(v) for k, v in props.items()})
        fields.update(dict.fromkeys(map(str, props)))
        geometries.append(_geometry(feature.get("geometry"), name, number, warnings))
    crs_text = ""
    crs_member = data.get("crs")
    if isinstance(crs_member, dict):
        crs_text = str((crs_member.get("properties") or {}).get("name") or "")
    geoms = np.empty(len(geometries), dtype=object)
    geoms[:] = geometries
    return RawLayer(name, properties, geoms, list(fields), crs_text, encoding, warnings, is_geojson=True)


def _json_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return _text(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value).strip()


def _geometry(geometry, name: str, number: int, warnings: list) -> shapely.Geometry | None:
    if not geometry:
        return None
    try:
        return shapely.from_geojson(json.dumps(geometry))
    except Exception as exc:  # GEOS's reader: a malformed geometry object
        reason = str(exc).splitlines()[0]
        raise errors.GeoError(
            errors.Problem(file=name, feature=number, message=errors.GEOJSON_UNREADABLE.format(reason=reason))
        )


# --- to WGS84 ------------------------------------------------------------------------


def _to_wgs84(layer: RawLayer, name: str, source_crs: str | None) -> RawLayer:
    present = np.array([g is not None and not shapely.is_empty(g) for g in layer.geometries], dtype=bool)
    if not present.any():
        raise errors.GeoError.for_file(name, errors.LAYER_EMPTY)
    bounds = tuple(shapely.total_bounds(layer.geometries[present]))
    text = source_crs or layer.crs_name
    if text:
        try:
            crs = crs_mod.parse_crs(text)
        except ValueError as exc:
            raise errors.GeoError.for_file(name, errors.CRS_UNKNOWN.format(reason=exc))
    else:
        try:
            crs, message = crs_mod.guess_crs(bounds)
        except ValueError as exc:
            raise errors.GeoError.for_file(name, str(exc))
        if not (layer.is_geojson and crs_mod.is_lonlat(crs)):  # GeoJSON is WGS84 unless it says otherwise
            layer.warnings.append(errors.Problem(file=name, message=message, level=errors.WARNING))
    layer.crs_name = _crs_label(crs)
    layer.geometries = layer.geometries.copy()
    layer.geometries[present] = crs_mod.to_wgs84(layer.geometries[present], crs)
    minx, miny, maxx, maxy = shapely.total_bounds(layer.geometries[present])
    w, s, e, n = crs_mod.CHINA
    for lon, lat in ((minx, miny), (maxx, maxy)):
        if not (w <= lon <= e and s <= lat <= n):
            raise errors.GeoError.for_file(name, errors.CRS_OUT_OF_CHINA.format(lon=lon, lat=lat))
    return layer


def _crs_label(crs: CRS) -> str:
    code = crs.to_epsg(min_confidence=70)
    return f"EPSG:{code} {crs.name}" if code else crs.name
