"""A full disk or a failing step ends in the JSON result with exit status 1 and nothing
written; work after the commit never turns a committed import into a failure."""

import errno
import io
import json
import os
import tempfile
import types
import unittest
from pathlib import Path
from unittest import mock

from django.core.management import call_command
from django.db import OperationalError, connection

from ducha import store
from ducha.complaints import tasks
from ducha.complaints.models import Batch, Complaint
from ducha.complaints.tests.test_import import make_inspection, run_command
from ducha.core.parsing.tests import messy
from ducha.testing import CommittingTestCase

DISK_FULL = "磁盘空间不足，导入已全部撤销，未写入任何数据：请清理磁盘后重试。"


class _FullFile:
    """A file on a full disk: opening works, every write fails as the OS fails it."""

    def __init__(self, fd):
        os.close(fd)

    def write(self, _data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def full_disk():
    """The store's view of the os module with a full disk: only its writes fail."""
    fake = types.SimpleNamespace(**{name: getattr(os, name) for name in dir(os) if not name.startswith("__")})
    fake.fdopen = lambda fd, *a, **k: _FullFile(fd)
    return mock.patch.object(store, "os", fake)


def kept_batch_files() -> list[Path]:
    folder = store.root() / store.BATCHES
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


class ImportFailureTests(CommittingTestCase):
    def setUp(self):
        super().setUp()
        self.inspection = make_inspection()
        # content of its own per test: the store keeps one copy of the same content
        seed = sum(map(ord, self._testMethodName))
        self.good = messy.write_batch_xlsx(Path(tempfile.mkdtemp()) / "b3.xlsx", rows=200, seed=seed)

    def command(self, *extra) -> tuple[int, dict]:
        code, out = run_command(str(self.good.path), "--inspection", self.inspection.code, "--json", *extra)
        return code, json.loads(out)

    def test_a_full_disk_while_keeping_the_file_is_an_error_in_the_json_and_nothing_is_written(self):
        before = kept_batch_files()
        with full_disk():
            code, data = self.command()
        self.assertEqual((code, data["created"], data["errors"][0]["message"]), (1, 0, DISK_FULL))
        self.assertEqual(data["errors"][0]["value"], "b3.xlsx")
        self.assertFalse(Batch.objects.exists())
        self.assertFalse(Complaint.objects.exists())
        self.assertEqual(kept_batch_files(), before)  # no half-written .part either

    @unittest.skipUnless(connection.vendor == "sqlite", "SQLite's page limit stands for a full disk")
    def test_a_full_database_is_an_error_in_the_json_and_nothing_is_written(self):
        before = kept_batch_files()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM")  # no free pages left from earlier tests: the next row needs a new page
            pages = cursor.execute("PRAGMA page_count").fetchone()[0]
            cursor.execute(f"PRAGMA max_page_count = {pages}")
        try:
            code, data = self.command()
        finally:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA max_page_count = 1073741823")
        self.assertEqual((code, data["errors"][0]["message"]), (1, DISK_FULL))
        self.assertFalse(Complaint.objects.exists())
        self.assertEqual(kept_batch_files(), before)

    def test_a_kept_file_of_an_import_that_rolls_back_at_the_end_is_removed(self):
        before = kept_batch_files()
        # the audit record is the last write before the commit: it fails, all is undone
        with mock.patch(
            "ducha.complaints.services.intake.record", side_effect=OperationalError("database or disk is full")
        ):
            code, data = self.command()
        self.assertEqual((code, data["errors"][0]["message"]), (1, DISK_FULL))
        self.assertFalse(Batch.objects.exists())
        self.assertEqual(kept_batch_files(), before)

    def test_a_failing_repeat_scan_after_the_commit_leaves_the_import_standing_with_a_warning(self):
        # the task queue refuses the scan (its table locked, its server gone)
        broken = mock.patch.object(tasks, "scan_repeats_task")
        with broken as scan:
            scan.enqueue.side_effect = OperationalError("database is locked")
            code, data = self.command()
        self.assertEqual((code, data["created"], data["errors"]), (0, 200, []))
        self.assertEqual(scan.enqueue.call_count, 2)  # tried again before giving up
        self.assertEqual(
            data["warnings"][-1]["message"],
            "已导入；查重扫描未能启动（database is locked），新导入的信访件将在下次查重扫描时比对。",
        )
        self.assertEqual(Complaint.objects.filter(repeats_checked=False).count(), 200)
        # the next scan takes them up
        call_command("repeats", "--inspection", self.inspection.code, stdout=io.StringIO())
        self.assertFalse(Complaint.objects.filter(repeats_checked=False).exists())
