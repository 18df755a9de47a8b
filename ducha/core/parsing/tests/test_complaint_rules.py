"""The complaint schema's rules, one behaviour per test, on small hand-made files."""

import datetime as dt

import pytest

from ducha.core.parsing import ParseError, Problem
from ducha.core.parsing.errors import (
    COLUMN_DUPLICATE,
    COLUMN_MISSING,
    ID_NUMBER_AS_NUMBER,
    NO_TABLE,
    POLLUTION_UNKNOWN,
    REF_DUPLICATE_SHEET,
    REF_MISSING,
    REGION_UNKNOWN,
    REQUIRED_EMPTY,
    SECTION_COUNT_MISMATCH,
    SHEET_WITHOUT_TABLE,
    TEXT_TOO_LONG,
    WARNING,
)
from ducha.core.parsing.tests.messy import parse_all, write_csv, write_sheets_xlsx

HEADER = ["受理编号", "交办问题基本情况", "行政区域"]


def xlsx(tmp_path, *rows, name="表"):
    return write_sheets_xlsx(tmp_path / "batch.xlsx", {name: list(rows)})


def test_raises_naming_a_missing_required_column(tmp_path):
    path = xlsx(tmp_path, ["受理编号", "交办问题基本情况", "污染类型"], ["D1", "某厂排污", "水"])
    with pytest.raises(ParseError) as caught:
        parse_all(path)
    message = COLUMN_MISSING.format(field="行政区域", synonyms="行政区域、所属区域、区域、所在地、行政区划、所在区域")
    assert caught.value.problem == Problem("表", 1, "", "", "", message)


def test_accepts_split_region_columns_for_the_required_region(tmp_path):
    path = xlsx(tmp_path, ["受理编号", "交办问题基本情况", "区县"], ["D1", "某厂排污", "雨湖区"])
    records, parse = parse_all(path)
    assert [r.region_code for r in records] == ["430302"] and parse.problems == []


def test_raises_no_table_for_a_file_without_a_header(tmp_path):
    path = write_sheets_xlsx(tmp_path / "batch.xlsx", {"说明": [["请按模板填写"]], "Sheet2": []})
    with pytest.raises(ParseError) as caught:
        parse_all(path)
    assert caught.value.message == NO_TABLE


def test_warns_about_a_sheet_with_content_but_no_table_and_reads_the_others(tmp_path):
    path = write_sheets_xlsx(
        tmp_path / "batch.xlsx",
        {"填表说明": [[], ["受理编号请完整填写"]], "交办件": [HEADER, ["D1", "某厂排污", "雨湖区"]], "空表": []},
    )
    records, parse = parse_all(path)
    assert [r.ref for r in records] == ["D1"]
    assert parse.problems == [Problem("填表说明", 2, "", "", "", SHEET_WITHOUT_TABLE, WARNING)]


def test_reads_every_sheet_and_takes_the_channel_from_the_sheet_name(tmp_path):
    path = write_sheets_xlsx(
        tmp_path / "batch.xlsx",
        {"来电": [HEADER, ["D1", "a", "雨湖区"], ["D2", "b", "岳塘区"]], "来信": [HEADER, ["X1", "c", "韶山市"]]},
    )
    records, parse = parse_all(path)
    assert [(r.sheet, r.row, r.ref, r.channel) for r in records] == [
        ("来电", 2, "D1", "phone"),
        ("来电", 3, "D2", "phone"),
        ("来信", 2, "X1", "letter"),
    ]
    assert parse.counts["sheets"] == 2


def test_reports_a_ref_repeated_on_another_sheet_naming_that_sheet(tmp_path):
    path = write_sheets_xlsx(
        tmp_path / "batch.xlsx", {"来电": [HEADER, ["D1", "a", "雨湖区"]], "来信": [HEADER, [], ["D1", "b", "雨湖区"]]}
    )
    records, parse = parse_all(path)
    assert [r.sheet for r in records] == ["来电"]
    assert parse.problems == [
        Problem("来信", 3, "A", "受理编号", "D1", REF_DUPLICATE_SHEET.format(sheet="来电", row=2))
    ]


@pytest.mark.parametrize(
    ("section", "channel_cell", "channel"),
    [
        ("一、来电（1件）", "", "phone"),
        ("二、来信（1件）", "", "letter"),
        ("一、来电（1件）", "网络", "online"),  # the column wins over the section
        ("一、大气污染类（1件）", "", None),
    ],
)
def test_takes_the_channel_from_the_column_else_the_section(tmp_path, section, channel_cell, channel):
    path = xlsx(tmp_path, HEADER + ["信访方式"], [section], ["D1", "a", "雨湖区", channel_cell])
    records, _ = parse_all(path)
    assert [r.channel for r in records] == [channel]


