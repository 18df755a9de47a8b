"""An earlier round's published results imported as history (import_batch --history)."""

import datetime as dt
import tempfile
from pathlib import Path

import openpyxl
from django.utils import timezone

from ducha.audit.models import AuditEvent
from ducha.complaints.models import Batch, Complaint, ComplaintStatus, Handling, HandlingStatus, RepeatSuggestion
from ducha.complaints.services import import_rows, intake, repeats
from ducha.complaints.tests.test_import import make_inspection, run_command
from ducha.testing import CastTestCase

HEADER = ["序号", "受理编号", "交办问题基本情况", "行政区域", "污染类型", "调查核实情况", "是否属实", "处理和整改情况"]
PIG_FARM = "雨湖区长城乡石码头村某养猪场污水直排，臭味扰民。"
ROWS = [
    [1, "D2017001", PIG_FARM, "雨湖区", "水", "经查，养猪场污水直排属实。", "属实", "已关停养猪场。"],
    [2, "D2017002", "岳塘区某餐馆油烟扰民。", "岳塘区", "大气", "经查，油烟净化器未开启。", "基本属实", "责令整改。"],
]


def write_table(path: Path, rows=ROWS, header=HEADER, title="交办件办理情况一览表（第二批）") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([title])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


class HistoryImportTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.earlier = make_inspection("2017-hunan")
        cls.earlier.start_date = dt.date(2017, 4, 24)
        cls.earlier.save(update_fields=["start_date"])

    def setUp(self):
        super().setUp()
        self.tmp = Path(tempfile.mkdtemp())

    def history(self, path, inspection=None, **kw):
        return intake.import_batch(path, actor=self.office, inspection=inspection or self.earlier, history=True, **kw)

    def test_each_row_is_closed_with_its_handling_under_the_importing_office(self):
        result = self.history(write_table(self.tmp / "h.xlsx"))
        self.assertEqual((result.errors, result.created), ([], 2))
        c = Complaint.objects.get(ref="D2017002")
        self.assertEqual(c.status, ComplaintStatus.CLOSED)
        self.assertEqual(timezone.localtime(c.closed_at).date(), dt.date(2017, 4, 24))  # the table gives no day
        h = Handling.objects.get(complaint=c)
        self.assertEqual((h.status, h.veracity, h.unit.kind), (HandlingStatus.ACCEPTED, "mostly", "office"))
        batch = Batch.objects.get(inspection=self.earlier)
        self.assertEqual((batch.number, batch.history, batch.handed_over_on), (2, True, dt.date(2017, 4, 24)))

    def test_one_history_audit_event_and_the_same_file_again_changes_nothing(self):
        path = write_table(self.tmp / "h.xlsx")
        self.history(path)
        again = self.history(path)
        self.assertEqual((again.created, again.updated, again.unchanged), (0, 0, 2))
        actions = list(
            AuditEvent.objects.filter(action__startswith="complaints.batch").values_list("action", flat=True)
        )
        self.assertEqual(actions, ["complaints.batch.import_history"])

    def test_a_changed_result_updates_the_handling_in_place(self):
        self.history(write_table(self.tmp / "h.xlsx"))
        rows = [ROWS[0], [*ROWS[1][:6], "部分属实", "已责令安装油烟净化器。"]]
        again = self.history(write_table(self.tmp / "h2.xlsx", rows=rows))
        self.assertEqual((again.errors, again.created, again.updated, again.unchanged), ([], 0, 1, 1))
        h = Handling.objects.get(complaint__ref="D2017002")
        self.assertEqual((h.veracity, h.measures), ("partly", "已责令安装油烟净化器。"))

    def test_a_table_without_its_findings_column_is_refused(self):
        header = HEADER[:5] + ["备注", "是否属实", "处理和整改情况"]
        result = self.history(write_table(self.tmp / "h.xlsx", header=header))
        self.assertIn("缺少必填列“调查核实情况”", result.errors[0]["message"])
        self.assertFalse(Complaint.objects.exists())

    def test_a_complaint_handled_in_ducha_is_never_overwritten_by_history(self):
        live = self.tmp / "live.xlsx"
        write_table(live, header=HEADER[:5], rows=[r[:5] for r in ROWS], title="第一批交办件")
        self.assertEqual(intake.import_batch(live, actor=self.office, inspection=self.earlier).errors, [])
        result = self.history(write_table(self.tmp / "h.xlsx"))
        # 第二批 is a new batch, but its refs were handed over in 第一批 and live here
        self.assertEqual([(e["row"], e["column"]) for e in result.errors], [(3, "B"), (4, "B")])
        self.assertEqual(Batch.objects.filter(history=True).count(), 0)
        self.assertFalse(Handling.objects.exists())

    def test_the_third_rounds_target_is_kept(self):
        rows = [[*r, "完成整改"] for r in ROWS]
        self.history(write_table(self.tmp / "h.xlsx", rows=rows, header=[*HEADER, "办结目标"]))
        self.assertEqual(Complaint.objects.get(ref="D2017001").target, "完成整改")

    def test_an_empty_target_leaves_the_digests_of_earlier_imports_as_they_were(self):
        content = {k: "" for k in import_rows.CONTENT_FIELDS if k != "target"}
        self.assertEqual(import_rows.digest(content), import_rows.digest(content | {"target": ""}))
        self.assertNotEqual(import_rows.digest(content), import_rows.digest(content | {"target": "完成整改"}))

    def test_the_command_takes_history_and_answers_in_json(self):
        code, out = run_command(
            str(write_table(self.tmp / "h.xlsx")), "--inspection", "2017-hunan", "--history", "--json"
        )
        self.assertEqual(code, 0, out)
        self.assertIn('"created": 2', out)

    def test_a_later_complaint_about_a_target_closed_in_history_is_a_possible_relapse(self):
        later = make_inspection("2021-hunan")
        batch = self.tmp / "b.xlsx"
        text = "雨湖区长城乡石码头村养猪场粪污直排水塘，臭气熏天，多次反映未解决。"
        write_table(batch, header=HEADER[:5], rows=[[1, "D2HN001", text, "雨湖区", "水"]], title="第一批")
        intake.import_batch(batch, actor=self.office, inspection=later)
        self.history(write_table(self.tmp / "h.xlsx"))  # imported after it, yet earlier
        repeats.scan_repeats()  # what the worker does after each import commits
        suggestion = RepeatSuggestion.objects.get()
        self.assertEqual((suggestion.complaint.ref, suggestion.candidate.ref), ("D2HN001", "D2017001"))
        self.assertTrue(suggestion.relapse)
