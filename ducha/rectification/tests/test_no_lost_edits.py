"""Two people settle the same task's deadline from stale forms: the second is refused with
the conflict message and its input kept; the first one's deadline stays."""

import datetime as dt

from django.test import Client

from ducha.org.tests.test_no_lost_edits import CONFLICT, form_data
from ducha.rectification.models import Task
from ducha.rectification.tests.support import sample_task
from ducha.testing import CastTestCase


class NoLostSettleTests(CastTestCase):
    def test_a_second_stale_settling_of_a_deadline_is_refused_and_keeps_what_was_typed(self):
        task = sample_task(self)
        url = f"/rectification/tasks/{task.pk}/deadline/"
        first, second = Client(), Client()
        first.force_login(self.office)
        second.force_login(self.office)  # the same office in two windows
        shown_first, shown_second = form_data(first.get(url)), form_data(second.get(url))
        response = first.post(url, shown_first | {"kinds": ["deadline"], "due_date": "2019-04-30"})
        self.assertEqual(response.status_code, 302)
        response = second.post(url, shown_second | {"kinds": ["deadline"], "due_date": "2019-06-30"})
        self.assertContains(response, CONFLICT, status_code=400)
        self.assertContains(response, 'value="2019-06-30"', status_code=400)
        self.assertEqual(Task.objects.get(pk=task.pk).due_date, dt.date(2019, 4, 30))
