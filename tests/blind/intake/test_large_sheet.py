"""Big batches whose two-row header is not merged (行政区域, 行政区域): the shape the bench
writes 100,000 rows of, here a few thousand."""

import shutil
import tempfile
from pathlib import Path

from ducha.complaints.models import Batch, Complaint

from ._support import IntakeCase, run
from .make_files import LARGE_BATCH, large_row, write_large_batch


class LargeChecks:
    ROWS = 0
    FILLED = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.tmp = Path(tempfile.mkdtemp(prefix="blind-large-"))
        path = cls.tmp / "2021_batch09_large.xlsx"
        write_large_batch(path, cls.ROWS, filled=cls.FILLED)
        cls.outcome = run("import_batch", str(path), "--inspection", "2021-hunan", "--json")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)
        super().tearDownClass()

    def test_every_row_is_imported(self):
        self.assertEqual(self.outcome.exit, 0, self.outcome.describe())
        self.assertEqual((self.outcome.json["rows"], self.outcome.json["created"]), (self.ROWS, self.ROWS))
        self.assertEqual(Complaint.objects.filter(inspection__code="2021-hunan").count(), self.ROWS)

    def test_the_second_header_row_is_not_read_as_a_record(self):
        said = [e for e in (self.outcome.json or {}).get("errors") or [] if e.get("row") == 4]
        self.assertEqual(said, [], self.outcome.describe()[:600])
        self.assertFalse(Complaint.objects.filter(inspection__code="2021-hunan", region_id="430300").exists())

    def test_sampled_rows_are_read_as_written(self):
        wrong = []
        for i in [*range(0, self.ROWS, 97), self.ROWS - 1]:
            want = large_row(i)["expected"]
            c = Complaint.objects.filter(inspection__code="2021-hunan", ref=want["ref"]).first()
            if c is None:
                wrong.append(f"{want['ref']}: not imported")
                continue
            got = {
                "region": c.region_id,
                "pollution_types": sorted(c.pollution_types.values_list("code", flat=True)),
                "channel": c.channel,
                "is_key": c.is_key,
            }
            exp = {k: want[k] for k in got}
            if got != exp or not c.text.startswith(want["text_starts"]):
                wrong.append(f"{want['ref']}: expected {exp} / {want['text_starts']!r}, got {got} / {c.text[:20]!r}")
        self.assertEqual(wrong, [], self.outcome.describe()[:400])

    def test_the_batch_number_and_date_come_from_the_title(self):
        got = list(Batch.objects.filter(inspection__code="2021-hunan").values_list("number", "handed_over_on"))
        self.assertEqual([(n, d.isoformat()) for n, d in got], [(LARGE_BATCH["number"], LARGE_BATCH["handed_over_on"])])


class TestLargeSheetWithTheGroupNameTypedOverBothColumns(LargeChecks, IntakeCase):
    inspections = ("2021-hunan",)
    ROWS = 2500


class TestLargeSheetWhoseHeaderWasUnmergedAndFilled(LargeChecks, IntakeCase):
    inspections = ("2021-hunan",)
    ROWS = 500
    FILLED = True
