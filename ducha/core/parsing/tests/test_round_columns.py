"""Every round's columns by name and synonym, and the handling results of an earlier
round's published table read into the record."""

import pytest

from ducha.core.parsing import COMPLAINT_FIELDS, HeaderMatcher
from ducha.core.parsing.errors import CLOSURE_UNKNOWN, VERACITY_UNKNOWN
from ducha.core.parsing.tests.messy import parse_all, write_csv
from ducha.core.parsing.values import parse_closure, parse_veracity

MATCHER = HeaderMatcher(COMPLAINT_FIELDS)


@pytest.mark.parametrize(
    ("written", "field"),
    [
        ("交办问题基本情况", "text"),
        ("转办问题基本情况", "text"),
        ("行政区域", "region"),
        ("所属区县", "region_county"),
        ("举报地市", "region_city"),
        ("举报县区", "region_county"),
        ("涉及区县及部门", "region"),
        ("市（州）", "region_city"),
        ("污染类型", "pollution_types"),
        ("问题类型", "pollution_types"),
        ("信访方式", "channel"),
        ("受理方式", "channel"),
        ("办结目标", "target"),
        ("是否办结", "closure"),
        ("是否属实", "veracity"),
        ("调查核实情况", "findings"),
        ("处理和整改情况", "measures"),
        ("处理处罚和问责情况", "measures"),
        ("问责情况", "accountability"),
        ("责任人被处理情况", "accountability"),
    ],
)
def test_every_rounds_header_names_its_field(written, field):
    assert MATCHER.match(written) == field


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("属实", "true"),
        ("基本属实", "mostly"),
        ("部分属实", "partly"),
        ("不属实", "false"),
        ("是", "true"),
        ("否", "false"),
        (" 属实 ", "true"),
        ("属实。", "true"),
    ],
)
def test_veracity_is_read_as_every_table_writes_it(written, code):
    assert parse_veracity(written) == (code, None)


@pytest.mark.parametrize(
    ("written", "code"),
    [("已办结", "closed"), ("阶段性办结", "closed_pending"), ("正在办理", "open"), ("未办结", "open")],
)
def test_closure_is_read_as_the_third_round_writes_it(written, code):
    assert parse_closure(written) == (code, None)


def test_unknown_veracity_and_closure_are_errors():
    assert parse_veracity("待查") == (None, VERACITY_UNKNOWN)
    assert parse_closure("差不多") == (None, CLOSURE_UNKNOWN)


def test_a_third_round_table_reads_its_results_into_the_record(tmp_path):
    rows = [
        [
            "序号",
            "受理编号",
            "交办问题基本情况",
            "所属区县",
            "问题类型",
            "受理方式",
            "办结目标",
            "是否办结",
            "是否属实",
        ],
        ["1", "X3HN202406070082", "某厂排污", "雨湖区", "水", "来信", "完成整改", "阶段性办结", "部分属实"],
    ]
    (r,), parse = parse_all(write_csv(tmp_path / "b.csv", rows))
    assert parse.problems == []
    assert (r.region_code, r.pollution_types, r.channel) == ("430302", ("water",), "letter")
    assert (r.target, r.closure, r.veracity) == ("完成整改", "closed_pending", "partly")


def test_a_bad_veracity_is_located_at_its_cell(tmp_path):
    rows = [["受理编号", "交办问题基本情况", "行政区域", "是否属实"], ["D1", "某厂排污", "雨湖区", "待查"]]
    records, parse = parse_all(write_csv(tmp_path / "b.csv", rows))
    assert records == []
    assert [(p.row, p.column, p.header, p.value, p.message) for p in parse.errors] == [
        (2, "D", "是否属实", "待查", VERACITY_UNKNOWN)
    ]


def test_a_region_beside_its_departments_is_the_region(tmp_path):
    rows = [["受理编号", "交办问题基本情况", "涉及区县及部门"], ["D1", "某厂排污", "岳塘区、市住建局"]]
    (r,), parse = parse_all(write_csv(tmp_path / "b.csv", rows))
    assert parse.errors == [] and r.region_code == "430304"
