# Notification now lives in the notifications app (its table is kept and renamed there).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0005_notice_bulletin_sign_off"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Notification")],
            database_operations=[],
        ),
    ]
