"""One table, every way people send its header: the same records and the same columns.

Each shape is the same three complaints under a header of one, two or three rows,
written as an .xlsx with real merges, as an .xlsx with the group typed into every
cell, and as the CSV Excel saves from the merged sheet (a merge keeps its text in the
first cell only)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ducha.core.parsing.tests.messy import parse_all, write_csv, write_sheets_xlsx

ROWS = [
    ["D3HN202104130001", "某砂石场夜间施工噪声扰民", "湘潭市", "雨湖区", "噪声"],
    ["D3HN202104130002", "某化工厂偷排废水", "湘潭市", "岳塘区", "水"],
    ["X3HN202104130003", "某养殖场臭气熏天", "湘潭市", "湘潭县", "大气"],
]
EXPECTED = [
    ("D3HN202104130001", "430302", ("noise",)),
    ("D3HN202104130002", "430304", ("water",)),
    ("X3HN202104130003", "430321", ("air",)),
]

# Each shape: header rows (None marks a cell merged into the one on its left, or
# into the one above when a whole column is merged down), and the data columns in
# the order of ROWS' fields.
SHAPES: dict[str, list[list[str | None]]] = {
    "one row": [["序号", "受理编号", "交办问题基本情况", "市", "县（市、区）", "污染类型"]],
    "group over two": [
        ["序号", "受理编号", "交办问题基本情况", "行政区域", None, "污染类型"],
        ["^", "^", "^", "市（州）", "县（市、区）", "^"],
    ],
    "three rows": [
        ["序号", "交办情况", None, None, None, None],
        ["^", "受理编号", "交办问题基本情况", "行政区域", None, "问题类型"],
        ["^", "^", "^", "市", "县（市、区）", "^"],
    ],
    "line breaks and spaces": [
        ["序 号", "受理\n编号", " 交办问题\n基本情况 ", "行政\n区域", None, "污染\n类型"],
        ["^", "^", "^", "市 ", " 县（市、区）", "^"],
    ],
    "group unknown to us": [
        ["序号", "受理编号", "交办问题基本情况", "举报地区", None, "污染类型"],
        ["^", "^", "^", "举报地市", "举报县区", "^"],
    ],
}
# Columns in another order: (header column, data field index)
SHUFFLED = {
    "shuffled columns": (
        [
            ["污染类型", "行政区域", None, "序号", "交办问题基本情况", "受理编号"],
            ["^", "县（市、区）", "市", "^", "^", "^"],
        ],
        [4, 3, 2, None, 1, 0],
    )
}


def _layout(header: list[list[str | None]], order: list[int | None] | None):
    """(rows, merges) for the merged .xlsx, rows for the repeated .xlsx, rows for CSV."""
    width = len(header[0])
    order = order or [None, 0, 1, 2, 3, 4]
    merged_rows: list[list] = [["湘潭市信访件交办表（第3批）"] + [""] * (width - 1)]
    merges = [(0, 0, 0, width - 1)]
    repeated: list[list] = [list(merged_rows[0])]
    csv_rows: list[list] = [list(merged_rows[0])]
    base = 1
    n = len(header)
    for r, row in enumerate(header):
        m_row, rep_row, c_row = [], [], []
        for c, cell in enumerate(row):
            if cell is None:  # merged into the left
                left = next(row[k] for k in range(c, -1, -1) if row[k] is not None)
                m_row.append("")
                rep_row.append(left)
                c_row.append("")
            elif cell == "^":  # merged into the one above
                above = next(header[k][c] for k in range(r, -1, -1) if header[k][c] != "^")
                m_row.append("")
                rep_row.append(above)
                c_row.append("")
            else:
                m_row.append(cell)
                rep_row.append(cell)
                c_row.append(cell)
        merged_rows.append(m_row)
        repeated.append(rep_row)
        csv_rows.append(c_row)
    for r, row in enumerate(header):
        for c, cell in enumerate(row):
            if cell in (None, "^"):
                continue
            right = c
            while right + 1 < width and row[right + 1] is None:
                right += 1
            down = r
            while down + 1 < n and header[down + 1][c] == "^":
                down += 1
            if right > c or down > r:
                merges.append((base + r, c, base + down, right))
    for i, data in enumerate(ROWS):
        row = [i + 1 if f is None else data[f] for f in order]
        merged_rows.append(row)
        repeated.append(row)
        csv_rows.append(row)
    return merged_rows, merges, repeated, csv_rows


def _files(tmp_path: Path, header, order=None) -> dict[str, Path]:
    merged_rows, merges, repeated, csv_rows = _layout(header, order)
    return {
        "merged xlsx": write_sheets_xlsx(tmp_path / "merged.xlsx", {"第3批": merged_rows}, {"第3批": merges}),
        "repeated xlsx": write_sheets_xlsx(tmp_path / "repeated.xlsx", {"第3批": repeated}),
        "csv from excel": write_csv(tmp_path / "batch.csv", csv_rows, encoding="gb18030"),
    }


def _result(path: Path):
    records, parse = parse_all(path)
    fields = sorted((m["field"], m["header"]) for m in parse.mapping if m["field"])
    return [(r.ref, r.region_code, r.pollution_types) for r in records], parse.errors, fields


@pytest.mark.parametrize("shape", [*SHAPES, *SHUFFLED])
def test_every_form_of_a_header_reads_the_same_records(tmp_path, shape):
    header, order = SHUFFLED[shape] if shape in SHUFFLED else (SHAPES[shape], None)
    results = {kind: _result(path) for kind, path in _files(tmp_path, header, order).items()}
    for kind, (records, errors, _fields) in results.items():
        assert errors == [], kind
        assert records == EXPECTED, kind
    mappings = {kind: fields for kind, (_r, _e, fields) in results.items()}
    assert len({tuple(m) for m in mappings.values()}) == 1, mappings


def test_a_header_row_with_line_breaks_is_reported_as_one_line(tmp_path):
    files = _files(tmp_path, SHAPES["line breaks and spaces"])
    _records, _errors, fields = _result(files["csv from excel"])
    assert ("ref", "受理编号") in fields and ("text", "交办问题基本情况") in fields


def test_a_disclosure_table_saved_as_csv_reads_its_sub_header_as_header(tmp_path):
    # the case: 办理情况 over unknown-to-the-old-parser labels, CSV from Excel
    rows = [
        ["序号", "受理编号", "交办问题基本情况", "行政区域", "", "污染类型", "办理情况", "", "", "问责情况"],
        ["", "", "", "市（州）", "县（市、区）", "", "调查核实情况", "是否属实", "处理和整改情况", ""],
        [
            "1",
            "D2HN202104070061",
            "某厂排污",
            "湘潭市",
            "雨湖区",
            "水",
            "经查，情况属实。",
            "是",
            "责令停产整改。",
            "约谈1人",
        ],
    ]
    records, parse = parse_all(write_csv(tmp_path / "一览表.csv", rows, encoding="gb18030"))
    assert parse.errors == []
    (r,) = records
    assert (r.ref, r.region_code, r.veracity) == ("D2HN202104070061", "430302", "true")
    assert (r.findings, r.measures, r.accountability) == ("经查，情况属实。", "责令停产整改。", "约谈1人")


def test_the_first_data_row_is_never_taken_for_a_sub_header_even_without_a_ref(tmp_path):
    rows = [
        ["受理编号", "交办问题基本情况", "行政区域", ""],
        ["", "", "市", "县"],
        ["", "某厂排污", "湘潭市", "雨湖区"],
    ]
    _records, parse = parse_all(write_csv(tmp_path / "b.csv", rows))
    assert [(p.row, p.column, p.header) for p in parse.errors] == [(3, "A", "受理编号")]


def test_a_note_above_the_header_is_not_a_header_row(tmp_path):
    rows = [
        ["", "", "", "（行政区域填写到县市区）"],
        ["受理编号", "交办问题基本情况", "污染类型", "行政区域"],
        ["D1", "某厂排污", "水", "雨湖区"],
    ]
    records, parse = parse_all(write_csv(tmp_path / "b.csv", rows))
    assert parse.errors == [] and [r.region_code for r in records] == ["430302"]
