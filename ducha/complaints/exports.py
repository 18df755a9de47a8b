"""Spreadsheets the complaints pages hand out."""

from __future__ import annotations

import io

import xlsxwriter
from django.utils.translation import gettext as _

from ducha.complaints.models import Batch
from ducha.complaints.queries import disclosure_rows, title_for
from ducha.core.documents.disclosure import write_disclosure

PROBLEM_COLUMNS = ("sheet", "row", "column", "header", "value", "message")


def problems_xlsx(errors: list[dict], warnings: list[dict]) -> bytes:
    """Errors then warnings, one per row. Every cell is written as a string with
    formulas off: a value such as "=SUM(A1)" from an uploaded file stays text."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    sheet = book.add_worksheet(_("问题清单"))
    bold = book.add_format({"bold": True})
    headers = [_("类型"), _("工作表"), _("行"), _("列"), _("字段"), _("值"), _("问题")]
    for c, title in enumerate(headers):
        sheet.write_string(0, c, title, bold)
    r = 1
    for kind, problems in ((_("错误"), errors), (_("警告"), warnings)):
        for problem in problems:
            sheet.write_string(r, 0, kind)
            for c, key in enumerate(PROBLEM_COLUMNS, start=1):
                value = problem.get(key)
                sheet.write_string(r, c, "" if value is None or value == 0 and key == "row" else str(value))
            r += 1
    sheet.set_column(0, 4, 10)
    sheet.set_column(5, 5, 30)
    sheet.set_column(6, 6, 50)
    sheet.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()


def write_batch_disclosure(batch: Batch, target) -> int:
    return write_disclosure(target, title=title_for(batch), rows=disclosure_rows(batch))
