"""Nothing under DUCHA_HOME holds a complainant's name or phone in plain bytes: kept batch
files, upload working copies, evidence and notices are sealed, and the database keeps the
identity fields sealed, and identity written in free text behind placeholders. Read as a
backup thief would: every file, byte by byte."""

import datetime as dt
import io
import random
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.db import connection

from ducha.complaints import demo
from ducha.complaints.models import Complaint
from ducha.complaints.services import dispatch as dispatching
from ducha.complaints.services import handling, intake
from ducha.complaints.tests.test_pages_support import check_messy, make_inspection
from ducha.org.models import User
from ducha.supervision.models import NoticeLevel
from ducha.supervision.services import notices
from ducha.testing import CommittingTestCase, build_cast


def readable_bytes(path: Path) -> list[bytes]:
    """The file's bytes, and each member's of a zip (xlsx, docx): compressed, a name
    would not show in the raw bytes, yet anyone can unzip it."""
    raw = path.read_bytes()
    out = [raw]
    if raw[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            out += [archive.read(member) for member in archive.namelist()]
    return out


def files_holding(needles: set[str], root: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    encoded = {n: n.encode() for n in needles}
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            contents = readable_bytes(path)
            hits = [n for n, b in encoded.items() if any(b in c for c in contents)]
            if hits:
                found[str(path.relative_to(root))] = hits
    return found


class NoPlainIdentityAtRestTests(CommittingTestCase):
    def setUp(self):
        build_cast(self)

    def test_no_file_under_ducha_home_holds_a_complainants_name_or_phone(self):
        inspection = make_inspection(self.office)
        rng, day = random.Random(2017), dt.date(2026, 3, 2)
        with tempfile.TemporaryDirectory() as folder:  # the demo's own batch file
            path = Path(folder) / "第1批.xlsx"
            demo._write_batch(path, 1, day, demo._complaint_rows(rng, 1, day, 30, []))
            assert intake.import_batch(path, actor=self.office, inspection=inspection).ok
        check_messy(self.office, make_inspection(self.office, code="second"), rows=20)  # an upload waiting
        complaint = Complaint.objects.filter(inspection=inspection).exclude(complainant_phone="").first()
        complaint = dispatching.dispatch_complaint(complaint, actor=self.office, lead_unit=self.unit_yuhu)
        evidence = f"%PDF-1.4 回访记录 {complaint.complainant_name} {complaint.complainant_phone}".encode()
        handling.add_evidence(complaint, actor=self.handler, name="回访记录.pdf", content=evidence)
        who = f"{complaint.complainant_name}（{complaint.complainant_phone}）"
        handling.save_handling(  # identity written in free text: sealed in the database too
            complaint, actor=self.handler, findings=f"已回访举报人{who}。", veracity="true", measures="责令整改。"
        )
        draft = notices.draft_notice(
            self.unit_yuhu,
            actor=self.supervisor,
            level=NoticeLevel.KEY,
            items=[complaint],
            reply_by=dt.date.today() + dt.timedelta(days=5),
            body="请加快办理。",
        )
        notices.issue_notice(draft, actor=self.leader)  # 签发: its document is written
        staff = set(User.objects.values_list("full_name", flat=True))  # same names as staff: not theirs
        needles = set()
        for c in Complaint.objects.all():
            needles |= {v for v in (c.complainant_name, c.complainant_phone, c.complainant_id_number) if v}
        needles -= staff
        self.assertGreater(len(needles), 30)
        home = Path(settings.DUCHA_HOME)
        self.assertEqual(files_holding(needles, home), {})
        if connection.vendor == "sqlite":  # the scan does read the database: what is not identity shows
            self.assertTrue(files_holding({complaint.ref}, home))
