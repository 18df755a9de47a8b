"""Bulletins (通报) as 公文, pure: docxtpl fills a template like the supervision notice.

The default template (templates/bulletin.docx, made by scripts/make_bulletin_template.py)
follows GB/T 9704-2012: A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm, the
body in 3号仿宋 on a grid of 22 lines of 28 characters; the issuing body's name in red
with a red rule under the 文号. Each table is a heading, a header row, its rows and the
ranking rule written under it. Values are escaped by docxtpl (autoescape)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import BinaryIO

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Pt
from docxtpl import DocxTemplate

DEFAULT_TEMPLATE = Path(__file__).parent / "templates" / "bulletin.docx"


@dataclass(frozen=True)
class Table:
    heading: str
    columns: list[str]
    rows: list[list[str]]
    note: str = ""  # written under the table (the ranking rule)


@dataclass(frozen=True)
class Bulletin:
    issuer: str  # 湘潭市生态环境保护委员会办公室
    number: str  # 湘环委办通〔2026〕3号
    title: str
    lead: str  # the opening paragraph
    signer: str  # the body that signs at the foot
    issued_on: str  # 2026年3月2日
    tables: list[Table] = field(default_factory=list)


def _run(paragraph, text: str, font: str, size: float, *, bold: bool = False) -> None:
    run = paragraph.add_run(text)
    run.font.name, run.font.size, run.font.bold = font, Pt(size), bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


MARKER = "[[tables]]"


def _insert_tables(document, tables: list[Table]) -> None:
    """The tables go where the template's [[tables]] paragraph stands: their width varies,
    so they are built with python-docx after docxtpl has filled the fields."""
    marker = next((p for p in document.paragraphs if p.text.strip() == MARKER), None)
    if marker is None:
        return
    for t in tables:
        heading = document.add_paragraph()
        _run(heading, t.heading, "黑体", 16)
        marker._p.addprevious(heading._p)
        grid = document.add_table(rows=1, cols=len(t.columns))
        grid.style = "Table Grid"
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(grid.rows[0].cells, t.columns, strict=True):
            _run(cell.paragraphs[0], text, "黑体", 10.5, bold=True)
        for row in t.rows:
            for cell, text in zip(grid.add_row().cells, row, strict=True):
                _run(cell.paragraphs[0], text, "仿宋_GB2312", 10.5)
        marker._p.addprevious(grid._tbl)
        if t.note:
            note = document.add_paragraph()
            _run(note, t.note, "仿宋_GB2312", 12)
            marker._p.addprevious(note._p)
    marker._p.getparent().remove(marker._p)


def render_bulletin(bulletin: Bulletin, target: str | Path | BinaryIO, template: str | Path | None = None) -> None:
    doc = DocxTemplate(str(template or DEFAULT_TEMPLATE))
    context = asdict(bulletin)
    context.pop("tables")
    doc.render(context, autoescape=True)
    _insert_tables(doc.docx, bulletin.tables)
    doc.save(target)
