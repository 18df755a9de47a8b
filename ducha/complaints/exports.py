"""Spreadsheets the complaints pages hand out."""

from __future__ import annotations

import io

import xlsxwriter
from django.utils.translation import gettext as _

from ducha.complaints.models import Batch, Complaint
from ducha.complaints.queries import disclosure_rows, title_for
from ducha.core.documents.disclosure import write_disclosure
from ducha.exports import Column

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


def _masked(name: str):
    field = Complaint._meta.get_field(name)
    return lambda c: field.masked(getattr(c, name))


def complaint_columns() -> list[Column]:
    """The complaint list's columns, identity masked as the list shows it."""
    return [
        Column(_("受理编号"), lambda c: c.ref, 16),
        Column(_("受理时间"), lambda c: c.accepted_at, 17),
        Column(_("行政区域"), lambda c: c.region, 12),
        Column(_("污染类型"), lambda c: "、".join(str(t) for t in c.pollution_types.all()), 12),
        Column(_("交办问题基本情况"), lambda c: c.text, 50),
        Column(_("重点件"), lambda c: c.is_key, 6),
        Column(_("交办批次"), lambda c: c.batch, 10),
        Column(_("状态"), lambda c: c.get_status_display(), 10),
        Column(_("牵头单位"), lambda c: c.lead_unit or "", 18),
        Column(_("办理时限"), lambda c: c.due_on, 11),
        Column(_("举报人"), _masked("complainant_name"), 10),
        Column(_("联系电话"), _masked("complainant_phone"), 14),
    ]


def queue_columns(*, days_left) -> list[Column]:
    """A work queue's columns: the complaint, its lead unit, due day and days left."""
    return [
        Column(_("受理编号"), lambda c: c.ref, 16),
        Column(_("行政区域"), lambda c: c.region, 12),
        Column(_("交办批次"), lambda c: c.batch, 10),
        Column(_("交办问题基本情况"), lambda c: c.text, 50),
        Column(_("状态"), lambda c: c.get_status_display(), 10),
        Column(_("牵头单位"), lambda c: c.lead_unit or "", 18),
        Column(_("办理时限"), lambda c: c.due_on, 11),
        Column(_("剩余天数"), days_left, 8),
    ]


def request_columns() -> list[Column]:
    """待审批申请: the units' requests for more time or to return a case."""
    return [
        Column(_("受理编号"), lambda r: r.assignment.complaint.ref, 16),
        Column(_("申请单位"), lambda r: r.assignment.unit, 18),
        Column(_("类型"), lambda r: r.get_kind_display(), 10),
        Column(_("延期天数"), lambda r: r.extra_days, 8),
        Column(_("理由"), lambda r: str(r.reason), 40),  # identity in it masked
        Column(_("申请人"), lambda r: r.requested_by or "", 10),
        Column(_("申请时间"), lambda r: r.requested_at, 17),
    ]


def suggestion_columns() -> list[Column]:
    """重复件待确认: each suggestion with the earlier case and the reasons in words."""
    return [
        Column(_("受理编号"), lambda s: s.complaint.ref, 16),
        Column(_("行政区域"), lambda s: s.complaint.region, 12),
        Column(_("可能重复的较早信访件"), lambda s: s.candidate.ref, 18),
        Column(_("较早信访件所属督察"), lambda s: s.candidate.inspection, 16),
        Column(_("相似度"), lambda s: s.score, 8),
        Column(_("提示依据"), lambda s: "；".join(s.reasons or ()), 50),
        Column(_("可能反弹"), lambda s: s.relapse, 8),
    ]
