"""English is complete: every string of the catalog is translated and none is a guess."""

from pathlib import Path

from django.test import SimpleTestCase

PO = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES" / "django.po"


class EnglishCatalogTests(SimpleTestCase):
    def test_every_entry_is_translated_and_none_is_fuzzy(self):
        import json

        blocks = PO.read_text(encoding="utf-8").split("\n\n")[1:]  # the first is the header
        untranslated, fuzzy = [], []
        for block in blocks:
            lines = block.strip().split("\n")
            if any(line.startswith("#~") for line in lines):
                continue  # obsolete entries
            if any(line.startswith("#,") and "fuzzy" in line for line in lines):
                fuzzy.append(block)
            i = next(i for i, line in enumerate(lines) if line.startswith("msgstr"))
            text = "".join(json.loads(x[x.index('"') :]) for x in lines[i:] if '"' in x)
            if not text:
                untranslated.append(block)
        self.assertEqual(untranslated, [])
        self.assertEqual(fuzzy, [])
