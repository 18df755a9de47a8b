"""Write the default 准入 check report template (符合性分析报告) that docxtpl fills.

    .venv/bin/python scripts/make_siting_template.py

Labels come from the context (`labels.*`), so one template serves Chinese and English.
"""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

OUT = Path(__file__).resolve().parent.parent / "ducha" / "core" / "documents" / "templates" / "siting_report.docx"


def _para(doc, text, size=12, *, bold=False, align=None, font="仿宋_GB2312"):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    run = p.add_run(text)
    run.font.name, run.font.size, run.font.bold = font, Pt(size), bold
    run._element.rPr.rFonts.set(qn("w:eastAsia"), font)
    return p


def main() -> None:
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.5)
    _para(doc, "{{ title }}", 20, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, font="方正小标宋简体")
    _para(doc, "{{ labels.project }}：{{ project }}")
    _para(doc, "{{ labels.edition }}：{{ edition }}")
    _para(doc, "{{ labels.site }}：{{ site }}")
    _para(doc, "{{ summary }}")
    # docxtpl's {%tr %} tags replace their whole row: a loop takes three rows
    table = doc.add_table(rows=4, cols=6)
    table.style = "Table Grid"
    heads = ["labels.code", "labels.name", "labels.category", "labels.county", "labels.area", "labels.share"]
    for cell, head in zip(table.rows[0].cells, heads, strict=True):
        cell.paragraphs[0].add_run("{{ " + head + " }}").bold = True
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for u in units %}")
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    for cell, value in zip(table.rows[2].cells, ["code", "name", "category", "county", "area", "share"], strict=True):
        cell.paragraphs[0].add_run("{{ u." + value + " }}")
    _para(doc, "")
    _para(doc, "{%p for u in units %}")
    _para(doc, "{{ loop.index }}. {{ u.name }}（{{ u.code }}，{{ u.category }}）", 14, bold=True, font="黑体")
    _para(doc, "{%p for r in u.requirements %}")
    _para(doc, "{{ r.label }}：{{ r.text }}")
    _para(doc, "{%p endfor %}")
    _para(doc, "{%p endfor %}")
    _para(doc, "{{ labels.made_on }}：{{ made_on }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc.save(OUT)
    print(OUT)


if __name__ == "__main__":
    main()
