"""A control-unit layer read, mapped and checked: the pure half of an import.

layer = read_units(path, extra_fields={"GKDY_BM": "code"})
layer.units      -> [UnitRecord]   one per unit code, geometry in WGS84 lon/lat
layer.errors     -> [Problem]      any error: import nothing
layer.warnings   -> [Problem]      repaired boundaries, overlaps, gaps, guessed CRS …
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import shapely

import ducha.core.geo.errors as errors
import ducha.core.geo.fields as fields
from ducha.core.geo.checks import check_unit, overlaps_and_gaps
from ducha.core.geo.crs import AreaMeter
from ducha.core.geo.sources import read_layer

TEXT_TARGETS = (
    fields.NAME,
    fields.COUNTY,
    fields.REGION_CODE,
    fields.REMARK,
    fields.SPATIAL_LAYOUT,
    fields.POLLUTANT_DISCHARGE,
    fields.RISK_PREVENTION,
    fields.RESOURCE_EFFICIENCY,
)


@dataclass
class UnitRecord:
    code: str
    name: str
    category: str  # fields.PRIORITY / KEY / GENERAL
    geometry: shapely.Geometry  # WGS84 lon/lat, valid, polygonal
    area_m2: float
    feature: int  # first feature number in the file
    county: str = ""
    region_code: str = ""
    remark: str = ""
    spatial_layout: str = ""
    pollutant_discharge: str = ""
    risk_prevention: str = ""
    resource_efficiency: str = ""
    attributes: dict[str, str] = field(default_factory=dict)

    @property
    def wkb_hex(self) -> str:
        return shapely.to_wkb(self.geometry, hex=True, output_dimension=2)

    def digest(self) -> str:
        """What makes two editions' units the same: every value and the exact boundary."""
        payload = {t: getattr(self, t) for t in ("code", "name", "category", *TEXT_TARGETS)}
        payload["attributes"] = self.attributes
        payload["geometry"] = shapely.normalize(self.geometry).wkb_hex
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class UnitLayer:
    name: str
    crs_name: str
    encoding: str
    columns: dict[str, str]  # target → attribute name used
    units: list[UnitRecord] = field(default_factory=list)
    errors: list[errors.Problem] = field(default_factory=list)
    warnings: list[errors.Problem] = field(default_factory=list)
    features: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def read_units(
    path: str | Path,
    *,
    name: str | None = None,
    extra_fields: Mapping[str, str] | Iterable[tuple[str, str]] = (),
    source_crs: str | None = None,
    min_area_m2: float = 1.0,
    check_topology: bool = True,
) -> UnitLayer:
    """Read and check a layer. Raises GeoError only when the file as a whole is unusable;
    problems with features come back located in `errors` and `warnings`."""
    raw = read_layer(path, name=name, source_crs=source_crs)
    fmap = fields.FieldMap.build(extra_fields)
    columns = fmap.columns(raw.fields, raw.properties[:200])
    layer = UnitLayer(raw.name, raw.crs_name, raw.encoding, columns, warnings=list(raw.warnings))
    layer.features = len(raw.properties)
    for target in fields.REQUIRED:
        if target not in columns:
            names = "、".join(fields.BUILT_IN[target][:6])
            message = errors.FIELD_MISSING.format(field=fields.TARGET_LABELS[target], names=names)
            layer.errors.append(errors.Problem(file=raw.name, message=message))
    if layer.errors:
        return layer
    meter = AreaMeter(tuple(shapely.total_bounds(raw.geometries[[g is not None for g in raw.geometries]])))
    by_code: dict[str, UnitRecord] = {}
    parts: dict[str, list] = {}
    for number, (props, geom) in enumerate(zip(raw.properties, raw.geometries, strict=True), start=1):
        record = _record(raw.name, number, props, columns, layer)
        if record is None:
            continue
        checked = check_unit(geom, meter, file=raw.name, feature=number, code=record.code)
        if checked.problem is not None:
            (layer.errors if checked.problem.level == errors.ERROR else layer.warnings).append(checked.problem)
        if checked.geometry is None:
            continue
        record.geometry = checked.geometry
        first = by_code.get(record.code)
        if first is None:
            by_code[record.code] = record
            parts[record.code] = [(number, checked.geometry)]
        elif _same_values(first, record):
            parts[record.code].append((number, checked.geometry))
        else:
            message = errors.CODE_DUPLICATE_CONFLICT.format(other=first.feature)
            layer.errors.append(
                errors.Problem(file=raw.name, feature=number, code=record.code, field=columns[fields.CODE],
                               value=record.code, message=message)
            )  # fmt: skip
    for code, pieces in parts.items():
        record = by_code[code]
        if len(pieces) > 1:
            record.geometry = shapely.union_all([g for _n, g in pieces])
            numbers = "、".join(str(n) for n, _g in pieces)
            message = errors.CODE_DUPLICATE_MERGED.format(features=numbers)
            layer.warnings.append(
                errors.Problem(file=raw.name, feature=pieces[0][0], code=code, message=message, level=errors.WARNING)
            )
        record.area_m2 = float(meter.area(record.geometry))
    layer.units = list(by_code.values())
    if check_topology and not layer.errors:
        codes = [u.code for u in layer.units]
        layer.warnings += overlaps_and_gaps(codes, [u.geometry for u in layer.units], meter, file=raw.name,
                                            min_area_m2=min_area_m2)  # fmt: skip
    return layer


def _record(file: str, number: int, props: dict, columns: dict, layer: UnitLayer) -> UnitRecord | None:
    code_field, category_field = columns[fields.CODE], columns[fields.CATEGORY]
    code = props.get(code_field, "").strip()
    if not code:
        message = errors.VALUE_EMPTY.format(field=code_field)
        layer.errors.append(errors.Problem(file=file, feature=number, field=code_field, message=message))
        return None
    raw_category = props.get(category_field, "")
    category = fields.category_of(raw_category)
    if category is None:
        message = errors.CATEGORY_UNKNOWN.format(value=raw_category) if raw_category else None
        message = message or errors.VALUE_EMPTY.format(field=category_field)
        layer.errors.append(
            errors.Problem(file=file, feature=number, code=code, field=category_field, value=raw_category,
                           message=message)
        )  # fmt: skip
        return None
    values = {t: props.get(columns[t], "").strip() for t in TEXT_TARGETS if t in columns}
    if not values.get(fields.NAME):
        layer.warnings.append(
            errors.Problem(file=file, feature=number, code=code, field=columns.get(fields.NAME, ""),
                           message=errors.NAME_EMPTY, level=errors.WARNING)
        )  # fmt: skip
        values[fields.NAME] = code
    return UnitRecord(code=code, category=category, geometry=None, area_m2=0.0, feature=number,
                      attributes=dict(props), **values)  # fmt: skip


def _same_values(a: UnitRecord, b: UnitRecord) -> bool:
    keys = ("name", "category", *TEXT_TARGETS)
    return all(getattr(a, k) == getattr(b, k) for k in keys)
