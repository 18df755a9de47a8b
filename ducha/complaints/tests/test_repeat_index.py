"""The repeat index in the database: keys written with the complaints, gone with them,
rewritten with their text, and the suggestions they give are the core's."""

import datetime as dt
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.db import transaction

from ducha.complaints.models import (
    Batch,
    Complaint,
    ComplaintStatus,
    RepeatKey,
    RepeatProfile,
    RepeatSuggestion,
)
from ducha.complaints.services import import_rows, intake, repeat_index, repeats
from ducha.complaints.tests.test_import import make_inspection
from ducha.core.parsing import ComplaintRecord
from ducha.core.parsing.tests import messy
from ducha.core.textsim import MemoryIndex, extract, keys
from ducha.org.models import Region
from ducha.org.scoping import system_user
from ducha.testing import CastTestCase

TEXTS = [
    ("430302", "雨湖区长城乡石码头村某养猪场污水直排，臭味扰民。"),
    ("430302", "雨湖区姜畲镇某砂场夜间噪声扰民。"),
    ("430302", "雨湖区长城乡石码头村养猪场粪污直排水塘，臭气熏天，多次反映未解决。"),
    ("430321", "湘潭县易俗河镇湘潭宏达金属冶炼有限公司夜间偷排废气，刺鼻难闻。"),
    ("430302", "长城乡石码头村的养殖场晚上拉猪的车很吵。"),
    ("430321", "易俗河镇宏达冶炼厂没有环评手续，还在生产。"),
    ("430302", "雨湖区长城乡石码头村KTV歌厅噪音扰民到凌晨。"),
]


def record(ref: str, region: str, text: str, pollution=("air",)) -> ComplaintRecord:
    return ComplaintRecord(
        sheet="第1批",
        row=1,
        ref=ref,
        is_key=False,
        channel="phone",
        accepted_at=dt.datetime(2021, 4, 10, 9, 0),
        text=text,
        region_code=region,
        pollution_types=tuple(pollution),
        team_repeat=None,
        complainant_name="张三",
        complainant_phone="13800000000",
        complainant_id_number="",
        complainant_address="",
    )


def stored_keys(complaint_id: int) -> set[str]:
    return {f"{k}:{v}" for k, v in RepeatKey.objects.filter(complaint_id=complaint_id).values_list("kind", "key")}


