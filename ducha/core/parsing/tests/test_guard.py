"""Hostile and broken workbooks end in a located "文件无法读取" error before calamine
allocates anything; impossible dates and control characters never pass silently."""

from __future__ import annotations

import datetime as dt
import struct
import zipfile
from pathlib import Path

import pytest

from ducha.core.parsing import ParseError, read_sheets
from ducha.core.parsing.errors import (
    CONTROL_CHARS,
    DATE_IMPOSSIBLE,
    ERROR,
    FILE_TOO_LARGE,
    FILE_UNREADABLE,
    NO_DATA_ROWS,
    REF_BAD_CHARS,
    SHEET_TOO_LARGE,
)
from ducha.core.parsing.guard import CONTROL, MAX_RATIO, RATIO_FLOOR, check_workbook
from ducha.core.parsing.tests.messy import parse_all, write_csv, write_sheets_xlsx

HEADER = ["受理编号", "交办问题基本情况", "行政区域", "受理时间"]


def _sheet_xml(cells: str, dimension: str = "A1:D2") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{cells}</sheetData></worksheet>'
    ).encode()


def _with_sheet(tmp_path: Path, name: str, sheet: bytes) -> Path:
    """A real .xlsx (written by xlsxwriter) whose first sheet's XML is replaced."""
    # a date cell, so that style 1 is a date format the replaced sheet can use
    src = write_sheets_xlsx(tmp_path / "src.xlsx", {"表": [HEADER, ["D1", "某厂排污", "雨湖区", dt.date(2021, 4, 7)]]})
    out = tmp_path / name
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = sheet if info.filename == "xl/worksheets/sheet1.xml" else zin.read(info)
            zout.writestr(info.filename, data)
    return out


def _refusal(path: Path) -> str:
    with pytest.raises(ParseError) as caught:
        list(read_sheets(path))
    assert caught.value.problem.sheet == path.name
    return caught.value.message


def test_a_single_cell_at_the_last_column_and_row_is_refused_before_reading(tmp_path):
    cells = '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
    cells += '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    path = _with_sheet(tmp_path, "hostile.xlsx", _sheet_xml(cells, dimension="A1:A1"))
    assert path.stat().st_size < 8192
    assert _refusal(path) == SHEET_TOO_LARGE.format(sheet="表", rows=1048576, columns=16384)


def test_a_declared_dimension_beyond_the_bounds_is_refused(tmp_path):
    cells = '<row r="1"><c r="A1"><v>1</v></c></row>'
    path = _with_sheet(tmp_path, "dim.xlsx", _sheet_xml(cells, dimension="A1:XFD1048576"))
    assert _refusal(path).startswith("文件无法读取")


def test_cells_written_without_references_are_measured_the_way_calamine_places_them(tmp_path):
    wide = "<c><v>1</v></c>" * 20_000  # one row of 20,000 cells: past Excel's 16,384 columns
    path = _with_sheet(tmp_path, "wide.xlsx", _sheet_xml(f"<row>{wide}</row>"))
    assert _refusal(path) == SHEET_TOO_LARGE.format(sheet="表", rows=1, columns=20_000)


def test_a_zip_bomb_is_refused_by_its_declared_ratio(tmp_path):
    size = RATIO_FLOOR + (1 << 20)
    path = _with_sheet(tmp_path, "bomb.xlsx", _sheet_xml("<row/>" * 10, dimension="A1") + b" " * size)
    info = zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml")
    assert info.file_size > MAX_RATIO * info.compress_size
    assert _refusal(path) == FILE_TOO_LARGE


def test_a_zip_entry_that_inflates_past_its_declared_size_is_refused(tmp_path):
    path = _with_sheet(tmp_path, "liar.xlsx", _sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>' * 50))
    data = bytearray(path.read_bytes())
    # declare the sheet 100 bytes long in the central directory (offset 24 of its record)
    name = b"xl/worksheets/sheet1.xml"
    at = data.find(b"PK\x01\x02")
    patched = False
    while at >= 0:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_len] == name:
            struct.pack_into("<I", data, at + 24, 100)
            patched = True
            break
        at = data.find(b"PK\x01\x02", at + 4)
    assert patched
    path.write_bytes(bytes(data))
    assert _refusal(path) == FILE_TOO_LARGE


