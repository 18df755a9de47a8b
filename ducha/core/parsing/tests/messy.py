"""Messy complaint batch files, made at test time (never commit generated files).

The layout is the one a central inspection team hands to 湘潭市: a merged title, a
交办 line, a two-row merged header (行政区域 over 市 | 县（市、区）, 举报人信息 over
姓名 | 联系电话), section rows 一、来电（N件）/ 二、来信（M件）, blank rows, a 合计
row, a two-line 注： footnote, a signature row and an extra empty sheet.

Reusable by benchmarks:

    write_batch_xlsx(path, rows=100_000, seed=1)      # xlsxwriter constant_memory
    write_batch_csv(path, rows=1_000_000, encoding="gb18030")   # streamed

Both return a `BatchFile` that says where each sample row and each planted error went.
`iter_samples(rows, seed)` regenerates the same content, to compare against the parse.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import xlsxwriter

CITY = "湘潭市"
REGIONS: dict[str, str] = {
    "湘潭市": "430300",
    "雨湖区": "430302",
    "岳塘区": "430304",
    "湘潭县": "430321",
    "湘乡市": "430381",
    "韶山市": "430382",
    "湘潭高新区": "430371",
    "高新区": "430371",
    "昭山示范区": "430372",
    "昭山": "430372",
    "九华示范区": "430373",
    "九华": "430373",
}
REGION_PARENTS = ("湖南省", "湘潭市")
POLLUTION_TYPES: dict[str, str] = {
    "大气": "air",
    "大气污染": "air",
    "扬尘": "air",
    "废气": "air",
    "油烟": "air",
    "水": "water",
    "水污染": "water",
    "废水": "water",
    "噪声": "noise",
    "噪音": "noise",
    "土壤": "soil",
    "固废": "solid_waste",
    "固体废物": "solid_waste",
    "生态": "ecology",
    "辐射": "radiation",
    "其他": "other",
    "其它": "other",
}
PARSE_KWARGS = {"regions": REGIONS, "region_parents": REGION_PARENTS, "pollution_types": POLLUTION_TYPES}

TITLE = "中央第六生态环境保护督察组交办信访件（第3批）"
BATCH_LINE = "交办单位：中央第六生态环境保护督察组    交办日期：2021年4月13日"
TOP = ["序号", "受理编号", "交办问题基本情况", "行政区域", "", "污染类型", "受理时间"]
TOP += ["举报人信息", "", "是否重点件", "是否重复件", "备注"]
SUB = ["", "", "", "市", "县（市、区）", "", "", "姓名", "联系电话", "", "", ""]
WIDTH = len(TOP)
COL = {name: i for i, name in enumerate(["serial", "ref", "text", "city", "county", "pollution"])}
COL |= {"accepted_at": 6, "name": 7, "phone": 8, "key": 9, "repeat": 10, "remark": 11}

# county as written → its code; the written forms vary as they do in real files
_COUNTIES = [
    ("雨湖区", "430302"),
    ("岳塘区", "430304"),
    ("湘潭县", "430321"),
    ("湘乡市", "430381"),
    ("韶山市", "430382"),
    ("湘潭高新区", "430371"),
    ("昭山示范区", "430372"),
    ("九华示范区", "430373"),
    ("湘潭市岳塘区", "430304"),
    ("高新区", "430371"),
    ("九华", "430373"),
]
_TOWNS = ["和平街道", "窑湾街道", "易俗河镇", "花石镇", "月山镇", "银田镇", "板塘街道", "鹤岭镇", "昭山镇"]
_PLACES = ["村", "社区", "工业园", "村民组", "小区"]
# (what happened, 污染类型 as written, codes)
_PROBLEMS = [
    ("夜间施工噪声扰民，严重影响周边居民休息。", "噪声", ("noise",)),
    ("长期偷排生产废水至附近河流，河水发黑发臭。", "水", ("water",)),
    ("粉尘污染严重，周边居民家中常落满灰尘。", "大气", ("air",)),
    ("餐饮油烟直排，气味刺鼻，噪音大。", "大气、噪声", ("air", "noise")),
    ("非法占用基本农田堆放建筑垃圾，破坏土壤。", "固废、土壤", ("soil", "solid_waste")),
    ("夜间焚烧废旧轮胎，黑烟滚滚。", "大气污染", ("air",)),
    ("养殖废水直排水塘，臭气熏天。", "水污染；大气", ("air", "water")),
    ("违规开采破坏山体植被，水土流失严重。", "生态", ("ecology",)),
    ("通讯基站辐射影响居民健康。", "辐射", ("radiation",)),
]
_SUBJECTS = [
    "某砂石场",
    "某沥青搅拌站",
    "某生猪养殖场",
    "某化工厂",
    "某烧烤店",
    "某建筑工地",
    "某洗砂场",
    "某钢材加工厂",
]
_SURNAMES = "张王李刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"
_DATE_FORMATS = ["{:%Y.%-m.%-d %H:%M}", "{:%Y年%-m月%-d日%H时%M分}", "{:%Y-%m-%d %H:%M:%S}", "{:%Y年%-m月%-d日 %H:%M}"]
BATCH_START = dt.datetime(2021, 4, 13, 8, 0)


@dataclass
class Sample:
    """One complaint as the team wrote it, and what the parser should make of it."""

    index: int
    ref: str
    is_key: bool
    channel: str
    accepted_at: dt.datetime
    text: str
    county: str
    region_code: str
    pollution: str
    pollution_codes: tuple[str, ...]
    repeat: bool
    name: str
    phone: str
    remark: str
    cells: list[Any] = field(default_factory=list)


def iter_samples(rows: int, seed: int = 0) -> Iterator[Sample]:
    """`rows` complaints: the first three quarters came by phone (D…), the rest by
    letter (X…). Deterministic for a given seed."""
    rng = random.Random(seed)
    phones = rows - rows // 4
    for i in range(rows):
        channel = "phone" if i < phones else "letter"
        prefix = "D" if channel == "phone" else "X"
        star = i % 7 == 3
        county, code = _COUNTIES[rng.randrange(len(_COUNTIES))]
        what, pollution, codes = _PROBLEMS[rng.randrange(len(_PROBLEMS))]
        place = f"{county}{rng.choice(_TOWNS)}{rng.randint(1, 30)}{rng.choice(_PLACES)}"
        text = f"{place}{rng.choice(_SUBJECTS)}{what}"
        if i % 13 == 5:
            text += "\n举报人要求尽快处理并反馈结果。"
        accepted = BATCH_START + dt.timedelta(minutes=7 * i)
        mark = "√" if i % 11 == 9 else ""
        repeat = i % 9 == 4
        name = "" if i % 6 == 1 else rng.choice(_SURNAMES) + rng.choice(_GIVEN) + rng.choice(("", *_GIVEN))
        phone = "" if not name else f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"
        sample = Sample(
            index=i,
            ref=f"{prefix}3HN2021{i + 1:06d}",
            is_key=star or bool(mark),
            channel=channel,
            accepted_at=accepted,
            text=text,
            county=county,
            region_code=code,
            pollution=pollution,
            pollution_codes=codes,
            repeat=repeat,
            name=name,
            phone=phone,
            remark="" if i % 5 else "群众反映强烈",
        )
        # accepted_at is a real date cell most of the time, a typed string sometimes
        when: Any = accepted if i % 5 else _DATE_FORMATS[(i // 5) % 4].format(accepted)
        sample.cells = [
            i + 1,
            sample.ref + ("*" if star else ""),
            text,
            CITY,
            county,
            pollution,
            when,
            name,
            phone,
            mark,
            "是" if repeat else rng.choice(("否", "")),
            sample.remark,
        ]
        yield sample


# Errors planted at known samples: name → (sample index, column key, cell value).
PLANTS: dict[str, tuple[int, str, Any]] = {
    "impossible_date": (2, "accepted_at", "2021年2月30日"),
    "unknown_region": (3, "county", "长沙市岳麓区"),
    "unknown_pollution": (4, "pollution", "大气、光污染"),
    "duplicate_ref": (6, "ref", "D3HN2021000002"),
    "missing_ref": (7, "ref", ""),
    "formula_text": (8, "text", "=雨湖区某化工厂夜间偷排废气"),
    "fullwidth_ref": (9, "ref", "Ｄ３ＨＮ２０２１００００１０"),
    "numeric_ref": (10, "ref", 20210413.0),
    "bad_mark": (11, "key", "待定"),
    "empty_text": (12, "text", "  "),
}


@dataclass
class BatchFile:
    path: Path
    rows: int
    sample_rows: list[int]  # sample index → row number in the file
    plants: dict[str, int]  # plant name → row number in the file
    header_rows: tuple[int, int]
    sections: list[int]  # rows of the section lines


def _layout(rows: int, seed: int, plant: bool) -> Iterator[tuple[str, Any]]:
    """The sheet, top to bottom, as (kind, payload) for both writers."""
    phones = rows - rows // 4
    yield "title", TITLE
    yield "title", BATCH_LINE
    yield "header", (TOP, SUB)
    yield "section", f"一、来电（{phones}件）"
    for sample in iter_samples(rows, seed):
        if sample.index == phones:
            yield "blank", None
            yield "section", f"二、来信（{rows - phones}件）"
        if plant:
            for name, (index, key, value) in PLANTS.items():
                if index == sample.index:
                    sample.cells[COL[key]] = value
                    yield "plant", name
        yield "sample", sample
    yield "blank", None
    yield "row", ["合计", "", f"共{rows}件"] + [""] * (WIDTH - 3)
    yield "title", "注：1.受理编号后标“*”的为重点件。"
    yield "title", "2.举报人信息严格保密，不得泄露。"
    yield "blank", None
    yield "row", ["填报人：王五", "", "", "", "审核人：赵六", "", "", "", "联系电话：0731-58588888", "", "", ""]


def write_batch_xlsx(path: str | Path, rows: int = 50, seed: int = 0, *, plant: bool = False) -> BatchFile:
    """The team's layout with merged cells, in xlsxwriter's constant_memory mode (rows
    are written in order and flushed, so 100,000 rows stay small in memory)."""
    if plant and rows < 13:
        raise ValueError("planted errors need at least 13 rows")
    path = Path(path)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("第3批")
    date_fmt = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    wrap = book.add_format({"text_wrap": True})
    out = BatchFile(path, rows, [], {}, (3, 4), [])
    r = 0  # 0-based row being written
    last = WIDTH - 1
    pending_plants: list[str] = []
    for kind, payload in _layout(rows, seed, plant):
        if kind == "title":
            sheet.merge_range(r, 0, r, last, payload)
        elif kind == "header":
            # a header without a sub-header spans both rows; 行政区域 and 举报人信息
            # span their two sub-headers
            top, sub = payload
            for c in range(WIDTH):
                if not sub[c]:
                    sheet.merge_range(r, c, r + 1, c, top[c])
                elif top[c]:
                    sheet.merge_range(r, c, r, c + 1, top[c])
            for c in range(WIDTH):
                if sub[c]:
                    sheet.write_string(r + 1, c, sub[c])
            r += 1
        elif kind == "section":
            out.sections.append(r + 1)
            sheet.merge_range(r, 0, r, last, payload)
        elif kind == "plant":
            pending_plants.append(payload)
            continue
        elif kind == "row":
            for c, v in enumerate(payload):
                if v != "":
                    sheet.write(r, c, v)
        elif kind == "sample":
            for name in pending_plants:
                out.plants[name] = r + 1
            pending_plants.clear()
            out.sample_rows.append(r + 1)
            for c, v in enumerate(payload.cells):
                if isinstance(v, dt.datetime):
                    sheet.write_datetime(r, c, v, date_fmt)
                elif isinstance(v, float | int):
                    sheet.write_number(r, c, v)
                elif v != "":
                    sheet.write_string(r, c, v, wrap if "\n" in v else None)
        r += 1
    book.add_worksheet("Sheet2")  # the empty sheet people leave behind
    book.close()
    return out


def write_batch_csv(
    path: str | Path, rows: int = 50, seed: int = 0, *, encoding: str = "gb18030", plant: bool = False
) -> BatchFile:
    """The same content as a CSV saved by Excel on Chinese Windows: merges flattened
    (the value stays in the top-left cell), dates as text, streamed to disk."""
    path = Path(path)
    out = BatchFile(path, rows, [], {}, (3, 4), [])
    line = 1
    pending_plants: list[str] = []
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)

        def emit(cells: Sequence[Any]) -> None:
            nonlocal line
            writer.writerow([_csv_cell(v) for v in cells])
            line += 1  # rows as Excel shows the file: a cell's line breaks stay in its row

        for kind, payload in _layout(rows, seed, plant):
            if kind in ("title", "section"):
                if kind == "section":
                    out.sections.append(line)
                emit([payload] + [""] * (WIDTH - 1))
            elif kind == "header":
                emit(payload[0])
                emit(payload[1])
            elif kind == "blank":
                emit([""] * WIDTH)
            elif kind == "row":
                emit(payload)
            elif kind == "plant":
                pending_plants.append(payload)
            elif kind == "sample":
                for name in pending_plants:
                    out.plants[name] = line
                pending_plants.clear()
                out.sample_rows.append(line)
                emit(payload.cells)
    return out


def _csv_cell(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- small ad-hoc tables for table-driven tests ---------------------------------


def write_sheets_xlsx(
    path: str | Path,
    sheets: dict[str, list[list[Any]]],
    merges: dict[str, list[tuple[int, int, int, int]]] | None = None,
) -> Path:
    """Write rows as given (row 0 is Excel row 1); merges are (r0, c0, r1, c1), 0-based,
    and take the value already at (r0, c0)."""
    path = Path(path)
    book = xlsxwriter.Workbook(str(path))
    date_fmt = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        merged = {(m[0], m[1]): m for m in (merges or {}).get(name, [])}
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if (r, c) in merged:
                    r0, c0, r1, c1 = merged[(r, c)]
                    sheet.merge_range(r0, c0, r1, c1, v)
                elif isinstance(v, dt.datetime | dt.date):
                    sheet.write_datetime(r, c, v, date_fmt)
                elif v is not None and v != "":
                    sheet.write(r, c, v)
    book.close()
    return path


def write_csv(path: str | Path, rows: list[list[Any]], encoding: str = "utf-8-sig") -> Path:
    path = Path(path)
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows([[_csv_cell(v) for v in row] for row in rows])
    return path


def parse_complaint_file_for_test(path: str | Path, **overrides: Any):
    """The parse with the 湘潭 regions and pollution synonyms, not yet iterated."""
    from ducha.core.parsing import parse_complaint_file

    return parse_complaint_file(path, **(PARSE_KWARGS | overrides))


def parse_all(path: str | Path, **overrides: Any):
    """(records, parse) with the records exhausted, so problems are complete."""
    parse = parse_complaint_file_for_test(path, **overrides)
    records = list(parse.records())
    return records, parse
