"""Findings, their tasks and the figures in the API: what the user may see, and the
figures the same JSON as `figures --json`."""

import json
from io import StringIO

from django.core.cache import cache
from django.core.management import call_command

from ducha.audit.models import AuditEvent
from ducha.org.tokens import create_token
from ducha.rectification.models import Finding, ProgressReport
from ducha.rectification.tests.support import RectificationTestCase


class RectificationApiTests(RectificationTestCase):
    def setUp(self):
        super().setUp()
        cache.clear()  # failed tokens counted by other tests must not throttle these

    def get(self, url, user=None, **params):
        token = create_token(user or self.office, actor=self.admin, name="测试")[1]
        return self.client.get(url, params, HTTP_AUTHORIZATION=f"Bearer {token}")

    def test_the_office_lists_the_findings_with_their_tasks(self):
        findings = self.get("/api/v1/findings", inspection=self.inspection.code).json()
        self.assertEqual(len(findings), Finding.objects.count())
        first = Finding.objects.order_by("number").first()
        tasks = self.get(f"/api/v1/findings/{first.pk}/tasks").json()
        self.assertEqual(
            [t["number"] for t in tasks], list(first.tasks.order_by("number").values_list("number", flat=True))
        )
        self.assertTrue(all(t["state"] for t in tasks))

    def test_a_finding_the_user_may_not_see_is_not_found(self):
        finding = Finding.objects.first()
        self.assertEqual(self.get(f"/api/v1/findings/{finding.pk}", self.stranger).status_code, 404)
        self.assertEqual(self.get(f"/api/v1/findings/{finding.pk}/tasks", self.stranger).status_code, 404)

    def test_the_figures_are_the_figures_commands_json(self):
        out = StringIO()
        call_command("figures", "--inspection", self.inspection.code, "--date", "2018-09-01", "--json", stdout=out)
        response = self.get("/api/v1/figures", inspection=self.inspection.code, date="2018-09-01")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), json.loads(out.getvalue()))

    def test_figures_of_an_unknown_inspection_are_not_found(self):
        response = self.get("/api/v1/figures", inspection="nope")
        self.assertEqual((response.status_code, response.json()["code"]), (404, "not_found"))


class ProgressApiTests(RectificationTestCase):
    def setUp(self):
        super().setUp()
        cache.clear()  # failed tokens counted by other tests must not throttle these

    def post(self, task, user, **data):
        token = create_token(user, actor=self.admin, name="区OA")[1]
        return self.client.post(
            f"/api/v1/tasks/{task.pk}/progress",
            data,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )

    def test_a_responsible_unit_reports_progress_through_the_service(self):
        task = self.task(2, 1)
        response = self.post(task, self.handler, period="2019-01-15", text="已完成清理", percent=40)
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual((response.json()["period"], response.json()["percent"]), ("2019-01-01", 40))
        report = ProgressReport.objects.get(task=task)
        self.assertEqual(report.reported_by, self.handler)
        self.assertTrue(AuditEvent.objects.filter(action="rectification.progress.report", actor_id=self.handler.pk))

    def test_a_task_of_another_district_is_not_found(self):
        response = self.post(self.task(1, 1), self.handler, period="2019-01-01", text="进展", percent=10)
        self.assertEqual(response.status_code, 404)
        self.assertFalse(ProgressReport.objects.exists())

    def test_a_future_month_is_a_located_error(self):
        response = self.post(self.task(2, 1), self.handler, period="2099-01-01", text="进展", percent=10)
        self.assertEqual((response.status_code, response.json()["field"]), (400, "period"))
