"""Reading sheets: encodings, merged cells, Excel's number and date cells, streaming."""

import datetime as dt
import tracemalloc

import pytest

from ducha.core.parsing import ParseError, read_sheets
from ducha.core.parsing.errors import (
    CSV_ENCODING_DAMAGED,
    CSV_ENCODING_UNKNOWN,
    CSV_IS_WORKBOOK,
    FILE_NOT_FOUND,
    FILE_TYPE_UNSUPPORTED,
    FILE_UNREADABLE,
)
from ducha.core.parsing.tests.messy import write_csv, write_sheets_xlsx

ROWS = [["受理编号", "交办问题基本情况"], ["D3HN0001", "雨湖区某厂夜间排放刺鼻废气"]]


def rows_of(path):
    return [(sheet.name, list(sheet.rows)) for sheet in read_sheets(path)]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk", "gb18030"])
def test_reads_csv_in_the_encodings_excel_writes(tmp_path, encoding):
    path = write_csv(tmp_path / "batch.csv", ROWS, encoding=encoding)
    assert rows_of(path) == [("batch.csv", [(1, ROWS[0]), (2, ROWS[1])])]


def test_reads_gb18030_characters_outside_gbk(tmp_path):
    rows = [["受理编号", "交办问题基本情况"], ["D1", "䶮某厂排污"]]  # 䶮 is only in GB18030
    path = write_csv(tmp_path / "batch.csv", rows, encoding="gb18030")
    assert rows_of(path)[0][1][1] == (2, rows[1])


UTF8_ROWS = "受理编号,交办问题基本情况\nD1,雨湖区某厂夜间排放刺鼻废气\n".encode()


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("受理编号,内容\n".encode("utf-16"), CSV_ENCODING_UNKNOWN),
        (b"ref,text\n1,caf\xe9,\xff\n", CSV_ENCODING_UNKNOWN),
        # rows pasted from a GBK file into a UTF-8 one: GB18030 would "decode" it all
        (UTF8_ROWS + "D2,岳塘区".encode("gbk"), CSV_ENCODING_DAMAGED),
        # a UTF-8 file cut in the middle of a character
        (UTF8_ROWS[:-2], CSV_ENCODING_DAMAGED),
    ],
)
def test_refuses_csv_it_cannot_decode_cleanly_instead_of_importing_mojibake(tmp_path, payload, message):
    path = tmp_path / "batch.csv"
    path.write_bytes(payload)
    with pytest.raises(ParseError) as caught:
        read_sheets(path)
    assert caught.value.problem.message == message
    assert caught.value.problem.sheet == "batch.csv"


def test_numbers_csv_rows_as_excel_shows_them_even_with_a_two_line_cell(tmp_path):
    path = write_csv(tmp_path / "batch.csv", [["受理编号", "内容"], ["D1", "第一行\n第二行"], ["D2", "x"]])
    assert [n for n, _ in rows_of(path)[0][1]] == [1, 2, 3]


def test_streams_csv_rows_without_holding_the_file(tmp_path):
    path = tmp_path / "big.csv"
    with path.open("w", encoding="gb18030", newline="") as fh:
        fh.write("受理编号,交办问题基本情况\n")
        for i in range(60_000):
            fh.write(f"D{i:08d},雨湖区某砂石场夜间施工噪声扰民，严重影响周边居民休息，请求处理{i}\n")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        (sheet,) = read_sheets(path)
        count = sum(1 for _ in sheet.rows)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 60_001
    assert peak < size / 4, (peak, size)


def test_fills_merged_ranges_with_their_top_left_value(tmp_path):
    path = write_sheets_xlsx(
        tmp_path / "m.xlsx",
        {"表": [["标题", "", ""], ["行政区域", "", "编号"], ["雨湖区", "x", "D1"], ["", "y", "D2"]]},
        {"表": [(0, 0, 0, 2), (1, 0, 1, 1), (2, 0, 3, 0)]},
    )
    assert rows_of(path) == [
        (
            "表",
            [
                (1, ["标题", "标题", "标题"]),
                (2, ["行政区域", "行政区域", "编号"]),
                (3, ["雨湖区", "x", "D1"]),
                (4, ["雨湖区", "y", "D2"]),
            ],
        )
    ]


def test_keeps_row_numbers_and_column_a_when_the_table_starts_at_d6(tmp_path):
    # pins python-calamine's iter_rows(): rows from Excel row 1, columns from the first used one
    sheet_rows = [[] for _ in range(5)] + [["", "", "", "受理编号", "内容"], ["", "", "", "D1", "x"]]
    path = write_sheets_xlsx(tmp_path / "d6.xlsx", {"表": sheet_rows})
    rows = rows_of(path)[0][1]
    assert rows[5] == (6, ["", "", "", "受理编号", "内容"])
    assert rows[6] == (7, ["", "", "", "D1", "x"])
    assert [n for n, _ in rows] == list(range(1, 8))


def test_gives_excel_numbers_and_dates_as_python_values(tmp_path):
    when = dt.datetime(2021, 4, 7, 14, 20)
    path = write_sheets_xlsx(tmp_path / "v.xlsx", {"表": [[12345, 3.5, when, dt.date(2021, 4, 7), "文字"]]})
    (_, [(_, row)]) = rows_of(path)[0]
    assert row[:3] == [12345.0, 3.5, when]
    assert row[3] in (dt.date(2021, 4, 7), dt.datetime(2021, 4, 7))
    assert row[4] == "文字"


def test_yields_an_empty_sheet_with_no_rows(tmp_path):
    path = write_sheets_xlsx(tmp_path / "e.xlsx", {"数据": ROWS, "Sheet2": []})
    assert [(name, len(rows)) for name, rows in rows_of(path)] == [("数据", 2), ("Sheet2", 0)]


@pytest.mark.parametrize(
    ("name", "payload", "message"),
    [
        ("batch.docx", b"x", FILE_TYPE_UNSUPPORTED.format(suffix=".docx")),
        ("batch.xlsx", b"not a zip at all", FILE_UNREADABLE),
        ("batch.xls", b"<html><table><tr><td>1</td></tr></table></html>", FILE_UNREADABLE),
        ("batch.csv", b"PK\x03\x04rest-of-a-zip", CSV_IS_WORKBOOK),
    ],
)
def test_refuses_files_it_cannot_read_with_a_reason(tmp_path, name, payload, message):
    path = tmp_path / name
    path.write_bytes(payload)
    with pytest.raises(ParseError) as caught:
        read_sheets(path)
    assert caught.value.problem.to_dict() == {
        "sheet": name,
        "row": 0,
        "column": "",
        "header": "",
        "value": "",
        "message": message,
    }


def test_refuses_a_missing_file(tmp_path):
    with pytest.raises(ParseError) as caught:
        read_sheets(tmp_path / "gone.xlsx")
    assert caught.value.message == FILE_NOT_FOUND.format(name="gone.xlsx")
