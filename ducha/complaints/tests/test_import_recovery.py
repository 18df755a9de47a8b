"""Import jobs outlive their worker: a job left running by a dead worker is found by its
old heartbeat and failed with a message; the office retries it from the page; a
restarted worker picks the retried job up from the queue."""

import datetime as dt
import io
import json
import os
import signal
import subprocess
import sys
import time
from unittest import mock

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ducha.audit.models import AuditEvent
from ducha.complaints.models import Complaint, ImportJob, ImportJobStatus
from ducha.complaints.services import import_jobs
from ducha.complaints.services.import_recovery import (
    Heartbeat,
    fail_stalled_imports,
    heartbeat_path,
    is_stalled,
    retry_import,
)
from ducha.complaints.tests.test_pages_support import check_messy, make_inspection
from ducha.org.scoping import system_user
from ducha.testing import CastTestCase, CommittingTestCase

STALLED = "导入进程已停止响应（超过5分钟没有心跳），未写入任何数据：可以点击“重新导入”。"


def leave_running(job: ImportJob, *, minutes_ago: int) -> ImportJob:
    """What a worker killed mid-import leaves behind: the row running, the heartbeat old.
    (The import's own transaction died with the worker: no complaint is left.)"""
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJobStatus.RUNNING, heartbeat_at=timezone.now() - dt.timedelta(minutes=minutes_ago)
    )
    heartbeat_path(job.pk).unlink(missing_ok=True)
    return ImportJob.objects.get(pk=job.pk)


def scan() -> list[int]:
    out = io.StringIO()
    call_command("scan_import_jobs", "--json", stdout=out)
    return json.loads(out.getvalue())["failed"]


class StalledJobTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.inspection = make_inspection(cls.office)

    def setUp(self):
        super().setUp()
        job = check_messy(self.office, self.inspection, rows=12, seed=4)
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJobStatus.QUEUED)  # confirmed, sent to the worker
        self.job = job

    def test_a_job_left_running_with_an_old_heartbeat_is_marked_failed_by_the_scan(self):
        job = leave_running(self.job, minutes_ago=6)
        self.assertEqual(scan(), [job.pk])
        job.refresh_from_db()
        self.assertEqual(job.status, ImportJobStatus.FAILED)
        self.assertEqual(job.result["errors"][0]["message"], STALLED)
        self.assertTrue(AuditEvent.objects.filter(action="complaints.import_job.stall", object_id=str(job.pk)).exists())
        self.assertEqual(scan(), [])  # once

    def test_a_running_job_whose_worker_beats_is_left_alone(self):
        job = leave_running(self.job, minutes_ago=60)
        heartbeat_path(job.pk).touch()  # the worker is alive, just slow
        self.assertFalse(is_stalled(job))
        self.assertEqual(scan(), [])
        self.assertEqual(ImportJob.objects.get(pk=job.pk).status, ImportJobStatus.RUNNING)

    def test_the_office_retries_a_failed_job_from_its_page_and_it_imports(self):
        job = leave_running(self.job, minutes_ago=6)
        scan()
        self.login(self.office)
        page = self.client.get(f"/complaints/imports/{job.pk}/")
        self.assertContains(page, STALLED)
        self.assertContains(page, 'id="retry-import"')
        response = self.client.post(f"/complaints/imports/{job.pk}/retry/")
        self.assertRedirects(response, f"/complaints/imports/{job.pk}/")
        job.refresh_from_db()
        self.assertEqual(job.status, ImportJobStatus.DONE)
        self.assertEqual(Complaint.objects.count(), 12)
        self.assertTrue(AuditEvent.objects.filter(action="complaints.import_job.retry", object_id=str(job.pk)).exists())

    def test_a_stalled_job_is_shown_and_can_be_retried_before_the_scan_runs(self):
        job = leave_running(self.job, minutes_ago=10)
        self.login(self.office)
        page = self.client.get(f"/complaints/imports/{job.pk}/")
        self.assertContains(page, 'id="job-stalled"')
        self.client.post(f"/complaints/imports/{job.pk}/retry/")
        self.assertEqual(ImportJob.objects.get(pk=job.pk).status, ImportJobStatus.DONE)

    def test_a_job_that_still_runs_cannot_be_retried(self):
        job = leave_running(self.job, minutes_ago=1)
        self.login(self.office)
        response = self.client.post(f"/complaints/imports/{job.pk}/retry/", follow=True)
        self.assertContains(response, "只有失败或已停止响应的导入可以重新导入。")
        self.assertEqual(ImportJob.objects.get(pk=job.pk).status, ImportJobStatus.RUNNING)

    def test_a_waiting_job_says_it_waits_for_another_import(self):
        job = leave_running(self.job, minutes_ago=0)
        import_jobs.progress_path(job).write_text(import_jobs.WAITING_MARK)
        self.addCleanup(import_jobs.progress_path(job).unlink, True)
        self.login(self.office)
        self.assertContains(self.client.get(f"/complaints/imports/{job.pk}/"), "等待另一导入完成")

    def test_the_heartbeat_touches_its_file_while_the_job_runs_and_removes_it_after(self):
        path = heartbeat_path(self.job.pk)
        with Heartbeat(self.job.pk, seconds=0.05):
            first = path.stat().st_mtime_ns
            for _ in range(100):  # until the beat has come at least once
                if path.stat().st_mtime_ns != first:
                    break
                time.sleep(0.05)
            self.assertNotEqual(path.stat().st_mtime_ns, first)
        self.assertFalse(path.exists())


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
class RestartedWorkerTests(CommittingTestCase):
    def test_a_retried_job_is_picked_up_by_a_restarted_worker(self):
        inspection = make_inspection(system_user())
        job = check_messy(system_user(), inspection, rows=15, seed=6)
        with mock.patch.object(import_jobs, "BACKGROUND_ROWS", 0):  # this small file goes to the worker
            import_jobs.confirm_import(job, actor=system_user())
            self.assertEqual(DBTaskResult.objects.count(), 1)
            # the worker took the task and was killed: task and job both left "running"
            DBTaskResult.objects.update(status="RUNNING")
            leave_running(job, minutes_ago=30)
            self.assertEqual(scan(), [job.pk])
            retry_import(ImportJob.objects.get(pk=job.pk), actor=system_user())
        self.assertEqual(ImportJob.objects.get(pk=job.pk).status, ImportJobStatus.QUEUED)
        call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)
        job.refresh_from_db()
        self.assertEqual(job.status, ImportJobStatus.DONE)
        self.assertEqual(Complaint.objects.count(), 15)


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
class KilledWorkerTests(CommittingTestCase):
    """A real worker process, killed with SIGKILL once it has taken a background import."""

    def worker(self) -> subprocess.Popen:
        db = connection.settings_dict
        if connection.vendor == "sqlite":
            url = f"sqlite:///{db['NAME']}"
        else:
            url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        env = os.environ | {"DATABASE_URL": url, "TASKS_BACKEND": "django_tasks_db.DatabaseBackend"}
        command = [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--queue-name", "*"]
        return subprocess.Popen(
            command, env=env, cwd=settings.BASE_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )

    def test_a_job_whose_worker_is_killed_mid_import_is_failed_by_the_scan_and_imports_on_retry(self):
        inspection = make_inspection(system_user())
        rows = 300
        job = check_messy(system_user(), inspection, rows=rows, seed=8)
        with mock.patch.object(import_jobs, "BACKGROUND_ROWS", 0):  # this small file goes to the worker
            import_jobs.confirm_import(job, actor=system_user())
        worker = self.worker()
        try:
            for _ in range(1200):  # until the worker has taken the job and beats (at most two minutes)
                if heartbeat_path(job.pk).exists():
                    break
                self.assertIsNone(worker.poll(), "the worker ended before the import was under way")
                time.sleep(0.05)
            os.kill(worker.pid, signal.SIGKILL)
        finally:
            worker.wait(30)
        self.assertEqual(ImportJob.objects.get(pk=job.pk).status, ImportJobStatus.RUNNING)
        self.assertFalse(Complaint.objects.exists())  # its transaction died with it
        later = timezone.now() + dt.timedelta(minutes=6)  # the heartbeat has stopped for good
        self.assertEqual(fail_stalled_imports(actor=system_user(), now=later), [job.pk])
        retry_import(ImportJob.objects.get(pk=job.pk), actor=system_user())
        call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)
        self.assertEqual(ImportJob.objects.get(pk=job.pk).status, ImportJobStatus.DONE)
        self.assertEqual(Complaint.objects.count(), rows)
