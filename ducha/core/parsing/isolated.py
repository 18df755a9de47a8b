"""The parsers of uploaded files, run in a child process (`ducha.core.sandbox`).

calamine is native code: a hostile sheet can make it allocate without limit, abort or
panic, and that would take the web worker or the command down with it. The import
services call these functions instead of the parsers themselves; each behaves like
its parser (same results, same located `ParseError`s), except that a child that runs
out of memory or time, or dies, becomes a `ParseError` for the whole file whose
message is the sandbox's "文件无法读取：<file>：<reason>".

    parsed = parse_complaint_file(path, limits=Limits(...), label="第3批.xlsx", regions=..., ...)
    for record in parsed.records(): ...        # streamed from the child in chunks
    parsed.problems, parsed.meta, parsed.counts, parsed.mapping   # once exhausted

    tasks = parse_task_file(path, limits=..., label=..., units=directory)   # a TaskParse

Pure Python, no Django.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass

from ducha.core import sandbox
from ducha.core.sandbox import FileUnreadable, Limits

from . import complaints, tasks
from .errors import ERROR, WARNING, ParseError, Problem

log = logging.getLogger(__name__)


@dataclass
class _Meta:
    """Sent ahead of the first record: the title and 交办 line the caller names the batch by."""

    meta: dict
    mapping: list


@dataclass
class _End:
    problems: list
    mapping: list
    meta: dict
    counts: dict
    error: Problem | None  # the ParseError records() ended with, if any


def complaint_records(path: str, **kwargs) -> Iterator:
    """The child's side: the parse as a stream of records, its state as the return value."""
    parse = complaints.parse_complaint_file(path, **kwargs)
    first = True
    try:
        for record in parse.records():
            if first:
                first = False
                yield _Meta(parse.meta, parse.mapping)
            yield record
    except ParseError as exc:
        return _End(parse.problems, parse.mapping, parse.meta, parse.counts, exc.problem)
    return _End(parse.problems, parse.mapping, parse.meta, parse.counts, None)


def _unreadable(exc: FileUnreadable) -> ParseError:
    # The child's stderr may quote cells (complainants' data): the log gets the reason
    # only, at warning level; the detail stays in the exception for a debugger.
    log.warning("reader sandbox: %s: %s", exc.label, exc.reason)
    return ParseError.for_file(exc.label, exc.message)


class IsolatedComplaintParse:
    """A `ComplaintParse` whose rows are read in a child: the same attributes, filled
    as the records arrive (meta with the first, the rest once exhausted)."""

    def __init__(self, run: sandbox.ChildRun, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.mapping: list[dict] = []
        self.meta: dict = {"sheets": {}}
        self.counts: dict[str, int] = {"rows": 0, "records": 0, "sheets": 0}
        self._run = run
        self._items = iter(run)
        self._head: list = []
        self._started = False
        # Pull the first item now, so a file that cannot be opened raises here, as
        # the parser itself would.
        self._head = self._next()

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == WARNING]

    def _next(self) -> list:
        try:
            item = next(self._items)
        except StopIteration:
            return []
        except FileUnreadable as exc:
            raise _unreadable(exc) from exc
        if isinstance(item, _Meta):
            self.meta, self.mapping = item.meta, item.mapping
            return self._next()
        return [item]

    def records(self) -> Iterator[complaints.ComplaintRecord]:
        if self._started:
            raise RuntimeError("records() can be iterated only once")
        self._started = True
        yield from self._head
        self._head = []
        try:
            yield from self._items
        except FileUnreadable as exc:
            raise _unreadable(exc) from exc
        end: _End = self._run.result
        # a caller may have added problems of its own meanwhile (a batch of the other kind)
        self.problems = [*end.problems, *self.problems]
        self.mapping, self.meta, self.counts = end.mapping, end.meta, end.counts
        if end.error is not None:
            raise ParseError(end.error)

    def close(self) -> None:
        """Stop the child early (the caller gave up on the rest)."""
        self._run.close()


def parse_complaint_file(
    path: str | os.PathLike[str], *, limits: Limits, label: str = "", **kwargs
) -> IsolatedComplaintParse:
    """`complaints.parse_complaint_file` in a child; `label` names the file in messages."""
    name = label or os.path.basename(path)
    run = sandbox.stream(complaint_records, os.fspath(path), limits=limits, label=name, **kwargs)
    try:
        return IsolatedComplaintParse(run, name)
    except BaseException:
        run.close()
        raise


def parse_task_file(path: str | os.PathLike[str], *, limits: Limits, label: str = "", **kwargs) -> tasks.TaskParse:
    """`tasks.parse_task_file` in a child (task lists are small: one return value)."""
    name = label or os.path.basename(path)
    try:
        return sandbox.call(tasks.parse_task_file, os.fspath(path), limits=limits, label=name, **kwargs)
    except FileUnreadable as exc:
        raise _unreadable(exc) from exc
