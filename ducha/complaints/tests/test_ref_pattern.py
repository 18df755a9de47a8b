"""An inspection may say what its 受理编号 look like; a code that does not fit is a
located warning on import, never a silent pass and never a refusal."""

import datetime as dt
import tempfile
from pathlib import Path

from ducha.complaints.models import Complaint
from ducha.complaints.services import intake
from ducha.complaints.tests.test_history import HEADER, write_table
from ducha.errors import DomainError
from ducha.inspections import services as inspections
from ducha.org.scoping import system_user
from ducha.testing import CastTestCase

ROWS = [
    [1, "D2HN202104100061*", "雨湖区某养猪场污水直排。", "雨湖区", "水"],
    [2, "20170430001", "岳塘区某餐馆油烟扰民。", "岳塘区", "大气"],
]


def open_round(pattern: str):
    return inspections.create_inspection(
        actor=system_user(),
        code="2021-hunan",
        team="中央第六生态环境保护督察组",
        province="湖南省",
        start_date=dt.date(2021, 4, 6),
        ref_pattern=pattern,
    )


class RefPatternTests(CastTestCase):
    def import_rows(self, inspection):
        with tempfile.TemporaryDirectory() as folder:
            path = write_table(Path(folder) / "b.xlsx", rows=ROWS, header=HEADER[:5], title="第5批交办件")
            return intake.import_batch(path, actor=self.office, inspection=inspection)

    def test_a_code_that_does_not_fit_the_rounds_scheme_is_a_warning_at_its_cell(self):
        result = self.import_rows(open_round("round2"))
        self.assertEqual((result.errors, result.created), ([], 2))
        self.assertEqual([(w["row"], w["column"], w["value"]) for w in result.warnings], [(4, "B", "20170430001")])
        self.assertIn("D2HN202104070061", result.warnings[0]["message"])
        self.assertEqual(Complaint.objects.count(), 2)

    def test_a_regular_expression_is_a_scheme_too(self):
        result = self.import_rows(open_round(r"\d{11}"))
        self.assertEqual([(w["row"], w["column"]) for w in result.warnings], [(3, "B")])

    def test_without_a_scheme_no_code_is_questioned(self):
        self.assertEqual(self.import_rows(open_round("")).warnings, [])

    def test_a_broken_expression_is_refused_when_the_round_is_opened(self):
        with self.assertRaisesMessage(DomainError, "受理编号格式应为"):
            open_round("D2HN(")