class RepeatIndexTests(CastTestCase):
    def setUp(self):
        self.inspection = make_inspection()
        self.batch = Batch.objects.create(
            inspection=self.inspection,
            number=1,
            handed_over_on=dt.date(2021, 4, 12),
            source_name="b.xlsx",
            source_file="x",
            source_sha256="0" * 64,
        )

    def write(self, rows):
        records = [record(f"D{n:04d}", region, text) for n, (region, text) in enumerate(rows, start=1)]
        with transaction.atomic():
            import_rows.write_records(records, actor=system_user(), inspection=self.inspection, batch=self.batch)
        return list(Complaint.objects.filter(inspection=self.inspection).order_by("pk"))

    def test_keys_are_written_with_the_imported_complaints(self):
        complaints = self.write(TEXTS)
        for c in complaints:
            expected = set(keys(extract(c.text, region=c.region_id, pollution=["大气"])))
            self.assertEqual(stored_keys(c.pk), expected)
            self.assertEqual(set(RepeatKey.objects.filter(complaint=c).values_list("scope", flat=True)), {"4303"})
        self.assertEqual(RepeatProfile.objects.count(), len(TEXTS))

    def test_a_rolled_back_import_leaves_no_keys(self):
        with self.assertRaises(RuntimeError), transaction.atomic():
            self.write(TEXTS)
            self.assertTrue(RepeatKey.objects.exists())
            raise RuntimeError("the import failed")
        self.assertFalse(RepeatKey.objects.exists())
        self.assertFalse(RepeatProfile.objects.exists())

    def test_a_bad_file_writes_no_keys(self):
        path = messy.write_batch_xlsx(Path(tempfile.mkdtemp()) / "bad.xlsx", rows=20, seed=4, plant=True).path
        result = intake.import_batch(path, actor=system_user(), inspection=self.inspection)
        self.assertFalse(result.ok)
        self.assertFalse(RepeatKey.objects.exists())

    def test_deleting_a_complaint_deletes_its_keys(self):
        complaints = self.write(TEXTS)
        repeats.scan_repeats(inspection=self.inspection)
        gone = complaints[0]
        gone.delete()
        self.assertFalse(RepeatKey.objects.filter(complaint_id=gone.pk).exists())
        self.assertFalse(RepeatProfile.objects.filter(complaint_id=gone.pk).exists())
        self.assertEqual(RepeatProfile.objects.count(), len(TEXTS) - 1)

    def test_a_changed_text_rewrites_its_keys(self):
        self.write(TEXTS)
        changed = [*TEXTS[:1], ("430321", "湘潭县射埠镇某采石场炸山，粉尘很大。"), *TEXTS[2:]]
        complaints = self.write(changed)
        c = complaints[1]
        self.assertIn("射埠", c.text)
        self.assertEqual(stored_keys(c.pk), set(keys(extract(c.text, region="430321", pollution=["大气"]))))
        self.assertFalse(any(k.startswith("p:430302") for k in stored_keys(c.pk)))

    def test_reindex_twice_gives_the_same_keys(self):
        self.write(TEXTS)

        def snapshot():
            return sorted(RepeatKey.objects.values_list("complaint_id", "scope", "kind", "key"))

        before = snapshot()
        call_command("repeats", "--reindex", stdout=open("/dev/null", "w"))
        self.assertEqual(snapshot(), before)
        call_command("repeats", "--reindex", stdout=open("/dev/null", "w"))
        self.assertEqual(snapshot(), before)

    def test_complaints_made_without_keys_are_indexed_when_scanned(self):
        complaints = self.write(TEXTS)
        RepeatKey.objects.all().delete()
        RepeatProfile.objects.all().delete()
        repeats.scan_repeats(inspection=self.inspection)
        self.assertEqual(RepeatProfile.objects.count(), len(complaints))
        pairs = set(RepeatSuggestion.objects.values_list("complaint__ref", "candidate__ref"))
        self.assertIn(("D0003", "D0001"), pairs)

    def test_the_database_suggests_what_the_core_suggests(self):
        path = messy.write_batch_xlsx(Path(tempfile.mkdtemp()) / "b.xlsx", rows=150, seed=7).path
        self.assertTrue(intake.import_batch(path, actor=system_user(), inspection=self.inspection).ok)
        self.write(TEXTS)
        ids = list(Complaint.objects.order_by("pk").values_list("pk", flat=True))
        from_db = repeats.suggestions_for(ids)
        profiles = repeat_index.load_features(ids)
        index, from_core = MemoryIndex(), []
        for pk in ids:  # each against the complaints before it, as a new batch is
            from_core.append(index.suggest(profiles[pk][1], key=pk))
            index.add(pk, profiles[pk][1])
        flat = [(s.key, s.candidate_key, s.score, tuple(s.reasons)) for found in from_db for s in found]
        self.assertEqual(flat, [(s.key, s.candidate_key, s.score, tuple(s.reasons)) for f in from_core for s in f])
        self.assertGreater(len(flat), 3)

    def test_another_city_is_never_a_candidate(self):
        city = Region.objects.create(
            code="430200", name="株洲市", level="city", parent=Region.objects.get(code="430000")
        )
        Region.objects.create(code="430202", name="荷塘区", level="county", parent=city)
        complaints = self.write([("430302", TEXTS[0][1]), ("430202", TEXTS[0][1])])
        found = repeats.suggestions_for([c.pk for c in complaints])
        self.assertEqual(found, [[], []])


class NothingAutomaticTests(CastTestCase):
    """Suggestions and relapse flags only: the scan never merges, links or closes."""

    def setUp(self):
        self.inspection = make_inspection()
        self.batch = Batch.objects.create(
            inspection=self.inspection,
            number=1,
            handed_over_on=dt.date(2021, 4, 12),
            source_name="b.xlsx",
            source_file="x",
            source_sha256="0" * 64,
        )

    def test_a_scan_suggests_and_changes_no_complaint(self):
        records = [record(f"D{n:04d}", region, text) for n, (region, text) in enumerate(TEXTS, start=1)]
        import_rows.write_records(records, actor=system_user(), inspection=self.inspection, batch=self.batch)
        Complaint.objects.filter(ref="D0001").update(status=ComplaintStatus.CLOSED)
        before = list(Complaint.objects.order_by("pk").values_list("pk", "status", "repeat_of", "closed_at"))
        self.assertGreater(repeats.scan_repeats(inspection=self.inspection), 0)
        after = list(Complaint.objects.order_by("pk").values_list("pk", "status", "repeat_of", "closed_at"))
        self.assertEqual(after, before)
        self.assertEqual(set(RepeatSuggestion.objects.values_list("status", flat=True)), {"open"})

    def test_a_closed_site_of_another_kind_is_no_relapse(self):
        records = [record(f"D{n:04d}", region, text) for n, (region, text) in enumerate(TEXTS, start=1)]
        import_rows.write_records(records, actor=system_user(), inspection=self.inspection, batch=self.batch)
        Complaint.objects.filter(ref="D0001").update(status=ComplaintStatus.CLOSED)
        repeats.scan_repeats(inspection=self.inspection)
        relapses = set(RepeatSuggestion.objects.filter(relapse=True).values_list("complaint__ref", "candidate__ref"))
        # the pig farm again is a possible relapse; the KTV in the same village is not
        self.assertIn(("D0003", "D0001"), relapses)
        self.assertNotIn(("D0007", "D0001"), relapses)
        self.assertEqual(relapses, {(a, b) for a, b in relapses if b == "D0001"})
