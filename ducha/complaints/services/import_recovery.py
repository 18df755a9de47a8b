"""Import jobs outlive their worker: a heartbeat while one runs, a scan that fails the
jobs whose worker died, and a retry the office starts from the job's page.

A killed worker leaves its job 导入中 forever and its task "running" in the queue, so
no restarted worker picks it up. Nothing of the import itself is left: its one
transaction died with the process. So:

- `Heartbeat` touches a file beside the store every HEARTBEAT_SECONDS while the job
  runs (a file, not the row: the import's transaction holds SQLite's write lock);
- `fail_stalled_imports` (the `scan_import_jobs` command, every few minutes) marks a
  running job whose heartbeat is older than settings.IMPORT_STALL_MINUTES failed, with
  a message that says so;
- `retry_import` queues a failed (or stalled) job again: a worker, restarted or not,
  picks it up from the queue like any confirmed job.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha import store
from ducha.audit.services import record
from ducha.complaints.models import ImportJob, ImportJobStatus
from ducha.errors import DomainError, InvalidTransition
from ducha.org import scoping
from ducha.uploads import file_problem

HEARTBEAT_SECONDS = 20


def heartbeat_path(job_id: int) -> Path:
    return store.scratch(f"import-job-{job_id}.alive")


class Heartbeat:
    """While the job runs, its heartbeat file is touched by a daemon thread; the file
    goes when the job ends. `with Heartbeat(job.pk): execute...`"""

    def __init__(self, job_id: int, seconds: float = HEARTBEAT_SECONDS) -> None:
        self.path = heartbeat_path(job_id)
        self.seconds = seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"import-job-{job_id}-heartbeat", daemon=True)

    def _beat(self) -> None:
        while not self._stop.wait(self.seconds):
            try:
                self.path.touch()
            except OSError:  # a full disk: the scan may take the job for dead, a retry is safe
                pass

    def __enter__(self) -> Heartbeat:
        self.path.touch()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(5)
        self.path.unlink(missing_ok=True)


def last_heartbeat(job: ImportJob) -> dt.datetime | None:
    """The newest sign of life of a running job: its heartbeat file, else the start."""
    beats = [job.heartbeat_at] if job.heartbeat_at else []
    try:
        beats.append(dt.datetime.fromtimestamp(heartbeat_path(job.pk).stat().st_mtime, tz=dt.UTC))
    except OSError:
        pass
    return max(beats, default=None)


def is_stalled(job: ImportJob, *, now: dt.datetime | None = None) -> bool:
    """A running job whose worker has shown no sign of life for IMPORT_STALL_MINUTES."""
    if job.status != ImportJobStatus.RUNNING:
        return False
    beat = last_heartbeat(job)
    cutoff = (now or timezone.now()) - dt.timedelta(minutes=settings.IMPORT_STALL_MINUTES)
    return beat is None or beat < cutoff


def fail_stalled_imports(*, actor, now: dt.datetime | None = None) -> list[int]:
    """Mark every stalled job failed (audited, one transaction each); their ids. `now`
    is the time to judge by (a test looks minutes ahead instead of waiting)."""
    failed = []
    for job in ImportJob.objects.filter(status=ImportJobStatus.RUNNING):
        if is_stalled(job, now=now) and fail_stalled_import(job, actor=actor, now=now):
            failed.append(job.pk)
    return failed


def fail_stalled_import(job: ImportJob, *, actor, now: dt.datetime | None = None) -> bool:
    """Running, no heartbeat: the worker died, and its transaction with it. Failed, with a
    message; False when the job moved on meanwhile."""
    with transaction.atomic(durable=True):
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if not is_stalled(job, now=now):
            return False
        minutes = settings.IMPORT_STALL_MINUTES
        message = _("导入进程已停止响应（超过%(m)s分钟没有心跳），未写入任何数据：可以点击“重新导入”。") % {
            "m": minutes
        }
        job.status = ImportJobStatus.FAILED
        job.result = {"errors": [file_problem(job.file_name, message)], "warnings": []}
        job.rows_done = 0
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "result", "rows_done", "finished_at"])
        record(
            actor=actor,
            action="complaints.import_job.stall",
            obj=job,
            before={"status": ImportJobStatus.RUNNING},
            after={"status": job.status, "heartbeat": (last_heartbeat(job) or job.created_at).isoformat()},
        )
    heartbeat_path(job.pk).unlink(missing_ok=True)
    return True


def can_retry(job: ImportJob) -> bool:
    return job.status == ImportJobStatus.FAILED or is_stalled(job)


def retry_import(job: ImportJob, *, actor) -> ImportJob:
    """Queue a failed or stalled job again: in the background when large, else now."""
    from ducha.complaints.services.import_jobs import BACKGROUND_ROWS, execute_import

    with transaction.atomic(durable=True):
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        scoping.require(actor, "confirm", job)
        if not can_retry(job):
            raise InvalidTransition(_("只有失败或已停止响应的导入可以重新导入。"))
        if job.preview.get("errors"):
            raise DomainError(_("文件仍有错误，不能导入：请修改后重新上传。"), code="has_errors")
        if not store.exists(job.upload):
            raise DomainError(_("上传的文件已不在，请重新上传。"), code="upload_gone")
        before = job.status
        background = job.rows_total > BACKGROUND_ROWS
        job.status = ImportJobStatus.QUEUED
        job.result, job.rows_done, job.finished_at, job.heartbeat_at = None, 0, None, None
        job.save(update_fields=["status", "result", "rows_done", "finished_at", "heartbeat_at"])
        record(
            actor=actor,
            action="complaints.import_job.retry",
            obj=job,
            before={"status": before},
            after={"status": job.status, "background": background},
        )
        if background:
            from ducha.complaints.tasks import run_import_job

            job_id = job.pk
            transaction.on_commit(lambda: run_import_job.enqueue(job_id))
    heartbeat_path(job.pk).unlink(missing_ok=True)
    return job if background else execute_import(job.pk, wait_seconds=settings.IMPORT_PAGE_WAIT_SECONDS)
