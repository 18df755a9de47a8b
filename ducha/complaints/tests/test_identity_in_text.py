"""Identity written inside free text is sealed at save: the column keeps placeholders,
pages, documents, exports and the audit log show the mask, and only the office's audited
reveal shows it as written."""

import datetime as dt
import io
import json
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from docx import Document

from ducha import store
from ducha.audit.models import AuditEvent
from ducha.complaints import demo
from ducha.complaints.models import Complaint, Handling
from ducha.complaints.services import dispatch as dispatching
from ducha.complaints.services import handling, intake
from ducha.complaints.services import review as reviewing
from ducha.complaints.tests.test_pages_support import make_inspection
from ducha.fields import PiiText
from ducha.supervision.models import NoticeLevel
from ducha.supervision.services import notices
from ducha.testing import CastTestCase

PHONE, ID_NUMBER, NAME = "13874561230", "430302199001011234", "张建军"
TEXT = f"雨湖区长城乡某养猪场粪污直排。举报人{NAME}，电话138 7456 1230，身份证{ID_NUMBER}。"
OTHER_PHONE = "15907325678"


def raw_column(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


class IdentityInTextTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.inspection = make_inspection(cls.office)
        accepted = "2026年03月01日09时00分"
        rows = [
            ("D430000202603010001", TEXT, "雨湖区", "水", "来电", accepted, NAME, PHONE),
            ("D430000202603010002", "岳塘区某砂石场夜间作业噪声扰民。", "岳塘区", "噪声", "来电", accepted, "", ""),
        ]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "第1批.xlsx"
            demo._write_batch(path, 1, dt.date(2026, 3, 2), rows)
            assert intake.import_batch(path, actor=cls.office, inspection=cls.inspection).ok

    def complaint(self) -> Complaint:
        return Complaint.objects.get(ref="D430000202603010001")

    def test_the_stored_text_holds_placeholders_and_no_identity(self):
        column = raw_column("complaints_complaint", "text", self.complaint().pk)
        self.assertIn("⟦pii:1⟧", column)
        for plain in (PHONE, "138 7456 1230", ID_NUMBER, NAME):
            self.assertNotIn(plain, column)
        self.assertIn("养猪场粪污直排", column)  # the rest stays searchable
        self.assertEqual(
            raw_column("complaints_complaint", "text", Complaint.objects.get(ref__endswith="0002").pk),
            "岳塘区某砂石场夜间作业噪声扰民。",
        )

    def test_everyone_reads_the_mask(self):
        text = self.complaint().text
        self.assertIsInstance(text, PiiText)
        self.assertEqual(text, "雨湖区长城乡某养猪场粪污直排。举报人张**，电话138****1230，身份证430302********1234。")
        self.assertEqual(text.revealed(), TEXT)
        for user in (self.office, self.leader):
            response = self.login(user).get(f"/complaints/{self.complaint().pk}/")
            self.assertContains(response, "138****1230")
            self.assertNotContains(response, "7456")
            self.assertNotContains(response, ID_NUMBER)

    def test_the_office_reveal_shows_the_text_as_written_and_is_audited(self):
        response = self.login(self.office).post(f"/complaints/{self.complaint().pk}/reveal/")
        self.assertContains(response, "电话138 7456 1230")
        event = AuditEvent.objects.get(action="pii.reveal")
        self.assertIn("text", event.after["fields"])

    def test_a_handling_report_is_sealed_and_an_edit_from_the_mask_keeps_the_number(self):
        complaint = dispatching.dispatch_complaint(self.complaint(), actor=self.office, lead_unit=self.unit_yuhu)
        findings = f"已电话回访举报人{NAME}（{OTHER_PHONE}），情况属实。"
        handling.save_handling(complaint, actor=self.handler, findings=findings, veracity="true", measures="责令整改。")
        report = Handling.objects.get(complaint=complaint)
        self.assertEqual(report.findings, "已电话回访举报人张**（159****5678），情况属实。")
        self.assertNotIn(OTHER_PHONE, raw_column("complaints_handling", "findings", report.pk))
        # the handler edits the draft as the form shows it (masked) and adds a sentence
        handling.save_handling(
            Complaint.objects.get(pk=complaint.pk),
            actor=self.handler,
            findings=report.findings + "已责令停产。",
            veracity="true",
            measures="责令整改。",
        )
        report = Handling.objects.get(complaint=complaint)
        self.assertEqual(report.findings.revealed(), findings + "已责令停产。")

    def test_the_audit_log_never_holds_a_number_written_in_text(self):
        complaint = dispatching.dispatch_complaint(self.complaint(), actor=self.office, lead_unit=self.unit_yuhu)
        handling.save_handling(
            complaint, actor=self.handler, findings=f"回访电话{OTHER_PHONE}。", veracity="true", measures="无。"
        )
        handling.submit_handling(Complaint.objects.get(pk=complaint.pk), actor=self.handler)
        reviewing.return_handling(  # the office names the complainant in its reason
            Complaint.objects.get(pk=complaint.pk), actor=self.office, reason=f"请再次回访{NAME}（{PHONE}）。"
        )
        logged = json.dumps(list(AuditEvent.objects.values("before", "after", "object_repr")), ensure_ascii=False)
        for plain in (PHONE, ID_NUMBER, OTHER_PHONE, "7456 1230", NAME):
            self.assertNotIn(plain, logged)

    def test_a_notice_document_shows_the_mask(self):
        complaint = dispatching.dispatch_complaint(self.complaint(), actor=self.office, lead_unit=self.unit_yuhu)
        draft = notices.draft_notice(
            self.unit_yuhu,
            actor=self.supervisor,
            level=NoticeLevel.KEY,
            items=[complaint],
            reply_by=dt.date.today() + dt.timedelta(days=7),
            body=f"请联系举报人（{PHONE}）后尽快办理。",
        )
        notice = notices.issue_notice(draft, actor=self.leader)  # 签发 writes the document
        self.assertNotIn(PHONE, raw_column("supervision_supervisionnotice", "body", notice.pk))
        with store.open(notice.document) as f:
            doc = Document(io.BytesIO(f.read()))
        words = "\n".join(p.text for p in doc.paragraphs) + "".join(
            c.text for t in doc.tables for r in t.rows for c in r.cells
        )
        self.assertIn("138****1230", words)
        for plain in (PHONE, ID_NUMBER, NAME):
            self.assertNotIn(plain, words)

    def test_seal_stored_seals_rows_written_before_and_runs_again_harmlessly(self):
        complaint = self.complaint()
        with connection.cursor() as cursor:  # as a row written before sealing looks
            cursor.execute("UPDATE complaints_complaint SET text = %s WHERE id = %s", [TEXT, complaint.pk])
        legacy = Complaint.objects.get(pk=complaint.pk).text  # numbers masked on reading already
        self.assertIn("138****1230", legacy)
        self.assertNotIn(ID_NUMBER, legacy)
        out = io.StringIO()
        call_command("seal_stored", stdout=out)
        self.assertEqual(json.loads(out.getvalue())["rows"]["complaints.complaint.text"], 1)
        column = raw_column("complaints_complaint", "text", complaint.pk)
        for plain in (PHONE, ID_NUMBER, NAME):
            self.assertNotIn(plain, column)
        self.assertEqual(Complaint.objects.get(pk=complaint.pk).text.revealed(), TEXT)
        out = io.StringIO()
        call_command("seal_stored", stdout=out)
        self.assertEqual(json.loads(out.getvalue())["rows_sealed"], 0)
