"""The second round's 第5批 as the office receives it: .xlsx, the same saved as CSV from Excel
(GBK and "CSV UTF-8"), and the legacy .xls. Every format must import the same records."""

from ._support import FILES, IntakeCase, expected, run
from .batch_checks import BatchChecks, ChannelChecks


class TestSecondRoundBatchAsXlsx(BatchChecks, ChannelChecks, IntakeCase):
    inspections = ("2021-hunan",)
    FILE = "2021_batch05.xlsx"


class TestSecondRoundBatchAsGbkCsvSavedFromExcel(BatchChecks, ChannelChecks, IntakeCase):
    inspections = ("2021-hunan",)
    FILE = "2021_batch05_gbk.csv"


class TestSecondRoundBatchAsUtf8CsvWithBom(BatchChecks, ChannelChecks, IntakeCase):
    inspections = ("2021-hunan",)
    FILE = "2021_batch05_utf8bom.csv"


class TestSecondRoundBatchAsLegacyXls(BatchChecks, ChannelChecks, IntakeCase):
    inspections = ("2021-hunan",)
    FILE = "2021_batch05.xls"


class TestTheSameBatchFromEveryFormat(IntakeCase):
    """After the .xlsx, the same table in another format is the same content: nothing changes."""

    inspections = ("2021-hunan",)

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.first = run("import_batch", str(FILES / "2021_batch05.xlsx"), "--inspection", "2021-hunan", "--json")

    def assert_unchanged(self, name: str) -> None:
        n = expected(name)["counts"]["rows"]
        self.assertEqual(self.first.exit, 0, self.first.describe())
        again = run("import_batch", str(FILES / name), "--inspection", "2021-hunan", "--json")
        self.assertEqual(again.exit, 0, again.describe())
        got = {k: again.json.get(k) for k in ("created", "updated", "unchanged")}
        self.assertEqual(got, {"created": 0, "updated": 0, "unchanged": n}, again.describe())

    def test_gbk_csv_saved_from_excel_imports_like_the_xlsx(self):
        self.assert_unchanged("2021_batch05_gbk.csv")

    def test_utf8_csv_with_bom_imports_like_the_xlsx(self):
        self.assert_unchanged("2021_batch05_utf8bom.csv")

    def test_legacy_xls_imports_like_the_xlsx(self):
        self.assert_unchanged("2021_batch05.xls")
