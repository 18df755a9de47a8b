"""Every change to units, their aliases and a city's unit directory: check, write, audit, one transaction."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ducha import versions
from ducha.audit.services import diff, record, snapshot
from ducha.errors import DomainError, NotPermitted
from ducha.org import scoping
from ducha.org.models import Region, Role, Unit, UnitAlias, UnitKind

DIRECTORY_FILES = sorted((Path(__file__).parent.parent / "data").glob("units_*.json"))
UNIT_FIELDS = ["name", "short_name", "kind", "region", "parent", "is_active"]


# --- units ---------------------------------------------------------------------


def _check_unit_region(actor, region: Region) -> None:
    p = scoping.principal(actor)
    if not p.is_admin and not any(region.code.startswith(x) for x in p.prefixes_by_role.get(Role.OFFICE, ())):
        raise NotPermitted(_("只能在本辖区内设置单位。"))


def create_unit(
    *, actor, name: str, kind: str, region: Region, short_name: str = "", parent: Unit | None = None
) -> Unit:
    scoping.require(actor, "create", Unit)
    _check_unit_region(actor, region)
    name = name.strip()
    with transaction.atomic(durable=True):
        if Unit.objects.filter(name=name).exists():
            raise DomainError(_("单位“%(name)s”已存在。") % {"name": name}, field="name")
        unit = Unit.objects.create(name=name, short_name=short_name.strip(), kind=kind, region=region, parent=parent)
        record(actor=actor, action="org.unit.create", obj=unit, after=snapshot(unit))
    return unit


def update_unit(unit: Unit, *, actor, version: str | None = None, **changes) -> Unit:
    """`version`: the unit as its edit form showed it (ducha.versions); changed since → Conflict."""
    unknown = set(changes) - set(UNIT_FIELDS)
    if unknown:
        raise ValueError(f"not unit fields: {sorted(unknown)}")
    with transaction.atomic(durable=True):
        unit = Unit.objects.select_for_update().get(pk=unit.pk)
        scoping.require(actor, "change", unit)
        versions.check(unit, UNIT_FIELDS, version)
        if "region" in changes:
            _check_unit_region(actor, changes["region"])
        if changes.get("parent") is not None and changes["parent"].pk == unit.pk:
            raise DomainError(_("上级单位不能是本单位。"), field="parent")
        before = snapshot(unit)
        for key, value in changes.items():
            setattr(unit, key, value.strip() if isinstance(value, str) else value)
        try:
            with transaction.atomic():
                unit.save(update_fields=list(changes))
        except IntegrityError:
            raise DomainError(_("单位“%(name)s”已存在。") % {"name": unit.name}, field="name")
        b, a = diff(before, snapshot(unit))
        if a:
            record(actor=actor, action="org.unit.update", obj=unit, before=b, after=a)
    return unit


# --- unit aliases and the directory -------------------------------------------


def add_unit_alias(unit: Unit, *, actor, alias: str) -> UnitAlias:
    """Another name for `unit` (市发改委): a list that writes it now finds the unit."""
    alias = " ".join(alias.split())
    if not alias:
        raise DomainError(_("别名不能为空。"), field="alias")
    if len(alias) > 128:
        raise DomainError(_("别名过长。"), field="alias")
    with transaction.atomic(durable=True):
        unit = Unit.objects.select_for_update().get(pk=unit.pk)
        scoping.require(actor, "change", unit)
        if UnitAlias.objects.filter(unit=unit, alias=alias).exists() or alias == unit.name:
            raise DomainError(_("“%(alias)s”已是该单位的名称或别名。") % {"alias": alias}, field="alias")
        obj = UnitAlias.objects.create(unit=unit, alias=alias)
        record(actor=actor, action="org.unit_alias.add", obj=obj, after=snapshot(obj))
    return obj


def remove_unit_alias(alias: UnitAlias, *, actor) -> None:
    with transaction.atomic(durable=True):
        alias = UnitAlias.objects.select_for_update().select_related("unit").get(pk=alias.pk)
        scoping.require(actor, "change", alias.unit)
        record(actor=actor, action="org.unit_alias.remove", obj=alias, before=snapshot(alias))
        alias.delete()


def add_list_units(names: list[str], *, actor, region: Region, source: str = "") -> list[Unit]:
    """Add the units a list names that the directory lacks, as departments of its city.

    Runs inside the caller's transaction (an import: all or nothing with it), so it is
    not durable. A command on the server acts as the system user; a person needs the
    right to create units in that city. A name another city already uses gets the city's
    name in front."""
    scoping.require(actor, "create", Unit)
    _check_unit_region(actor, region)
    added = []
    with transaction.atomic():
        for written in names:
            name = " ".join(written.split())
            if Unit.objects.filter(name=name).exists():
                name = region.name + name.removeprefix("市")
            if Unit.objects.filter(name=name).exists():
                raise DomainError(_("单位“%(name)s”已存在。") % {"name": name}, field="name")
            unit = Unit.objects.create(name=name, kind=UnitKind.DEPARTMENT, region=region)
            after = snapshot(unit) | ({"source": source} if source else {})
            record(actor=actor, action="org.unit.create", obj=unit, after=after)
            added.append(unit)
    return added


def resolve_unit_name(written: str, *, actor, region: Region, unit: Unit | None = None, source: str = "") -> Unit:
    """An unknown name a list wrote, settled by the office in one action: another name of
    `unit` (a UnitAlias), or, without one, a new department of the list's city `region`.
    Audited either way; the import that met the name re-checks afterwards."""
    if unit is not None:
        add_unit_alias(unit, actor=actor, alias=written)
        return unit
    with transaction.atomic(durable=True):
        return add_list_units([written], actor=actor, region=region, source=source)[0]


def load_directory(*, actor, path: Path) -> int:
    """Create the units, aliases and collectives of a city's directory file that are
    missing; idempotent (a unit already there keeps what the office made of it, and
    only gains the aliases it lacks). Returns the number of units and aliases added."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    city = Region.objects.get(code=data["city"])
    changed = 0
    specs = [(u, u.get("kind", UnitKind.DEPARTMENT)) for u in data["units"]]
    specs += [(c, UnitKind.COLLECTIVE) for c in data.get("collectives", [])]
    for spec, kind in specs:
        unit = Unit.objects.filter(name=spec["name"]).first()
        if unit is None:
            parent = Unit.objects.get(name=spec["parent"]) if spec.get("parent") else None
            region = Region.objects.get(code=spec["region"]) if spec.get("region") else city
            unit = create_unit(
                actor=actor,
                name=spec["name"],
                short_name=spec.get("short_name", ""),
                kind=kind,
                region=region,
                parent=parent,
            )
            changed += 1
        have = set(unit.aliases.values_list("alias", flat=True))
        for alias in spec.get("aliases", []):
            if alias not in have and alias != unit.name:
                add_unit_alias(unit, actor=actor, alias=alias)
                changed += 1
    return changed
