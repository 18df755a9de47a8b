"""Finding the table in a sheet as people make it (built in memory: no files)."""

import datetime as dt

import pytest

from ducha.core.parsing import COMPLAINT_FIELDS, HeaderMatcher, NoTable, Sheet, Table, find_table

MATCHER = HeaderMatcher(COMPLAINT_FIELDS)
HEADER = ["序号", "受理编号", "交办问题基本情况", "行政区域", "污染类型"]


def sheet(*rows, name="表"):
    return Sheet(name, iter([(i + 1, list(r)) for i, r in enumerate(rows)]))


def table_of(*rows, name="表") -> Table:
    found = find_table(sheet(*rows, name=name), MATCHER)
    assert isinstance(found, Table), found
    return found


def fields(table):
    return {f: (c.letter, c.header) for f, c in table.columns.items()}


def data(table):
    return [(n, row[1], section) for n, row, section in table.rows()]


def test_finds_the_header_under_title_and_batch_lines():
    t = table_of(
        ["中央第六环境保护督察组交办信访件（第3批）", "", "", "", ""],
        ["交办单位：中央第六环境保护督察组", "", "", "日期：2017年5月3日", ""],
        ["", "", "", "", ""],
        HEADER,
        [1, "D1", "某厂排污", "雨湖区", "水"],
    )
    assert t.header_rows == (4,)
    assert t.meta["title"] == "中央第六环境保护督察组交办信访件（第3批）"
    assert t.meta["batch_no"] == 3
    assert t.meta["batch_date"] == dt.date(2017, 5, 3)
    assert t.meta["unit"] == "中央第六环境保护督察组"
    assert data(t) == [(5, "D1", None)]


@pytest.mark.parametrize(
    ("title", "batch_no"),
    [("交办信访件（第十二批）", 12), ("第二十批", 20), ("第 7 批交办", 7), ("交办信访件", None)],
)
def test_reads_the_batch_number_in_either_numerals(title, batch_no):
    t = table_of([title], HEADER, [1, "D1", "x", "雨湖区", "水"])
    assert t.meta.get("batch_no") == batch_no


def test_takes_the_batch_date_from_a_date_cell_beside_its_label():
    t = table_of(["交办日期：", dt.datetime(2021, 4, 13)], HEADER)
    assert t.meta["batch_date"] == dt.date(2021, 4, 13)


@pytest.mark.parametrize(
    ("written", "field"),
    [
        ("受理\n编号", "ref"),
        (" 受理编号 ", "ref"),
        ("*受理编号", "ref"),
        ("受理编号＊", "ref"),
        ("受理编号（必填）", "ref"),
        ("受理编号:", "ref"),
        ("信访编号", "ref"),
        ("举报内容", "text"),
        ("县（市、区）", "region_county"),
        ("县(市、区)", "region_county"),
        ("县 （市、区）", "region_county"),
        ("所在地", "region"),
        ("来源", "channel"),
        ("来电时间", "accepted_at"),
        ("是否重复举报", "team_repeat"),
        ("举报人姓名", "complainant_name"),
        ("身份证号码", "complainant_id_number"),
        ("住址", "complainant_address"),
    ],
)
def test_matches_headers_by_name_whatever_the_spacing_brackets_or_stars(written, field):
    assert MATCHER.match(written) == field


def test_maps_columns_by_name_not_by_position_and_lists_the_rest_as_unmapped():
    t = table_of(["备注", "污染类型", "举报内容", "信访编号", "区域", "承办人"])
    assert fields(t) == {
        "pollution_types": ("B", "污染类型"),
        "text": ("C", "举报内容"),
        "ref": ("D", "信访编号"),
        "region": ("E", "区域"),
    }
    assert [(c.letter, c.header) for c in t.unmapped] == [("A", "备注"), ("F", "承办人")]


def test_reads_a_two_row_header_whose_sub_row_refines_the_top_when_merges_are_filled():
    # what the reader gives for 行政区域 merged over 市 | 县（市、区）, others merged down
    t = table_of(
        ["受理编号", "交办问题基本情况", "行政区域", "行政区域", "举报人信息", "举报人信息"],
        ["受理编号", "交办问题基本情况", "市", "县（市、区）", "姓名", "联系电话"],
        ["D1", "x", "湘潭市", "雨湖区", "张三", "13800000000"],
    )
    assert t.header_rows == (1, 2)
    assert fields(t) == {
        "ref": ("A", "受理编号"),
        "text": ("B", "交办问题基本情况"),
        "region_city": ("C", "市"),
        "region_county": ("D", "县（市、区）"),
        "complainant_name": ("E", "姓名"),
        "complainant_phone": ("F", "联系电话"),
    }
    assert data(t) == [(3, "x", None)]


