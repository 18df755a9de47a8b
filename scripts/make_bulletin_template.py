"""Write the default bulletin template (通报) that docxtpl fills.

    .venv/bin/python scripts/make_bulletin_template.py

The office may replace ducha/core/documents/templates/bulletin.docx with its own,
keeping the {{ }} fields. GB/T 9704-2012: A4; margins top 37 mm, bottom 35 mm, left
28 mm, right 26 mm; body 3号 (16 pt) 仿宋 on a document grid of 22 lines × 28 characters;
the issuing body's name in red (小标宋), the 文号 centred above a red rule, the title in
2号小标宋, the tables (inserted at [[tables]]), the signature and date at the right.
"""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

RED = RGBColor(0xE0, 0x00, 0x00)
OUT = Path(__file__).resolve().parent.parent / "ducha" / "core" / "documents" / "templates" / "bulletin.docx"
# 225 mm of type area over 22 lines; 156 mm over 28 characters of 16 pt (in 1/4096 pt)
LINE_PITCH_TWIPS = 579
CHAR_SPACE = -851


def gbt9704_page(doc) -> None:
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
    grid.set(qn("w:charSpace"), str(CHAR_SPACE))
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "仿宋_GB2312", Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")


def _font(run, name: str, size: float, *, bold=False, color=None):
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    if color is not None:
        run.font.color.rgb = color


def _para(doc, text, name="仿宋_GB2312", size=16, align=None, color=None, indent=False):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    _font(p.add_run(text), name, size, color=color)
    return p


def red_rule(paragraph):
    p_pr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "18"), ("w:space", "1"), ("w:color", "E00000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    p_pr.append(border)


def main() -> None:
    doc = Document()
    gbt9704_page(doc)
    _para(doc, "{{ issuer }}", "方正小标宋简体", 36, WD_ALIGN_PARAGRAPH.CENTER, color=RED)
    red_rule(_para(doc, "{{ number }}", "仿宋_GB2312", 16, WD_ALIGN_PARAGRAPH.CENTER))
    _para(doc, "{{ title }}", "方正小标宋简体", 22, WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "{{ lead }}", indent=True)
    doc.add_paragraph("[[tables]]")  # where the tables go (built, not templated)
    _para(doc, "{{ signer }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, "{{ issued_on }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc.save(OUT)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
