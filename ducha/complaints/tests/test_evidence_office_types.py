"""Word and Excel files as evidence on a complaint, on both databases: the Office
content types run to 71 characters (…wordprocessingml.document), and the column holds
them (it held 64 once, and PostgreSQL refused the row)."""

import io
import zipfile

from ducha.complaints.services import handling
from ducha.complaints.tests.test_handling import HandlingTestCase
from ducha.core.files import TYPES


def _office_file(folder: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(f"{folder}document.xml", "<x/>")
    return buf.getvalue()


class OfficeEvidenceTests(HandlingTestCase):
    def test_a_word_document_is_kept_with_its_full_content_type(self):
        c = self.dispatch(self.complaints[0])
        evidence = handling.add_evidence(c, actor=self.handler, name="整改报告.docx", content=_office_file("word/"))
        evidence.refresh_from_db()
        self.assertEqual(evidence.content_type, TYPES[".docx"][1])

    def test_an_excel_workbook_is_kept_with_its_full_content_type(self):
        c = self.dispatch(self.complaints[0])
        evidence = handling.add_evidence(c, actor=self.handler, name="台账.xlsx", content=_office_file("xl/"))
        evidence.refresh_from_db()
        self.assertEqual(evidence.content_type, TYPES[".xlsx"][1])
