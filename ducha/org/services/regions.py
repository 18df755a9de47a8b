"""Every change to regions and their aliases: check, write, audit, one transaction."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from ducha.audit.services import record, snapshot
from ducha.errors import DomainError
from ducha.org import scoping
from ducha.org.models import Region, RegionAlias

REGIONS_FILE = Path(__file__).parent.parent / "data" / "regions.json"


# --- regions -------------------------------------------------------------------


def load_regions(*, actor, path: Path = REGIONS_FILE) -> int:
    """Create or update the regions and aliases in the data file; idempotent.

    At set-up (load_demo, tests, the command) the actor is the system user: the data
    file, not a person, is the source, and the audit record says so.
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    changed = 0
    with transaction.atomic():
        by_code = {}
        for row in data["regions"]:
            defaults = {
                "name": row["name"],
                "level": row["level"],
                "kind": row["kind"],
                "parent": by_code.get(row["parent"]) if row["parent"] else None,
            }
            region, created = Region.objects.get_or_create(code=row["code"], defaults=defaults)
            if not created and any(getattr(region, k) != v for k, v in defaults.items()):
                for k, v in defaults.items():
                    setattr(region, k, v)
                region.save(update_fields=list(defaults))
                created = True
            changed += created
            by_code[row["code"]] = region
        for alias, code in data["aliases"].items():
            region = by_code.get(code) or Region.objects.get(code=code)
            _, created = RegionAlias.objects.get_or_create(alias=alias, defaults={"region": region})
            changed += created
        if changed:
            record(
                actor=actor,
                action="org.regions.load",
                object_type="org.region",
                object_id=str(path.name),
                object_repr=data.get("source", path.name),
                after={"regions": len(data["regions"]), "aliases": len(data["aliases"]), "changed": changed},
            )
    return changed


def add_region_alias(*, actor, alias: str, region: Region) -> RegionAlias:
    scoping.require(actor, "create", RegionAlias)
    alias = alias.strip()
    if not alias:
        raise DomainError(_("别名不能为空。"), field="alias")
    with transaction.atomic(durable=True):
        if RegionAlias.objects.filter(alias=alias).exists() or Region.objects.filter(name=alias).exists():
            raise DomainError(_("“%(alias)s”已被使用。") % {"alias": alias}, field="alias")
        obj = RegionAlias.objects.create(alias=alias, region=region)
        record(actor=actor, action="org.region_alias.add", obj=obj, after=snapshot(obj))
    return obj


def remove_region_alias(alias: RegionAlias, *, actor) -> None:
    scoping.require(actor, "change", alias)
    with transaction.atomic(durable=True):
        before = snapshot(alias)
        record(actor=actor, action="org.region_alias.remove", obj=alias, before=before)
        alias.delete()
