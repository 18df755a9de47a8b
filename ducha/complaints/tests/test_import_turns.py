"""Two imports of one inspection take turns on both databases: the second waits, says
so, and goes on when the first is done; a wait past the limit ends in a clear message."""

import io
import json
import tempfile
import threading
import time
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from ducha import store
from ducha.complaints.models import Complaint
from ducha.complaints.services import import_jobs
from ducha.complaints.tests.test_import import make_inspection
from ducha.core.parsing.tests import messy
from ducha.inspections.turns import ImportBusy, import_turn
from ducha.org.scoping import system_user
from ducha.testing import CommittingTestCase


class Holder(threading.Thread):
    """Another import, in its own thread and connection: holds the inspection's turn
    until told to let go."""

    def __init__(self, inspection):
        super().__init__(daemon=True)
        self.inspection = inspection
        self.holding = threading.Event()
        self.release = threading.Event()

    def run(self):
        try:
            with import_turn(self.inspection):
                self.holding.set()
                self.release.wait(30)
        finally:
            connection.close()


class Told(io.StringIO):
    """stderr that notes when the command says it waits."""

    def __init__(self):
        super().__init__()
        self.told = threading.Event()

    def write(self, text):
        if "等待另一导入完成" in text:
            self.told.set()
        return super().write(text)


class ImportTurnTests(CommittingTestCase):
    def setUp(self):
        super().setUp()
        self.inspection = make_inspection()
        self.path = messy.write_batch_xlsx(Path(tempfile.mkdtemp()) / "b3.xlsx", rows=50, seed=7).path
        self.holder = Holder(self.inspection)
        self.holder.start()
        self.assertTrue(self.holder.holding.wait(10))
        self.addCleanup(self.holder.join, 10)
        self.addCleanup(self.holder.release.set)

    def command(self, err: io.StringIO | None = None) -> tuple[int, dict, str]:
        out, err = io.StringIO(), err or io.StringIO()
        try:
            call_command(
                "import_batch", str(self.path), "--inspection", self.inspection.code, "--json", stdout=out, stderr=err
            )
            code = 0
        except SystemExit as exc:
            code = exc.code
        return code, json.loads(out.getvalue()), err.getvalue()

    def test_the_second_import_waits_says_so_and_imports_when_the_first_is_done(self):
        # the first import lets go a second after the second one said it waits (however
        # long the second one's reading took on a busy machine)
        err = Told()
        timer = threading.Thread(target=lambda: err.told.wait(60) and time.sleep(1.0) or self.holder.release.set())
        timer.start()
        code, data, err = self.command(err)
        timer.join()
        self.assertEqual((code, data["created"], data["errors"]), (0, 50, []))
        self.assertIn("等待另一导入完成……", err)
        self.assertTrue(data["warnings"][0]["message"].startswith("等待另一导入完成（约"), data["warnings"][0])
        self.assertEqual(Complaint.objects.count(), 50)

    @override_settings(IMPORT_WAIT_SECONDS=1)
    def test_a_wait_past_the_limit_ends_in_a_clear_message_and_writes_nothing(self):
        code, data, err = self.command()
        self.assertEqual(code, 1)
        self.assertEqual(
            data["errors"][0]["message"], "另一导入正在进行，已等待1秒仍未完成：请稍后重试，本次未写入任何数据。"
        )
        self.assertIn("等待另一导入完成……", err)
        self.assertFalse(Complaint.objects.exists())

    @override_settings(IMPORT_PAGE_WAIT_SECONDS=1)
    def test_the_check_of_an_upload_waits_only_the_page_wait_and_says_why(self):
        upload = store.save(self.path, kind=store.UPLOADS, suffix=".xlsx")
        with self.assertRaises(ImportBusy) as caught:
            import_jobs.check_import(
                actor=system_user(), inspection=self.inspection, upload=upload, file_name="b3.xlsx"
            )
        self.assertEqual(
            str(caught.exception.message), "另一导入正在进行，已等待1秒仍未完成：请稍后重试，本次未写入任何数据。"
        )
