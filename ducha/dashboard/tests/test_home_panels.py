"""Each role's home shows real counts, each a link, on the demo data: the leader's
three cards, the supervisor's overdue card and the office's rectification card used
to say 暂无数据 because only the complaints area contributed cards."""

import io

from django.core.management import call_command
from django.test import TestCase

from ducha.org.models import User


class HomeWithDemoDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", verbosity=0, stdout=io.StringIO())

    def panels(self, username):
        self.client.force_login(User.objects.get(username=username))
        response = self.client.get("/home/")
        self.assertNotContains(response, "暂无数据")
        return {str(title): rows for title, rows in response.context["panels"]}

    def test_the_leaders_three_cards_count_what_the_board_counts(self):
        panels = self.panels("leader")
        complaints = dict((label, n) for label, n, _link in panels["信访件办结情况"])
        self.assertEqual((complaints["交办信访件"], complaints["已办结"]), (312, 312))
        findings = dict((label, n) for label, n, _link in panels["反馈问题整改情况"])
        self.assertEqual((findings["反馈问题"], findings["已销号"]), (14, 13))
        people = dict((label, n) for label, n, _link in panels["问责情况"])
        self.assertEqual((people["约谈（人）"], people["问责（人）"]), (27, 59))

    def test_a_card_leads_to_a_list_of_its_length(self):
        label, count, link = self.panels("leader")["反馈问题整改情况"][0]
        response = self.client.get(link)
        self.assertEqual(response.context["total"], count)

    def test_the_supervisors_overdue_card_and_notices_have_counts(self):
        panels = self.panels("supervisor")
        self.assertTrue(panels["逾期事项"])
        self.assertEqual(sum(n for _l, n, _u in panels["督办单"]), 2)

    def test_the_offices_rectification_card_has_counts(self):
        rows = self.panels("office")["整改任务进度"]
        self.assertEqual(rows[0][:2], ("反馈问题", 14))

    def test_a_handler_sees_the_units_complaints_and_tasks(self):
        panels = self.panels("handler")
        self.assertIn("本单位整改任务", panels)
        self.assertTrue(all(link.startswith("/") for _l, _n, link in panels["本单位待办信访件"]))
