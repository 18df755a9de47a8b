"""Importing a batch file: exactly, all or nothing, idempotent by 受理编号."""

import datetime as dt
import io
import json
import threading
from pathlib import Path

from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TestCase

from ducha import store
from ducha.audit.models import AuditEvent
from ducha.complaints.models import Batch, Channel, Complaint
from ducha.complaints.services import intake
from ducha.core.parsing.tests import messy
from ducha.errors import NotPermitted
from ducha.inspections import services as inspections
from ducha.inspections.models import Inspection
from ducha.org.scoping import system_user
from ducha.testing import CastTestCase, CommittingTestCase


def make_inspection(code="2021-hunan") -> Inspection:
    return inspections.create_inspection(
        actor=system_user(),
        code=code,
        team="中央第六生态环境保护督察组",
        province="湖南省",
        start_date=dt.date(2021, 4, 6),
    )


def run_command(*args) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("import_batch", *args, stdout=out, stderr=io.StringIO())
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue()


class ImportTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.inspection = make_inspection()

    def setUp(self):
        super().setUp()
        import tempfile

        self.tmp = Path(tempfile.mkdtemp())
        self.good = messy.write_batch_xlsx(self.tmp / "b3.xlsx", rows=60, seed=11)

    def _import(self, path, **kw):
        return intake.import_batch(path, actor=self.office, inspection=self.inspection, **kw)

    def test_imports_every_row_with_its_values(self):
        result = self._import(self.good.path)
        self.assertEqual((result.created, result.updated, result.unchanged, result.errors), (60, 0, 0, []))
        self.assertEqual(result.batch, 3)  # from the title 第3批
        batch = Batch.objects.get(inspection=self.inspection, number=3)
        self.assertEqual(batch.handed_over_on, dt.date(2021, 4, 13))
        self.assertEqual(Complaint.objects.filter(batch=batch).count(), 60)

    def test_values_match_the_file(self):
        self._import(self.good.path)
        for sample in messy.iter_samples(60, seed=11):
            c = Complaint.objects.get(inspection=self.inspection, ref=sample.ref)
            with self.subTest(ref=sample.ref):
                self.assertEqual(c.region_id, sample.region_code)
                self.assertEqual(
                    tuple(sorted(c.pollution_types.values_list("code", flat=True))),
                    tuple(sorted(sample.pollution_codes)),
                )
                self.assertEqual(c.is_key, sample.is_key)
                self.assertEqual(c.text, sample.text)
                self.assertEqual(c.complainant_name, sample.name or "")
                self.assertEqual(c.accepted_at, sample.accepted_at.replace(tzinfo=dt.timezone(dt.timedelta(hours=8))))
            if sample.ref == "X3HN2021000010":
                break

    def test_complainant_data_is_sealed_in_the_database(self):
        self._import(self.good.path)
        with connection.cursor() as c:
            c.execute(
                "SELECT complainant_name, complainant_phone FROM complaints_complaint WHERE complainant_phone <> ''"
            )
            rows = c.fetchall()
        self.assertTrue(rows)
        for name, phone in rows:
            self.assertTrue(phone.startswith("sm4gcm1:"))
            self.assertTrue(name == "" or name.startswith("sm4gcm1:"))
            self.assertNotRegex(phone, r"1[3-9]\d{9}")

    def test_same_file_again_is_all_unchanged_and_writes_no_audit(self):
        self._import(self.good.path)
        events = AuditEvent.objects.count()
        result = self._import(self.good.path)
        self.assertEqual((result.created, result.updated, result.unchanged), (0, 0, 60))
        self.assertEqual(AuditEvent.objects.count(), events)
        self.assertEqual(Batch.objects.count(), 1)

    def test_changed_row_is_an_update_with_a_field_diff(self):
        self._import(self.good.path)
        # the same batch as a CSV, with one complaint's text corrected
        csv = messy.write_batch_csv(self.tmp / "b3.csv", rows=60, seed=11, encoding="utf-8-sig")
        ref = next(messy.iter_samples(60, seed=11)).ref
        lines = Path(csv.path).read_text(encoding="utf-8-sig").splitlines(keepends=True)
        line = next(i for i, x in enumerate(lines) if ref in x)
        original = next(messy.iter_samples(60, seed=11)).text
        lines[line] = lines[line].replace(original, "雨湖区某砂场夜间作业噪声扰民（补充）")
        Path(csv.path).write_text("".join(lines), encoding="utf-8-sig")
        result = self._import(csv.path, batch_number=3)
        self.assertEqual((result.created, result.updated, result.unchanged), (0, 1, 59))
        event = AuditEvent.objects.get(action="complaints.complaint.update")
        self.assertEqual(event.object_repr, ref)
        self.assertEqual(event.after, {"text": "雨湖区某砂场夜间作业噪声扰民（补充）"})
        self.assertEqual(Complaint.objects.get(ref=ref).version, 2)

    def test_bad_file_reports_every_error_and_changes_nothing(self):
        bad = messy.write_batch_xlsx(self.tmp / "bad.xlsx", rows=50, seed=2, plant=True)
        before = (Complaint.objects.count(), Batch.objects.count(), AuditEvent.objects.count())
        result = self._import(bad.path)
        self.assertEqual(before, (Complaint.objects.count(), Batch.objects.count(), AuditEvent.objects.count()))
        self.assertEqual((result.created, result.updated, result.unchanged), (0, 0, 0))
        located = {(e["row"], e["column"]) for e in result.errors}
        rows_with_errors = {r for r, _ in located}
        planted_errors = {
            "impossible_date",
            "unknown_region",
            "unknown_pollution",
            "duplicate_ref",
            "missing_ref",
            "bad_mark",
            "empty_text",
        }
        for name, row in bad.plants.items():
            if name in planted_errors:
                with self.subTest(plant=name):
                    self.assertIn(row, rows_with_errors)
        first = result.errors[0]
        self.assertEqual(set(first), {"sheet", "row", "column", "header", "value", "message"})

    def test_formula_like_text_is_kept_literally_with_a_warning(self):
        bad = messy.write_batch_xlsx(self.tmp / "bad.xlsx", rows=50, seed=2, plant=True)
        result = self._import(bad.path)
        warning = next(w for w in result.warnings if w["value"].startswith("="))
        self.assertIn("不会作为公式", warning["message"])

    def test_gbk_csv_gives_the_same_result_as_its_xlsx(self):
        csv = messy.write_batch_csv(self.tmp / "b3.csv", rows=60, seed=11, encoding="gb18030")
        other = make_inspection("csv-twin")
        a = self._import(self.good.path)
        b = intake.import_batch(csv.path, actor=self.office, inspection=other, batch_number=3)
        self.assertEqual((a.created, a.errors), (b.created, b.errors))
        fields = ["ref", "text", "region_id", "channel", "accepted_at", "is_key", "team_repeat"]
        xs = list(Complaint.objects.filter(inspection=self.inspection).order_by("ref").values_list(*fields))
        cs = list(Complaint.objects.filter(inspection=other).order_by("ref").values_list(*fields))
        self.assertEqual(xs, cs)

    def test_dry_run_counts_and_writes_nothing(self):
        result = self._import(self.good.path, dry_run=True)
        self.assertEqual(result.created, 60)
        self.assertFalse(Complaint.objects.exists())
        self.assertFalse(Batch.objects.exists())

    def test_source_file_is_kept_with_its_hash(self):
        import hashlib

        self._import(self.good.path)
        batch = Batch.objects.get()
        digest = hashlib.sha256(Path(self.good.path).read_bytes()).hexdigest()
        self.assertEqual(batch.source_sha256, digest)
        with store.open(batch.source_file.name) as kept:
            self.assertEqual(kept.read(), Path(self.good.path).read_bytes())
        self.assertTrue(store.is_sealed(Path(batch.source_file.path)))

    def test_one_audit_event_per_batch(self):
        self._import(self.good.path)
        event = AuditEvent.objects.get(action="complaints.batch.import")
        self.assertEqual(event.after["created"], 60)
        self.assertEqual(event.actor_name, "李明")

    def test_handler_may_not_import(self):
        with self.assertRaises(NotPermitted):
            intake.import_batch(self.good.path, actor=self.handler, inspection=self.inspection)

    def test_unsupported_file_type_is_refused(self):
        path = self.tmp / "notes.txt"
        path.write_text("x")
        result = self._import(path)
        self.assertIn("文件类型不支持", result.errors[0]["message"])

    def test_channel_comes_from_the_section_rows(self):
        self._import(self.good.path)
        channels = set(Complaint.objects.values_list("channel", flat=True))
        self.assertLessEqual(channels, {Channel.PHONE, Channel.LETTER, Channel.VISIT, Channel.ONLINE})
        self.assertNotIn("", channels)


class ImportCommandTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_inspection()

    def setUp(self):
        import tempfile

        self.tmp = Path(tempfile.mkdtemp())

    def test_json_output_and_exit_0(self):
        good = messy.write_batch_xlsx(self.tmp / "b.xlsx", rows=20, seed=4)
        code, out = run_command(str(good.path), "--inspection", "2021-hunan", "--json")
        self.assertEqual(code, 0)
        data = json.loads(out)
        self.assertEqual((data["created"], data["updated"], data["unchanged"]), (20, 0, 0))
        self.assertEqual((data["errors"], data["warnings"]), ([], []))

    def test_errors_exit_1_with_located_json(self):
        bad = messy.write_batch_xlsx(self.tmp / "bad.xlsx", rows=50, seed=2, plant=True)
        code, out = run_command(str(bad.path), "--inspection", "2021-hunan", "--json")
        self.assertEqual(code, 1)
        data = json.loads(out)
        self.assertTrue(all(set(e) == {"sheet", "row", "column", "header", "value", "message"} for e in data["errors"]))
        self.assertFalse(Complaint.objects.exists())

    def test_dry_run_exit_0_writes_nothing(self):
        good = messy.write_batch_xlsx(self.tmp / "b.xlsx", rows=20, seed=4)
        code, out = run_command(str(good.path), "--inspection", "2021-hunan", "--dry-run", "--json")
        self.assertEqual((code, json.loads(out)["created"]), (0, 20))
        self.assertFalse(Complaint.objects.exists())

    def test_usage_errors_exit_2(self):
        good = messy.write_batch_xlsx(self.tmp / "b.xlsx", rows=5, seed=4)
        for args in (
            [str(good.path), "--inspection", "nope"],
            [str(self.tmp / "missing.xlsx"), "--inspection", "2021-hunan"],
        ):
            with self.subTest(args=args):
                with self.assertRaises(CommandError) as ctx:
                    call_command("import_batch", *args, stdout=io.StringIO(), stderr=io.StringIO())
                self.assertEqual(ctx.exception.returncode, 2)


class ConcurrentImportTests(CommittingTestCase):
    def test_two_imports_at_once_never_duplicate(self):
        import tempfile

        inspection = make_inspection()
        good = messy.write_batch_xlsx(Path(tempfile.mkdtemp()) / "b.xlsx", rows=300, seed=5)
        results = []

        def run():
            try:
                results.append(intake.import_batch(good.path, actor=system_user(), inspection=inspection))
            finally:
                connection.close()

        threads = [threading.Thread(target=run) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(Complaint.objects.count(), 300)
        self.assertEqual(sorted((r.created, r.unchanged) for r in results), [(0, 300), (300, 0)])
