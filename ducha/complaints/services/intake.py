"""Intake of a batch file (交办): parse, check every row, write all or nothing, audit once."""

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
from ducha.complaints.models import Batch
from ducha.complaints.services import import_rows
from ducha.core.parsing import ParseError, parse_complaint_file
from ducha.inspections.models import Inspection
from ducha.org import scoping

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
        result.errors.append(file_problem(path, _("文件类型不支持：请上传 .xlsx、.xls 或 .csv 文件。")))
        return result
    regions, parents = import_rows.region_lookup()
    try:
        parsed = parse_complaint_file(
            path, regions=regions, region_parents=parents, pollution_types=import_rows.pollution_lookup()
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
                counts = import_rows.write_records(
                    stream, actor=actor, inspection=inspection, batch=batch, progress=progress
                )
            except ParseError as exc:
                parsed.problems.append(exc.problem)
                counts = import_rows.Counts()
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
                transaction.on_commit(partial(enqueue_repeat_scan, inspection.pk))
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
        result.errors.append(file_problem(path, _("写入数据库失败，已全部撤销：%(e)s") % {"e": exc}))
    return result


def enqueue_repeat_scan(inspection_id: int) -> None:
    from ducha.complaints.tasks import scan_repeats_task

    scan_repeats_task.enqueue(inspection_id)


def _collect(parsed, result: ImportResult) -> None:
    result.errors = [p.to_dict() for p in parsed.errors]
    result.warnings = [p.to_dict() for p in parsed.warnings]
    result.rows = parsed.counts.get("records", 0)
    result.mapping = parsed.mapping


def file_problem(path: Path, message: str) -> dict:
    return {"sheet": "", "row": 0, "column": "", "header": "", "value": path.name, "message": str(message)}
