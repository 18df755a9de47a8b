"""Every change in the complaints area: check, write, audit, one transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import shutil
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit.services import record
from ducha.complaints import importing
from ducha.complaints.models import Batch, Complaint, ImportJob, ImportJobStatus
from ducha.core.parsing import ParseError, parse_complaint_file
from ducha.errors import DomainError, InvalidTransition
from ducha.inspections.models import Inspection
from ducha.org import scoping
from ducha.org.models import Role

UPLOAD_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".csv"}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    batch: int | None = None
    rows: int = 0
    mapping: list[dict] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_json(self) -> dict:
        data = asdict(self)
        return {k: data[k] for k in ("created", "updated", "unchanged", "errors", "warnings")} | {
            "batch": self.batch,
            "rows": self.rows,
            "dry_run": self.dry_run,
        }


class _Rollback(Exception):
    """Raised inside the import transaction to undo it (errors found, or a dry run)."""


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _source_name(path: Path, inspection: Inspection, sha: str) -> str:
    return str(Path("batches") / inspection.code / f"{sha}{path.suffix.lower()}")


def _keep_source(path: Path, relative: str) -> None:
    """Copy the file into DUCHA_HOME, named by its hash: the same file is kept once."""
    target = Path(settings.MEDIA_ROOT) / relative
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(target.suffix + ".part")
        shutil.copyfile(path, tmp)
        tmp.replace(target)


def _batch_for(inspection, number, meta, *, path, source_name, sha, actor) -> tuple[Batch, bool]:
    if number is None:
        # the same file again is the same batch, whatever its title says
        same = Batch.objects.filter(inspection=inspection, source_sha256=sha).first()
        if same:
            return same, False
        number = meta.get("batch_no") or (max(inspection.batches.values_list("number", flat=True), default=0) + 1)
    batch = Batch.objects.filter(inspection=inspection, number=number).first()
    if batch:
        return batch, False
    handed = meta.get("batch_date")
    if isinstance(handed, dt.datetime):
        handed = handed.date()
    batch = Batch.objects.create(
        inspection=inspection,
        number=number,
        handed_over_on=handed or timezone.localdate(),
        source_name=source_name,
        source_file=_source_name(path, inspection, sha),
        source_sha256=sha,
        imported_by=actor,
    )
    return batch, True


def import_batch(
    path: str | Path,
    *,
    actor,
    inspection: Inspection,
    batch_number: int | None = None,
    dry_run: bool = False,
    source_name: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Import one batch file: every row or none. Same ref + same content is a no-op,
    changed content an audited update, a new ref a new complaint."""
    scoping.require(actor, "import", Batch)
    path = Path(path)
    result = ImportResult(dry_run=dry_run)
    if path.suffix.lower() not in UPLOAD_SUFFIXES:
        result.errors.append(_file_problem(path, _("文件类型不支持：请上传 .xlsx、.xls 或 .csv 文件。")))
        return result
    regions, parents = importing.region_lookup()
    try:
        parsed = parse_complaint_file(
            path, regions=regions, region_parents=parents, pollution_types=importing.pollution_lookup()
        )
    except ParseError as exc:
        result.errors.append(exc.problem.to_dict())
        return result
    sha = _sha256(path)
    try:
        with transaction.atomic():
            # One import per inspection at a time: the second waits here, then finds
            # the first one's rows and reports them unchanged, never a duplicate.
            Inspection.objects.select_for_update().get(pk=inspection.pk)
            # Pull the first record before naming the batch: finding the table reads
            # the title (第N批) and the 交办 line (its date) into parsed.meta.
            records = parsed.records()
            try:
                first = next(records, None)
            except ParseError as exc:
                parsed.problems.append(exc.problem)
                first, records = None, iter(())
            batch, batch_created = _batch_for(
                inspection,
                batch_number,
                parsed.meta,
                path=path,
                source_name=source_name or path.name,
                sha=sha,
                actor=actor,
            )
            result.batch = batch.number
            try:
                stream = itertools.chain([first], records) if first is not None else records
                counts = importing.write_records(
                    stream, actor=actor, inspection=inspection, batch=batch, progress=progress
                )
            except ParseError as exc:
                parsed.problems.append(exc.problem)
                counts = importing.Counts()
            result.created, result.updated, result.unchanged = counts.created, counts.updated, counts.unchanged
            _collect(parsed, result)
            if result.errors:
                # nothing is written, so nothing was created or updated
                result.created = result.updated = result.unchanged = 0
                raise _Rollback
            if dry_run:
                raise _Rollback
            if batch_created:
                _keep_source(path, batch.source_file.name)
            if counts.created or counts.updated:
                # repeat suggestions for the new texts, after commit, in the worker
                transaction.on_commit(partial(_enqueue_repeat_scan, inspection.pk))
            if batch_created or counts.created or counts.updated:
                record(
                    actor=actor,
                    action="complaints.batch.import",
                    obj=batch,
                    object_repr=f"{inspection.code} {batch}",
                    after={
                        "file": source_name or path.name,
                        "sha256": sha,
                        "created": counts.created,
                        "updated": counts.updated,
                        "unchanged": counts.unchanged,
                        "updated_refs": counts.updated_refs[:200],
                    },
                )
    except _Rollback:
        pass
    except IntegrityError as exc:  # a constraint we did not foresee: nothing is written
        result.errors.append(_file_problem(path, _("写入数据库失败，已全部撤销：%(e)s") % {"e": exc}))
    return result


