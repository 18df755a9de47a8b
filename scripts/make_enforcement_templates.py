"""Write the default templates of enforcement's two documents that docxtpl fills:
the 涉嫌犯罪案件移送书 and the 检察意见书, in the supervision notice's 公文 layout.

    .venv/bin/python scripts/make_enforcement_templates.py

The office may replace either file in ducha/core/documents/templates/ with its own,
keeping the {{ }} fields.
"""

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm
from make_notice_template import OUT, RED, _font, _para, _red_rule

TEMPLATES = OUT.parent


def _page(title: str):
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    _para(doc, "{{ issuer }}", "方正小标宋简体", 36, WD_ALIGN_PARAGRAPH.CENTER, color=RED)
    _red_rule(_para(doc, "{{ number }}", "仿宋_GB2312", 16, WD_ALIGN_PARAGRAPH.CENTER))
    _para(doc, title, "方正小标宋简体", 22, WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "{{ addressee }}：")
    return doc


def _signature(doc) -> None:
    _para(doc, "{{ issuer }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, "{{ issued_on }}", align=WD_ALIGN_PARAGRAPH.RIGHT)


def transfer_letter() -> None:
    doc = _page("涉嫌犯罪案件移送书")
    _para(doc, "{{ party }}涉嫌{{ offence }}一案，经本机关调查，涉嫌犯罪事实如下：", indent=True)
    _para(doc, "{{ facts }}", indent=True)
    _para(doc, "行政处罚案件编号：{{ penalty_case_number }}。", indent=True)
    _para(
        doc,
        "根据《行政执法机关移送涉嫌犯罪案件的规定》和《环境保护行政执法与刑事司法衔接工作办法》的规定，"
        "现将该案移送你单位，请依法审查，并将是否立案的决定书面告知本机关。随案移送材料如下：",
        indent=True,
    )
    # docxtpl's {%tr %} tags replace their whole row: a loop takes three rows
    table = doc.add_table(rows=4, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, head in zip(table.rows[0].cells, ["序号", "材料", "文件名", "SHA-256"], strict=True):
        _font(cell.paragraphs[0].add_run(head), "黑体", 12, bold=True)
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for m in materials %}")
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    fields = ["{{ loop.index }}", "{{ m.kind }}", "{{ m.name }}", "{{ m.sha256 }}"]
    for cell, text in zip(table.rows[2].cells, fields, strict=True):
        _font(cell.paragraphs[0].add_run(text), "仿宋_GB2312", 10)
    _signature(doc)
    _para(doc, "抄送：{{ copy_to }}", size=14)
    doc.save(TEMPLATES / "transfer_letter.docx")


def opinion() -> None:
    doc = _page("检察意见书")
    _para(doc, "关于{{ party }}涉嫌{{ offence }}一案（{{ case_number }}）：", indent=True)
    _para(doc, "{{ text }}", indent=True)
    _para(doc, "{{ request }}", indent=True)
    _signature(doc)
    doc.save(TEMPLATES / "procuratorate_opinion.docx")


if __name__ == "__main__":
    transfer_letter()
    opinion()
    print(f"wrote {TEMPLATES}/transfer_letter.docx and procuratorate_opinion.docx")
