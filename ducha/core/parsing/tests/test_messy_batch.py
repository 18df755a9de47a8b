"""End to end on the team's real layout, made messy by tests/messy.py."""

import dataclasses
import datetime as dt
import inspect

import pytest

from ducha.core.parsing import Problem
from ducha.core.parsing.errors import (
    DATE_IMPOSSIBLE,
    MARK_UNKNOWN,
    POLLUTION_UNKNOWN,
    REF_DUPLICATE,
    REF_MISSING,
    REGION_UNKNOWN,
    REQUIRED_EMPTY,
    TEXT_FORMULA,
    WARNING,
)
from ducha.core.parsing.tests import messy

WRITERS = {
    "xlsx": lambda path, **kw: messy.write_batch_xlsx(path.with_suffix(".xlsx"), **kw),
    "gbk_csv": lambda path, **kw: messy.write_batch_csv(path.with_suffix(".csv"), encoding="gbk", **kw),
    "gb18030_csv": lambda path, **kw: messy.write_batch_csv(path.with_suffix(".csv"), **kw),
    "utf8_csv": lambda path, **kw: messy.write_batch_csv(path.with_suffix(".csv"), encoding="utf-8-sig", **kw),
}


def expected(sample: messy.Sample, row: int, sheet: str) -> dict:
    return {
        "sheet": sheet,
        "row": row,
        "ref": sample.ref,
        "is_key": sample.is_key,
        "channel": sample.channel,
        "accepted_at": sample.accepted_at,
        "text": sample.text,
        "region_code": sample.region_code,
        "pollution_types": sample.pollution_codes,
        "team_repeat": sample.repeat,
        "complainant_name": sample.name,
        "complainant_phone": sample.phone,
        "complainant_id_number": "",
        "complainant_address": "",
        "serial": sample.index + 1,  # the team's 序号
        # a batch carries no handling result
        "target": "",
        "closure": None,
        "veracity": None,
        "findings": "",
        "measures": "",
        "accountability": "",
    }


def without_raw(record) -> dict:
    d = dataclasses.asdict(record)
    del d["raw"]
    return d


@pytest.mark.parametrize("kind", list(WRITERS))
def test_reads_every_row_of_a_messy_batch(tmp_path, kind):
    batch = WRITERS[kind](tmp_path / "batch", rows=40, seed=7)
    records, parse = messy.parse_all(batch.path)
    sheet = "第3批" if kind == "xlsx" else batch.path.name
    samples = list(messy.iter_samples(40, seed=7))
    assert [without_raw(r) for r in records] == [
        expected(s, row, sheet) for s, row in zip(samples, batch.sample_rows, strict=True)
    ]
    assert parse.problems == []
    assert parse.meta["title"] == messy.TITLE
    assert parse.meta["batch_no"] == 3
    assert parse.meta["batch_date"] == dt.date(2021, 4, 13)
    assert parse.counts == {
        "rows": 40,
        "records": 40,
        "sheets": 1,
        "blank": 3,
        "section": 2,
        "note": 2,
        "footer": 1,
        "total": 1,
        "header_echo": 0,
    }


def test_reads_gbk_csv_like_xlsx(tmp_path):
    xlsx = messy.write_batch_xlsx(tmp_path / "batch.xlsx", rows=60, seed=3, plant=True)
    csv = messy.write_batch_csv(tmp_path / "batch.csv", rows=60, seed=3, encoding="gbk", plant=True)
    from_xlsx, xlsx_parse = messy.parse_all(xlsx.path)
    from_csv, csv_parse = messy.parse_all(csv.path)

    def comparable(record):
        return {k: v for k, v in without_raw(record).items() if k not in ("sheet", "row")}

    assert [comparable(r) for r in from_csv] == [comparable(r) for r in from_xlsx]
    assert len(from_xlsx) == 60 - 7
    assert [(p.column, p.header, p.message) for p in csv_parse.problems] == [
        (p.column, p.header, p.message) for p in xlsx_parse.problems
    ]


