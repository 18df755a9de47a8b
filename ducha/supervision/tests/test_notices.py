import datetime as dt
import io
from pathlib import Path

from django.conf import settings
from docx import Document

from ducha import store
from ducha.audit.models import AuditEvent
from ducha.errors import DomainError, InvalidTransition
from ducha.supervision.models import NoticeLevel, NoticeStatus, SupervisionNotice
from ducha.supervision.services import notices
from ducha.supervision.tests.support import DispatchedTestCase


class SupervisionNoticeTests(DispatchedTestCase):
    def draft(self, items=None, drafted_on=dt.date(2026, 3, 2), **kw):
        return notices.draft_notice(
            self.unit_yuhu,
            actor=kw.pop("actor", self.supervisor),
            level=kw.pop("level", NoticeLevel.KEY),
            items=items or self.complaints()[:2],
            reply_by=kw.pop("reply_by", drafted_on + dt.timedelta(days=5)),
            body="请加快办理。",
            drafted_on=drafted_on,
            **kw,
        )

    def issue(self, items=None, issued_on=dt.date(2026, 3, 2), **kw):
        draft = self.draft(items, issued_on, **kw)
        return notices.issue_notice(draft, actor=self.leader, issued_on=issued_on)

    def test_numbers_run_in_a_yearly_sequence_per_prefix(self):
        first, second = self.issue(), self.issue()
        next_year = self.issue(issued_on=dt.date(2027, 1, 4))
        self.assertEqual(
            [first.number, second.number, next_year.number],
            ["湘环督〔2026〕1号", "湘环督〔2026〕2号", "湘环督〔2027〕1号"],
        )

    def test_the_word_document_has_the_items_in_its_table(self):
        notice = self.issue()
        with store.open(notice.document) as f:
            doc = Document(io.BytesIO(f.read()))
        cells = {cell.text for table in doc.tables for row in table.rows for cell in row.cells}
        for complaint in self.complaints()[:2]:
            self.assertIn(complaint.ref, cells)
        self.assertIn("湘环督〔2026〕1号", "\n".join(p.text for p in doc.paragraphs) + "".join(cells))

    def test_the_document_is_stored_with_its_sha256(self):
        import hashlib

        notice = self.issue()
        response = self.login(self.office).get(f"/supervision/notices/{notice.pk}/document.docx")
        self.assertEqual(response.status_code, 200)
        downloaded = b"".join(response.streaming_content)
        self.assertEqual(hashlib.sha256(downloaded).hexdigest(), notice.document_sha256)
        self.assertTrue(store.is_sealed(Path(settings.MEDIA_ROOT) / notice.document))
        event = AuditEvent.objects.get(action="file.download")  # the download is audited
        self.assertEqual((event.actor_id, event.object_id), (self.office.pk, str(notice.pk)))
        self.assertEqual(event.after["file"], f"{notice.number}.docx")

    def test_issuing_is_audited_with_its_items(self):
        notice = self.issue()
        drafted = AuditEvent.objects.get(action="supervision.notice.draft")
        issued = AuditEvent.objects.get(action="supervision.notice.issue")
        self.assertEqual((drafted.object_id, issued.object_id), (str(notice.pk), str(notice.pk)))
        self.assertEqual(drafted.after["items"], [c.ref for c in self.complaints()[:2]])
        self.assertEqual((issued.actor_id, issued.after["number"]), (self.leader.pk, "湘环督〔2026〕1号"))

    def test_refuses_an_item_led_by_another_unit(self):
        with self.assertRaises(DomainError) as caught:
            notices.draft_notice(
                self.unit_yuetang,
                actor=self.supervisor,
                level=NoticeLevel.SUPERVISE,
                items=self.complaints()[:1],
                reply_by=dt.date(2026, 3, 9),
                body="请加快办理。",
                drafted_on=dt.date(2026, 3, 2),
            )
        ref = self.complaints()[0].ref
        self.assertEqual(str(caught.exception.message), f"督办事项{ref}的牵头单位不是岳塘区人民政府。")
        self.assertEqual(caught.exception.field, "items")

    def test_refuses_a_reply_deadline_before_the_issue_day(self):
        with self.assertRaises(DomainError) as caught:
            self.issue(reply_by=dt.date(2026, 3, 1))
        self.assertEqual(str(caught.exception.message), "回复时限不能早于下发日期。")
        self.assertFalse(SupervisionNotice.objects.exists())

    def test_the_unit_replies_once(self):
        notice = self.issue()
        notices.reply_notice(notice, actor=self.handler, text="已整改到位。")
        notice.refresh_from_db()
        self.assertEqual((notice.status, notice.reply), (NoticeStatus.REPLIED, "已整改到位。"))
        self.assertTrue(AuditEvent.objects.filter(action="supervision.notice.reply", object_id=str(notice.pk)).exists())
        with self.assertRaises(InvalidTransition) as caught:
            notices.reply_notice(notice, actor=self.handler, text="再次回复")
        self.assertEqual(str(caught.exception.message), "该督办单已回复，不能重复回复。")

    def test_another_units_handler_cannot_see_the_notice(self):
        notice = self.issue()
        self.assertEqual(self.login(self.handler2).get(f"/supervision/notices/{notice.pk}/").status_code, 404)
        self.assertEqual(self.login(self.handler).get(f"/supervision/notices/{notice.pk}/").status_code, 200)

    def test_the_addressed_units_handlers_are_told(self):
        from ducha.notifications.models import Notification

        with self.captureOnCommitCallbacks(execute=True):
            self.issue()
        self.assertEqual(
            Notification.objects.get(user=self.handler).text,
            "市政府督查室向本单位下发重点督办单湘环督〔2026〕1号，请于2026年3月7日前回复。",
        )
