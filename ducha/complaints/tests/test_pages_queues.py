"""The work queues: the office's tabs and bulk dispatch, a handler unit's tabs, keyset
pages with query counts that do not grow, and a handler never seeing the complainant."""

import datetime as dt
from decimal import Decimal
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext

from ducha.audit.models import AuditEvent
from ducha.complaints.models import (
    Complaint,
    ComplaintStatus,
    RepeatSuggestion,
)
from ducha.complaints.services import dispatch as dispatching
from ducha.complaints.services import handling
from ducha.complaints.tests.test_pages_handling import DISPATCH_DAY, PNG, ROWS, HandlingPageTestCase, at


class OfficeQueueTests(HandlingPageTestCase):
    def test_office_sees_the_received_tab_with_counts(self):
        response = self.login(self.office).get("/complaints/queue/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(dict((k, n) for k, _label, n in response.context["tabs"])["received"], ROWS)
        self.assertEqual(len(response.context["page"].rows), ROWS)

    def test_handler_and_leader_may_not_open_the_queue(self):
        for user in (self.handler, self.leader):
            with self.subTest(user=user.username):
                self.assertEqual(self.login(user).get("/complaints/queue/").status_code, 403)

    def test_submitted_and_overdue_tabs_list_their_cases(self):
        c = self.submitted(self.named())
        client = self.login(self.office)
        with at(dt.datetime(2026, 11, 1, 10, tzinfo=dt.UTC)):  # after the due day
            submitted = client.get("/complaints/queue/?tab=submitted")
            overdue = client.get("/complaints/queue/?tab=overdue")
        self.assertEqual([row[0].pk for row in submitted.context["page"].rows], [c.pk])
        self.assertEqual([row[0].pk for row in overdue.context["page"].rows], [c.pk])
        self.assertContains(overdue, "已逾期17天")

    def test_due_soon_tab_lists_cases_due_within_three_days(self):
        c = self.dispatch(self.named())
        with at(dt.datetime(2026, 10, 13, 10, tzinfo=dt.UTC)):  # due 10-15
            response = self.login(self.office).get("/complaints/queue/?tab=due_soon")
        self.assertEqual([row[0].pk for row in response.context["page"].rows], [c.pk])

    def test_pending_requests_and_open_repeats_have_their_tabs(self):
        c = self.dispatch(self.named())
        dispatching.request_extension(c.assignments.get(), actor=self.handler, extra_days=5, reason="需要监测数据")
        RepeatSuggestion.objects.create(complaint=self.named(1), candidate=c, score=Decimal("0.9"), reasons=["同一村"])
        client = self.login(self.office)
        self.assertContains(client.get("/complaints/queue/?tab=requests"), "需要监测数据")
        self.assertContains(client.get("/complaints/queue/?tab=repeats"), "同一村")

    def test_the_queue_pages_with_a_keyset(self):
        client = self.login(self.office)
        with mock.patch("ducha.complaints.queries.PAGE_SIZE", 5):
            first = client.get("/complaints/queue/")
            cursor = first.context["page"].next_cursor
            second = client.get(f"/complaints/queue/?tab=received&after={cursor}")
        pks = [c.pk for c, _d in first.context["page"].rows] + [c.pk for c, _d in second.context["page"].rows]
        self.assertEqual(len(set(pks)), 10)

    def test_bulk_dispatch_sends_the_selected_complaints_to_the_lead_unit(self):
        chosen = list(Complaint.objects.order_by("pk")[:3])
        client = self.login(self.office)
        with at(DISPATCH_DAY):
            response = client.post(
                "/complaints/queue/dispatch/",
                {
                    "mode": "unit",
                    "complaints": [c.pk for c in chosen],
                    "lead_unit": self.unit_yuhu.pk,
                    "support_units": [self.unit_yuetang.pk],
                    "due_days": 10,
                    "due_kind": "working",
                },
            )
        self.assertEqual(response.status_code, 302)
        for c in chosen:
            c = self.fresh(c)
            self.assertEqual(
                (c.status, c.lead_unit_id, c.due_on), ("dispatched", self.unit_yuhu.pk, dt.date(2026, 10, 15))
            )
        self.assertEqual(AuditEvent.objects.filter(action="complaints.complaint.dispatch").count(), 3)

    def test_bulk_dispatch_by_region_rule_picks_each_county_government(self):
        chosen = list(Complaint.objects.filter(region_id__in=["430302", "430304"]).order_by("pk")[:4])
        client = self.login(self.office)
        with at(DISPATCH_DAY):
            response = client.post(
                "/complaints/queue/dispatch/", {"mode": "region", "complaints": [c.pk for c in chosen]}
            )
        self.assertEqual(response.status_code, 302)
        expected = {"430302": self.unit_yuhu.pk, "430304": self.unit_yuetang.pk}
        for c in chosen:
            self.assertEqual(self.fresh(c).lead_unit_id, expected[c.region_id])

    def test_bulk_dispatch_without_a_selection_says_so(self):
        response = self.login(self.office).post(
            "/complaints/queue/dispatch/", {"mode": "unit", "lead_unit": self.unit_yuhu.pk}
        )
        self.assertContains(response, "请先勾选要转办的信访件。", status_code=400)

    def test_bulk_dispatch_is_all_or_none(self):
        chosen = list(Complaint.objects.order_by("pk")[:3])
        self.dispatch(chosen[2])
        client = self.login(self.office)
        with at(DISPATCH_DAY):
            response = client.post(
                "/complaints/queue/dispatch/",
                {"mode": "unit", "complaints": [c.pk for c in chosen], "lead_unit": self.unit_yuhu.pk},
            )
        # the third is no longer "received", so the form refuses the whole selection
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.fresh(chosen[0]).status, ComplaintStatus.RECEIVED)

    def test_queue_queries_do_not_grow_with_rows(self):
        client = self.login(self.office)
        for tab in ("received", "submitted", "due_soon", "overdue", "requests", "repeats"):
            with self.subTest(tab=tab):
                with mock.patch("ducha.complaints.queries.PAGE_SIZE", 2):
                    with CaptureQueriesContext(connection) as few:
                        client.get(f"/complaints/queue/?tab={tab}")
                with CaptureQueriesContext(connection) as many:
                    client.get(f"/complaints/queue/?tab={tab}")
                self.assertEqual(len(few), len(many))
                self.assertLessEqual(len(many), 12)