def test_reads_a_two_row_header_flattened_by_a_csv_export():
    t = table_of(
        ["受理编号", "交办问题基本情况", "行政区域", "", "受理"],
        ["", "", "市", "县（市、区）", "时间"],
        ["D1", "x", "湘潭市", "雨湖区", "2021-04-07"],
    )
    assert t.header_rows == (1, 2)
    assert fields(t)["region_county"] == ("D", "县（市、区）")
    assert fields(t)["accepted_at"] == ("E", "时间")  # 受理 + 时间 → 受理时间


def test_does_not_take_the_first_data_row_for_a_sub_header():
    t = table_of(["受理编号", "交办问题基本情况", "信访方式"], ["D1", "某厂排污", "电话"])
    assert t.header_rows == (1,)
    assert data(t) == [(2, "某厂排污", None)]


def test_does_not_take_a_data_row_without_ref_for_a_sub_header():
    t = table_of(["受理编号", "交办问题基本情况", "信访方式"], ["", "某厂排污，夜间施工噪声扰民严重", "电话"])
    assert t.header_rows == (1,)
    assert [(n, row[0]) for n, row, _ in t.rows()] == [(2, "")]


def test_looks_for_the_header_only_in_the_first_thirty_filled_rows():
    found = find_table(sheet(*[[f"说明{i}"] for i in range(30)], HEADER), MATCHER)
    assert found == NoTable("表", 1)


def test_gives_nothing_for_an_empty_sheet():
    assert find_table(sheet([], ["", " "], [None]), MATCHER) is None


def test_reports_a_sheet_with_content_but_no_header():
    assert find_table(sheet([], ["填表说明"], ["受理编号请填写完整"]), MATCHER) == NoTable("表", 2)


def test_skips_decoration_rows_and_keeps_the_data():
    t = table_of(
        HEADER,
        ["一、来电（2件）", "一、来电（2件）", "一、来电（2件）", "一、来电（2件）", "一、来电（2件）"],
        [1, "D1", "a", "雨湖区", "水"],
        ["", "", "", "", ""],
        [2, "D2", "b", "雨湖区", "水"],
        ["二、来信（1件）", "", "", "", ""],
        [3, "X1", "c", "岳塘区", "水"],
        [4, "", "", "", ""],  # a pre-numbered row: only 序号
        ["合计", "", "共3件", "", ""],
        HEADER,  # repeated under a page break
        ["注：标*的为重点件", "", "", "", ""],
        ["2.举报人信息保密", "", "", "", ""],
        ["填报人：王五", "", "审核人：赵六", "", "联系电话：0731-5858"],
    )
    assert data(t) == [(3, "D1", "一、来电（2件）"), (5, "D2", "一、来电（2件）"), (7, "X1", "二、来信（1件）")]
    assert t.meta["notes"] == ["注：标*的为重点件", "2.举报人信息保密"]
    assert t.stats == {"blank": 2, "section": 2, "note": 2, "footer": 1, "total": 1, "header_echo": 1}
    assert t.section_mismatches == []


def test_counts_rows_against_the_number_a_section_declares():
    t = table_of(
        HEADER, ["一、来电（3件）"], [1, "D1", "a", "雨湖区", "水"], ["二、来信（1件）"], [2, "X1", "b", "雨湖区", "水"]
    )
    data(t)
    assert t.section_mismatches == [(2, "一、来电（3件）", 3, 1)]


def test_keeps_a_row_with_a_ref_as_data_even_when_its_text_looks_like_a_section():
    t = table_of(["交办问题基本情况", "受理编号", "行政区域"], ["一、某厂偷排；二、某厂噪声", "D1", "雨湖区"])
    assert [row[1] for _, row, _ in t.rows()] == ["D1"]


def test_pads_short_csv_rows_to_the_header_width():
    t = table_of(HEADER, [1, "D1"])
    assert [row for _, row, _ in t.rows()] == [[1, "D1", "", "", ""]]
