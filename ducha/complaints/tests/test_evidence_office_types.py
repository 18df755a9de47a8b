"""Word and Excel files as evidence on a complaint, on both databases.

Known bug, left for the complaints refactor to fix with a migration: the column
`complaints.Evidence.content_type` holds 64 characters, the Office types are 65–71
(application/vnd.openxmlformats-officedocument.wordprocessingml.document is 71), so
PostgreSQL refuses the row (HTTP 500 on the page) and the file written before the row
stays behind. SQLite does not enforce the length, so there the test passes today. On
PostgreSQL it is marked as an expected failure: the day the column is widened it passes,
"unexpected success" fails the suite, and whoever fixed it removes the marker.
"""

import io
import unittest
import zipfile

from django.db import connection

from ducha.complaints import handling
from ducha.complaints.tests.test_handling import HandlingTestCase
from ducha.core.files import TYPES

KNOWN_BUG_ON_POSTGRES = unittest.expectedFailure if connection.vendor == "postgresql" else (lambda test: test)


def _office_file(folder: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(f"{folder}document.xml", "<x/>")
    return buf.getvalue()


class OfficeEvidenceTests(HandlingTestCase):
    @KNOWN_BUG_ON_POSTGRES
    def test_a_word_document_is_kept_with_its_full_content_type(self):
        c = self.dispatch(self.complaints[0])
        evidence = handling.add_evidence(c, actor=self.handler, name="整改报告.docx", content=_office_file("word/"))
        evidence.refresh_from_db()
        self.assertEqual(evidence.content_type, TYPES[".docx"][1])

    @KNOWN_BUG_ON_POSTGRES
    def test_an_excel_workbook_is_kept_with_its_full_content_type(self):
        c = self.dispatch(self.complaints[0])
        evidence = handling.add_evidence(c, actor=self.handler, name="台账.xlsx", content=_office_file("xl/"))
        evidence.refresh_from_db()
        self.assertEqual(evidence.content_type, TYPES[".xlsx"][1])