def test_a_truncated_workbook_is_unreadable_not_a_crash(tmp_path):
    path = write_sheets_xlsx(tmp_path / "b.xlsx", {"表": [HEADER, ["D1", "x", "雨湖区", ""]]})
    path.write_bytes(path.read_bytes()[:-200])
    assert _refusal(path) == FILE_UNREADABLE


def test_an_ordinary_workbook_passes_and_is_measured(tmp_path):
    path = write_sheets_xlsx(tmp_path / "b.xlsx", {"表": [HEADER] + [[f"D{i}", "x", "雨湖区", ""] for i in range(30)]})
    scan = check_workbook(path)
    assert (scan.sheets["表"].rows, scan.sheets["表"].columns) == (31, 26)


def test_excel_serial_60_is_the_day_that_never_was_and_an_error(tmp_path):
    # 1900-02-29 exists only in Excel's calendar; calamine reads it as 1900-02-28
    def text(ref: str, value: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'

    cells = f'<row r="1">{"".join(text(f"{c}1", h) for c, h in zip("ABCD", HEADER, strict=True))}</row>'
    for r, ref, serial in [(2, "D1", 60), (3, "D2", 59)]:
        cells += f'<row r="{r}">{text(f"A{r}", ref)}{text(f"B{r}", "某厂排污")}{text(f"C{r}", "雨湖区")}'
        cells += f'<c r="D{r}" s="1"><v>{serial}</v></c></row>'
    src = _with_sheet(tmp_path, "dates.xlsx", _sheet_xml(cells))
    records, parse = parse_all(src)
    assert [(p.row, p.column, p.value, p.message) for p in parse.errors] == [(2, "D", "1900-02-29", DATE_IMPOSSIBLE)]
    assert [r.ref for r in records] == ["D2"]


@pytest.mark.parametrize("written", ["2021-02-30", "2021年2月30日 10:00", "1900-02-29"])
def test_an_impossible_date_typed_as_text_is_an_error(tmp_path, written):
    path = write_csv(tmp_path / "b.csv", [HEADER, ["D1", "某厂排污", "雨湖区", written]])
    _records, parse = parse_all(path)
    assert [(p.row, p.column, p.message) for p in parse.errors] == [(2, "D", DATE_IMPOSSIBLE)]


def test_nul_and_control_characters_in_a_text_are_refused_at_their_cell(tmp_path):
    path = write_csv(
        tmp_path / "b.csv", [HEADER, ["D1", "某厂\x00排污\x07", "雨湖区", ""], ["D2", "某厂排污", "雨湖区", ""]]
    )
    records, parse = parse_all(path)
    assert [r.ref for r in records] == ["D2"]
    assert [(p.row, p.column, p.message, p.level) for p in parse.problems] == [(2, "B", CONTROL_CHARS, ERROR)]


def test_a_control_character_in_a_ref_refuses_the_row(tmp_path):
    path = write_csv(tmp_path / "b.csv", [HEADER, ["D1\x00", "某厂排污", "雨湖区", ""]])
    _records, parse = parse_all(path)
    assert [(p.row, p.column, p.message, p.level) for p in parse.problems] == [(2, "A", REF_BAD_CHARS, ERROR)]


@pytest.mark.parametrize(
    ("text", "control"), [("a\tb\nc\r", False), ("雨湖区", False), ("a\x00", True), ("\x1f", True)]
)
def test_line_breaks_and_tabs_are_text_but_nul_and_the_like_are_not(text, control):
    assert (CONTROL.search(text) is not None) is control


@pytest.mark.parametrize("blank_rows", [0, 2000])
def test_a_file_with_a_header_and_no_data_rows_is_an_error(tmp_path, blank_rows):
    path = write_csv(tmp_path / "b.csv", [["第3批"], HEADER] + [[""] * 4] * blank_rows)
    records, parse = parse_all(path)
    assert records == []
    assert [(p.sheet, p.row, p.message) for p in parse.errors] == [("b.csv", 2, NO_DATA_ROWS)]
