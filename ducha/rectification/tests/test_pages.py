"""The rectification pages: the leaders' list, a finding, progress with evidence, export."""

import datetime as dt
import io
import tempfile
from pathlib import Path

from django.urls import reverse
from python_calamine import CalamineWorkbook

from ducha.audit.models import AuditEvent
from ducha.rectification.models import Evidence, ProgressReport, Task
from ducha.rectification.services import progress, task_list
from ducha.rectification.tests.support import PDF, PNG, RectificationTestCase, make_inspection, write_task_list


class FindingListTests(RectificationTestCase):
    def test_a_leader_sees_their_own_findings_first(self):
        response = self.login(self.leader).get(reverse("rectification:finding_list"))
        numbers = [f.number for f in response.context["findings"]]
        self.assertEqual(numbers, [1, 2, 3])  # 陈建国 leads 1 and 2
        self.assertEqual([f.mine for f in response.context["findings"]], [True, True, False])

    def test_the_list_shows_lead_unit_tasks_done_and_figures(self):
        response = self.login(self.office).get(reverse("rectification:finding_list"))
        first = response.context["findings"][0]
        self.assertEqual((first.lead_unit_name, first.tasks_done, first.tasks_total), ("湘潭市生态环境局", 0, 3))
        self.assertEqual(response.context["figures"]["total"], 3)

    def test_a_handler_sees_only_findings_with_their_units_tasks(self):
        response = self.login(self.handler).get(reverse("rectification:finding_list"))  # 雨湖区
        self.assertEqual([f.number for f in response.context["findings"]], [2, 3])

    def test_the_list_page_has_a_query_ceiling(self):
        client = self.login(self.office)
        client.get(reverse("rectification:finding_list"))
        with self.assertNumQueries(9):  # 8, and the nav's unread notification count
            client.get(reverse("rectification:finding_list"))

    def test_units_that_have_not_reported_this_month_are_listed(self):
        response = self.login(self.office).get(reverse("rectification:finding_list"))
        self.assertIn("雨湖区人民政府", [u.name for u in response.context["not_reported"]])


class ProgressPageTests(RectificationTestCase):
    def test_a_responsible_handler_reports_with_evidence(self):
        task = self.task(2, 1)  # 雨湖区，市住建局
        url = reverse("rectification:task_report", args=[task.pk])
        month = dt.date.today().strftime("%Y-%m")
        response = self.login(self.handler).post(
            url,
            {"period": month, "percent": 40, "stage": "", "text": "完成管网改造40%",
             "files": [_upload("现场.png", PNG), _upload("方案.pdf", PDF)]},
        )  # fmt: skip
        self.assertEqual(response.status_code, 302)
        report = ProgressReport.objects.get(task=task)
        self.assertEqual((report.unit.name, report.percent, report.stage), ("雨湖区人民政府", 40, "underway"))
        self.assertEqual(sorted(report.evidence.values_list("kind", flat=True)), ["image", "pdf"])
        event = AuditEvent.objects.get(action="rectification.progress.report")
        self.assertEqual([f["name"] for f in event.after["files"]], ["现场.png", "方案.pdf"])

    def test_a_file_whose_content_is_not_its_extension_is_refused(self):
        task = self.task(2, 1)
        response = self.login(self.handler).post(
            reverse("rectification:task_report", args=[task.pk]),
            {"period": "2019-01", "percent": 40, "text": "进展", "files": [_upload("现场.png", PDF)]},
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(
            response.context["form"].errors["files"], ["文件“现场.png”的内容与扩展名不符，可能已损坏或被改名。"]
        )
        self.assertFalse(ProgressReport.objects.exists())

    def test_a_handler_may_not_report_on_another_units_task(self):
        task = self.task(1, 1)  # 市生态环境局，岳塘区
        response = self.login(self.handler).get(reverse("rectification:task_report", args=[task.pk]))
        self.assertEqual(response.status_code, 404)

    def test_evidence_downloads_for_whoever_sees_the_finding(self):
        task = self.task(2, 1)
        progress.report_progress(
            task, actor=self.handler, period=dt.date(2019, 1, 1), text="进展", percent=10, files=[("a.png", PNG)]
        )
        evidence = Evidence.objects.get()
        response = self.login(self.leader).get(reverse("rectification:evidence_download", args=[evidence.pk]))
        self.assertEqual(b"".join(response.streaming_content), PNG)


class OfficePageTests(RectificationTestCase):
    def test_the_office_records_an_acceptance_through_the_page(self):
        finding = self.finding(3)
        form = {
            "date": "2019-11-01",
            "team": "市环委办验收组",
            "result": "passed",
            "opinion": "整改到位",
            "tasks": [t.pk for t in finding.tasks.all()],
        }
        response = self.login(self.office).post(reverse("rectification:finding_accept", args=[finding.pk]), form)
        self.assertRedirects(response, reverse("rectification:finding_detail", args=[finding.pk]))
        self.assertEqual(AuditEvent.objects.get(action="rectification.finding.accept").object_id, str(finding.pk))

    def test_sign_off_refused_on_the_page_names_what_is_missing(self):
        finding = self.finding(1)
        response = self.login(self.office).post(reverse("rectification:finding_sign_off", args=[finding.pk]))
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "不能销号：任务1、任务2、任务3尚未验收；尚未公示。", status_code=400)

    def test_the_export_merges_each_finding_and_reads_back_unchanged(self):
        response = self.login(self.office).get(reverse("rectification:export") + "?inspection=2017-hunan")
        body = b"".join([response.content])
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(body)).get_sheet_by_index(0)
        self.assertEqual(
            len(sheet.merged_cell_ranges or []), 1 + 3 * 2 + 1
        )  # title; 序号/问题/领导 ×2 findings; target
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "export.xlsx"
            path.write_bytes(body)
            result = task_list.import_tasks(path, actor=self.office, inspection=self.inspection)
        self.assertEqual((result.errors, result.created, result.updated, result.unchanged), ([], 0, 0, 6))

    def test_the_office_imports_a_list_through_the_page(self):
        inspection = make_inspection("2018-lookback")
        client = self.login(self.office)
        with tempfile.TemporaryDirectory() as folder:
            path = write_task_list(Path(folder) / "清单.xlsx").path
            with path.open("rb") as fh:
                response = client.post(
                    reverse("rectification:import_upload"), {"inspection": inspection.pk, "file": fh}
                )
        self.assertContains(response, "共3个问题、6项任务：将新增6项")
        confirm = response.context["confirm"].initial
        response = client.post(reverse("rectification:import_confirm"), confirm)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Task.objects.filter(finding__inspection=inspection).count(), 6)


def _upload(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)
