"""Hostile and broken files through the command and the upload page: each ends in a
located error (or a clean import), nothing is written, and Ducha still answers."""

import json
import shutil
import tempfile
from pathlib import Path

from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from ducha.complaints.models import Batch, Complaint, ImportJob
from ducha.complaints.services import intake
from ducha.complaints.tests.test_import import make_inspection, run_command
from ducha.core.parsing.tests import hostile
from ducha.core.parsing.tests.messy import write_csv
from ducha.testing import CastTestCase

UPLOAD = "/complaints/imports/new/"
OUT_OF_MEMORY = "文件无法读取：big-grid.xlsx：读取所需内存超过上限（256 MB），文件可能被恶意构造或过大"


class HostileFileTests(CastTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.folder = Path(tempfile.mkdtemp())
        cls.files = {name: make(cls.folder) for name, (make, _expected) in hostile.CORPUS.items()}
        cls.big_grid = hostile.big_grid(cls.folder)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder, ignore_errors=True)
        super().tearDownClass()

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.inspection = make_inspection()

    def command(self, path, *extra) -> tuple[int, dict]:
        code, out = run_command(str(path), "--inspection", self.inspection.code, "--json", *extra)
        return code, json.loads(out)

    def upload(self, path):
        with path.open("rb") as fh:
            response = self.client.post(UPLOAD, {"inspection": self.inspection.pk, "file": fh})
        self.assertEqual(response.status_code, 302, response.content[:500])
        return self.client.get(response["Location"])

    def test_every_hostile_file_ends_in_its_located_error_through_the_command(self):
        for name, (_make, expected) in hostile.CORPUS.items():
            if expected is None:
                continue
            with self.subTest(name):
                code, data = self.command(self.files[name], "--dry-run")
                self.assertEqual(code, 1)
                self.assertTrue(data["errors"][0]["message"].startswith(expected), data["errors"][0])
                self.assertNotIn("\x00", json.dumps(data, ensure_ascii=False))
        self.assertFalse(Batch.objects.exists())

    def test_a_clean_file_imports_beside_them(self):
        code, data = self.command(self.files["good_csv"])
        self.assertEqual((code, data["created"], data["errors"]), (0, 1, []))

    def test_an_impossible_date_is_an_error_at_its_cell(self):
        _code, data = self.command(self.files["impossible_dates_csv"])
        where = [(p["row"], p["column"], p["value"], p["message"]) for p in data["errors"]]
        self.assertEqual(
            where,
            [
                (2, "D", "1900-02-29", "日期或时间不存在，请核对年月日和时分"),
                (3, "D", "2023-02-30 10:00", "日期或时间不存在，请核对年月日和时分"),
            ],
        )
        self.assertFalse(Complaint.objects.exists())

    def test_a_nul_byte_is_refused_at_its_cell_and_shown_as_a_symbol(self):
        _code, data = self.command(self.files["nul_csv"])
        self.assertEqual(
            (data["errors"][0]["row"], data["errors"][0]["column"], data["errors"][0]["value"]),
            (2, "B", "某厂␀夜间␇排放"),
        )

    def test_a_file_of_empty_rows_creates_no_batch(self):
        code, data = self.command(self.files["empty_rows_csv"])
        self.assertEqual((code, data["created"]), (1, 0))
        self.assertFalse(Batch.objects.exists())

    @override_settings(READER_MEMORY_MB=256)
    def test_a_reader_that_aborts_in_native_code_is_a_located_error_not_a_dead_command(self):
        code, data = self.command(self.big_grid)
        self.assertEqual(code, 1)
        self.assertEqual(data["errors"][0]["message"], OUT_OF_MEMORY)

    @override_settings(READER_MEMORY_MB=256)
    def test_the_upload_page_reports_each_hostile_file_and_still_answers(self):
        self.login(self.office)
        for name in ("last_cell", "zip_bomb", "nul_csv", "header_only", "html_as_xls"):
            with self.subTest(name):
                page = self.upload(self.files[name])
                self.assertContains(page, hostile.CORPUS[name][1])
        page = self.upload(self.big_grid)
        self.assertContains(page, OUT_OF_MEMORY)
        self.assertEqual(self.client.get("/complaints/batches/").status_code, 200)
        self.assertEqual(ImportJob.objects.count(), 6)
        self.assertFalse(Complaint.objects.exists())


CELL = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["1900-02-29", "2023-02-30", "2021-04-07 10:02", "雨湖区", "\x00", "=1+1", "1e308", ""]),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
)


class GeneratedFileTests(HypothesisTestCase, CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.inspection = make_inspection()

    def setUp(self):
        super().setUp()
        self.folder = Path(tempfile.mkdtemp())

    def check(self, path: Path) -> None:
        result = intake.import_batch(path, actor=self.office, inspection=self.inspection, dry_run=True)
        for problem in result.errors + result.warnings:
            self.assertTrue(problem["message"], problem)
        self.assertFalse(Complaint.objects.exists())

    @settings(max_examples=8, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
    @given(rows=st.lists(st.lists(CELL, min_size=0, max_size=6), max_size=6))
    def test_generated_tables_end_in_located_problems_or_a_clean_check(self, rows):
        self.check(write_csv(self.folder / "generated.csv", [hostile.HEADER, *rows]))

    @settings(max_examples=8, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
    @given(cuts=st.lists(st.tuples(st.integers(min_value=0), st.binary(min_size=1, max_size=8)), max_size=4))
    def test_a_damaged_workbook_ends_in_a_located_error_or_a_clean_check(self, cuts):
        path = hostile.good_xlsx(self.folder)
        data = bytearray(path.read_bytes())
        for at, junk in cuts:
            at %= len(data)
            data[at : at + len(junk)] = junk
        path.write_bytes(bytes(data))
        self.check(path)


class FullDiskUploadTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.inspection = make_inspection()

    def test_a_full_disk_on_upload_is_said_on_the_form_not_a_500(self):
        from ducha.complaints.tests.test_import_failures import DISK_FULL, full_disk

        path = hostile.good_csv(Path(tempfile.mkdtemp()))
        self.login(self.office)
        with full_disk(), path.open("rb") as fh:
            response = self.client.post(UPLOAD, {"inspection": self.inspection.pk, "file": fh})
        self.assertContains(response, DISK_FULL, status_code=400)
        self.assertFalse(ImportJob.objects.exists())
