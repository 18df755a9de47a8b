"""Intake of a batch file (交办): parse, check every row, write all or nothing, audit once."""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha import store
from ducha.audit.services import record
from ducha.complaints.models import Batch
from ducha.complaints.services import import_rows
from ducha.complaints.services.history import Results
from ducha.core.parsing import ParseError, Problem, isolated
from ducha.inspections.models import Inspection
from ducha.inspections.turns import ImportBusy, import_turn
from ducha.org import scoping
from ducha.uploads import TABLE_SUFFIXES, ImportResult, Rollback, failure_problem, file_problem, reader_limits

log = logging.getLogger(__name__)


def _batch_for(inspection, number, meta, *, source, source_name, actor, history=False) -> tuple[Batch, bool]:
    if number is None:
        # the same file again is the same batch, whatever its title says
        same = Batch.objects.filter(inspection=inspection, source_sha256=source.sha256).first()
        if same:
            return same, False
        number = meta.get("batch_no") or (max(inspection.batches.values_list("number", flat=True), default=0) + 1)
    batch = Batch.objects.filter(inspection=inspection, number=number).first()
    if batch:
        return batch, False
    handed = meta.get("batch_date")
    if isinstance(handed, dt.datetime):
        handed = handed.date()
    # an earlier round's table without a date was handed over during that round, not today
    default = inspection.start_date if history else timezone.localdate()
    batch = Batch.objects.create(
        inspection=inspection,
        number=number,
        history=history,
        handed_over_on=handed or default,
        source_name=source_name,
        source_file=source.path,
        source_sha256=source.sha256,
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
    history: bool = False,
    waiting: Callable[[], None] | None = None,
    wait_seconds: float | None = None,
    raise_busy: bool = False,
) -> ImportResult:
    """Import one batch file: every row or none. Same ref + same content is a no-op,
    changed content an audited update, a new ref a new complaint. With `history` the file
    is an earlier round's published results: each row is written closed (or as its
    是否办结 says) with its handling (services.history).

    Whatever fails (the file, the disk, the database) ends in `result.errors` with
    nothing written, and a file this import kept is removed again; work after the
    commit (the repeat scan) can only add a warning, never undo the import. While
    another import of the inspection runs, this one waits its turn (`waiting()` is
    called when the wait begins) up to `wait_seconds` (settings.IMPORT_WAIT_SECONDS);
    past it the result says so, or with `raise_busy` `ImportBusy` is raised (a page
    that would write a row about the attempt cannot while SQLite is held)."""
    scoping.require(actor, "import", Batch)
    path = Path(path)
    result = ImportResult("batch", dry_run=dry_run)
    if path.suffix.lower() not in TABLE_SUFFIXES:
        result.errors.append(file_problem(path.name, _("文件类型不支持：请上传 .xlsx、.xls 或 .csv 文件。")))
        return result
    outcome = _Outcome()
    try:
        _import(
            path,
            result,
            outcome,
            actor=actor,
            inspection=inspection,
            batch_number=batch_number,
            dry_run=dry_run,
            source_name=source_name,
            progress=progress,
            history=history,
            waiting=waiting,
            wait_seconds=wait_seconds,
        )
    except ImportBusy as exc:
        if raise_busy:
            raise
        result.errors.append(file_problem(source_name or path.name, exc.message))
    except (OSError, DatabaseError) as exc:  # a full disk, a lost database: nothing is written
        log.warning("import of %s failed: %r", path.name, exc)
        result.errors.append(failure_problem(source_name or path.name, exc))
        result.created = result.updated = result.unchanged = 0
    finally:
        if outcome.kept is not None and not outcome.committed:
            store.delete(outcome.kept)  # kept for a batch that was never written
    if outcome.waited_since is not None:
        seconds = round(time.monotonic() - outcome.waited_since)
        message = _("等待另一导入完成（约%(s)s秒）后开始导入。") % {"s": seconds}
        result.warnings.insert(0, file_problem(source_name or path.name, message))
    return result


@dataclass
class _Outcome:
    kept: store.StoredFile | None = None  # a batch file this import added to the store
    committed: bool = False
    waited_since: float | None = None  # when the wait for another import began


