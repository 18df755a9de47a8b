"""Two people open the same edit form; the first saves, the second is refused with the
conflict message and what they typed is still in the form; the first one's change stays."""

from django.test import Client

from ducha.errors import Conflict
from ducha.org import services
from ducha.org.models import HolidayYear, Unit, User
from ducha.testing import CastTestCase

CONFLICT = str(Conflict.default_message)


def form_data(response) -> dict:
    """What the page's form would post as it was shown (hidden version included)."""
    form = response.context["form"]
    data = {}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        data[field.name] = getattr(value, "pk", value)
    return data


class NoLostEditTests(CastTestCase):
    def two_offices(self):
        first, second = Client(), Client()
        first.force_login(self.admin)
        second.force_login(self.office)
        return first, second

    def test_a_second_stale_save_of_a_unit_is_refused_and_keeps_what_was_typed(self):
        url = f"/org/units/{self.unit_yuhu.pk}/"
        first, second = self.two_offices()
        shown_first, shown_second = form_data(first.get(url)), form_data(second.get(url))
        response = first.post(url, shown_first | {"short_name": "雨湖"})
        self.assertEqual(response.status_code, 302)
        response = second.post(url, shown_second | {"name": "湘潭市雨湖区人民政府"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, CONFLICT, status_code=400)
        self.assertContains(response, 'value="湘潭市雨湖区人民政府"', status_code=400)  # the typed input kept
        unit = Unit.objects.get(pk=self.unit_yuhu.pk)
        self.assertEqual((unit.name, unit.short_name), ("雨湖区人民政府", "雨湖"))

    def test_a_second_stale_save_of_a_person_is_refused_and_keeps_what_was_typed(self):
        url = f"/org/people/{self.handler.pk}/"
        first, second = self.two_offices()
        shown_first, shown_second = form_data(first.get(url)), form_data(second.get(url))
        self.assertEqual(first.post(url, shown_first | {"post": "科长"}).status_code, 302)
        response = second.post(url, shown_second | {"phone": "0731-58580000"})
        self.assertContains(response, CONFLICT, status_code=400)
        self.assertContains(response, 'value="0731-58580000"', status_code=400)
        person = User.objects.get(pk=self.handler.pk)
        self.assertEqual((person.post, person.phone), ("科长", ""))

    def test_a_save_from_a_fresh_form_goes_through(self):
        url = f"/org/units/{self.unit_yuhu.pk}/"
        first, _second = self.two_offices()
        services.update_unit(self.unit_yuhu, actor=self.admin, short_name="雨湖")  # before the form is shown
        response = first.post(url, form_data(first.get(url)) | {"short_name": "雨湖区政府"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Unit.objects.get(pk=self.unit_yuhu.pk).short_name, "雨湖区政府")

    def test_a_second_stale_replacement_of_a_holiday_year_is_refused_and_keeps_what_was_typed(self):
        year = HolidayYear.objects.get(year=2026)
        url = f"/org/holidays/{year.pk}/"
        first, second = self.two_offices()
        shown_first, shown_second = form_data(first.get(url)), form_data(second.get(url))
        self.assertEqual(first.post(url, shown_first | {"source": "更正后的通知"}).status_code, 302)
        response = second.post(url, shown_second | {"source": "另一份通知"})
        self.assertContains(response, CONFLICT, status_code=400)
        self.assertContains(response, 'value="另一份通知"', status_code=400)
        self.assertEqual(HolidayYear.objects.get(year=2026).source, "更正后的通知")
