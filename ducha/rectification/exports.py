"""The whole task list in the city's own layout: one block of rows per finding with
序号, 反馈问题 and 责任领导 merged down it. Every cell is written as a string with
formulas off, so text such as "=HYPERLINK(…)" from a file or a form stays text.
The file reads back through import_tasks unchanged."""

from __future__ import annotations

import datetime as dt
import io

import xlsxwriter
from django.utils.translation import gettext as _

from ducha.exports import Column
from ducha.rectification import queries
from ducha.rectification.models import TaskState


def task_list_xlsx(findings, today: dt.date, *, title: str) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    sheet = book.add_worksheet(_("整改任务清单"))
    head = book.add_format({"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True})
    cell = book.add_format({"border": 1, "valign": "vcenter", "text_wrap": True})
    big = book.add_format({"bold": True, "font_size": 14, "align": "center", "valign": "vcenter"})
    headers = [
        _("序号"), _("反馈问题"), _("整改目标"), _("整改措施"), _("责任领导"),
        _("责任单位（排在第一位的为牵头单位）"), _("整改时限"), _("整改进展"), _("状态"),
    ]  # fmt: skip
    widths = [6, 40, 30, 40, 12, 24, 16, 40, 12]
    sheet.merge_range(0, 0, 0, len(headers) - 1, "", big)
    sheet.write_string(0, 0, title, big)
    for c, (h, w) in enumerate(zip(headers, widths, strict=True)):
        sheet.write_string(1, c, h, head)
        sheet.set_column(c, c, w)
    labels = dict(TaskState.choices)
    r = 2
    for finding in findings:
        tasks = list(queries.tasks_of(finding, today))
        if not tasks:
            continue
        first, last = r, r + len(tasks) - 1
        shared_target = len({t.target for t in tasks}) == 1
        for t in tasks:
            units = "、".join(tu.unit.name for tu in t.task_units.all())
            latest = next(iter(t.reports.all()), None)
            values = {
                3: t.measures,
                5: units,
                6: t.deadline_text,
                7: latest.text if latest else "",
                8: str(labels.get(t.state_value, "")),
            }
            if not shared_target:
                values[2] = t.target
            for c, v in values.items():
                sheet.write_string(r, c, v, cell)
            r += 1
        merged = {0: str(finding.number), 1: finding.text, 4: finding.leader_names}
        if shared_target:
            merged[2] = tasks[0].target
        for c, v in merged.items():
            if last > first:
                sheet.merge_range(first, c, last, c, "", cell)
            sheet.write_string(first, c, v, cell)
    sheet.freeze_panes(2, 0)
    book.close()
    return buffer.getvalue()


def finding_columns() -> list[Column]:
    """The finding list's row (the list reads each finding's state and figures first)."""
    return [
        Column(_("序号"), lambda f: f.number, 6),
        Column(_("反馈问题"), lambda f: f.title, 40),
        Column(_("责任领导"), lambda f: f.leader_names, 14),
        Column(_("牵头单位"), lambda f: f.lead_unit_name or "", 20),
        Column(_("完成任务数"), lambda f: f.tasks_done, 8, total=True),
        Column(_("任务数"), lambda f: f.tasks_total, 8, total=True),
        Column(_("状态"), lambda f: f.state_label, 10),
        Column(_("距最近时限（天）"), lambda f: f.days_to_due, 10),
    ]