@pytest.mark.parametrize(
    ("city", "county", "code"),
    [
        ("湘潭市", "湘乡市", "430381"),
        ("湘潭市", "", "430300"),
        ("", "九华", "430373"),
        ("长沙市", "雨湖区", "430302"),  # the county wins
    ],
)
def test_combines_city_and_county_columns_with_the_county_winning(tmp_path, city, county, code):
    path = xlsx(
        tmp_path,
        ["受理编号", "交办问题基本情况", "行政区域", "行政区域"],
        ["", "", "市", "县（市、区）"],
        ["D1", "a", city, county],
    )
    records, parse = parse_all(path)
    assert parse.problems == [] and [r.region_code for r in records] == [code]


def test_reports_the_county_cell_when_the_county_is_unknown(tmp_path):
    path = xlsx(tmp_path, ["受理编号", "交办问题基本情况", "市", "县（市、区）"], ["D1", "a", "湘潭市", "花石"])
    _, parse = parse_all(path)
    assert parse.problems == [Problem("表", 2, "D", "县（市、区）", "花石", REGION_UNKNOWN.format(name="花石"))]


def test_reports_an_empty_region_at_the_most_precise_column(tmp_path):
    path = xlsx(tmp_path, ["受理编号", "交办问题基本情况", "市", "县（市、区）"], ["D1", "a", "", ""])
    _, parse = parse_all(path)
    assert parse.problems == [Problem("表", 2, "D", "县（市、区）", "", REQUIRED_EMPTY.format(header="县（市、区）"))]


def test_collects_every_problem_of_every_row_in_one_pass(tmp_path):
    path = xlsx(
        tmp_path,
        HEADER + ["污染类型"],
        ["", "a", "火星", "光"],
        ["D2", "", "雨湖区", "水"],
        ["D3", "c", "雨湖区", "水"],
    )
    records, parse = parse_all(path)
    assert [r.ref for r in records] == ["D3"]
    assert [(p.row, p.column, p.message) for p in parse.problems] == [
        (2, "A", REF_MISSING),
        (2, "C", REGION_UNKNOWN.format(name="火星")),
        (2, "D", POLLUTION_UNKNOWN.format(parts="“光”")),
        (3, "B", REQUIRED_EMPTY.format(header="交办问题基本情况")),
    ]


@pytest.mark.parametrize(
    ("ref", "mark", "is_key"),
    [("D1*", "", True), ("D1", "是", True), ("D1", "", False), ("D1＊", "否", True), ("D1", "重点", True)],
)
def test_marks_key_cases_by_a_starred_ref_or_the_key_column(tmp_path, ref, mark, is_key):
    path = xlsx(tmp_path, HEADER + ["是否重点件"], [ref, "a", "雨湖区", mark])
    records, _ = parse_all(path)
    assert [(r.ref, r.is_key) for r in records] == [("D1", is_key)]


def test_leaves_team_repeat_unknown_without_its_column(tmp_path):
    path = xlsx(tmp_path, HEADER, ["D1", "a", "雨湖区"])
    records, _ = parse_all(path)
    assert records[0].team_repeat is None and records[0].is_key is False


@pytest.mark.parametrize(("mark", "repeat"), [("是", True), ("", False), ("否", False), ("重复（第2批5号）", True)])
def test_reads_the_teams_repeat_mark(tmp_path, mark, repeat):
    path = xlsx(tmp_path, HEADER + ["是否重复件"], ["D1", "a", "雨湖区", mark])
    records, _ = parse_all(path)
    assert records[0].team_repeat is repeat


def test_reads_dates_from_cells_and_text_alike(tmp_path):
    path = xlsx(
        tmp_path,
        HEADER + ["受理时间"],
        ["D1", "a", "雨湖区", dt.datetime(2021, 4, 7, 14, 20)],
        ["D2", "b", "雨湖区", "2021年4月7日10时02分"],
        ["D3", "c", "雨湖区", ""],
    )
    records, _ = parse_all(path)
    assert [r.accepted_at for r in records] == [dt.datetime(2021, 4, 7, 14, 20), dt.datetime(2021, 4, 7, 10, 2), None]


def test_reports_text_over_the_callers_limit(tmp_path):
    path = xlsx(tmp_path, HEADER, ["D1", "污" * 11, "雨湖区"])
    records, parse = parse_all(path, max_text=10)
    assert records == []
    assert parse.problems == [Problem("表", 2, "B", "交办问题基本情况", "污" * 11, TEXT_TOO_LONG.format(limit=10))]


