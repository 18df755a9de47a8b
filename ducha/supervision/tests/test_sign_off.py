"""签发: notices and bulletins are drafts until a signing role signs them; only then do
they take a 文号, get their document and reach the units. Bulletins rank equal rates
together (并列) and say their rule under the table; the Word file is a GB/T 9704 公文."""

import datetime as dt
import io

from django.test import override_settings
from django.utils import timezone
from docx import Document
from docx.shared import Mm

from ducha import store
from ducha.errors import InvalidTransition, NotPermitted
from ducha.notifications.models import Notification
from ducha.org.models import Region
from ducha.supervision import bulletins as bulletin_data
from ducha.supervision.models import BulletinStatus, NoticeLevel, NoticeStatus
from ducha.supervision.services import bulletins, notices
from ducha.supervision.tests.support import DispatchedTestCase

TODAY = timezone.localdate()


class SignOffTests(DispatchedTestCase):
    def draft_notice(self):
        return notices.draft_notice(
            self.unit_yuhu,
            actor=self.supervisor,
            level=NoticeLevel.KEY,
            items=self.complaints()[:1],
            reply_by=TODAY + dt.timedelta(days=7),
            body="请加快办理。",
        )

    def draft_bulletin(self):
        city = Region.objects.get(code="430300")
        return bulletins.draft_bulletin(self.inspection, actor=self.office, region=city, as_of=dt.date(2026, 3, 2))

    def test_a_draft_notice_has_no_number_and_does_not_reach_the_unit(self):
        notice = self.draft_notice()
        self.assertEqual((notice.status, notice.number, notice.document), (NoticeStatus.DRAFT, "", ""))
        self.assertEqual(self.login(self.handler).get(f"/supervision/notices/{notice.pk}/").status_code, 404)
        self.assertFalse(Notification.objects.filter(user=self.handler).exists())

    def test_the_signer_issues_the_notice_and_the_unit_is_told(self):
        notice = self.draft_notice()
        with self.captureOnCommitCallbacks(execute=True):
            response = self.login(self.leader).post(f"/supervision/notices/{notice.pk}/issue/")
        self.assertEqual(response.status_code, 302)
        notice.refresh_from_db()
        self.assertEqual((notice.status, notice.number), (NoticeStatus.ISSUED, f"湘环督〔{TODAY.year}〕1号"))
        self.assertTrue(notice.document)
        self.assertEqual(self.login(self.handler).get(f"/supervision/notices/{notice.pk}/").status_code, 200)
        self.assertTrue(Notification.objects.filter(user=self.handler, link=f"/supervision/notices/{notice.pk}/"))

    def test_the_drafting_office_may_not_sign_unless_its_role_is_named(self):
        notice = self.draft_notice()
        with self.assertRaises(NotPermitted):
            notices.issue_notice(notice, actor=self.office)
        with override_settings(DUCHA_SIGNING_ROLES=("office",)):
            self.assertEqual(notices.issue_notice(notice, actor=self.office).status, NoticeStatus.ISSUED)

    def test_a_notice_is_signed_once(self):
        notice = notices.issue_notice(self.draft_notice(), actor=self.leader)
        with self.assertRaises(InvalidTransition) as caught:
            notices.issue_notice(notice, actor=self.leader)
        self.assertEqual(str(caught.exception.message), "该督办单已签发。")

    def test_a_draft_bulletin_has_no_files_and_the_signed_one_reaches_the_units(self):
        bulletin = self.draft_bulletin()
        self.assertEqual((bulletin.status, bulletin.docx), (BulletinStatus.DRAFT, ""))
        self.assertEqual(self.login(self.handler).get(f"/supervision/bulletins/{bulletin.pk}/").status_code, 404)
        self.assertEqual(
            self.login(self.office).get(f"/supervision/bulletins/{bulletin.pk}/bulletin.docx").status_code, 404
        )
        with self.captureOnCommitCallbacks(execute=True):
            self.login(self.leader).post(f"/supervision/bulletins/{bulletin.pk}/issue/")
        bulletin.refresh_from_db()
        self.assertEqual((bulletin.status, bulletin.number), (BulletinStatus.ISSUED, f"湘环委办通〔{TODAY.year}〕1号"))
        self.assertEqual(self.login(self.handler).get(f"/supervision/bulletins/{bulletin.pk}/").status_code, 200)
        self.assertTrue(Notification.objects.filter(user=self.handler, link=f"/supervision/bulletins/{bulletin.pk}/"))

    def test_the_bulletin_is_a_gbt9704_document_with_its_tables_and_rule(self):
        bulletin = bulletins.issue_bulletin(self.draft_bulletin(), actor=self.leader)
        with store.open(bulletin.docx) as f:  # kept sealed at rest: read through the store
            doc = Document(io.BytesIO(f.read()))
        section = doc.sections[0]
        self.assertEqual((round(section.page_width / Mm(1)), round(section.page_height / Mm(1))), (210, 297))
        self.assertEqual((round(section.top_margin / Mm(1)), round(section.left_margin / Mm(1))), (37, 28))
        grid = section._sectPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}docGrid")
        self.assertEqual(grid.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}linePitch"), "579")
        text = "\n".join(p.text for p in doc.paragraphs)
        self.assertIn(f"湘环委办通〔{TODAY.year}〕1号", text)
        self.assertIn("湘潭市生态环境保护委员会办公室", text)
        self.assertIn("并列", text)
        self.assertEqual(len(doc.tables), 2)
        self.assertEqual(doc.tables[0].rows[0].cells[0].text, "排名")

    def test_equal_rates_share_a_rank(self):
        rows = [
            {"name": "甲", "on_time_rate": 90.0, "overdue_open": 0},
            {"name": "乙", "on_time_rate": 80.0, "overdue_open": 1},
            {"name": "丙", "on_time_rate": 80.0, "overdue_open": 2},
            {"name": "丁", "on_time_rate": 70.0, "overdue_open": 0},
        ]
        bulletin_data._rank(rows)
        self.assertEqual([(r["rank"], r["tied"]) for r in rows], [(1, False), (2, True), (2, True), (4, False)])
        self.assertEqual(bulletin_data.rank_label(rows[1]), "2（并列）")
