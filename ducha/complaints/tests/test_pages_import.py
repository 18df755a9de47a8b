"""Upload → check → confirm: the office sees every located problem before anything is written."""

import io
import tempfile
from pathlib import Path

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from ducha.audit.models import AuditEvent
from ducha.complaints import exports
from ducha.complaints.models import Batch, Complaint, ImportJob, ImportJobStatus
from ducha.complaints.tests.test_pages_support import check_messy, make_inspection
from ducha.core.parsing.tests import messy
from ducha.testing import CastTestCase

UPLOAD = "/complaints/imports/new/"


class ImportPageTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.inspection = make_inspection(cls.office)

    def setUp(self):
        super().setUp()
        self.folder = Path(tempfile.mkdtemp())

    def upload(self, *, rows=20, seed=1, plant=False, name="第3批交办件.xlsx", csv=False):
        path = self.folder / name
        if csv:
            messy.write_batch_csv(path, rows=rows, seed=seed, plant=plant)
        else:
            messy.write_batch_xlsx(path, rows=rows, seed=seed, plant=plant)
        with path.open("rb") as fh:
            return self.client.post(UPLOAD, {"inspection": self.inspection.pk, "file": fh})

    def confirm(self, job):
        return self.client.post(f"/complaints/imports/{job.pk}/confirm/")

    def test_a_bad_file_shows_each_error_where_it_is_and_writes_nothing(self):
        self.login(self.office)
        response = self.upload(plant=True, csv=True, name="第3批.csv")
        job = ImportJob.objects.get()
        self.assertRedirects(response, f"/complaints/imports/{job.pk}/")
        page = self.client.get(response["Location"])
        self.assertContains(page, "发现 7 个错误：未写入任何数据")
        self.assertContains(page, "<td>2021年2月30日</td><td>日期或时间不存在，请核对年月日和时分</td>", html=False)
        self.assertContains(page, "无法识别的行政区域“长沙市岳麓区”")
        self.assertContains(page, 'id="confirm-import" disabled')
        self.assertFalse(Complaint.objects.exists())
        self.assertFalse(Batch.objects.exists())

    def test_the_preview_shows_the_detected_header_mapping_and_counts(self):
        self.login(self.office)
        page = self.client.get(self.upload(rows=20)["Location"])
        self.assertContains(page, "<td>B</td><td>受理编号</td><td>受理编号</td>", html=False)
        self.assertContains(page, '<td>L</td><td>备注</td><td><span class="muted">未识别（不导入）</span>', html=False)
        self.assertContains(page, "第3批，共 20 行数据：将新增 20 件，更新 0 件，0 件未变。")
        self.assertEqual(ImportJob.objects.get().status, ImportJobStatus.CHECKED)
        self.assertFalse(Complaint.objects.exists())

    def test_confirm_imports_the_checked_file(self):
        self.login(self.office)
        job = ImportJob.objects.get(pk=self.upload(rows=20)["Location"].split("/")[-2])
        response = self.confirm(job)
        self.assertRedirects(response, f"/complaints/imports/{job.pk}/")
        job.refresh_from_db()
        self.assertEqual(job.status, ImportJobStatus.DONE)
        self.assertEqual(Complaint.objects.count(), 20)
        self.assertEqual(Batch.objects.get().source_name, "第3批交办件.xlsx")
        page = self.client.get(f"/complaints/imports/{job.pk}/")
        self.assertContains(page, "已导入第3批：新增 20 件")
        self.assertContains(page, f'href="/complaints/?batch={Batch.objects.get().pk}"')
        actions = set(AuditEvent.objects.filter(object_type="complaints.importjob").values_list("action", flat=True))
        self.assertEqual(
            actions,
            {
                "complaints.import_job.check",
                "complaints.import_job.confirm",
                "complaints.import_job.start",
                "complaints.import_job.finish",
            },
        )

    def test_the_same_file_again_reports_every_complaint_unchanged(self):
        self.login(self.office)
        first = ImportJob.objects.get(pk=self.upload(rows=20)["Location"].split("/")[-2])
        self.confirm(first)
        page = self.client.get(self.upload(rows=20)["Location"])
        self.assertContains(page, "共 20 行数据：将新增 0 件，更新 0 件，20 件未变。")

    def test_a_job_is_confirmed_once(self):
        self.login(self.office)
        job = ImportJob.objects.get(pk=self.upload(rows=20)["Location"].split("/")[-2])
        self.confirm(job)
        response = self.client.post(f"/complaints/imports/{job.pk}/confirm/", follow=True)
        self.assertContains(response, "该文件已提交导入，请勿重复提交。")
        self.assertEqual(Complaint.objects.count(), 20)

    def test_a_file_with_errors_cannot_be_confirmed(self):
        self.login(self.office)
        job = ImportJob.objects.get(pk=self.upload(plant=True)["Location"].split("/")[-2])
        response = self.client.post(f"/complaints/imports/{job.pk}/confirm/", follow=True)
        self.assertContains(response, "文件仍有错误，不能导入：请修改后重新上传。")
        self.assertEqual(ImportJob.objects.get().status, ImportJobStatus.CHECKED)
        self.assertFalse(Complaint.objects.exists())

    def test_other_file_types_are_refused_in_chinese(self):
        self.login(self.office)
        upload = SimpleUploadedFile("交办件.docx", b"not a sheet")
        response = self.client.post(UPLOAD, {"inspection": self.inspection.pk, "file": upload})
        self.assertContains(response, "文件类型不支持：请上传 .xlsx、.xls 或 .csv 文件。", status_code=400)
        self.assertFalse(ImportJob.objects.exists())

    def test_files_over_50_mb_are_refused_in_chinese(self):
        self.login(self.office)
        upload = SimpleUploadedFile("交办件.csv", b"")
        upload.size = 50 * 1024 * 1024 + 1
        from ducha.complaints.forms import UploadForm

        form = UploadForm({"inspection": self.inspection.pk}, {"file": upload}, user=self.office)
        self.assertFalse(form.is_valid())
        self.assertEqual(form.errors["file"], ["文件超过 50 MB，请拆分后分别上传。"])

    def test_leader_may_not_upload(self):
        self.assertEqual(self.login(self.leader).get(UPLOAD).status_code, 403)

    def test_handler_cannot_open_the_office_upload(self):
        job = check_messy(self.office, self.inspection)
        self.assertEqual(self.login(self.handler).get(f"/complaints/imports/{job.pk}/").status_code, 404)


