"""English is complete beyond the catalogue: no template writes Chinese outside a
translate tag, and the documents Ducha generates (list exports, the bulletin 公文, the
supervision notice) carry English words when the reader works in English.

Data stays as entered (unit names, complaint texts are Chinese); only the words the
system itself writes are checked."""

import io
import re
from pathlib import Path

import openpyxl
from django.test import SimpleTestCase
from django.utils import timezone, translation
from docx import Document

from ducha import exports
from ducha.exports import Column
from ducha.supervision.tests.support import DispatchedTestCase


def read_stored(path: str) -> bytes:
    from ducha import store

    with store.open(path) as f:
        return f.read()


ROOT = Path(__file__).resolve().parents[2] / "ducha"
HAN = re.compile(r"[\u3400-\u9fff]")
# what a translator never sees: tags (translated inside), variables, comments
HIDDEN = [
    re.compile(r"\{%\s*blocktranslate.*?%\}.*?\{%\s*endblocktranslate\s*%\}", re.S),
    re.compile(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S),
    re.compile(r"\{#.*?#\}", re.S),
    re.compile(r"\{%.*?%\}", re.S),
    re.compile(r"\{\{.*?\}\}", re.S),
]
# rendered without the request's context when everything else failed: both languages, static
STATIC_BILINGUAL = {"templates/500.html"}


def untranslated_lines(text: str) -> list[tuple[int, str]]:
    for rx in HIDDEN:
        text = rx.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    return [(n, line.strip()) for n, line in enumerate(text.split("\n"), 1) if HAN.search(line)]


class TemplateTextTests(SimpleTestCase):
    def test_no_template_writes_chinese_outside_a_translate_tag(self):
        found = []
        for path in sorted(ROOT.rglob("templates/**/*.html")):
            if str(path.relative_to(ROOT)) in STATIC_BILINGUAL:
                continue
            for n, line in untranslated_lines(path.read_text(encoding="utf-8")):
                found.append(f"{path.relative_to(ROOT)}:{n}: {line[:60]}")
        self.assertEqual(found, [])

    def test_the_scan_sees_a_literal_and_not_a_translated_word(self):
        self.assertEqual(untranslated_lines('<p>{% translate "通报" %}</p>\n<p>通报</p>'), [(2, "<p>通报</p>")])


class EnglishDocumentTests(DispatchedTestCase):
    rows = 4

    def test_a_list_export_in_english_has_english_words(self):
        with translation.override("en"):
            body = exports.list_xlsx(
                title=str(translation.gettext("信访件")),
                filter_text="",
                columns=[Column(translation.gettext("受理编号"), lambda r: r)],
                rows=["D1"],
            )
        sheet = [r for r in openpyxl.load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True)]
        written = [sheet[0][0], sheet[1][0], sheet[-1][0]]
        self.assertEqual([w for w in written if HAN.search(w)], [], written)

    def test_the_bulletin_document_in_english_has_english_headings_and_rule(self):
        from ducha.org.models import Region
        from ducha.supervision.services import bulletins

        city = Region.objects.get(code="430300")
        draft = bulletins.draft_bulletin(self.inspection, actor=self.office, region=city, as_of=timezone.localdate())
        with translation.override("en"):
            issued = bulletins.issue_bulletin(draft, actor=self.leader)
        doc = Document(io.BytesIO(read_stored(issued.docx)))
        headers = [c.text for t in doc.tables for c in t.rows[0].cells]
        self.assertEqual([h for h in headers if HAN.search(h)], [])
        text = "\n".join(p.text for p in doc.paragraphs)
        self.assertIn("Ranking rule", text)
        self.assertIn("The progress of the inspection rectification work", text)

    def test_the_supervision_notice_in_english_has_english_labels(self):
        import datetime as dt

        from ducha.supervision.models import NoticeLevel
        from ducha.supervision.services import notices

        draft = notices.draft_notice(
            self.unit_yuhu,
            actor=self.supervisor,
            level=NoticeLevel.KEY,
            items=self.complaints()[:1],
            reply_by=timezone.localdate() + dt.timedelta(days=7),
            body="请加快办理。",
        )
        with translation.override("en"):
            issued = notices.issue_notice(draft, actor=self.leader)
        doc = Document(io.BytesIO(read_stored(issued.document)))
        headers = [c.text for c in doc.tables[0].rows[0].cells]
        self.assertEqual([h for h in headers if HAN.search(h)], [], headers)
        self.assertIn("Key supervision", "\n".join(p.text for p in doc.paragraphs))
