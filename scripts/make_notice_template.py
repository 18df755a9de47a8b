"""Write the default supervision-notice template (督办单) that docxtpl fills.

    .venv/bin/python scripts/make_notice_template.py

The office may replace ducha/core/documents/templates/supervision_notice.docx with its
own, keeping the {{ }} fields. Layout after GB/T 9704-2012: the issuing body's name in
red as the header, a red rule, the document number centred above it, title, addressee,
body, the items as a table, reply deadline, signature and date. Fonts fall back on
machines without 方正小标宋/仿宋_GB2312.
"""

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from make_bulletin_template import gbt9704_page

RED = RGBColor(0xE0, 0x00, 0x00)
OUT = Path(__file__).resolve().parent.parent / "ducha" / "core" / "documents" / "templates" / "supervision_notice.docx"


def _font(run, name: str, size: float, *, bold=False, color=None):
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.rPr.rFonts.set(qn("w:eastAsia"), name)
    if color is not None:
        run.font.color.rgb = color


def _para(doc, text, name="仿宋_GB2312", size=16, align=None, bold=False, color=None, indent=False):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    p.paragraph_format.line_spacing = Pt(28)
    _font(p.add_run(text), name, size, bold=bold, color=color)
    return p


def _red_rule(paragraph):
    p_pr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "18"), ("w:space", "1"), ("w:color", "E00000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    p_pr.append(border)


def main() -> None:
    doc = Document()
    gbt9704_page(doc)  # A4, GB/T 9704 margins, 22 lines × 28 characters
    _para(doc, "{{ issuer }}", "方正小标宋简体", 36, WD_ALIGN_PARAGRAPH.CENTER, color=RED)
    number = _para(doc, "{{ number }}", "仿宋_GB2312", 16, WD_ALIGN_PARAGRAPH.CENTER)
    _red_rule(number)
    _para(doc, "{{ level_label }}{{ labels.title }}", "方正小标宋简体", 22, WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "{{ addressee }}：")
    _para(doc, "{{ body }}", indent=True)
    # docxtpl's {%tr %} tags replace their whole row: a loop takes three rows
    table = doc.add_table(rows=4, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    heads = ["{{ labels.no }}", "{{ labels.item }}", "{{ labels.ref }}", "{{ labels.due }}", "{{ labels.state }}"]
    for cell, head in zip(table.rows[0].cells, heads, strict=True):
        _font(cell.paragraphs[0].add_run(head), "黑体", 12, bold=True)
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for item in items %}")
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    row = table.rows[2].cells
    fields = [
        "{{ loop.index }}",
        "{{ item.kind }}：{{ item.title }}",
        "{{ item.ref }}",
        "{{ item.due }}",
        "{{ item.state }}",
    ]
    for cell, text in zip(row, fields, strict=True):
        _font(cell.paragraphs[0].add_run(text), "仿宋_GB2312", 12)
    _para(doc, "{{ reply_line }}", indent=True)
    _para(doc, "{{ issuer_short }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, "{{ issued_on }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc.save(OUT)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