def test_maps_the_merged_two_row_header_and_lists_the_extra_column(tmp_path):
    batch = messy.write_batch_xlsx(tmp_path / "batch.xlsx", rows=5)
    _, parse = messy.parse_all(batch.path)
    assert [(m["field"], m["header"], m["column"]) for m in parse.mapping] == [
        ("serial", "序号", "A"),
        ("ref", "受理编号", "B"),
        ("text", "交办问题基本情况", "C"),
        ("region_city", "市", "D"),
        ("region_county", "县（市、区）", "E"),
        ("pollution_types", "污染类型", "F"),
        ("accepted_at", "受理时间", "G"),
        ("complainant_name", "姓名", "H"),
        ("complainant_phone", "联系电话", "I"),
        ("is_key", "是否重点件", "J"),
        ("team_repeat", "是否重复件", "K"),
        (None, "备注", "L"),
    ]


@pytest.mark.parametrize("kind", ["xlsx", "gbk_csv"])
def test_reports_each_planted_error_at_its_cell(tmp_path, kind):
    batch = WRITERS[kind](tmp_path / "batch", rows=20, plant=True)
    records, parse = messy.parse_all(batch.path)
    sheet = "第3批" if kind == "xlsx" else batch.path.name
    at = batch.plants
    first_row_of_ref = batch.sample_rows[1]
    assert parse.problems == [
        Problem(sheet, at["impossible_date"], "G", "受理时间", "2021年2月30日", DATE_IMPOSSIBLE),
        Problem(
            sheet, at["unknown_region"], "E", "县（市、区）", "长沙市岳麓区", REGION_UNKNOWN.format(name="长沙市岳麓区")
        ),
        Problem(
            sheet, at["unknown_pollution"], "F", "污染类型", "大气、光污染", POLLUTION_UNKNOWN.format(parts="“光污染”")
        ),
        Problem(
            sheet, at["duplicate_ref"], "B", "受理编号", "D3HN2021000002", REF_DUPLICATE.format(row=first_row_of_ref)
        ),
        Problem(sheet, at["missing_ref"], "B", "受理编号", "", REF_MISSING),
        Problem(
            sheet,
            at["formula_text"],
            "C",
            "交办问题基本情况",
            "=雨湖区某化工厂夜间偷排废气",
            TEXT_FORMULA.format(char="="),
            WARNING,
        ),
        Problem(sheet, at["bad_mark"], "J", "是否重点件", "待定", MARK_UNKNOWN),
        Problem(
            sheet, at["empty_text"], "C", "交办问题基本情况", "  ", REQUIRED_EMPTY.format(header="交办问题基本情况")
        ),
    ]
    by_row = {r.row: r for r in records}
    assert by_row[at["fullwidth_ref"]].ref == "D3HN2021000010"
    assert by_row[at["numeric_ref"]].ref == "20210413"
    assert by_row[at["formula_text"]].text == "=雨湖区某化工厂夜间偷排废气"
    assert len(records) == 20 - 7  # every row with an error is held back
    assert len(parse.errors) == 7 and len(parse.warnings) == 1


def test_streams_records_and_fills_problems_as_it_goes(tmp_path):
    batch = messy.write_batch_xlsx(tmp_path / "batch.xlsx", rows=20, plant=True)
    parse = messy.parse_complaint_file_for_test(batch.path)
    records = parse.records()
    assert inspect.isgenerator(records)
    assert parse.problems == []
    first = next(records)
    assert first.ref == "D3HN2021000001"
    assert parse.problems == []
    rest = list(records)
    assert len(rest) == 12 and len(parse.problems) == 8
    with pytest.raises(RuntimeError):
        list(parse.records())


def test_reads_xls_like_xlsx(tmp_path):
    """A real .xls (BIFF8, merged cells and all), made from the messy xlsx by LibreOffice,
    gives the same records and the same located problems as the xlsx."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is needed to write a real .xls; .ci/run installs it")
    xlsx = messy.write_batch_xlsx(tmp_path / "batch.xlsx", rows=30, seed=4, plant=True).path
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "xls",
            "--outdir",
            str(tmp_path),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    from_xls, parse_xls = messy.parse_all(tmp_path / "batch.xls")
    from_xlsx, parse_xlsx = messy.parse_all(xlsx)
    assert [(r.row, r.ref, r.text, r.region_code, r.accepted_at) for r in from_xls] == [
        (r.row, r.ref, r.text, r.region_code, r.accepted_at) for r in from_xlsx
    ]
    assert [p.to_dict() for p in parse_xls.problems] == [p.to_dict() for p in parse_xlsx.problems]
    assert parse_xls.problems
