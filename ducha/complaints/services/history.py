"""History (历史办理结果): an earlier round's published one-glance table (办理情况一览表 /
公开情况一览表) read into closed complaints with their handling, so look-back and relapse
checks reach back to rounds run before Ducha.

`import_batch(..., history=True)` parses the table (the core reads 调查核实情况, 是否属实,
处理和整改情况, 问责情况, 是否办结 like any column) and writes each row as a complaint;
`Results` keeps what each row says was done and writes it here, in the import's own
transaction, so a bad row still leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import connection
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.complaints.models import Batch, Complaint, ComplaintStatus, Handling, HandlingStatus
from ducha.complaints.services import bulk
from ducha.core.parsing import ComplaintRecord, Problem
from ducha.org import scoping
from ducha.org.models import Role

# 是否办结 as the parser reads it → the complaint's status; a table without that column
# lists results, so its rows are closed.
STATUS_OF = {
    "closed": ComplaintStatus.CLOSED,
    "closed_pending": ComplaintStatus.CLOSED_PENDING,
    "open": ComplaintStatus.RECEIVED,  # still being handled then: the office may dispatch it again
    None: ComplaintStatus.CLOSED,
}


@dataclass(frozen=True, slots=True)
class Result:
    """What one row of the table says was done about its complaint."""

    sheet: str
    row: int
    status: str
    findings: str
    veracity: str
    measures: str
    accountability_text: str

    @property
    def handling(self) -> dict:
        closed = self.status in ComplaintStatus.CLOSED_STATES
        return {
            "findings": self.findings,
            "veracity": self.veracity,
            "measures": self.measures,
            "accountability_text": self.accountability_text,
            "measures_running": self.status == ComplaintStatus.CLOSED_PENDING,
            "status": HandlingStatus.ACCEPTED if closed else HandlingStatus.DRAFT,
        }


def closing_time(inspection, batch: Batch) -> dt.datetime:
    """The table gives no closing dates: a row counts as closed from the end of the
    inspection (or, before it is known, the batch's hand-over day)."""
    day = max(filter(None, (inspection.end_date, batch.handed_over_on)))
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def history_unit(actor):
    """The published table names no handling unit: its results are the importing office's."""
    return scoping.principal(actor).unit_for(Role.OFFICE, Role.ADMIN)


class Results:
    """Collects each record's handling as the records stream into the import, then writes
    them: a new handling for a new complaint, a changed one rewritten, a same one left."""

    def __init__(self, parsed):
        self.by_ref: dict[str, Result] = {}
        self._parsed = parsed  # its column map fills (or is replaced) as the sheets stream by

    def tee(self, records: Iterable[ComplaintRecord]) -> Iterator[ComplaintRecord]:
        for rec in records:
            self.by_ref[rec.ref] = Result(
                sheet=rec.sheet,
                row=rec.row,
                status=STATUS_OF.get(rec.closure, ComplaintStatus.CLOSED),
                findings=rec.findings,
                veracity=rec.veracity or "",
                measures=rec.measures,
                accountability_text=rec.accountability,
            )
            yield rec

    def write(self, *, actor, inspection, batch: Batch, counts) -> list[Problem]:
        """Write every row's result; returns the rows that name a complaint Ducha handled
        itself (its record is not history to overwrite). The caller rolls back on any."""
        unit = history_unit(actor)
        if unit is None:
            return [Problem("", 0, "", "", "", _("没有环委办单位：历史办理结果须记在导入它的单位名下"))]
        closed_at = closing_time(inspection, batch)
        refs = list(self.by_ref)
        problems: list[Problem] = []
        for start in range(0, len(refs), 2000):
            chunk = refs[start : start + 2000]
            found = {
                ref: (pk, status, is_history)
                for pk, ref, status, is_history in Complaint.objects.filter(
                    inspection=inspection, ref__in=chunk
                ).values_list("pk", "ref", "status", "batch__history")
            }
            current = {
                h.complaint_id: h
                for h in Handling.objects.filter(complaint__inspection=inspection, complaint__ref__in=chunk).order_by(
                    "complaint_id", "id"
                )
            }  # the latest handling of each wins
            fresh: list[tuple[int, Result]] = []
            for ref in chunk:  # in file order, so problems are too
                pk, status, is_history = found[ref]
                result = self.by_ref[ref]
                if not is_history:
                    problems.append(self._live(result, ref))
                elif pk not in current:  # created by this import: written in bulk below
                    fresh.append((pk, result))
                elif self._write_one(pk, status, current[pk], result, unit=unit, actor=actor, closed_at=closed_at):
                    self._count_update(counts, ref)  # a complaint of an earlier history import
            if fresh and not problems:
                self._write_fresh(fresh, unit=unit, actor=actor, closed_at=closed_at)
        return problems

    @staticmethod
    def _write_fresh(fresh: list[tuple[int, Result]], *, unit, actor, closed_at) -> None:
        """New complaints: their handlings in one insert, their statuses in one update each.

        Plain rows through the import's own bulk insert: bulk_create spent most of a history
        import preparing these wide rows value by value. What every row shares is prepared
        once from a template; the rest are plain text, booleans and ids."""
        columns = [f for f in Handling._meta.concrete_fields if not f.primary_key]
        template = Handling(complaint_id=0, unit=unit)
        shared = {f.attname: f.get_db_prep_save(f.pre_save(template, True), connection) for f in columns}
        reviewed_at = Handling._meta.get_field("reviewed_at").get_db_prep_save(closed_at, connection)
        rows = []
        by_status: dict[str, list[int]] = {}
        for pk, result in fresh:
            closed = result.status in ComplaintStatus.CLOSED_STATES
            values = shared | result.handling
            values |= {
                "complaint_id": pk,
                "reviewed_at": reviewed_at if closed else None,
                "reviewed_by_id": actor.pk if closed else None,
            }
            rows.append(tuple(values[f.attname] for f in columns))
            by_status.setdefault(result.status, []).append(pk)
        bulk.insert_rows(Handling._meta.db_table, tuple(f.column for f in columns), rows)
        for status, pks in by_status.items():
            closed = status in ComplaintStatus.CLOSED_STATES
            Complaint.objects.filter(pk__in=pks).update(
                status=status,
                closed_at=closed_at if closed else None,
                closure_note=_("历史办理结果") if closed else "",
                version=F("version") + 1,
                updated_at=timezone.now(),
            )

    def _write_one(self, pk, status, handling, result: Result, *, unit, actor, closed_at) -> bool:
        """Bring one complaint and its handling to what the table says; True if it changed."""
        want = result.handling
        if handling is not None and status == result.status:
            if all(getattr(handling, k) == v for k, v in want.items()):
                return False
        closed = result.status in ComplaintStatus.CLOSED_STATES
        if handling is None:
            handling = Handling(complaint_id=pk, unit=unit)
        for key, value in want.items():
            setattr(handling, key, value)
        handling.reviewed_at = closed_at if closed else None
        handling.reviewed_by = actor if closed else None
        handling.save()
        Complaint.objects.filter(pk=pk).update(
            status=result.status,
            closed_at=closed_at if closed else None,
            closure_note=_("历史办理结果") if closed else "",
            version=F("version") + 1,
            updated_at=timezone.now(),
        )
        return True

    @staticmethod
    def _count_update(counts, ref: str) -> None:
        """A complaint whose text stayed and whose result changed is updated, once."""
        if ref in counts.updated_refs:
            return
        counts.updated += 1
        counts.unchanged -= 1
        counts.updated_refs.append(ref)

    def _live(self, result: Result, ref: str) -> Problem:
        column, header = next(
            (
                (m["column"], m["header"])
                for m in self._parsed.mapping
                if m["sheet"] == result.sheet and m["field"] == "ref"
            ),
            ("", ""),
        )
        return Problem(
            result.sheet,
            result.row,
            column,
            header,
            ref,
            _("该受理编号已作为交办件导入并在系统中办理，不能用历史结果覆盖"),
        )