def _enqueue_repeat_scan(inspection_id: int) -> None:
    from ducha.complaints.tasks import scan_repeats_task

    scan_repeats_task.enqueue(inspection_id)


def _collect(parsed, result: ImportResult) -> None:
    result.errors = [p.to_dict() for p in parsed.errors]
    result.warnings = [p.to_dict() for p in parsed.warnings]
    result.rows = parsed.counts.get("records", 0)
    result.mapping = parsed.mapping


def _file_problem(path: Path, message: str) -> dict:
    return {"sheet": "", "row": 0, "column": "", "header": "", "value": path.name, "message": str(message)}


# --- Import jobs: an uploaded file is checked, confirmed, then imported ----------------

# Files with more data rows than this import on the task worker, not in the request.
BACKGROUND_ROWS = 3000
IDENTITY_FIELDS = ("complainant_name", "complainant_phone", "complainant_id_number", "complainant_address")


def _result_data(result: ImportResult) -> dict:
    """The result as plain JSON (problem values may be dates), mapping included."""
    import json

    return json.loads(json.dumps(result.as_json() | {"mapping": result.mapping}, ensure_ascii=False, default=str))


def _office_region(actor) -> str | None:
    """The region of the actor's office unit (an admin's unit when they have no office)."""
    acting = scoping.principal(actor).acting_for(Role.OFFICE, Role.ADMIN)
    return acting.region_code if acting else None


def progress_path(job: ImportJob) -> Path:
    return Path(settings.MEDIA_ROOT) / f"{job.upload}.progress"