def test_masks_complainant_data_in_problems(tmp_path):
    path = xlsx(tmp_path, HEADER + ["举报人", "身份证号"], ["D1", "a", "雨湖区", "张三丰", 4.30302199001011e17])
    records, parse = parse_all(path)
    assert parse.problems == [Problem("表", 2, "E", "身份证号", "430302********1000", ID_NUMBER_AS_NUMBER, WARNING)]
    assert (records[0].complainant_name, records[0].complainant_id_number) == ("张三丰", "430302199001011000")


def test_reads_complainant_columns(tmp_path):
    path = xlsx(
        tmp_path,
        HEADER + ["信访人", "联系方式", "身份证号码", "联系地址"],
        ["D1", "a", "雨湖区", " 李四 ", 13800138000, "43030219900101123x", "雨湖区和平街道1号"],
    )
    records, parse = parse_all(path)
    r = records[0]
    assert (r.complainant_name, r.complainant_phone, r.complainant_id_number, r.complainant_address) == (
        "李四",
        "13800138000",
        "43030219900101123X",
        "雨湖区和平街道1号",
    )
    assert parse.problems == []


def test_keeps_every_headed_column_as_text_in_raw(tmp_path):
    path = xlsx(
        tmp_path, ["序号"] + HEADER + ["备注", "备注"], [1, 12345, "a", "雨湖区", "急", dt.datetime(2021, 4, 7)]
    )
    records, parse = parse_all(path)
    assert records[0].raw == {
        "受理编号": "12345",
        "交办问题基本情况": "a",
        "行政区域": "雨湖区",
        "备注": "急",
        "备注（F列）": "2021-04-07",
    }
    assert [m for m in parse.mapping if m["field"] is None] == [
        {"sheet": "表", "field": None, "header": "备注", "column": "E"},
        {"sheet": "表", "field": None, "header": "备注", "column": "F"},
    ]


def test_warns_about_a_field_given_twice_and_keeps_the_first(tmp_path):
    path = xlsx(tmp_path, HEADER + ["举报内容"], ["D1", "a", "雨湖区", "b"])
    records, parse = parse_all(path)
    assert records[0].text == "a"
    message = COLUMN_DUPLICATE.format(first="B", first_header="交办问题基本情况")
    assert parse.problems == [Problem("表", 1, "D", "举报内容", "", message, WARNING)]


def test_warns_when_a_section_declares_another_count(tmp_path):
    path = xlsx(tmp_path, HEADER, ["一、来电（2件）"], ["D1", "a", "雨湖区"])
    records, parse = parse_all(path)
    assert len(records) == 1
    message = SECTION_COUNT_MISMATCH.format(declared=2, actual=1)
    assert parse.problems == [Problem("表", 2, "", "", "一、来电（2件）", message, WARNING)]


def test_problem_dicts_have_exactly_the_six_keys_a_screen_shows(tmp_path):
    path = write_csv(tmp_path / "batch.csv", [HEADER, ["D1", "", "雨湖区"]])
    _, parse = parse_all(path)
    assert [p.to_dict() for p in parse.problems] == [
        {
            "sheet": "batch.csv",
            "row": 2,
            "column": "B",
            "header": "交办问题基本情况",
            "value": "",
            "message": REQUIRED_EMPTY.format(header="交办问题基本情况"),
        }
    ]


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n,,\n"])
def test_raises_no_table_for_an_empty_csv(tmp_path, content):
    path = tmp_path / "batch.csv"
    path.write_bytes(content)
    with pytest.raises(ParseError) as caught:
        parse_all(path)
    assert caught.value.problem == Problem("batch.csv", 0, "", "", "", NO_TABLE)


def test_data_in_a_column_without_header_is_an_error_once_never_dropped(tmp_path):
    from ducha.core.parsing.errors import HEADERLESS_DATA
    from ducha.core.parsing.tests import messy

    rows = [
        ["受理编号", "交办问题基本情况", "行政区域", ""],
        ["D1", "某厂排污", "雨湖区", "张三 13812345678"],
        ["D2", "某厂噪声", "岳塘区", "李四"],
    ]
    path = messy.write_sheets_xlsx(tmp_path / "h.xlsx", {"第1批": rows})
    records, parse = messy.parse_all(path)
    assert [r.ref for r in records] == ["D1", "D2"]
    errors = [p.to_dict() for p in parse.errors if p.message == HEADERLESS_DATA]
    assert errors == [
        {
            "sheet": "第1批",
            "row": 2,
            "column": "D",
            "header": "",
            "value": "张三 138****5678",
            "message": HEADERLESS_DATA,
        }
    ]
