"""A file of more than 3000 rows imports on the task worker; its page polls until done."""

from unittest import mock

from ducha.audit.models import AuditEvent
from ducha.complaints.models import Complaint, ImportJob, ImportJobStatus
from ducha.complaints.services import import_jobs
from ducha.complaints.tests.test_pages_support import check_messy, make_inspection
from ducha.testing import CastTestCase

BIG = import_jobs.BACKGROUND_ROWS + 1


class ImportTaskTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.inspection = make_inspection(cls.office)

    def setUp(self):
        super().setUp()
        # per test: the upload is a file on disk, and an import removes it
        self.job = check_messy(self.office, self.inspection, rows=BIG, seed=7)

    def test_a_large_file_is_queued_for_the_worker_and_its_page_polls(self):
        client = self.login(self.office)
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            client.post(f"/complaints/imports/{self.job.pk}/confirm/")
        self.assertEqual(len(callbacks), 1)  # the enqueue, sent only once the confirm commits
        self.assertEqual(ImportJob.objects.get().status, ImportJobStatus.QUEUED)
        self.assertFalse(Complaint.objects.exists())
        page = client.get(f"/complaints/imports/{self.job.pk}/")
        self.assertContains(page, 'hx-trigger="every 1s"')
        self.assertContains(page, f'<progress value="0" max="{BIG}">', html=False)

    def test_the_task_imports_it_and_the_page_then_shows_the_result_and_stops_polling(self):
        client = self.login(self.office)
        with self.captureOnCommitCallbacks(execute=True):  # the ImmediateBackend runs the task inline
            client.post(f"/complaints/imports/{self.job.pk}/confirm/")
        job = ImportJob.objects.get()
        self.assertEqual((job.status, job.rows_done), (ImportJobStatus.DONE, BIG))
        self.assertEqual(Complaint.objects.count(), BIG)
        fragment = client.get(f"/complaints/imports/{job.pk}/", headers={"HX-Request": "true"})
        self.assertContains(fragment, f"已导入第3批：新增 {BIG} 件")
        self.assertNotContains(fragment, "hx-trigger")
        self.assertTrue(
            AuditEvent.objects.filter(action="complaints.import_job.finish", object_id=str(job.pk)).exists()
        )

    def test_a_job_delivered_twice_is_imported_once(self):
        with self.captureOnCommitCallbacks(execute=True):
            import_jobs.confirm_import(self.job, actor=self.office)
        again = import_jobs.execute_import(self.job.pk)
        self.assertEqual(again.status, ImportJobStatus.DONE)
        self.assertEqual(AuditEvent.objects.filter(action="complaints.import_job.start").count(), 1)
        self.assertEqual(AuditEvent.objects.filter(action="complaints.batch.import").count(), 1)

    def test_a_failing_import_marks_the_job_failed_without_a_traceback(self):
        with (
            mock.patch.object(import_jobs, "import_batch", side_effect=RuntimeError("disk gone")),
            self.captureOnCommitCallbacks(execute=True),
        ):
            import_jobs.confirm_import(self.job, actor=self.office)
        job = ImportJob.objects.get()
        self.assertEqual(job.status, ImportJobStatus.FAILED)
        page = self.login(self.office).get(f"/complaints/imports/{job.pk}/")
        self.assertContains(page, "导入意外中断，未写入任何数据，请重试或联系管理员。")
        self.assertNotContains(page, "disk gone")
        self.assertFalse(Complaint.objects.exists())
