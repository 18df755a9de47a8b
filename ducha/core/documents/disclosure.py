"""The official one-glance disclosure table (办理情况一览表) as xlsx, pure.

Layout as cities publish it: a merged title row, a two-row header where 办理情况
spans its three columns, then one row per complaint. Every cell is written as a
string (numbers included), so nothing typed by the public can become a formula,
and phone or ID numbers inside free text are redacted before writing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import xlsxwriter

from ducha.core.pii import redact_text

COLUMNS = [
    # (header, header group or None, width)
    ("序号", None, 6),
    ("受理编号", None, 18),
    ("交办问题基本情况", None, 46),
    ("行政区域", None, 12),
    ("污染类型", None, 12),
    ("调查核实情况", "办理情况", 46),
    ("是否属实", "办理情况", 10),
    ("处理和整改情况", "办理情况", 46),
    ("责任人被处理情况", None, 30),
]


@dataclass(frozen=True)
class DisclosureRow:
    ref: str
    text: str
    region: str
    pollution: str
    findings: str
    veracity: str
    measures: str
    accountability: str


def write_disclosure(
    target: str | Path | BinaryIO, *, title: str, rows: Iterable[DisclosureRow], note: str = ""
) -> int:
    """Write the table; returns the number of complaint rows written."""
    wb = xlsxwriter.Workbook(target, {"strings_to_formulas": False, "strings_to_numbers": False, "in_memory": True})
    ws = wb.add_worksheet("办理情况一览表")
    title_fmt = wb.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"})
    head = wb.add_format(
        {"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True, "bg_color": "#F2F2F2"}
    )
    cell = wb.add_format({"border": 1, "valign": "top", "text_wrap": True})
    last = len(COLUMNS) - 1
    ws.merge_range(0, 0, 0, last, title, title_fmt)
    ws.set_row(0, 36)
    group_start = next(i for i, c in enumerate(COLUMNS) if c[1])
    group_end = max(i for i, c in enumerate(COLUMNS) if c[1])
    for i, (header, group, width) in enumerate(COLUMNS):
        ws.set_column(i, i, width)
        if group is None:
            ws.merge_range(1, i, 2, i, header, head)
        else:
            ws.write_string(2, i, header, head)
    ws.merge_range(1, group_start, 1, group_end, COLUMNS[group_start][1], head)
    ws.freeze_panes(3, 0)
    n = 0
    for n, row in enumerate(rows, start=1):
        values = [
            str(n),
            row.ref,
            redact_text(row.text),
            row.region,
            row.pollution,
            redact_text(row.findings),
            row.veracity,
            redact_text(row.measures),
            redact_text(row.accountability),
        ]
        for col, value in enumerate(values):
            ws.write_string(2 + n, col, value or "", cell)
    if note:
        ws.merge_range(3 + n, 0, 3 + n, last, note, wb.add_format({"text_wrap": True}))
    wb.close()
    return n
