"""The one 导出Excel of a list: every list and drill-down hands its filtered, sorted
queryset (all of it, not one page) and its columns here.

The sheet has a title line naming the list, the filter and the day, the header, the
rows as the page shows them (identity masked by the caller's columns), and a 合计 line
with the count and the sums of the columns that add up. No cell can become a formula:
numbers are written as numbers, every text starting with = + - @ (or a tab or carriage
return, which some spreadsheets skip before such a sign) gets a leading apostrophe, and
xlsxwriter's formula and URL guessing is off."""

from __future__ import annotations

import datetime as dt
import decimal
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import xlsxwriter
from django import forms
from django.db.models import Model, QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    width: int = 14
    total: bool = False  # a number column summed on the 合计 line


def wants_export(request) -> bool:
    return request.GET.get("export") == "xlsx"


def wants_print(request) -> bool:
    return request.GET.get("print") == "1"


def safe_text(value: Any) -> str:
    text = str(value)
    return "'" + text if text.startswith(FORMULA_LEADS) else text


def cell_value(value: Any) -> str | int | float:
    """What a cell holds: numbers stay numbers, everything else is safe text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, int | float):
        return value
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return safe_text(value)


def describe_filters(form) -> str:
    """The filter as people read it: "行政区域：雨湖区；状态：已转办", from a bound form."""
    if form is None or not form.is_bound or not form.is_valid():
        return ""
    parts = []
    for name, value in form.cleaned_data.items():
        if value in (None, "", [], ()) or (isinstance(value, QuerySet) and not value.exists()):
            continue
        field = form.fields[name]
        if isinstance(value, Model):
            shown = str(value)
        elif isinstance(value, QuerySet):
            shown = "、".join(str(v) for v in value)
        elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            shown = dict(field.choices).get(value, value)
        else:
            shown = value
        parts.append(f"{field.label or name}：{shown}")
    return "；".join(parts)


def title_line(title: str, filter_text: str, count: int, day: dt.date) -> str:
    return _("%(title)s　筛选条件：%(filter)s　导出日期：%(day)s　共%(n)s条") % {
        "title": title,
        "filter": filter_text or _("全部"),
        "day": day.isoformat(),
        "n": count,
    }


def list_xlsx(*, title: str, filter_text: str, columns: list[Column], rows: Iterable[Any]) -> bytes:
    rows = list(rows)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    sheet = book.add_worksheet(_("列表"))
    big = book.add_format({"bold": True, "font_size": 12})
    head = book.add_format({"bold": True, "border": 1, "align": "center", "text_wrap": True})
    cell = book.add_format({"border": 1, "valign": "top", "text_wrap": True})
    sheet.write_string(0, 0, safe_text(title_line(title, filter_text, len(rows), timezone.localdate())), big)
    for c, column in enumerate(columns):
        sheet.write_string(1, c, safe_text(column.header), head)
        sheet.set_column(c, c, column.width)
    sums = [0] * len(columns)
    for r, row in enumerate(rows, start=2):
        for c, column in enumerate(columns):
            value = cell_value(column.value(row))
            if isinstance(value, str):
                sheet.write_string(r, c, value, cell)
            else:
                sheet.write_number(r, c, value, cell)
                sums[c] += value if column.total else 0
    last = len(rows) + 2
    sheet.write_string(last, 0, _("合计：%(n)s条") % {"n": len(rows)}, head)
    for c, column in enumerate(columns):
        if column.total and c:
            sheet.write_number(last, c, sums[c], head)
    sheet.freeze_panes(2, 0)
    book.close()
    return buffer.getvalue()


def xlsx_response(*, title: str, filter_text: str, columns: list[Column], rows: Iterable[Any]) -> HttpResponse:
    body = list_xlsx(title=title, filter_text=filter_text, columns=columns, rows=rows)
    response = HttpResponse(body, content_type=XLSX)
    name = f"{title}-{timezone.localdate().isoformat()}.xlsx".replace("/", "-")
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
