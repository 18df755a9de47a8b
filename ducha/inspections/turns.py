"""Imports take turns: one import (batch file or task list) per inspection at a time,
on both databases, with the wait said and bounded.

    with import_turn(inspection, waiting=lambda: say("等待另一导入完成")):
        ...   # the import's one transaction: every write of the import goes here

PostgreSQL: the inspection's row is the lock. `SELECT … FOR UPDATE SKIP LOCKED` either
takes it or answers nothing at once, so the wait is ours to show and to end (a plain
FOR UPDATE would wait without limit). SQLite: the whole database is the lock; settings
open every transaction with BEGIN IMMEDIATE, which waits on the write lock for the
connection's busy timeout (20 s) and then fails with "database is locked". Here BEGIN
is tried with a short busy timeout, again and again, until the turn comes or the time
is up. Either way `ImportBusy` ends a wait longer than settings.IMPORT_WAIT_SECONDS,
with nothing written.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ducha.errors import DomainError
from ducha.inspections.models import Inspection

WAITING = gettext_lazy("等待另一导入完成")
POLL_SECONDS = 0.5
_SQLITE_TRY_MS = 500  # one BEGIN IMMEDIATE attempt waits this long for the write lock


class ImportBusy(DomainError):
    """Another import held the inspection longer than the wait allows."""

    def __init__(self, seconds: float) -> None:
        message = _("另一导入正在进行，已等待%(s)s秒仍未完成：请稍后重试，本次未写入任何数据。") % {"s": round(seconds)}
        super().__init__(message, code="import_busy")


@contextmanager
def import_turn(
    inspection: Inspection, *, waiting: Callable[[], None] | None = None, timeout: float | None = None
) -> Iterator[None]:
    """Enter the import's transaction once no other import of `inspection` is in one.
    `waiting()` is called once, when the wait begins."""
    limit = settings.IMPORT_WAIT_SECONDS if timeout is None else timeout
    deadline = time.monotonic() + limit
    told = False

    def wait() -> None:
        nonlocal told
        if not told:
            told = True
            if waiting is not None:
                waiting()
        if time.monotonic() >= deadline:
            raise ImportBusy(limit)
        time.sleep(POLL_SECONDS)

    with ExitStack() as stack:
        while True:
            try:
                with _short_busy_timeout():
                    stack.enter_context(transaction.atomic())
                break
            except OperationalError as exc:
                if "locked" not in str(exc):
                    raise
                wait()
        while not _take(inspection.pk):
            wait()
        yield


def _take(inspection_id: int) -> bool:
    """The inspection's row, locked for this transaction; False while another holds it.
    (SQLite has no row locks: the BEGIN IMMEDIATE above already took the database.)"""
    rows = Inspection.objects.select_for_update(skip_locked=True).filter(pk=inspection_id)
    return bool(list(rows.values_list("pk", flat=True)))


@contextmanager
def _short_busy_timeout() -> Iterator[None]:
    """On SQLite outside a transaction, let one BEGIN wait only briefly for the lock."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    connection.ensure_connection()
    raw = connection.connection
    before = raw.execute("PRAGMA busy_timeout").fetchone()[0]
    raw.execute(f"PRAGMA busy_timeout = {_SQLITE_TRY_MS}")
    try:
        yield
    finally:
        raw.execute(f"PRAGMA busy_timeout = {int(before)}")
