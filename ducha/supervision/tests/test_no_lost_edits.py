"""Two people edit the same alert rule: the second stale save is refused, its input kept."""

from django.test import Client

from ducha.org.tests.test_no_lost_edits import CONFLICT, form_data
from ducha.supervision.models import AlertRule, ItemKind
from ducha.supervision.services import overdue
from ducha.testing import CastTestCase


class NoLostRuleEditTests(CastTestCase):
    def test_a_second_stale_save_of_an_alert_rule_is_refused_and_keeps_what_was_typed(self):
        rule = overdue.rules()[ItemKind.COMPLAINT]
        url = f"/supervision/rules/{rule.pk}/"
        first, second = Client(), Client()
        first.force_login(self.admin)
        second.force_login(self.office)
        shown_first, shown_second = form_data(first.get(url)), form_data(second.get(url))
        self.assertEqual(first.post(url, shown_first | {"yellow_days": 5}).status_code, 302)
        response = second.post(url, shown_second | {"escalate_after_days": 9})
        self.assertContains(response, CONFLICT, status_code=400)
        self.assertContains(response, 'value="9"', status_code=400)
        rule = AlertRule.objects.get(pk=rule.pk)
        self.assertEqual((rule.yellow_days, rule.escalate_after_days == 9), (5, False))
