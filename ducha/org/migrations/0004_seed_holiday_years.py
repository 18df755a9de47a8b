"""Seed the holiday tables with every year the `chinese_calendar` package knows.

Later years are entered by the office from the State Council's notice (节假日安排 page,
or ducha.org.services.add_holiday_year). Years already present are left alone, so
running it again (CommittingTestCase does) adds only what is missing.
"""

from django.db import migrations


def seed(apps, schema_editor):
    from ducha.core.workdays import seed_from_chinese_calendar

    HolidayYear = apps.get_model("org", "HolidayYear")
    HolidayDay = apps.get_model("org", "HolidayDay")
    present = set(HolidayYear.objects.values_list("year", flat=True))
    arrangements = [a for a in seed_from_chinese_calendar() if a.year not in present]
    if not arrangements:
        return
    HolidayYear.objects.bulk_create(HolidayYear(year=a.year, source=a.source) for a in arrangements)
    ids = dict(HolidayYear.objects.filter(year__in=[a.year for a in arrangements]).values_list("year", "pk"))
    days = []
    for a in arrangements:
        for kind, dates in (("holiday", a.holidays), ("makeup_workday", a.workdays)):
            days.extend(HolidayDay(year_id=ids[a.year], date=d, kind=kind, name=name) for d, name in dates.items())
    HolidayDay.objects.bulk_create(days, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("org", "0003_holiday_calendar")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
