"""Seed the six statutory deadlines and the first threshold criteria
(ducha/enforcement/data). Rows already present are left as the office edited them,
so running it again (CommittingTestCase does) adds only what is missing."""

from django.db import migrations


def seed(apps, schema_editor):
    from ducha.enforcement.seeds import seed as seed_tables

    seed_tables(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("enforcement", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
