"""Seed regions and aliases from data/regions.json, so a fresh database can import
batches before anyone runs load_demo. Only missing rows are added; `load_regions`
brings later changes of the file."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "regions.json"


def seed(apps, schema_editor):
    Region = apps.get_model("org", "Region")
    RegionAlias = apps.get_model("org", "RegionAlias")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    by_code = {}
    for row in data["regions"]:
        by_code[row["code"]], _ = Region.objects.get_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "level": row["level"],
                "kind": row["kind"],
                "parent": by_code.get(row["parent"]),
            },
        )
    for alias, code in data["aliases"].items():
        RegionAlias.objects.get_or_create(alias=alias, defaults={"region": by_code[code]})


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
