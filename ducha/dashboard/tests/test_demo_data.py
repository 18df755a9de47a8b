"""The demo data as people meet it. Each role's home shows real counts, each a link
(the leader's three cards, the supervisor's overdue card and the office's
rectification card used to say 暂无数据: only the complaints area contributed cards);
sign-offs spread over 2017–2018; people's posts fit their units; the weekly trend runs
week by week."""

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

    def test_sign_offs_spread_over_2017_and_2018(self):
        from ducha.rectification.models import Finding

        days = [d for d in Finding.objects.values_list("signed_off_at", flat=True) if d]
        self.assertEqual(len(days), 13)
        self.assertEqual({d.year for d in days}, {2017, 2018})
        self.assertGreaterEqual(len({(d.year, d.month) for d in days}), 12)

    def test_posts_fit_their_units(self):
        from ducha.supervision.demo import POSTS
        from ducha.supervision.models import Person

        bureau = POSTS["department"] + POSTS["environment"] + POSTS["branch"]
        for name, post, kind in Person.objects.values_list("unit__name", "post", "unit__kind"):
            with self.subTest(unit=name, post=post):
                if kind == "department":
                    self.assertIn(post, bureau)
                    self.assertTrue(name.endswith("局"))
                elif kind == "park":
                    self.assertIn(post, POSTS["park"])
                if name.endswith("县人民政府"):
                    self.assertNotIn("区长", post)

    def test_the_weekly_trend_has_every_week_and_no_year_jump(self):
        import datetime as dt

        self.client.force_login(User.objects.get(username="leader"))
        trend = self.client.get("/dashboard/").context["chart"]["trend"]
        weeks = [dt.date.fromisoformat(r["week"]) for r in trend]
        self.assertTrue(weeks)
        self.assertEqual({(b - a).days for a, b in zip(weeks, weeks[1:], strict=False)} or {7}, {7})
        self.assertEqual(sum(r["closed"] for r in trend), 312)