def _import(
    path: Path,
    result: ImportResult,
    outcome: _Outcome,
    *,
    actor,
    inspection,
    batch_number,
    dry_run,
    source_name,
    progress,
    history,
    waiting,
    wait_seconds,
) -> None:
    regions, parents = import_rows.region_lookup()
    try:
        # read in a child process: a hostile file costs the child, never this process
        parsed = isolated.parse_complaint_file(
            path,
            limits=reader_limits(),
            label=source_name or path.name,
            regions=regions,
            region_parents=parents,
            pollution_types=import_rows.pollution_lookup(),
            ref_scheme=inspection.ref_pattern or None,
            history=history,
        )
    except ParseError as exc:
        result.errors.append(exc.problem.to_dict())
        return
    # where the file will be kept: its hash names it, and the same file is the same batch
    source = store.address(path, kind=store.BATCHES, suffix=path.suffix)
    try:

        def wait_begins() -> None:
            outcome.waited_since = time.monotonic()
            if waiting is not None:
                waiting()

        # One import per inspection at a time: the second waits here (said, bounded),
        # then finds the first one's rows and reports them unchanged, never a duplicate.
        with import_turn(inspection, waiting=wait_begins, timeout=wait_seconds):
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
                source=source,
                source_name=source_name or path.name,
                actor=actor,
                history=history,
            )
            result.batch = batch.number
            if batch.history != history:
                parsed.problems.append(_mixed_batch(batch, path.name))
            results = Results(parsed) if history else None
            try:
                stream = itertools.chain([first], records) if first is not None else records
                counts = import_rows.write_records(
                    results.tee(stream) if results else stream,
                    actor=actor,
                    inspection=inspection,
                    batch=batch,
                    progress=progress,
                )
            except ParseError as exc:
                parsed.problems.append(exc.problem)
                counts = import_rows.Counts()
            if results is not None and not parsed.errors:
                parsed.problems.extend(results.write(actor=actor, inspection=inspection, batch=batch, counts=counts))
            result.created, result.updated, result.unchanged = counts.created, counts.updated, counts.unchanged
            result.collect(parsed)
            result.rows = parsed.counts.get("records", 0)
            if result.errors:
                # nothing is written, so nothing was created or updated
                result.created = result.updated = result.unchanged = 0
                raise Rollback
            if dry_run:
                raise Rollback
            if batch_created and not store.exists(source):
                outcome.kept = store.save(path, kind=store.BATCHES, suffix=path.suffix)
            if counts.created or counts.updated:
                # repeat suggestions for the new texts, after commit, in the worker
                transaction.on_commit(partial(_after_commit, inspection.pk, result))
            if batch_created or counts.created or counts.updated:
                record(
                    actor=actor,
                    action="complaints.batch.import_history" if history else "complaints.batch.import",
                    obj=batch,
                    object_repr=f"{inspection.code} {batch}",
                    after={
                        "file": source_name or path.name,
                        "sha256": source.sha256,
                        "created": counts.created,
                        "updated": counts.updated,
                        "unchanged": counts.unchanged,
                        "updated_refs": counts.updated_refs[:200],
                    },
                )
            # set before the block ends: the commit runs the on-commit work, whose
            # failure must not count as a failed import
            outcome.committed = True
    except Rollback:
        outcome.committed = False
    except IntegrityError as exc:  # a constraint we did not foresee: nothing is written
        outcome.committed = False
        result.errors.append(file_problem(path.name, _("写入数据库失败，已全部撤销：%(e)s") % {"e": exc}))
    except BaseException:
        outcome.committed = False
        raise
    finally:
        parsed.close()


def _after_commit(inspection_id: int, result: ImportResult) -> None:
    """Start the repeat scan of a committed import. Tried twice; a failure leaves the new
    complaints unchecked (the next scan, by the `repeats` command or the next import,
    takes them up) and says so in a warning: the import itself stands."""
    for attempt in (1, 2):
        try:
            enqueue_repeat_scan(inspection_id)
            return
        except Exception as exc:
            log.warning("repeat scan after import, attempt %s: %r", attempt, exc)
            error = exc
    message = _("已导入；查重扫描未能启动（%(e)s），新导入的信访件将在下次查重扫描时比对。") % {"e": error}
    result.warnings.append(file_problem("", message))


def _mixed_batch(batch: Batch, name: str) -> dict:
    if batch.history:
        message = _("第%(n)s批是历史办理结果，不能再作为交办批次导入。") % {"n": batch.number}
    else:
        message = _("第%(n)s批已作为交办批次导入，不能再作为历史办理结果导入。") % {"n": batch.number}
    return Problem("", 0, "", "", name, message)


def enqueue_repeat_scan(inspection_id: int) -> None:
    from ducha.complaints.tasks import scan_repeats_task

    scan_repeats_task.enqueue(inspection_id)
