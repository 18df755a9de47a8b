"""Every change in zoning: import an edition, choose the current one, extend the field map.

One durable transaction per action, permission checked through org.scoping, an audit
record in the same transaction. An import is all or nothing: any error in the layer and
nothing is written; a dry run checks and counts, then rolls back.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import shapely
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha import store
from ducha.audit.services import record, snapshot
from ducha.core import geo
from ducha.core.geo import tiles as geo_tiles
from ducha.errors import DomainError
from ducha.org import scoping
from ducha.org.models import Region, RegionAlias
from ducha.zoning.models import ControlUnit, ControlUnitEdition, ControlUnitTile, FieldMapping

UNIT_FIELDS = [
    "name",
    "category",
    "county",
    "region_code",
    "remark",
    "spatial_layout",
    "pollutant_discharge",
    "risk_prevention",
    "resource_efficiency",
    "attributes",
    "geometry_wkb",
    "map_geojson",
    "area_m2",
    "min_lon",
    "min_lat",
    "max_lon",
    "max_lat",
    "digest",
]
# The map draws boundaries simplified to about a metre: the page stays light, placement
# and the 准入 check always use the exact boundary.
MAP_TOLERANCE_DEG = 0.00001
AUDIT_CODES_LIMIT = 500


@dataclass
class UnitImportResult:
    edition: str = ""
    units: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    errors: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    crs: str = ""
    encoding: str = ""
    columns: dict[str, str] = field(default_factory=dict)
    dry_run: bool = False
    compared_with: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_json(self) -> dict:
        keys = ("units", "edition", "created", "updated", "unchanged", "removed", "errors", "warnings")
        keys += ("crs", "encoding", "compared_with", "dry_run")
        return {k: getattr(self, k) for k in keys}


class _Rollback(Exception):
    """Raised inside the import transaction to undo it (a dry run)."""


def field_mappings() -> dict[str, str]:
    return dict(FieldMapping.objects.values_list("source_name", "target"))


def import_control_units(
    path: str | Path,
    *,
    actor,
    edition: str | None = None,
    source_name: str | None = None,
    dry_run: bool = False,
) -> UnitImportResult:
    """Import a unit layer as an edition. A new edition becomes the current one; the same
    edition again updates its units by code (identical units are left as they are)."""
    scoping.require(actor, "import", ControlUnit)
    path = Path(path)
    name = source_name or path.name
    edition_name = (edition or Path(name).stem).strip()
    result = UnitImportResult(edition=edition_name, dry_run=dry_run)
    if not edition_name or len(edition_name) > 120:
        result.errors.append(_problem(name, _("版本名称不能为空，且不超过120个字。")))
        return result
    try:
        layer = geo.read_units(path, name=name, extra_fields=field_mappings())
    except geo.GeoError as exc:
        result.errors.append(exc.problem.to_dict())
        return result
    result.units, result.crs, result.encoding = len(layer.units), layer.crs_name, layer.encoding
    result.columns = layer.columns
    result.errors = [p.to_dict() for p in layer.errors]
    result.warnings = [p.to_dict() for p in layer.warnings]
    if result.errors:
        return result
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    try:
        with transaction.atomic(durable=True):
            _write(layer, result, actor=actor, name=name, digest=digest)
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    if not dry_run and (result.created or result.updated or result.removed):
        _keep_source(path)
    return result


def _problem(name: str, message: str) -> dict:
    return geo.Problem(file=name, message=str(message)).to_dict()


def _write(layer: geo.UnitLayer, result: UnitImportResult, *, actor, name: str, digest: str) -> None:
    edition = ControlUnitEdition.objects.select_for_update().filter(name=result.edition).first()
    is_new = edition is None
    current = ControlUnitEdition.objects.select_for_update().filter(is_current=True).first()
    # A new edition is compared with the current one (what changed since); the same
    # edition again is compared with itself (what this re-import changes).
    compare = current if is_new else edition
    result.compared_with = compare.name if compare else ""
    before = dict(compare.units.values_list("code", "digest")) if compare else {}
    resolve = _region_resolver()
    rows = [_row(u, resolve) for u in layer.units]
    _fill_city(rows)
    changed = []
    for row in rows:
        old = before.get(row["code"])
        if old is None:
            result.created += 1
            changed.append(row["code"])
        elif old == row["digest"]:
            result.unchanged += 1
        else:
            result.updated += 1
            changed.append(row["code"])
    codes = {r["code"] for r in rows}
    removed = sorted(set(before) - codes)
    result.removed = len(removed)
    if not is_new and not changed and not removed:
        return  # the same file again: nothing to write, nothing to audit
    now = timezone.now()
    meta = {
        "source_name": name,
        "source_sha256": digest,
        "crs": layer.crs_name[:120],
        "encoding": layer.encoding,
        "unit_count": len(rows),
        "warnings": result.warnings,
        "imported_at": now,
        "imported_by": actor,
    }
    if is_new:
        ControlUnitEdition.objects.filter(is_current=True).update(is_current=False)
        edition = ControlUnitEdition.objects.create(name=result.edition, is_current=True, **meta)
        created = ControlUnit.objects.bulk_create([ControlUnit(edition=edition, **r) for r in rows], batch_size=500)
        write_tiles(edition, created)
    else:
        for key, value in meta.items():
            setattr(edition, key, value)
        edition.save(update_fields=list(meta))
        existing = {u.code: u for u in edition.units.filter(code__in=changed)}
        new_rows, updated = [], []
        for row in rows:
            unit = existing.get(row["code"])
            if unit is None and row["code"] in changed:
                new_rows.append(ControlUnit(edition=edition, **row))
            elif unit is not None:
                for key in UNIT_FIELDS:
                    setattr(unit, key, row[key])
                updated.append(unit)
        ControlUnit.objects.bulk_create(new_rows, batch_size=500)
        ControlUnit.objects.bulk_update(updated, UNIT_FIELDS, batch_size=200)
        edition.units.filter(code__in=removed).delete()
        ControlUnitTile.objects.filter(unit__in=updated).delete()
        write_tiles(edition, new_rows + updated)
    record(
        actor=actor,
        action="zoning.units.import",
        obj=edition,
        after={
            "edition": edition.name,
            "file": name,
            "sha256": digest,
            "new_edition": is_new,
            "compared_with": result.compared_with,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "removed": removed[:AUDIT_CODES_LIMIT],
            "changed": changed[:AUDIT_CODES_LIMIT],
        },
    )


def write_tiles(edition: ControlUnitEdition, units: list[ControlUnit]) -> None:
    """List each unit under its tiles (the lookup `queries.locate` uses); part of an import."""
    tiles = [
        ControlUnitTile(edition=edition, unit=u, tile=t)
        for u in units
        for t in geo_tiles.tiles_of((u.min_lon, u.min_lat, u.max_lon, u.max_lat))
    ]
    ControlUnitTile.objects.bulk_create(tiles, batch_size=2000)


def _row(unit: geo.UnitRecord, resolve) -> dict:
    minx, miny, maxx, maxy = unit.geometry.bounds
    simple = shapely.simplify(unit.geometry, MAP_TOLERANCE_DEG, preserve_topology=True)
    simple = shapely.set_precision(simple, 1e-6) if not simple.is_empty else unit.geometry
    return {
        "code": unit.code,
        "name": unit.name[:200],
        "category": unit.category,
        "county": unit.county[:64],
        "region_code": resolve(unit),
        "remark": unit.remark,
        "spatial_layout": unit.spatial_layout,
        "pollutant_discharge": unit.pollutant_discharge,
        "risk_prevention": unit.risk_prevention,
        "resource_efficiency": unit.resource_efficiency,
        "attributes": unit.attributes,
        "geometry_wkb": unit.wkb_hex,
        "map_geojson": shapely.to_geojson(simple),
        "area_m2": round(unit.area_m2, 1),
        "min_lon": minx,
        "min_lat": miny,
        "max_lon": maxx,
        "max_lat": maxy,
        "digest": unit.digest(),
    }


def _region_resolver():
    """A unit's region: its region-code attribute, its county's name or alias, else the
    six digits after the two letters of an official unit code (ZH430302…)."""
    codes = set(Region.objects.values_list("code", flat=True))
    by_name = dict(Region.objects.values_list("name", "code"))
    by_name.update(RegionAlias.objects.values_list("alias", "region__code"))

    def resolve(unit: geo.UnitRecord) -> str:
        if unit.region_code[:6] in codes:
            return unit.region_code[:6]
        if unit.county in by_name:
            return by_name[unit.county]
        found = re.match(r"^[A-Za-z]{2}(\d{6})", unit.code)
        if found and found.group(1) in codes:
            return found.group(1)
        return ""

    return resolve


def _fill_city(rows: list[dict]) -> None:
    """Units whose county is unknown belong to the city most of the others are in."""
    cities = Counter(r["region_code"][:4] for r in rows if r["region_code"])
    if not cities:
        return
    city = cities.most_common(1)[0][0] + "00"
    if Region.objects.filter(code=city).exists():
        for r in rows:
            r["region_code"] = r["region_code"] or city


def _keep_source(path: Path) -> None:
    """The published file, kept in the one store (named by its content)."""
    store.save(path, kind=store.ZONING, suffix=path.suffix)


# --- editions --------------------------------------------------------------------------


def make_edition_current(edition: ControlUnitEdition, *, actor) -> ControlUnitEdition:
    """New placements use this edition from now on; earlier placements keep theirs."""
    with transaction.atomic(durable=True):
        edition = ControlUnitEdition.objects.select_for_update().get(pk=edition.pk)
        scoping.require(actor, "change", edition)
        if edition.is_current:
            return edition
        previous = ControlUnitEdition.objects.select_for_update().filter(is_current=True).first()
        if previous is not None:
            previous.is_current = False
            previous.save(update_fields=["is_current"])
        edition.is_current = True
        edition.save(update_fields=["is_current"])
        record(
            actor=actor,
            action="zoning.edition.make_current",
            obj=edition,
            before={"current": previous.name if previous else ""},
            after={"current": edition.name},
        )
    return edition


# --- the field map -----------------------------------------------------------------------


def add_field_mapping(*, actor, source_name: str, target: str, note: str = "") -> FieldMapping:
    source_name = (source_name or "").strip()
    with transaction.atomic(durable=True):
        scoping.require(actor, "create", FieldMapping)
        if not source_name or len(source_name) > 64:
            raise DomainError(_("字段名不能为空，且不超过64个字符。"), field="source_name")
        if target not in FieldMapping.Target.values:
            raise DomainError(_("请选择字段的含义。"), field="target")
        key = geo.fields.key(source_name)
        for other in FieldMapping.objects.select_for_update():
            if geo.fields.key(other.source_name) == key:
                raise DomainError(_("字段名“%(name)s”已有对照。") % {"name": other.source_name}, field="source_name")
        mapping = FieldMapping.objects.create(source_name=source_name, target=target, note=note.strip()[:200])
        record(actor=actor, action="zoning.field_mapping.add", obj=mapping, after=snapshot(mapping))
    return mapping


def remove_field_mapping(mapping: FieldMapping, *, actor) -> None:
    with transaction.atomic(durable=True):
        mapping = FieldMapping.objects.select_for_update().get(pk=mapping.pk)
        scoping.require(actor, "delete", mapping)
        before = snapshot(mapping)
        mapping.delete()
        record(
            actor=actor,
            action="zoning.field_mapping.remove",
            object_type="zoning.fieldmapping",
            object_id=str(before["id"]),
            object_repr=before["source_name"],
            before=before,
        )


def dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, default=str)
