"""Seed the pollution types and their synonyms from data/pollution_types.json.

Only missing rows are added, so what the office has edited since stays as it is.
"""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "pollution_types.json"


def seed(apps, schema_editor):
    PollutionType = apps.get_model("complaints", "PollutionType")
    PollutionSynonym = apps.get_model("complaints", "PollutionSynonym")
    for position, row in enumerate(json.loads(DATA.read_text(encoding="utf-8"))["types"]):
        ptype, _ = PollutionType.objects.get_or_create(
            code=row["code"], defaults={"name": row["name"], "position": position}
        )
        for text in row["synonyms"]:
            PollutionSynonym.objects.get_or_create(text=text, defaults={"pollution_type": ptype})


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