def check_import(
    *, actor, inspection: Inspection, upload: Path, file_name: str, batch_number: int | None = None
) -> ImportJob:
    """A dry run of an uploaded file, kept as a job the office confirms or drops.

    `upload` lies under MEDIA_ROOT/uploads; nothing but the job row is written."""
    scoping.require(actor, "create", ImportJob)
    result = import_batch(
        upload, actor=actor, inspection=inspection, batch_number=batch_number, dry_run=True, source_name=file_name
    )
    with transaction.atomic(durable=True):
        job = ImportJob.objects.create(
            inspection=inspection,
            batch_number=batch_number,
            region_id=_office_region(actor),
            upload=str(Path(upload).relative_to(settings.MEDIA_ROOT)),
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
        job = execute_import(job.pk)
    return job


def execute_import(job_id: int) -> ImportJob:
    """Run a confirmed job (the task worker's body; small files run it in the request).

    Progress goes to a file beside the upload, not the row: the import is one
    transaction, and rows written inside it are invisible to the page until commit
    (on SQLite a second writer would even wait for it)."""
    import logging

    with transaction.atomic(durable=True):
        job = (
            ImportJob.objects.select_for_update(of=("self",)).select_related("inspection", "created_by").get(pk=job_id)
        )
        if job.status != ImportJobStatus.QUEUED:
            return job  # delivered twice: the first delivery owns it
        job.status = ImportJobStatus.RUNNING
        job.save(update_fields=["status"])
        record(actor=job.created_by, action="complaints.import_job.start", obj=job, after={"status": job.status})
    path = Path(settings.MEDIA_ROOT) / job.upload
    marker = progress_path(job)

    def progress(done: int) -> None:
        tmp = marker.with_suffix(".tmp")
        tmp.write_text(str(done))
        tmp.replace(marker)

    try:
        result = import_batch(
            path,
            actor=job.created_by,
            inspection=job.inspection,
            batch_number=job.batch_number,
            source_name=job.file_name,
            progress=progress,
        )
        data = _result_data(result)
    except DomainError as exc:
        data = {"errors": [_file_problem(path, str(exc.message)) | {"value": job.file_name}], "warnings": []}
    except Exception:
        logging.getLogger(__name__).exception("import job %s failed", job_id)
        message = _("导入意外中断，未写入任何数据，请重试或联系管理员。")
        data = {"errors": [_file_problem(path, message) | {"value": job.file_name}], "warnings": []}
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
    for leftover in (path, marker):
        leftover.unlink(missing_ok=True)
    return job


def reveal_complainant(complaint: Complaint, *, actor) -> dict[str, str]:
    """The complainant's identity in plain text, for the office; every look is audited."""
    with transaction.atomic(durable=True):
        scoping.require(actor, "reveal_identity", complaint)
        complaint = Complaint.objects.get(pk=complaint.pk)
        record(actor=actor, action="pii.reveal", obj=complaint, after={"fields": list(IDENTITY_FIELDS)})
    return {name: getattr(complaint, name) for name in IDENTITY_FIELDS}


# --- A complaint found on a site visit (专项督查 / 暗访), not imported ----------------

VISIT_BATCH_NUMBER = 0  # reserved: the batch of each inspection that holds visit findings
VISIT_BATCH_SOURCE = "专项督查/暗访发现"
VISIT_REF_PREFIX = "DC"


def _visit_batch(inspection: Inspection, *, actor, text: str, source_label: str) -> Batch:
    """The inspection's visit batch, created on first use (the caller holds the inspection lock)."""
    batch = Batch.objects.filter(inspection=inspection, number=VISIT_BATCH_NUMBER).first()
    if batch is None:
        batch = Batch.objects.create(
            inspection=inspection,
            number=VISIT_BATCH_NUMBER,
            handed_over_on=timezone.localdate(),
            source_name=source_label or VISIT_BATCH_SOURCE,
            source_file="",
            source_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            imported_by=actor,
        )
    return batch


def _next_visit_ref(inspection: Inspection, year: int) -> str:
    prefix = f"{VISIT_REF_PREFIX}-{year}-"
    used = Complaint.objects.filter(inspection=inspection, ref__startswith=prefix).values_list("ref", flat=True)
    last = max((int(r[len(prefix) :]) for r in used if r[len(prefix) :].isdigit()), default=0)
    return f"{prefix}{last + 1:03d}"


def create_complaint_from_visit(
    *,
    actor,
    inspection: Inspection,
    text: str,
    region,
    pollution_codes=(),
    source_label: str = VISIT_BATCH_SOURCE,
) -> Complaint:
    """One complaint from a problem found on a visit: in the inspection's visit batch
    (number 0), with the next ref DC-<year>-<seq> of the inspection, audited.

    Joins the caller's transaction (a supervision service links it to its finding);
    the actor must be able to see the complaint it creates."""
    from ducha.complaints.models import ComplaintPollution, PollutionType

    text = (text or "").strip()
    if not text:
        raise DomainError(_("请填写问题情况。"), field="text")
    codes = sorted(set(pollution_codes))
    known = set(PollutionType.objects.filter(code__in=codes).values_list("code", flat=True))
    if unknown := [c for c in codes if c not in known]:
        raise DomainError(_("污染类型无效：%(codes)s。") % {"codes": "、".join(unknown)}, field="pollution_codes")
    scoping.require(actor, "view", inspection)
    with transaction.atomic():
        inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
        batch = _visit_batch(inspection, actor=actor, text=text, source_label=source_label)
        now = timezone.now()
        ref = _next_visit_ref(inspection, timezone.localdate().year)
        content = {
            "channel": "",
            "accepted_at": now,
            "text": text,
            "region_id": region.code,
            "pollution_types": tuple(codes),
            "is_key": False,
            "team_repeat": None,
        } | {name: "" for name in IDENTITY_FIELDS}
        complaint = Complaint.objects.create(
            inspection=inspection,
            batch=batch,
            ref=ref,
            accepted_at=now,
            text=text,
            region=region,
            content_digest=importing.digest(content),
        )
        ComplaintPollution.objects.bulk_create(
            [ComplaintPollution(complaint=complaint, pollution_type_id=code) for code in codes]
        )
        scoping.require(actor, "view", complaint)
        record(
            actor=actor,
            action="complaints.complaint.create_from_visit",
            obj=complaint,
            object_repr=f"{inspection.code} {ref}",
            after={
                "ref": ref,
                "batch": batch.number,
                "region": region.code,
                "pollution_types": codes,
                "text": text,
                "source": source_label,
            },
        )
        transaction.on_commit(partial(_enqueue_repeat_scan, inspection.pk))
    return complaint
