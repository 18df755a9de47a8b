"""An uploaded batch file as a job: checked (a dry run), confirmed by the office, then
imported, inline when small, in the background when large."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha import store
from ducha.audit.services import record
from ducha.complaints.models import ImportJob, ImportJobStatus
from ducha.complaints.services.import_recovery import Heartbeat
from ducha.complaints.services.intake import import_batch
from ducha.errors import DomainError, InvalidTransition
from ducha.inspections.models import Inspection
from ducha.org import scoping
from ducha.org.models import Role
from ducha.store import StoredFile
from ducha.uploads import ImportResult, failure_problem, file_problem

# Files with more data rows than this import on the task worker, not in the request.
BACKGROUND_ROWS = 3000
# What the progress file holds while the job waits for another import of its inspection.
WAITING_MARK = "waiting"


def _result_data(result: ImportResult) -> dict:
    """The result as plain JSON (problem values may be dates), mapping included."""
    import json

    return json.loads(json.dumps(result.as_json() | {"mapping": result.mapping}, ensure_ascii=False, default=str))


def _office_region(actor) -> str | None:
    """The region of the actor's office unit (an admin's unit when they have no office)."""
    acting = scoping.principal(actor).acting_for(Role.OFFICE, Role.ADMIN)
    return acting.region_code if acting else None


def progress_path(job: ImportJob) -> Path:
    return store.scratch(f"import-job-{job.pk}.progress")


def check_import(
    *,
    actor,
    inspection: Inspection,
    upload: StoredFile,
    file_name: str,
    batch_number: int | None = None,
    history: bool = False,
) -> ImportJob:
    """A dry run of an uploaded file, kept as a job the office confirms or drops.

    `upload` is the working copy in the store (kind uploads); nothing but the job row
    is written."""
    scoping.require(actor, "create", ImportJob)
    with store.local_path(upload) as path:
        result = import_batch(
            path,
            actor=actor,
            inspection=inspection,
            batch_number=batch_number,
            dry_run=True,
            source_name=file_name,
            wait_seconds=settings.IMPORT_PAGE_WAIT_SECONDS,  # in the upload's request
            raise_busy=True,  # said on the form: no job row for a check that could not run
            history=history,
        )
    with transaction.atomic(durable=True):
        job = ImportJob.objects.create(
            inspection=inspection,
            batch_number=batch_number,
            history=history,
            region_id=_office_region(actor),
            upload=upload.path,
            file_name=file_name[:255],
            rows_total=result.rows,
            preview=_result_data(result),
            created_by=actor,
        )
        record(
            actor=actor,
            action="complaints.import_job.check",
            obj=job,
            after={
                "inspection": inspection.code,
                "file": job.file_name,
                "history": history,
                "rows": result.rows,
                "errors": len(result.errors),
                "warnings": len(result.warnings),
            },
        )
    return job


def confirm_import(job: ImportJob, *, actor) -> ImportJob:
    """Import a checked file for real: inline when small, on the task worker when large."""
    with transaction.atomic(durable=True):
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        scoping.require(actor, "confirm", job)
        if job.status != ImportJobStatus.CHECKED:
            raise InvalidTransition(_("该文件已提交导入，请勿重复提交。"))
        if job.preview.get("errors"):
            raise DomainError(_("文件仍有错误，不能导入：请修改后重新上传。"), code="has_errors")
        background = job.rows_total > BACKGROUND_ROWS
        job.status = ImportJobStatus.QUEUED
        job.save(update_fields=["status"])
        record(
            actor=actor,
            action="complaints.import_job.confirm",
            obj=job,
            before={"status": ImportJobStatus.CHECKED},
            after={"status": job.status, "background": background},
        )
        if background:
            from ducha.complaints.tasks import run_import_job

            job_id = job.pk
            transaction.on_commit(lambda: run_import_job.enqueue(job_id))
    if not background:
        job = execute_import(job.pk, wait_seconds=settings.IMPORT_PAGE_WAIT_SECONDS)
    return job


def execute_import(job_id: int, *, wait_seconds: float | None = None) -> ImportJob:
    """Run a confirmed job (the task worker's body; small files run it in the request).

    Progress goes to a file beside the upload, not the row: the import is one
    transaction, and rows written inside it are invisible to the page until commit
    (on SQLite a second writer would even wait for it). `wait_seconds` bounds the wait
    for another import (settings.IMPORT_WAIT_SECONDS on the worker; shorter in a request)."""
    import logging

    with transaction.atomic(durable=True):
        job = (
            ImportJob.objects.select_for_update(of=("self",)).select_related("inspection", "created_by").get(pk=job_id)
        )
        if job.status != ImportJobStatus.QUEUED:
            return job  # delivered twice: the first delivery owns it
        job.status = ImportJobStatus.RUNNING
        job.heartbeat_at = timezone.now()
        job.save(update_fields=["status", "heartbeat_at"])
        record(actor=job.created_by, action="complaints.import_job.start", obj=job, after={"status": job.status})
    upload = StoredFile(job.upload)
    marker = progress_path(job)

    def progress(done: int | str) -> None:
        tmp = marker.with_suffix(".tmp")
        tmp.write_text(str(done))
        tmp.replace(marker)

    try:
        # the heartbeat tells the scan this worker lives (import_recovery)
        with Heartbeat(job_id), store.local_path(upload) as path:
            result = import_batch(
                path,
                actor=job.created_by,
                inspection=job.inspection,
                batch_number=job.batch_number,
                source_name=job.file_name,
                progress=progress,
                waiting=lambda: progress(WAITING_MARK),  # the page says 等待另一导入完成
                wait_seconds=wait_seconds,
                history=job.history,
            )
        data = _result_data(result)
    except DomainError as exc:
        data = {"errors": [file_problem(job.file_name, str(exc.message))], "warnings": []}
    except OSError as exc:  # the working copy could not be read back (a full disk, a lost mount)
        data = {"errors": [failure_problem(job.file_name, exc)], "warnings": []}
    except Exception:
        logging.getLogger(__name__).exception("import job %s failed", job_id)
        message = _("导入意外中断，未写入任何数据，请重试或联系管理员。")
        data = {"errors": [file_problem(job.file_name, message)], "warnings": []}
    with transaction.atomic(durable=True):
        job = ImportJob.objects.select_for_update().get(pk=job_id)
        job.status = ImportJobStatus.FAILED if data.get("errors") else ImportJobStatus.DONE
        job.result = data
        job.rows_done = data.get("rows", 0) if job.status == ImportJobStatus.DONE else 0
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "result", "rows_done", "finished_at"])
        record(
            actor=job.created_by,
            action="complaints.import_job.finish",
            obj=job,
            before={"status": ImportJobStatus.RUNNING},
            after={"status": job.status} | {k: data.get(k) for k in ("batch", "created", "updated", "unchanged")},
        )
    marker.unlink(missing_ok=True)
    # the working copy goes once imported, unless another job of the same file still
    # needs it; a failed job keeps it, so the office can retry
    waiting = (ImportJobStatus.CHECKED, ImportJobStatus.QUEUED, ImportJobStatus.RUNNING, ImportJobStatus.FAILED)
    if (
        job.status == ImportJobStatus.DONE
        and not ImportJob.objects.filter(upload=job.upload, status__in=waiting).exists()
    ):
        store.delete(upload)
    return job