class HandlerQueueTests(HandlingPageTestCase):
    def test_handler_sees_what_was_dispatched_to_the_unit_with_days_left(self):
        c = self.dispatch(self.named())
        client = self.login(self.handler)
        with at(dt.datetime(2026, 10, 13, 10, tzinfo=dt.UTC)):
            response = client.get("/complaints/mine/")
        self.assertEqual([row[0].pk for row in response.context["page"].rows], [c.pk])
        self.assertContains(response, "剩余2天")

    def test_overdue_days_are_red(self):
        self.dispatch(self.named())
        client = self.login(self.handler)
        with at(dt.datetime(2026, 10, 20, 10, tzinfo=dt.UTC)):
            response = client.get("/complaints/mine/")
        self.assertContains(response, '<span class="error overdue">已逾期5天</span>', html=True)

    def test_another_district_sees_nothing(self):
        self.dispatch(self.named())
        response = self.login(self.handler2).get("/complaints/mine/")
        self.assertEqual(response.context["page"].rows, [])

    def test_supporting_unit_finds_the_case_in_its_support_tab(self):
        c = self.dispatch(self.named(), support_units=[self.unit_yuetang])
        response = self.login(self.handler2).get("/complaints/mine/?tab=support")
        self.assertEqual([row[0].pk for row in response.context["page"].rows], [c.pk])

    def test_office_may_not_open_the_handler_queue(self):
        self.assertEqual(self.login(self.office).get("/complaints/mine/").status_code, 403)

    def test_handler_queue_queries_do_not_grow_with_rows(self):
        for c in Complaint.objects.order_by("pk")[:6]:
            self.dispatch(c)
        client = self.login(self.handler)
        with mock.patch("ducha.complaints.queries.PAGE_SIZE", 2):
            with CaptureQueriesContext(connection) as few:
                client.get("/complaints/mine/")
        with CaptureQueriesContext(connection) as many:
            client.get("/complaints/mine/")
        self.assertEqual(len(few), len(many))
        self.assertLessEqual(len(many), 8)

    def test_home_shows_the_handler_counts(self):
        self.dispatch(self.named())
        response = self.login(self.handler).get("/home/")
        self.assertContains(
            response, '<a href="/complaints/mine/?tab=todo">待办理</a> <strong class="count">1</strong>'
        )

    def test_home_shows_the_office_counts(self):
        response = self.login(self.office).get("/home/")
        self.assertContains(
            response, f'<a href="/complaints/queue/?tab=received">待转办</a> <strong class="count">{ROWS}</strong>'
        )


class HandlerNeverSeesTheComplainantTests(HandlingPageTestCase):
    def test_no_page_a_handler_reaches_shows_the_name_or_phone(self):
        c = self.dispatch(self.named(), support_units=[self.unit_yuetang])
        handling.add_evidence(c, actor=self.handler, name="现场.png", content=PNG)
        sample = self.samples[c.ref]
        urls = [
            "/home/",
            "/complaints/",
            "/complaints/mine/",
            "/complaints/mine/?tab=support",
            f"/complaints/{c.pk}/",
            f"/complaints/{c.pk}/evidence/",
            "/complaints/figures/",
        ]
        for user in (self.handler, self.handler2):
            client = self.login(user)
            for url in urls:
                with self.subTest(user=user.username, url=url):
                    response = client.get(url)
                    self.assertEqual(response.status_code, 200)
                    self.assertNotContains(response, sample.name)
                    self.assertNotContains(response, sample.phone)
