"""Bad batches: every planted problem reported at its sheet, row and column; nothing written."""

from ducha.complaints.models import Batch, Complaint

from ._support import FILES, IntakeCase, error_text, expected, location, run


class PlantedChecks:
    FILE = ""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.exp = expected(cls.FILE)
        cls.outcome = run("import_batch", str(FILES / cls.FILE), "--inspection", cls.exp["inspection"], "--json")
        cls.errors = (cls.outcome.json or {}).get("errors") or []

    def key(self, sheet, row, column) -> tuple:
        # a CSV has no sheet of its own: match on row and column only
        return (row, column) if self.exp["errors"][0]["sheet"] is None else (sheet, row, column)

    def reported(self) -> set[tuple]:
        return {self.key(*location(e)) for e in self.errors}

    def planted(self, word: str) -> dict:
        return next(e for e in self.exp["errors"] if word in e["kind"])

    def assert_reported(self, word: str) -> dict:
        p = self.planted(word)
        where = self.key(p["sheet"], p["row"], p["column"])
        self.assertIn(where, self.reported(), f"{p['kind']} not reported at {where}; got {self.errors}")
        return next(e for e in self.errors if self.key(*location(e)) == where)

    def test_the_import_is_refused_with_exit_one(self):
        self.assertEqual(self.outcome.exit, 1, self.outcome.describe())

    def test_nothing_is_written(self):
        code = self.exp["inspection"]
        self.assertEqual(Complaint.objects.filter(inspection__code=code).count(), 0)
        self.assertEqual(Batch.objects.filter(inspection__code=code).count(), 0)

    def test_no_error_is_reported_on_a_clean_row(self):
        rows = {e["row"] for e in self.exp["errors"]} | set(self.exp["also_fair_error_rows"])
        stray = [e for e in self.errors if e.get("row") not in rows]
        self.assertEqual(stray, [])

    def test_a_repeated_code_is_reported_at_its_second_row(self):
        self.assert_reported("重复")

    def test_an_empty_code_is_reported(self):
        self.assert_reported("为空")

    def test_a_misspelt_region_is_reported(self):
        self.assert_reported("无法识别")

    def test_an_ambiguous_region_is_refused_naming_both_candidates(self):
        error = self.assert_reported("歧义")
        text = error_text(error)
        for words in self.planted("歧义")["mentions_each"]:
            self.assertTrue(any(w in text for w in words), f"no mention of any of {words} in {text!r}")

    def test_a_day_that_does_not_exist_is_reported(self):
        self.assert_reported("2021-02-30")

    def test_the_excel_date_1900_02_29_is_reported(self):
        self.assert_reported("1900")

    def test_data_in_a_column_without_header_is_an_error_not_dropped_with_a_warning(self):
        self.assert_reported("无表头")


class TestPlantedErrorsInAnXlsx(PlantedChecks, IntakeCase):
    inspections = ("2021-hunan",)
    FILE = "2021_batch06_errors.xlsx"

    def test_a_control_character_in_a_text_is_reported(self):
        self.assert_reported("控制字符")


class TestPlantedErrorsInAGbkCsvSavedFromExcel(PlantedChecks, IntakeCase):
    """Rows counted as Excel shows them: a quoted two-line cell is one row."""

    inspections = ("2021-hunan",)
    FILE = "2021_batch06_errors_gbk.csv"


class TestAHeaderWithoutRecords(IntakeCase):
    inspections = ("2021-hunan",)

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.outcome = run(
            "import_batch", str(FILES / "2021_batch07_empty.xlsx"), "--inspection", "2021-hunan", "--json"
        )

    def test_a_file_with_no_records_is_an_error_not_an_empty_batch(self):
        self.assertIn(self.outcome.exit, (1, 2), self.outcome.describe())
        self.assertFalse(Batch.objects.filter(inspection__code="2021-hunan").exists())

    def test_the_office_is_told_why(self):
        said = self.outcome.message + " ".join(error_text(e) for e in (self.outcome.json or {}).get("errors") or [])
        self.assertTrue(said.strip(), self.outcome.describe())
