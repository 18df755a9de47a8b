"""The figures command: findings and tasks of an inspection, each figure one query."""

import datetime as dt
import io
import json
from unittest import mock

from django.core.management import call_command

from ducha.dashboard.engine import scope_for_region
from ducha.rectification import figures
from ducha.rectification.models import AcceptanceResult
from ducha.rectification.services import acceptance
from ducha.rectification.tests.support import RectificationTestCase, make_inspection


def run(*args) -> dict:
    out = io.StringIO()
    call_command("figures", *args, stdout=out)
    return json.loads(out.getvalue())


class FiguresTests(RectificationTestCase):
    def scope(self):
        return scope_for_region(self.inspection, dt.date(2019, 2, 1))

    def sign_off(self, number):
        finding = self.finding(number)
        acceptance.accept_finding(
            finding, actor=self.office, date=dt.date(2019, 1, 10), team="验收组", result=AcceptanceResult.PASSED,
            opinion="到位",
        )  # fmt: skip
        acceptance.start_notice(finding, actor=self.office, start_date=dt.date(2019, 1, 11), days=5, channel="政府网站")
        with mock.patch("django.utils.timezone.localdate", return_value=dt.date(2019, 2, 1)):
            acceptance.sign_off_finding(finding, actor=self.office)

    def test_prints_findings_and_tasks_by_state(self):
        self.sign_off(3)
        acceptance.accept_finding(
            self.finding(1), actor=self.office, date=dt.date(2019, 1, 10), team="验收组",
            result=AcceptanceResult.PASSED, opinion="到位",
        )  # fmt: skip
        data = run("--inspection", "2017-hunan", "--date", "2019-02-01", "--json")
        # other areas add their own keys to the same command; these are this area's
        self.assertEqual(
            {k: data[k] for k in ("inspection", "findings", "tasks")},
            {
                "inspection": "2017-hunan",
                "findings": {"total": 3, "signed_off": 1, "rectified_not_signed_off": 1, "on_schedule": 0, "behind": 1},
                "tasks": {"done": 2, "ongoing": 2, "on_schedule": 0, "behind": 1, "overdue": 0, "review": 1},
            },
        )

    def test_without_an_inspection_prints_every_inspection(self):
        make_inspection("2018-lookback")
        data = run("--json", "--date", "2019-02-01")
        self.assertEqual([d["inspection"] for d in data], ["2017-hunan", "2018-lookback"])
        self.assertEqual(data[1]["findings"]["total"], 0)

    def test_each_figure_group_is_one_query(self):
        with self.assertNumQueries(1):
            figures.findings(self.scope())
        with self.assertNumQueries(1):
            figures.tasks(self.scope())

    def test_the_partition_adds_up(self):
        data = figures.findings(self.scope())
        self.assertEqual(data["total"], sum(v for k, v in data.items() if k != "total"))
