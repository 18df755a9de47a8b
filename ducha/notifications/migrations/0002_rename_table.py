from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("supervision", "0006_notification_moved"),
    ]

    operations = [
        migrations.AlterModelTable(name="notification", table=None),
    ]