class ProblemsSpreadsheetTests(CastTestCase):
    def test_the_problems_download_lists_each_problem_as_text(self):
        job = check_messy(self.office, make_inspection(self.office), plant=True)
        response = self.login(self.office).get(f"/complaints/imports/{job.pk}/problems.xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response["Content-Disposition"])
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0], ("类型", "工作表", "行", "列", "字段", "值", "问题"))
        self.assertIn(
            ("错误", "第3批", "8", "G", "受理时间", "2021年2月30日", "日期或时间不存在，请核对年月日和时分"), rows
        )

    def test_the_problems_download_never_holds_a_formula(self):
        problem = {"sheet": "第3批", "row": 9, "column": "C", "header": "交办问题基本情况", "message": "…"}
        body = exports.problems_xlsx(
            [problem | {"value": "=SUM(A1)"}, problem | {"value": '=HYPERLINK("http://x")'}],
            [problem | {"value": "+1+1"}, problem | {"value": "@cmd"}],
        )
        sheet = openpyxl.load_workbook(io.BytesIO(body)).active
        cells = [cell for row in sheet.iter_rows() for cell in row]
        self.assertEqual([c.coordinate for c in cells if c.data_type == "f"], [])
        self.assertIn("=SUM(A1)", [c.value for c in cells])
