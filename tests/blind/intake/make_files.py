"""Write the blind intake files the way real teams make them, with their expected results.

Run once; the output under files/ is committed:

    .venv/bin/python tests/blind/intake/make_files.py            # every committed file
    .venv/bin/python tests/blind/intake/make_files.py --large 100000 /tmp/large.xlsx   # bench input

Written from how 湘潭's office receives batches and task lists, not from the parser:
every expected value below is what a person reading the sheet would say it holds.
Excel behaviour imitated on purpose:
- "CSV (逗号分隔)" on a Chinese Windows: GBK, CRLF, a merged cell's value in its first cell
  and blanks after, every row padded to the used range, line breaks inside quoted cells,
  numbers and dates as Excel displays them (2021/4/10);
- "CSV UTF-8": the same with a UTF-8 BOM;
- .xls: the .xlsx converted by LibreOffice (soffice --headless --convert-to xls).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent
OUT = HERE / "files"


# --- the sheet model: what a person sees in Excel ---------------------------------------


@dataclass(frozen=True)
class Num:
    """A number cell with the display format the team gave it (受理编号 typed as a number)."""

    value: float
    fmt: str = "0"


@dataclass(frozen=True)
class Serial:
    """A raw date serial shown as a date: how Excel keeps 1900/2/29 (serial 60, the Lotus bug)."""

    value: int
    fmt: str = "yyyy/m/d"


@dataclass
class Sheet:
    name: str
    rows: list[list] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # 0-based r1, c1, r2, c2
    widths: list[int] = field(default_factory=list)

    def add(self, *cells) -> int:
        """Append a row; returns its Excel row number (1-based)."""
        self.rows.append(list(cells))
        return len(self.rows)

    def merge(self, r1: int, c1: int, r2: int, c2: int) -> None:
        """Merge Excel rows r1..r2 (1-based) and columns c1..c2 (0-based)."""
        self.merges.append((r1 - 1, c1, r2 - 1, c2))

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def col(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def write_xlsx(path: Path, sheets: list[Sheet]) -> None:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    wb.set_properties({"author": "湘潭市环委办", "created": dt.datetime(2021, 4, 11, 9, 0)})  # reproducible bytes
    wrap = wb.add_format({"text_wrap": True, "valign": "vcenter"})
    bold = wb.add_format({"bold": True, "text_wrap": True, "align": "center", "valign": "vcenter", "border": 1})
    fmts: dict[str, object] = {}

    def fmt_for(num_format: str):
        if num_format not in fmts:
            fmts[num_format] = wb.add_format({"num_format": num_format, "valign": "vcenter"})
        return fmts[num_format]

    for sheet in sheets:
        ws = wb.add_worksheet(sheet.name)
        for i, w in enumerate(sheet.widths):
            ws.set_column(i, i, w)
        covered = set()
        firsts = {}
        for r1, c1, r2, c2 in sheet.merges:
            firsts[(r1, c1)] = (r2, c2)
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    covered.add((r, c))
        for r, row in enumerate(sheet.rows):
            for c, value in enumerate(row):
                if (r, c) in firsts:
                    r2, c2 = firsts[(r, c)]
                    ws.merge_range(r, c, r2, c2, "" if value is None else value, bold)
                    continue
                if (r, c) in covered or value is None:
                    continue
                if isinstance(value, Num):
                    ws.write_number(r, c, value.value, fmt_for(value.fmt))
                elif isinstance(value, Serial):
                    ws.write_number(r, c, value.value, fmt_for(value.fmt))
                elif isinstance(value, dt.date):
                    ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), fmt_for("yyyy/m/d"))
                elif isinstance(value, int | float):
                    ws.write_number(r, c, value)
                else:
                    ws.write_string(r, c, value, wrap)
        # merges whose first row lies beyond the written rows (none today) would be lost
    wb.close()


def excel_text(value) -> str:
    """A cell as Excel writes it into a CSV: the displayed text."""
    if value is None:
        return ""
    if isinstance(value, Num):
        return str(int(value.value)) if float(value.value).is_integer() else str(value.value)
    if isinstance(value, Serial):
        if value.value == 60:
            return "1900/2/29"
        day = dt.date(1899, 12, 30) + dt.timedelta(days=value.value)
        return f"{day.year}/{day.month}/{day.day}"
    if isinstance(value, dt.date):
        return f"{value.year}/{value.month}/{value.day}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return value


def write_excel_csv(path: Path, sheet: Sheet, encoding: str) -> None:
    """What Excel writes for "另存为 CSV": GBK ("CSV (逗号分隔)") or utf-8-sig ("CSV UTF-8")."""
    width = sheet.width
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for row in sheet.rows:
        texts = [excel_text(v) for v in row] + [""] * (width - len(row))
        writer.writerow(texts)
    path.write_bytes(buf.getvalue().encode(encoding))


def convert_to_xls(xlsx: Path, out_dir: Path) -> Path:
    """The legacy .xls of the same workbook, converted by LibreOffice with its own profile."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("soffice not found: install LibreOffice (apt install libreoffice-calc-nogui)")
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "xls",
                "--outdir",
                tmp,
                str(xlsx),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        made = Path(tmp) / (xlsx.stem + ".xls")
        target = out_dir / made.name
        shutil.copyfile(made, target)
    return target


def dump(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


# --- the inspections the files belong to ---------------------------------------------------

INSPECTIONS = {
    "2017-hunan": {
        "team": "中央第六环境保护督察组",
        "province": "湖南省",
        "start": "2017-04-24",
        "kind": "regular",
        "round": "第一轮第三批",
    },
    "2018-hunan-lookback": {
        "team": "中央第五环境保护督察组",
        "province": "湖南省",
        "start": "2018-06-01",
        "kind": "lookback",
        "round": "第一轮“回头看”",
    },
    "2021-hunan": {
        "team": "中央第六生态环境保护督察组",
        "province": "湖南省",
        "start": "2021-04-06",
        "kind": "regular",
        "round": "第二轮第三批",
    },
    "2024-hunan": {
        "team": "中央第三生态环境保护督察组",
        "province": "湖南省",
        "start": "2024-06-04",
        "kind": "regular",
        "round": "第三轮第四批",
    },
    "2022-hunan-province": {
        "team": "湖南省第三生态环境保护督察组",
        "province": "湖南省",
        "start": "2022-09-20",
        "kind": "regular",
        "round": "省级督察",
    },
}

# Region codes (ducha/org/data/regions.json)
CITY, YUHU, YUETANG, XTX, XIANGXIANG, SHAOSHAN = "430300", "430302", "430304", "430321", "430381", "430382"
GAOXIN, ZHAOSHAN, JIUHUA = "430371", "430372", "430373"


def record(ref, region, types, text, *, channel=None, key=False, accepted=None, **more) -> dict:
    """One expected complaint. `types` are pollution-type codes; `text` the text's start."""
    rec = {"ref": ref, "region": region, "pollution_types": sorted(types), "is_key": key, "text_starts": text}
    if channel is not None:
        rec["channel"] = channel
    if accepted is not None:
        rec["accepted_on"] = accepted
    rec.update(more)
    return rec


def starts(text: str, n: int = 14) -> str:
    """The first characters a reader can be sure of: up to the first break, digit or n chars."""
    out = ""
    for ch in text:
        if ch in "\r\n" or ch.isdigit() or len(out) >= n:
            break
        out += ch
    return out


# --- 2021, second round: the batch that must import the same from xlsx, xls and CSV ------------

MAIN_PHONE = [
    # (ref as written, 市（州）, 县（市、区）as written, 污染类型 as written, text, region, types, key)
    (
        "D2HN202104100001",
        "湘潭市",
        "雨湖区",
        "噪声、大气",
        "雨湖区长城乡某石材加工厂夜间生产，切割噪声和粉尘扰民，附近居民无法休息。",
        YUHU,
        ["noise", "air"],
        False,
    ),
    (
        "D2HN202104100002",
        "湘潭市",
        "岳塘区",
        "大气",
        "岳塘区荷塘街道某小区楼下烧烤店油烟直排，\n夏季尤为严重，多次反映未解决。",
        YUETANG,
        ["air"],
        False,
    ),
    (
        "D2HN202104100003",
        "湘潭市",
        "湘潭县",
        "生态,水",
        "湘潭县易俗河镇某砂场在湘江岸边非法采砂，破坏河岸生态。",
        XTX,
        ["ecology", "water"],
        False,
    ),
    (
        "D2HN202104100004",
        "湘潭市",
        "湘乡市",
        "水",
        "湘乡市东郊乡某养猪场粪污直排涟水河支流，水体发黑发臭。",
        XIANGXIANG,
        ["water"],
        False,
    ),
    (
        "D2HN202104100005",
        "湘潭市",
        "韶山市",
        "扬尘",
        "韶山市清溪镇某采石场爆破作业扬尘大，村民房屋出现裂缝。",
        SHAOSHAN,
        ["air"],
        False,
    ),
    (
        "D2HN202104100006",
        "湘潭市",
        "高新区",
        "大气",
        "湘潭高新区某电子企业废气排放有刺鼻气味，周边居民反映强烈。",
        GAOXIN,
        ["air"],
        False,
    ),
    (
        "D2HN202104100007",
        "湘潭市",
        "湘潭经开区",
        "大气",
        "经开区某汽车配件厂喷漆车间废气未经处理直排。",
        JIUHUA,
        ["air"],
        False,
    ),
    (
        "D2HN202104100008",
        "湘潭市",
        "昭山示范区",
        "噪音、固废",
        "昭山示范区某建筑工地夜间施工，渣土车撒漏，噪音扰民。",
        ZHAOSHAN,
        ["noise", "solid_waste"],
        False,
    ),
    (
        "D2HN202104100009",
        "湘潭市",
        "九华示范区",
        "大气",
        "九华示范区某物流园区柴油货车尾气污染严重。",
        JIUHUA,
        ["air"],
        False,
    ),
    (
        "D2HN202104100010",
        "湘潭市",
        "湘潭高新技术产业开发区",
        "水",
        "高新技术产业开发区内某化工企业雨污管网混接，污水流入下游沟渠。",
        GAOXIN,
        ["water"],
        False,
    ),
    (
        "D2HN202104100011",
        "湘潭市",
        "湘潭昭山示范区",
        "水",
        "昭山某农家乐生活污水直排山塘，周边水体浑浊。",
        ZHAOSHAN,
        ["water"],
        False,
    ),
    (
        "D2HN202104100061*",
        "湘潭市",
        "湘潭九华示范区",
        "固废",
        "九华某危险废物经营单位违规堆放废矿物油，存在环境风险。",
        JIUHUA,
        ["solid_waste"],
        True,
    ),
    (
        "D2HN202104100013",
        "湘潭市",
        None,
        "大气",
        "全市范围内渣土运输车辆夜间违规运输，扬尘污染严重，相关部门监管不力。",
        CITY,
        ["air"],
        False,
    ),
    (
        "D2HN20210410\n0066",
        "湘潭市",
        " 雨湖区 ",
        "水",
        "雨湖区某洗砂场废水直排湘江，江面可见明显浑浊带。",
        YUHU,
        ["water"],
        False,
    ),
]
MAIN_LETTER = [
    (
        "X2HN202104090001",
        "湘潭市",
        "岳塘区",
        "水、土壤",
        "反映岳塘区某化工厂长期偷排废水，厂区周边土壤受到污染。",
        YUETANG,
        ["water", "soil"],
        False,
    ),
    (
        "X2HN202104090002",
        "湘潭市",
        "湘潭县",
        "大气、固废",
        "湘潭县花石镇某养殖场恶臭扰民，粪便随意堆放。",
        XTX,
        ["air", "solid_waste"],
        False,
    ),
    (
        "X2HN202104090003",
        "湘潭市",
        "韶山市",
        "大气，水",
        "韶山市某景区周边餐饮店油烟和污水问题长期得不到解决。",
        SHAOSHAN,
        ["air", "water"],
        False,
    ),
    (
        "X2HN202104090004",
        "湘潭市",
        "湘乡市",
        "大气",
        "湘乡市某水泥厂粉尘排放超标，周边农作物蒙尘。",
        XIANGXIANG,
        ["air"],
        False,
    ),
    (
        "X2HN202104090005",
        "湘潭市",
        "岳塘区",
        "固废,大气",
        "湘潭市岳塘区霞城乡某垃圾中转站渗滤液外溢，臭味难闻。",
        YUETANG,
        ["solid_waste", "air"],
        False,
    ),
    (
        "X2HN202104090006",
        "湘潭市",
        "昭山",
        "生态",
        "昭山示范区内某山体被违规开挖取土，植被破坏严重。",
        ZHAOSHAN,
        ["ecology"],
        False,
    ),
    (
        "X2HN202104090007",
        "湘潭市",
        "雨湖区",
        "辐射",
        "反映雨湖区某变电站电磁辐射影响居民健康。",
        YUHU,
        ["radiation"],
        False,
    ),
    (
        "X2HN202104090008",
        "湘潭",
        "湘潭县",
        "固废、土壤",
        "湘潭县某企业厂区内堆放大量工业固体废物，未采取防渗措施。",
        XTX,
        ["solid_waste", "soil"],
        False,
    ),
    (
        "X2HN202104090009",
        "湘潭市",
        "岳塘区",
        "噪声",
        "岳塘区某娱乐场所营业至凌晨，音响噪声扰民。",
        YUETANG,
        ["noise"],
        False,
    ),
]


def clean_ref(written: str) -> str:
    return written.replace("\n", "").replace("*", "").strip()


def main_batch_sheet() -> Sheet:
    """第5批, as the city office forwards it: title, 交办 line, a two-row header whose groups
    (行政区域, 办理情况) are merged across, sections per channel, 合计, 注, signatures."""
    s = Sheet("第5批", widths=[6, 20, 48, 10, 14, 12, 30, 10, 30, 20])
    r = s.add("中央第六生态环境保护督察组交办湘潭市信访件（第5批）", *[None] * 9)
    s.merge(r, 0, r, 9)
    r = s.add("交办时间：2021年4月11日                        湘潭市生态环境保护委员会办公室", *[None] * 9)
    s.merge(r, 0, r, 9)
    h1 = s.add("序号", "受理编号", "交办问题基本情况", "行政区域", None, "污染类型", "办理情况", None, None, None)
    h2 = s.add(
        None, None, None, "市（州）", "县（市、区）", None, "调查核实情况", "是否属实", "处理和整改情况", "问责情况"
    )
    for c in (0, 1, 2, 5):
        s.merge(h1, c, h2, c)
    s.merge(h1, 3, h1, 4)
    s.merge(h1, 6, h1, 9)
    n = 0
    r = s.add(f"一、来电（{len(MAIN_PHONE)}件）", *[None] * 9)
    s.merge(r, 0, r, 9)
    for ref, city, county, types, text, *_ in MAIN_PHONE:
        n += 1
        s.add(n, ref, text, city, county, types, None, None, None, None)
    r = s.add(f"二、来信（{len(MAIN_LETTER)}件）", *[None] * 9)
    s.merge(r, 0, r, 9)
    for ref, city, county, types, text, *_ in MAIN_LETTER:
        n += 1
        s.add(n, ref, text, city, county, types, None, None, None, None)
    s.add("合计", f"{n}件", None, None, None, None, None, None, None, None)
    r = s.add(
        "注：1.受理编号后标“*”的为重点件，请重点督办；\n2.请各责任单位于15日内将办理情况报送市环委办。",
        *[None] * 9,
    )
    s.merge(r, 0, r, 9)
    s.add("填报人：王小红", None, "审核人：刘建华", None, None, "联系电话：0731-58581234", None, None, None, None)
    return s


def main_batch_expected(file_name: str) -> dict:
    recs = []
    for group, channel in ((MAIN_PHONE, "phone"), (MAIN_LETTER, "letter")):
        for ref, _city, _county, _types, text, region, types, key in group:
            recs.append(record(clean_ref(ref), region, types, starts(text), channel=channel, key=key))
    return {
        "file": file_name,
        "command": "import_batch",
        "inspection": "2021-hunan",
        "options": [],
        "exit": 0,
        "batch": {"number": 5, "handed_over_on": "2021-04-11"},
        "counts": {"rows": len(recs), "created": len(recs)},
        "records": recs,
        "errors": [],
        "notes": "two-row header, 行政区域 and 办理情况 merged across; channel from the sections "
        "一、来电 / 二、来信; blank 县（市、区） means the city itself; 合计, 注 and signatures are not records",
    }


# --- 2017, first round: numeric 受理编号, one-row header with stray spaces ----------------------

FIRST_ROUND = [
    # (ref cell, 行政区域 as written, 污染类型, 信访方式, text, region, types, ref, key)
    (
        Num(20170430001),
        "湘潭市雨湖区",
        "大气",
        "来电",
        "雨湖区某钢铁企业烧结机烟尘无组织排放，厂区周边降尘严重。",
        YUHU,
        ["air"],
        "20170430001",
        False,
    ),
    (
        Num(20170430002),
        "湘潭市岳塘区",
        "水",
        "来电",
        "竹埠港片区原化工企业关停后厂区遗留废渣未清理，雨天渗滤液流入湘江。",
        YUETANG,
        ["water"],
        "20170430002",
        False,
    ),
    (
        Num(20170430003),
        "湘潭县",
        "噪声",
        "来信",
        "湘潭县易俗河镇某搅拌站夜间作业噪声扰民。",
        XTX,
        ["noise"],
        "20170430003",
        False,
    ),
    (
        Num(20170430004),
        "湘潭市湘乡市",
        "大气、水",
        "来电",
        "湘乡市某皮革厂废水直排涟水，厂区异味大。",
        XIANGXIANG,
        ["air", "water"],
        "20170430004",
        False,
    ),
    (
        Num(20170430005),
        "韶山市",
        "生态",
        "来信",
        "韶山市某山体违规开采石料，破坏植被。",
        SHAOSHAN,
        ["ecology"],
        "20170430005",
        False,
    ),
    (
        Num(20170430006),
        "湘潭市高新区",
        "大气",
        "来电",
        "高新区某企业锅炉燃煤冒黑烟。",
        GAOXIN,
        ["air"],
        "20170430006",
        False,
    ),
    (
        Num(20170430007),
        "湘潭昭山示范区",
        "水",
        "来电",
        "昭山示范区某小区生活污水未经处理排入沟渠。",
        ZHAOSHAN,
        ["water"],
        "20170430007",
        False,
    ),
    (
        Num(2017043010015),
        "湘潭市九华示范区",
        "固废",
        "来信",
        "九华示范区某工地建筑垃圾随意倾倒在农田。",
        JIUHUA,
        ["solid_waste"],
        "2017043010015",
        False,
    ),
    (
        "20170430009*",
        "雨湖区",
        "噪声",
        "来电",
        "雨湖区某商业广场空调外机噪声扰民。",
        YUHU,
        ["noise"],
        "20170430009",
        True,
    ),
]


def first_round_sheets() -> list[Sheet]:
    s = Sheet("Sheet1", widths=[6, 16, 50, 16, 10, 10])
    r = s.add("中央第六环境保护督察组交办信访件（第四批）", None, None, None, None, None)
    s.merge(r, 0, r, 5)
    r = s.add("交办时间：2017年5月1日", None, None, None, None, None)
    s.merge(r, 0, r, 5)
    s.add("序  号", "受理编号 ", " 交办问题基本情况", "行政区域", "污染类型", "信访方式")
    for i, (ref, region, types, channel, text, *_) in enumerate(FIRST_ROUND, start=1):
        s.add(i, ref, text, region, types, channel)
    r = s.add("注：此表为第四批交办件，共9件，其中重点件1件（受理编号后标“*”）。", None, None, None, None, None)
    s.merge(r, 0, r, 5)
    # Excel 2007–2010 workbooks come with two empty sheets nobody deletes
    return [s, Sheet("Sheet2"), Sheet("Sheet3")]


def first_round_expected(file_name: str) -> dict:
    channel = {"来电": "phone", "来信": "letter"}
    recs = [
        record(ref, region, types, starts(text), channel=channel[ch], key=key)
        for _cell, _w, _t, ch, text, region, types, ref, key in FIRST_ROUND
    ]
    return {
        "file": file_name,
        "command": "import_batch",
        "inspection": "2017-hunan",
        "options": [],
        "exit": 0,
        "batch": {"number": 4, "handed_over_on": "2017-05-01"},
        "counts": {"rows": len(recs), "created": len(recs)},
        "records": recs,
        "errors": [],
        "notes": "受理编号 typed as numbers (format 0), one 13 digits long; a key case as text with *; "
        "header cells with stray spaces; 湘潭市 prefix kept or dropped; two empty sheets after the table; "
        "the title says 第四批 in Chinese numerals",
    }


# --- 2018 回头看: three-row header, dates, channel letter + province code + date + sequence ---------

LOOKBACK = [
    # (ref, 受理时间 cell, 县, 污染类型, 信访方式, text, region, types, accepted, key)
    (
        "D430000201806210057",
        dt.date(2018, 6, 21),
        "雨湖区",
        "大气",
        "来电",
        "雨湖区某沥青搅拌站生产时烟气刺鼻，周边学校师生反映强烈。",
        YUHU,
        ["air"],
        "2018-06-21",
        False,
    ),
    (
        "D430000201806210063",
        dt.date(2018, 6, 21),
        "湘潭县",
        "水",
        "来电",
        "湘潭县某镇污水处理厂建成后一直未运行，生活污水直排。",
        XTX,
        ["water"],
        "2018-06-21",
        False,
    ),
    (
        "X430000201806200012",
        "2018年6月20日",
        "岳塘区",
        "土壤、固废",
        "来信",
        "岳塘区某废旧电池回收点违规拆解，铅酸废液渗入土壤。",
        YUETANG,
        ["soil", "solid_waste"],
        "2018-06-20",
        False,
    ),
    (
        "X430000201806200015*",
        "2018/6/20",
        "湘乡市",
        "大气",
        "来信",
        "湘乡市某铁合金厂整改后再次冒黄烟，群众多次举报未果。",
        XIANGXIANG,
        ["air"],
        "2018-06-20",
        True,
    ),
    (
        "D430000201806210071",
        dt.date(2018, 6, 21),
        "高新区",
        "噪声",
        "来电",
        "湘潭高新区某厂房改建项目夜间施工噪声扰民。",
        GAOXIN,
        ["noise"],
        "2018-06-21",
        False,
    ),
    (
        "W430000201806210004",
        dt.date(2018, 6, 21),
        "韶山市",
        "生态",
        "网络",
        "韶山市某河道被违规围垦养殖，破坏河道生态。",
        SHAOSHAN,
        ["ecology"],
        "2018-06-21",
        False,
    ),
]


def lookback_sheet() -> Sheet:
    s = Sheet("交办件", widths=[6, 22, 12, 48, 10, 12, 12, 10])
    r = s.add("中央第五环境保护督察组“回头看”交办信访件（第12批）", *[None] * 7)
    s.merge(r, 0, r, 7)
    r = s.add("交办时间：2018年6月22日", *[None] * 7)
    s.merge(r, 0, r, 7)
    g = s.add("交办信访件基本信息", *[None] * 7)
    s.merge(g, 0, g, 7)
    h1 = s.add("序号", "受理\n编号", "受理时间", "交办问题\n基本情况", "行政区域", None, "污染类型", "信访方式")
    h2 = s.add(None, None, None, None, "市（州）", "县\n（市、区）", None, None)
    for c in (0, 1, 2, 3, 6, 7):
        s.merge(h1, c, h2, c)
    s.merge(h1, 4, h1, 5)
    for i, (ref, when, county, types, channel, text, *_) in enumerate(LOOKBACK, start=1):
        s.add(i, ref, when, text, "湘潭市", county, types, channel)
    return s


def lookback_expected(file_name: str) -> dict:
    channel = {"来电": "phone", "来信": "letter", "网络": "online"}
    recs = [
        record(clean_ref(ref), region, types, starts(text), channel=channel[ch], key=key, accepted=accepted)
        for ref, _w, _c, _t, ch, text, region, types, accepted, key in LOOKBACK
    ]
    return {
        "file": file_name,
        "command": "import_batch",
        "inspection": "2018-hunan-lookback",
        "options": [],
        "exit": 0,
        "batch": {"number": 12, "handed_over_on": "2018-06-22"},
        "counts": {"rows": len(recs), "created": len(recs)},
        "records": recs,
        "errors": [],
        "notes": "three header rows: a group over everything, 行政区域 over 市（州）/县（市、区）, "
        "the others merged down; header cells with line breaks; 受理时间 as date cells and as text",
    }


# --- 2024, third round: 问题类型, 受理方式, 举报地市 + 举报县区, columns in another order ----------

THIRD_ROUND = [
    # (ref, 问题类型, 举报县区, 受理方式, text, 办结目标, region, types, key)
    (
        "X3HN202406070082",
        "大气污染",
        "雨湖区",
        "来信",
        "雨湖区某建材市场货车进出扬尘大，道路两侧积尘严重。",
        "查清问题，依法处理，完成整改",
        YUHU,
        ["air"],
        False,
    ),
    (
        "D3HN202406070015",
        "水污染",
        "湘乡市",
        "来电",
        "湘乡市某工业园污水处理厂出水发黑，排入涟水。",
        "查实问题，督促达标排放",
        XIANGXIANG,
        ["water"],
        False,
    ),
    (
        "D3HN202406070020*",
        "生态破坏",
        "湘潭县",
        "来电",
        "湘潭县某山林被毁改建墓地，破坏生态。",
        "依法查处，恢复植被",
        XTX,
        ["ecology"],
        True,
    ),
    (
        "X3HN2024060\n70090",
        "噪声污染、大气污染",
        "岳塘区",
        "来信",
        "岳塘区某铸造厂夜间生产，噪声和烟气扰民。",
        "查清问题，依法处理",
        YUETANG,
        ["noise", "air"],
        False,
    ),
    (
        "W3HN202406070003",
        "固废污染",
        "湘潭经开区",
        "网络",
        "经开区某企业将一般工业固废倾倒在空地。",
        "清理固废，依法处罚",
        JIUHUA,
        ["solid_waste"],
        False,
    ),
    (
        "D3HN202406070031",
        "土壤污染",
        "韶山市",
        "来电",
        "韶山市某废弃矿区重金属污染土壤未修复。",
        "制定修复方案并实施",
        SHAOSHAN,
        ["soil"],
        False,
    ),
]


def third_round_sheet() -> Sheet:
    s = Sheet("交办清单", widths=[20, 6, 14, 10, 12, 50, 8, 24])
    r = s.add("中央第三生态环境保护督察组交办湖南省湘潭市群众信访举报件（第3批）", *[None] * 7)
    s.merge(r, 0, r, 7)
    r = s.add("交办时间：2024年6月8日", *[None] * 7)
    s.merge(r, 0, r, 7)
    s.add(
        "受理\n编号", "序号", "问题\n类型", "举报\n地市", "举报\n县区", "交办问题基本情况", "受理\n方式", "办结\n目标"
    )
    for i, (ref, types, county, channel, text, target, *_) in enumerate(THIRD_ROUND, start=1):
        s.add(ref, i, types, "湘潭市", county, text, channel, target)
    return s


def third_round_expected(file_name: str) -> dict:
    channel = {"来电": "phone", "来信": "letter", "网络": "online"}
    recs = [
        record(clean_ref(ref), region, types, starts(text), channel=channel[ch], key=key)
        for ref, _t, _c, ch, text, _target, region, types, key in THIRD_ROUND
    ]
    return {
        "file": file_name,
        "command": "import_batch",
        "inspection": "2024-hunan",
        "options": [],
        "exit": 0,
        "batch": {"number": 3, "handed_over_on": "2024-06-08"},
        "counts": {"rows": len(recs), "created": len(recs)},
        "records": recs,
        "errors": [],
        "notes": "third-round columns: 问题类型 (with 污染 suffix), 受理方式, 举报地市 + 举报县区, 办结目标; "
        "受理编号 first and 序号 second; a code broken over two lines in its cell",
    }


# --- provincial schemes: 转办问题基本情况, 涉及区县及部门 --------------------------------------------

PROVINCIAL = [
    ("BCD2022092601", "雨湖区", "大气", "来电", "雨湖区某汽修厂露天喷漆，异味扰民。", YUHU, ["air"], False),
    ("BCD2022092602*", "湘潭县", "水", "来电", "湘潭县某屠宰场废水直排水渠，下游鱼塘死鱼。", XTX, ["water"], True),
    ("D1YU20200003", "湘潭市岳塘区", "噪声", "来电", "岳塘区某货运站夜间装卸噪声扰民。", YUETANG, ["noise"], False),
    (
        "访受〔2021〕0517031号",
        "韶山市",
        "生态",
        "来信",
        "韶山市某水库上游违规开发建设，破坏水源涵养林。",
        SHAOSHAN,
        ["ecology"],
        False,
    ),
]


def provincial_sheet() -> Sheet:
    s = Sheet("Sheet1", widths=[6, 24, 48, 16, 10, 10])
    r = s.add("湘潭市省级生态环境保护督察转办信访件汇总表（第1批）", *[None] * 5)
    s.merge(r, 0, r, 5)
    s.add("序号", "受理编号", "转办问题基本情况", "涉及区县及部门", "问题类型", "信访方式")
    for i, (ref, county, types, channel, text, *_) in enumerate(PROVINCIAL, start=1):
        s.add(i, ref, text, county, types, channel)
    return s


def provincial_expected(file_name: str) -> dict:
    channel = {"来电": "phone", "来信": "letter"}
    recs = [
        record(clean_ref(ref), region, types, starts(text), channel=channel[ch], key=key)
        for ref, _c, _t, ch, text, region, types, key in PROVINCIAL
    ]
    return {
        "file": file_name,
        "command": "import_batch",
        "inspection": "2022-hunan-province",
        "options": [],
        "exit": 0,
        "batch": {"number": 1},
        "counts": {"rows": len(recs), "created": len(recs)},
        "records": recs,
        "errors": [],
        "notes": "provincial code schemes (BCD…, D1YU…, 访受〔2021〕…号) kept as written; "
        "转办问题基本情况 and 涉及区县及部门 as the column names",
    }


# --- planted errors: each at a known sheet, row and column -------------------------------------


def planted_sheet(with_control_char: bool) -> tuple[Sheet, list[dict], list[int]]:
    """第6批 with one planted problem per marked row; returns the sheet, the problems, and the
    rows where an error would also be fair (the first of two duplicate codes)."""
    s = Sheet("第6批", widths=[6, 20, 12, 48, 10, 12, 12, 10, 14])
    r = s.add("中央第六生态环境保护督察组交办湘潭市信访件（第6批）", *[None] * 7)
    s.merge(r, 0, r, 7)
    r = s.add("交办时间：2021年4月12日", *[None] * 7)
    s.merge(r, 0, r, 7)
    h1 = s.add("序号", "受理编号", "受理时间", "交办问题基本情况", "行政区域", None, "污染类型", "信访方式")
    h2 = s.add(None, None, None, None, "市（州）", "县（市、区）", None, None)
    for c in (0, 1, 2, 3, 6, 7):
        s.merge(h1, c, h2, c)
    s.merge(h1, 4, h1, 5)
    d = dt.date(2021, 4, 11)
    problems: list[dict] = []
    fair: list[int] = []
    first = s.add(1, "D2HN202104110001", d, "雨湖区某砂石码头装卸扬尘大。", "湘潭市", "雨湖区", "大气", "来电")
    fair.append(first)
    s.add(
        2,
        "D2HN202104110002",
        d,
        "岳塘区某小区旁餐馆油烟扰民，\n反映多次，未见整改。",
        "湘潭市",
        "岳塘区",
        "大气",
        "来电",
    )
    # neighbouring problems sit in different columns, so a row counted one off never lands on
    # another planted cell by chance
    r = s.add(3, "D2HN202104110001", d, "湘潭县某石料厂粉尘污染。", "湘潭市", "湘潭县", "大气", "来电")
    problems.append({"row": r, "column": "B", "kind": f"受理编号与第{first}行重复"})
    r = s.add(4, "D2HN202104110005", d, "某工业园区企业夜间偷排废气。", "湘潭市", "雨糊区", "大气", "来电")
    problems.append({"row": r, "column": "F", "kind": "无法识别的行政区域（雨糊区，错别字）"})
    r = s.add(5, None, d, "湘乡市某养殖场污水外溢。", "湘潭市", "湘乡市", "水", "来电")
    problems.append({"row": r, "column": "B", "kind": "受理编号为空"})
    r = s.add(6, "D2HN202104110007", "2021-02-30", "韶山市某景区生活污水直排。", "湘潭市", "韶山市", "水", "来电")
    problems.append({"row": r, "column": "C", "kind": "不存在的日期2021-02-30"})
    r = s.add(7, "D2HN202104110006", d, "某汽车城喷漆房废气扰民。", "湘潭市", "经开区", "大气", "来电")
    problems.append(
        {
            "row": r,
            "column": "F",
            "kind": "行政区域“经开区”有歧义：湘潭经开区（湘潭九华示范区，430373）与天易经开区（湘潭县，430321）",
            "mentions_each": [["430373", "九华", "湘潭经开区"], ["430321", "湘潭县", "天易"]],
        }
    )
    if with_control_char:
        text = "九华示范区某企业\x00废水经暗管排入湘江。"
        r = s.add(8, "D2HN202104110009", d, text, "湘潭市", "九华示范区", "水", "来电")
        problems.append({"row": r, "column": "D", "kind": "文本中含控制字符（NUL）"})
    else:
        s.add(8, "D2HN202104110009", d, "九华示范区某企业废水经暗管排入湘江。", "湘潭市", "九华示范区", "水", "来电")
    r = s.add(
        9, "D2HN202104110008", Serial(60), "昭山示范区某工地夜间施工噪声。", "湘潭市", "昭山示范区", "噪声", "来电"
    )
    problems.append({"row": r, "column": "C", "kind": "不存在的日期1900/2/29（Excel 序列号60）"})
    r = s.add(
        10, "D2HN202104110010", d, "高新区某企业危废贮存场所未防渗。", "湘潭市", "高新区", "固废", "来电", "已电话回访"
    )
    problems.append({"row": r, "column": "I", "kind": "无表头的列中有数据"})
    s.add(11, "D2HN202104110011", d, "湘潭县某村垃圾焚烧，浓烟扰民。", "湘潭市", "湘潭县", "大气", "来电")
    r = s.add("注：请于15日内报送办理情况。", *[None] * 7)
    s.merge(r, 0, r, 7)
    return s, problems, fair


def planted_expected(file_name: str, sheet: Sheet, problems: list[dict], fair: list[int], csv: bool) -> dict:
    errors = [{"sheet": None if csv else sheet.name, **p} for p in problems]
    return {
        "file": file_name,
        "command": "import_batch",
        "inspection": "2021-hunan",
        "options": [],
        "exit": 1,
        "counts": {"created": 0},
        "records": [],
        "errors": errors,
        "also_fair_error_rows": fair,
        "notes": "every planted problem must be reported at its (sheet, row, column); no error on a clean row "
        "(the first of the duplicate codes may also be named); nothing is written. Row numbers are Excel's: "
        "the quoted two-line cell in row 6 is one row"
        + (" (in the CSV, the NUL row is clean: Excel does not write NUL into a CSV)" if csv else ""),
    }


# --- a header and nothing under it ---------------------------------------------------------------


def empty_sheet() -> Sheet:
    s = Sheet("第7批", widths=[6, 20, 48, 10, 12, 12])
    r = s.add("中央第六生态环境保护督察组交办湘潭市信访件（第7批）", *[None] * 5)
    s.merge(r, 0, r, 5)
    h1 = s.add("序号", "受理编号", "交办问题基本情况", "行政区域", None, "污染类型")
    h2 = s.add(None, None, None, "市（州）", "县（市、区）", None)
    for c in (0, 1, 2, 5):
        s.merge(h1, c, h2, c)
    s.merge(h1, 3, h1, 4)
    return s


# --- history: earlier rounds' published one-glance tables ------------------------------------------

HISTORY_2017 = [
    # (ref cell, 行政区域, 污染类型, 调查核实情况, 是否属实, 处理和整改情况, 问责情况, ref, region, types, veracity)
    (
        Num(20170430001),
        "湘潭市雨湖区",
        "大气",
        "经查，该企业烧结机头除尘设施运行不正常，无组织排放问题属实。",
        "属实",
        "责令企业立即停产整改，立案处罚二十万元，已完成除尘设施改造。",
        "对雨湖区环保分局分管负责人诫勉谈话。",
        "20170430001",
        YUHU,
        ["air"],
        "true",
    ),
    (
        Num(20170430002),
        "岳塘区",
        "水",
        "经查，竹埠港原化工企业遗留废渣约两千吨，部分未清运。",
        "基本属实",
        "已清运废渣并委托有资质单位处置，渗滤液收集池已建成。",
        "无",
        "20170430002",
        YUETANG,
        ["water"],
        "mostly",
    ),
    (
        Num(20170430003),
        "湘潭县",
        "噪声",
        "经查，该搅拌站夜间确有作业，但噪声监测未超标。",
        "部分属实",
        "责令夜间停止作业，设置隔音屏障。",
        "/",
        "20170430003",
        XTX,
        ["noise"],
        "partly",
    ),
    (
        Num(20170430005),
        "韶山市",
        "生态",
        "经现场核查，该山体为依法取得采矿权的矿山，开采范围未越界。",
        "不属实",
        "已向举报人反馈核查结果。",
        "无",
        "20170430005",
        SHAOSHAN,
        ["ecology"],
        "false",
    ),
    (
        Num(20170430007),
        "湘潭昭山示范区",
        "水",
        "经查，该小区污水管网未接入市政管网，生活污水排入沟渠。",
        "属实",
        "已完成管网接驳，沟渠已清淤。",
        "对社区主任进行约谈。",
        "20170430007",
        ZHAOSHAN,
        ["water"],
        "true",
    ),
]


def history_2017_sheet() -> Sheet:
    s = Sheet("一览表", widths=[6, 16, 40, 14, 10, 40, 10, 40, 24])
    r = s.add("湘潭市中央环境保护督察组交办件办理情况一览表（第四批）", *[None] * 8)
    s.merge(r, 0, r, 8)
    s.add(
        "序号",
        "受理编号",
        "交办问题基本情况",
        "行政区域",
        "污染类型",
        "调查核实\n情况",
        "是否属实",
        "处理和整改\n情况",
        "问责情况",
    )
    texts = {"20170430001": FIRST_ROUND[0][4], "20170430002": FIRST_ROUND[1][4], "20170430003": FIRST_ROUND[2][4]}
    texts["20170430005"] = FIRST_ROUND[4][4]
    texts["20170430007"] = FIRST_ROUND[6][4]
    for i, (cell, region, types, findings, veracity, measures, acc, ref, *_) in enumerate(HISTORY_2017, start=1):
        s.add(i, cell, texts[ref], region, types, findings, veracity, measures, acc)
    s.add("合计", "5件", None, None, None, None, "属实4件，不属实1件", None, "问责2人")
    return s


def history_2017_expected(file_name: str) -> dict:
    texts = {row[7]: t for row, t in zip(HISTORY_2017, [FIRST_ROUND[i][4] for i in (0, 1, 2, 4, 6)], strict=True)}
    recs = []
    for _c, _r, _t, findings, _v, measures, acc, ref, region, types, veracity in HISTORY_2017:
        rec = record(
            ref,
            region,
            types,
            starts(texts[ref]),
            closure="closed",
            veracity=veracity,
            findings_starts=starts(findings),
            measures_starts=starts(measures),
        )
        if acc not in ("无", "/"):
            rec["accountability_starts"] = starts(acc)
        recs.append(rec)
    return {
        "file": file_name,
        "command": "import_batch",
        "inspection": "2017-hunan",
        "options": ["--history"],
        "exit": 0,
        "batch": {"number": 4},
        "counts": {"rows": len(recs), "created": len(recs)},
        "records": recs,
        "errors": [],
        "notes": "the first round's published 办理情况一览表: every row a closed complaint with its findings, "
        "veracity (属实/基本属实/部分属实/不属实), measures and accountability; the 合计 row is not a record",
    }


HISTORY_2024 = [
    # (ref, 所属区县, 问题类型, 调查核实情况, 是否属实, 处理处罚和问责情况, 责任人被处理情况, 办结目标, 是否办结,
    #  region, types, veracity, closure)
    ("X3HN202406070082", "雨湖区", "大气污染", "经查，该建材市场进出车辆未冲洗，道路积尘问题属实。", "是",
     "责令市场安装洗车平台，对运输车辆立案处罚。", "对市场管理方负责人约谈。", "完成整改", "已办结",
     YUHU, ["air"], "true", "closed"),
    ("D3HN202406070015", "湘乡市", "水污染", "经监测，该污水处理厂出水各项指标均达标。", "否",
     "已向举报人反馈监测结果。", "无", "查清问题", "已办结",
     XIANGXIANG, ["water"], "false", "closed"),
    ("D3HN202406070020*", "湘潭县", "生态破坏", "经查，该山林部分区域被改建墓地，面积约三亩。", "部分属实",
     "责令恢复植被，已立案查处，复绿工作正在推进。", "对村支部书记诫勉谈话。", "恢复植被", "阶段性办结",
     XTX, ["ecology"], "partly", "closed_pending"),
    ("W3HN202406070003", "湘潭经开区", "固废污染", "经查，该企业将一般工业固废倾倒在厂区外空地属实。", "属实",
     "责令企业清理固废，立案调查正在进行。", "正在调查", "清理固废", "正在办理",
     JIUHUA, ["solid_waste"], "true", "open"),
    ("D3HN202406070031", "韶山市", "土壤污染", "经查，该矿区土壤重金属超标，修复方案正在编制。", "基本属实",
     "已委托第三方编制修复方案。", "无", "完成修复", "未办结",
     SHAOSHAN, ["soil"], "mostly", "open"),
]  # fmt: skip


def history_2024_sheet() -> Sheet:
    s = Sheet("公开情况一览表", widths=[6, 20, 40, 12, 12, 40, 10, 40, 24, 14, 12])
    r = s.add("中央第三生态环境保护督察组交办湘潭市信访件办理情况公开一览表（第3批）", *[None] * 10)
    s.merge(r, 0, r, 10)
    h1 = s.add("序号", "受理编号", "交办问题基本情况", "所属区县", "问题类型", "办理情况", *[None] * 5)
    h2 = s.add(
        None,
        None,
        None,
        None,
        None,
        "调查核实情况",
        "是否属实",
        "处理处罚和问责情况",
        "责任人被处理情况",
        "办结目标",
        "是否办结",
    )
    for c in range(5):
        s.merge(h1, c, h2, c)
    s.merge(h1, 5, h1, 10)
    for i, row in enumerate(HISTORY_2024, start=1):
        ref, county, types, findings, veracity, measures, acc, target, closed = row[:9]
        text = next(t[4] for t in THIRD_ROUND if clean_ref(t[0]) == clean_ref(ref))
        s.add(i, ref, text, county, types, findings, veracity, measures, acc, target, closed)
    return s


def history_2024_expected(file_name: str) -> dict:
    recs = []
    for row in HISTORY_2024:
        ref, _c, _t, findings, _v, measures, acc, _target, _closed, region, types, veracity, closure = row
        text = next(t[4] for t in THIRD_ROUND if clean_ref(t[0]) == clean_ref(ref))
        rec = record(
            clean_ref(ref),
            region,
            types,
            starts(text),
            key=ref.endswith("*"),
            closure=closure,
            veracity=veracity,
            findings_starts=starts(findings),
            measures_starts=starts(measures),
        )
        if acc != "无":
            rec["accountability_starts"] = starts(acc)
        recs.append(rec)
    return {
        "file": file_name,
        "command": "import_batch",
        "inspection": "2024-hunan",
        "options": ["--history"],
        "exit": 0,
        "batch": {"number": 3},
        "counts": {"rows": len(recs), "created": len(recs)},
        "records": recs,
        "errors": [],
        "notes": "a later round's 公开情况一览表: 是否属实 as 是/否 beside 部分属实/属实/基本属实; "
        "处理处罚和问责情况 is the measures, 责任人被处理情况 the accountability; 是否办结: 已办结 → closed, "
        "阶段性办结 → closed_pending, 正在办理/未办结 → not closed (closure 'open' only says: not 已办结)",
    }


# --- the large sheet: a two-row header that repeats the group name in every cell -------------------

LARGE_REGIONS = [
    ("雨湖区", YUHU),
    ("岳塘区", YUETANG),
    ("湘潭县", XTX),
    ("湘乡市", XIANGXIANG),
    ("韶山市", SHAOSHAN),
    ("高新区", GAOXIN),
    ("湘潭昭山示范区", ZHAOSHAN),
    ("九华示范区", JIUHUA),
    ("湘潭经开区", JIUHUA),
    ("昭山", ZHAOSHAN),
    ("湘潭高新技术产业开发区", GAOXIN),
]
LARGE_TYPES = [
    ("大气", ["air"]),
    ("水", ["water"]),
    ("噪声", ["noise"]),
    ("大气、噪声", ["air", "noise"]),
    ("固废", ["solid_waste"]),
]
LARGE_PLACES = ["某化工企业", "某建筑工地", "某养殖场", "某砂石场", "某餐饮店", "某物流园", "某洗车场", "某石材厂"]
LARGE_PROBLEMS = ["废气扰民", "污水直排", "夜间噪声扰民", "扬尘污染", "固废乱堆乱放", "油烟直排"]


def large_row(i: int) -> dict:
    """Row i (0-based) of the large sheet and what it must import as."""
    day = dt.date(2021, 4, 7) + dt.timedelta(days=i // 9000)
    ref = f"{'DX'[i % 2]}2HN{day:%Y%m%d}{i % 9000 + 1:04d}"
    written, region = LARGE_REGIONS[i % len(LARGE_REGIONS)]
    types_written, types = LARGE_TYPES[i % len(LARGE_TYPES)]
    place = LARGE_PLACES[(i // 3) % len(LARGE_PLACES)]
    problem = LARGE_PROBLEMS[(i // 7) % len(LARGE_PROBLEMS)]
    text = f"{written}{place}{problem}，群众反映强烈，第{i + 1}号举报。"
    channel = "来电" if i % 2 == 0 else "来信"
    return {
        "cells": [i + 1, ref, text, "湘潭市", written, types_written, channel],
        "expected": record(ref, region, types, starts(text), channel="phone" if i % 2 == 0 else "letter"),
    }


def write_large_batch(path: Path, rows: int, *, filled: bool = False) -> None:
    """A batch of `rows` complaints whose two-row header is not merged: the group name
    行政区域 is typed over both of its columns (行政区域, 行政区域) and 办理情况 over its four
    (empty in a new batch: 调查核实情况, 是否属实, 处理和整改情况, 问责情况); the other header cells
    stand in the first header row with blanks under them. With `filled`, every header cell is
    written in both rows (序号 over 序号), as WPS leaves it after "取消合并并填充内容".
    Streams with constant memory (100,000 rows ≈ 3.7 MB)."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    wb.set_properties({"author": "湘潭市环委办", "created": dt.datetime(2021, 4, 20, 9, 0)})
    ws = wb.add_worksheet("第9批")
    ws.write_row(0, 0, ["中央第六生态环境保护督察组交办湘潭市信访件（第9批）"])
    ws.write_row(1, 0, ["交办时间：2021年4月20日"])
    top = ["序号", "受理编号", "交办问题基本情况", "行政区域", "行政区域", "污染类型", "信访方式", *["办理情况"] * 4]
    subs = ["调查核实情况", "是否属实", "处理和整改情况", "问责情况"]
    ws.write_row(2, 0, top)
    if filled:
        ws.write_row(
            3, 0, ["序号", "受理编号", "交办问题基本情况", "市（州）", "县（市、区）", "污染类型", "信访方式", *subs]
        )
    else:
        ws.write_row(3, 3, ["市（州）", "县（市、区）"])
        ws.write_row(3, 7, subs)
    for i in range(rows):
        ws.write_row(4 + i, 0, large_row(i)["cells"])
    wb.close()


LARGE_BATCH = {"number": 9, "handed_over_on": "2021-04-20"}


# --- 整改任务清单 ------------------------------------------------------------------------------------

# How a unit written in a list must resolve: alternatives of substrings that must all be in the
# unit's full name (names a complete directory could use), and substrings it must not hold.
UNITS = {
    "湘潭市人民政府办公室": {"any": [["湘潭市人民政府办公室"], ["湘潭市政府办公室"]]},
    "中共湘潭市委宣传部": {"any": [["湘潭", "宣传部"]]},
    "市委组织部": {"any": [["湘潭", "组织部"]]},
    "市纪委监委": {"any": [["湘潭", "纪律检查"], ["湘潭", "纪委"]]},
    "市生态环境局": {"any": [["湘潭市生态环境局"]], "none": ["分局"]},
    "岳塘区人民政府": {"any": [["岳塘区人民政府"]]},
    "市自然资源和规划局": {"any": [["湘潭市自然资源和规划局"]]},
    "市工信局": {"any": [["湘潭市工业和信息化局"]]},
    "湘潭海事处": {"any": [["湘潭", "海事"]]},
    "市海事局": {"any": [["湘潭", "海事"]]},
    "市交通运输局": {"any": [["湘潭市交通运输局"]]},
    "市农业农村局": {"any": [["湘潭市农业农村局"]]},
    "市水利局": {"any": [["湘潭市水利局"]]},
    "湘潭经开区（九华示范区）管委会": {"any": [["九华", "管"], ["经开区", "管"]]},
    "湘潭经开区管委会": {"any": [["九华", "管"], ["经开区", "管"]]},
    "九华示范区管委会": {"any": [["九华", "管"], ["经开区", "管"]]},
    "市住建局": {"any": [["湘潭市住房和城乡建设局"]]},
    "市发改委": {"any": [["湘潭", "发展和改革"], ["湘潭", "发改"]]},
    "湘潭高新区管委会": {"any": [["高新", "管委会"]]},
    "市公安局交警支队": {"any": [["湘潭", "公安", "交", "支队"]], "none": ["环境"]},
    "市公安局": {"any": [["湘潭市公安局"]], "none": ["支队", "分局", "大队"]},
    "市城管执法局": {"any": [["湘潭市城市管理和综合执法局"]]},
    "市气象局": {"any": [["湘潭", "气象"]]},
    "市卫健委": {"any": [["湘潭", "卫生健康"], ["湘潭", "卫健"]]},
    "市税务局": {"any": [["湘潭", "税务"]]},
    "韶山市政府": {"any": [["韶山市人民政府"]]},
    "湘潭县人民政府": {"any": [["湘潭县人民政府"]]},
    "湘潭市人民政府": {"any": [["湘潭市人民政府"]], "none": ["办公室", "督查室"]},
}
# names no directory of a city government holds: companies and a temporary headquarters
UNKNOWN_UNITS = ["湘潭市竹埠港地区综合治理指挥部", "湘潭钢铁集团有限公司", "湘潭市城乡建设发展集团有限公司"]
COLLECTIVE = "各县市区人民政府"
COUNTY_GOVERNMENTS = ["雨湖区人民政府", "岳塘区人民政府", "湘潭县人民政府", "湘乡市人民政府", "韶山市人民政府"]


def unit_expectation(written: str) -> dict:
    if written == COLLECTIVE:
        return {"written": written, "collective": True, "members_if_expanded": COUNTY_GOVERNMENTS}
    if written in UNKNOWN_UNITS:
        return {"written": written, "added": True, "any": [[written]]}
    return {"written": written, **UNITS[written]}


@dataclass
class TaskSpec:
    lead: str
    units: list[str]  # as separate names, in the order written
    sep: str  # how the 责任单位 cell joins them
    deadline: object  # the cell
    due: str | None
    kinds: dict  # flags stated for certain: immediate / ongoing / deadline
    target: str
    measures: str


@dataclass
class FindingSpec:
    number: int
    text: str
    leader: str  # as written
    leaders: list[str]
    tasks: list[TaskSpec]


TASK_FINDINGS_2017 = [
    FindingSpec(
        1,
        "湘潭市环境问题突出，但党委政府研究不多、布置不力，2013年至2016年，市委常委会研究议题累计数百个，只涉及两个环保议题。",
        "陈建国",
        ["陈建国"],
        [
            TaskSpec("湘潭市人民政府办公室", ["中共湘潭市委宣传部", "市委组织部"], "、", "2017年12月底前", "2017-12-31",
                     {"immediate": False, "ongoing": False, "deadline": True},
                     "建立生态环境保护议事决策常态化机制", "1.市委常委会、市政府常务会每季度至少研究一次生态环境保护工作；\n2.加强督察整改宣传报道。"),
            TaskSpec("市委组织部", ["市纪委监委"], "、", "长期坚持", None,
                     {"immediate": False, "ongoing": True},
                     "将生态环境保护纳入领导班子和领导干部考核", "完善考核办法，考核结果作为干部选拔任用的重要依据。"),
        ],
    ),
    FindingSpec(
        2,
        "湘江保护条例执行不力，竹埠港地区历史遗留重金属污染治理滞后，沿江船舶污染防治不到位。",
        "刘志远、杨光明",
        ["刘志远", "杨光明"],
        [
            TaskSpec("湘潭市竹埠港地区综合治理指挥部", ["岳塘区人民政府", "市生态环境局", "市自然资源和规划局"], "、",
                     "2018年12月底前", "2018-12-31", {"immediate": False, "ongoing": False, "deadline": True},
                     "完成竹埠港地区遗留污染场地治理", "完成原化工企业遗留污染场地调查评估和修复治理。"),
            TaskSpec("市生态环境局", ["湘潭钢铁集团有限公司", "市工信局"], "\n", "2019年6月30日前", "2019-06-30",
                     {"immediate": False, "ongoing": False, "deadline": True},
                     "重点企业重金属污染物排放稳定达标", "实施重点企业重金属污染深度治理。"),
            TaskSpec("湘潭海事处", ["市交通运输局", "市水利局"], ",", "立行立改", None,
                     {"immediate": True, "ongoing": False},
                     "船舶污染物全部接收处置", "开展湘江湘潭段船舶污染专项整治，建设船舶污染物接收设施。"),
        ],
    ),
    FindingSpec(
        3,
        "部分工业园区环境基础设施建设滞后，湘潭经开区、湘潭高新区污水处理厂配套管网不完善，污水收集率低。",
        "杨光明",
        ["杨光明"],
        [
            TaskSpec("湘潭经开区（九华示范区）管委会", ["市住建局", "市发改委"], "、", dt.date(2018, 10, 31), "2018-10-31",
                     {"immediate": False, "ongoing": False, "deadline": True},
                     "园区污水全收集、全处理", "完成九华污水处理厂配套管网建设。"),
            TaskSpec("湘潭高新区管委会", ["市住建局", "湘潭市城乡建设发展集团有限公司"], "，", "2018年底前", "2018-12-31",
                     {"immediate": False, "ongoing": False, "deadline": True},
                     "园区雨污分流改造完成", "实施高新区雨污分流改造工程。"),
            TaskSpec("市发改委", [COLLECTIVE], "、", "2019年6月30日前", "2019-06-30",
                     {"immediate": False, "ongoing": False, "deadline": True},
                     "各园区环境基础设施全面完善", "编制园区环境基础设施建设规划并督促实施。"),
        ],
    ),
    FindingSpec(
        4,
        "大气污染防治工作推进不力，机动车尾气、城区扬尘污染问题突出，重污染天气应对不及时。",
        "陈建国",
        ["陈建国"],
        [
            TaskSpec("市公安局交警支队", ["市公安局", "市交通运输局"], "、", "立行立改，长期坚持", None,
                     {"immediate": True, "ongoing": True},
                     "黄标车和老旧车辆全部淘汰", "划定高排放车辆禁行区，开展路检路查。"),
            TaskSpec("市住建局", ["市城管执法局", "市自然资源和规划局"], "\n", "2018年6月底前", "2018-06-30",
                     {"immediate": False, "ongoing": False, "deadline": True},
                     "建筑工地扬尘防治全部达标", "落实工地围挡、冲洗、覆盖等扬尘防治措施。"),
            TaskSpec("市气象局", ["市生态环境局"], "、", "长期坚持", None,
                     {"immediate": False, "ongoing": True},
                     "重污染天气预报预警及时准确", "建立重污染天气会商和预警发布机制。"),
        ],
    ),
    FindingSpec(
        5,
        "医疗废物和危险废物监管不到位，部分医疗机构医疗废物暂存不规范，环境保护税征管衔接不畅。",
        "刘志远",
        ["刘志远"],
        [
            TaskSpec("市卫健委", ["市生态环境局", COLLECTIVE], "、", "2018年12月底前", "2018-12-31",
                     {"immediate": False, "ongoing": False, "deadline": True},
                     "医疗废物全部规范收集处置", "开展医疗机构医疗废物专项检查。"),
            TaskSpec("市税务局", ["市生态环境局"], "、", "2020年底前完成，长期坚持", "2020-12-31",
                     {"ongoing": True},
                     "环境保护税应收尽收", "建立税务、生态环境部门涉税信息共享机制。"),
            TaskSpec("市海事局", ["市交通运输局"], "、", "立行立改", None,
                     {"immediate": True, "ongoing": False},
                     "船舶危险废物全部规范处置", "开展船舶含油废水和危险废物专项检查。"),
        ],
    ),
]  # fmt: skip


def tasks_2017_sheet() -> tuple[Sheet, dict[str, list[tuple[int, str]]]]:
    """The city's 整改任务清单: a two-row header with 责任分工 over 责任领导 / 牵头单位 / 责任单位;
    序号, 反馈问题 and 责任领导 merged down over each finding's tasks. Returns the sheet and, for
    each unknown unit name, the (row, column) cells that name it."""
    s = Sheet("整改任务清单", widths=[6, 40, 30, 40, 14, 28, 36, 16])
    r = s.add("湘潭市贯彻落实中央第六环境保护督察组督察反馈意见整改任务清单", *[None] * 7)
    s.merge(r, 0, r, 7)
    h1 = s.add("序号", "反馈问题", "整改目标", "整改措施", "责任分工", None, None, "整改时限")
    h2 = s.add(None, None, None, None, "责任领导", "牵头单位", "责任单位", None)
    for c in (0, 1, 2, 3, 7):
        s.merge(h1, c, h2, c)
    s.merge(h1, 4, h1, 6)
    where: dict[str, list[tuple[int, str]]] = {}
    for f in TASK_FINDINGS_2017:
        first = None
        for t in f.tasks:
            top = first is None
            r = s.add(
                f.number if top else None,
                f.text if top else None,
                t.target,
                t.measures,
                f.leader if top else None,
                t.lead,
                t.sep.join(t.units),
                t.deadline,
            )
            first = first or r
            for name in [t.lead, *t.units]:
                if name in UNKNOWN_UNITS:
                    where.setdefault(name, []).append((r, "F" if name == t.lead else "G"))
        if len(f.tasks) > 1:
            for c in (0, 1, 4):
                s.merge(first, c, first + len(f.tasks) - 1, c)
    r = s.add("注：各牵头单位每月5日前将上月整改进展报送市督察整改办。", *[None] * 7)
    s.merge(r, 0, r, 7)
    return s, where


def findings_expected(findings: list[FindingSpec]) -> list[dict]:
    out = []
    for f in findings:
        tasks = []
        for n, t in enumerate(f.tasks, start=1):
            tasks.append(
                {
                    "number": n,
                    "leaders": f.leaders,
                    "lead": unit_expectation(t.lead),
                    "units": [unit_expectation(u) for u in t.units],
                    "due_date": t.due,
                    "kinds": t.kinds,
                    "deadline_written": t.deadline.isoformat() if isinstance(t.deadline, dt.date) else t.deadline,
                    "target_starts": starts(t.target),
                }
            )
        out.append({"number": f.number, "text_starts": starts(f.text, 20), "tasks": tasks})
    return out


def tasks_2017_expected(file_name: str, where: dict) -> dict:
    n_tasks = sum(len(f.tasks) for f in TASK_FINDINGS_2017)
    return {
        "file": file_name,
        "command": "import_tasks",
        "inspection": "2017-hunan",
        "with_add_units": {
            "options": ["--add-units"],
            "exit": 0,
            "counts": {"findings": len(TASK_FINDINGS_2017), "tasks": n_tasks, "created": n_tasks},
            "units_added": UNKNOWN_UNITS,
        },
        "without_add_units": {
            "options": [],
            "exit": 1,
            "errors": [
                {"sheet": "整改任务清单", "row": row, "column": column, "kind": f"单位“{name}”不在名录中"}
                for name, cells in where.items()
                for row, column in cells
            ],
        },
        "same_unit": [["湘潭海事处", "市海事局"]],
        "different_units": [["市公安局", "市公安局交警支队"]],
        "findings": findings_expected(TASK_FINDINGS_2017),
        "notes": "units match every directory name a complete 湘潭 directory could use (substrings in 'any', "
        "forbidden ones in 'none'); the three names in units_added are a temporary headquarters and two "
        "companies: without --add-units each is a located error and nothing is written; with it they become "
        "departments of 湘潭市 (430300). 各县市区人民政府 stays a collective: a unit named for the collective, "
        "or every county government, never the first alone. A task's units compare as a set with its lead.",
    }


TASK_FINDINGS_CSV = [
    FindingSpec(
        1,
        "湘江流域部分支流水质不达标，涟水、涓水部分断面总磷超标，沿线畜禽养殖污染治理滞后。",
        "陈建国",
        ["陈建国"],
        [
            TaskSpec("湘潭市人民政府", ["市农业农村局", "湘潭县人民政府", "韶山市政府"], "\n", "2022年12月底前", "2022-12-31",
                     {"immediate": False, "ongoing": False, "deadline": True},
                     "涟水、涓水断面水质稳定达到Ⅲ类", "1.开展畜禽养殖污染专项整治；\n2.建设农村生活污水处理设施。"),
            TaskSpec("市发改委", ["市卫健委", "市住建局"], "，", "立行立改", None,
                     {"immediate": True, "ongoing": False},
                     "乡镇污水处理设施正常运行", "督促已建成乡镇污水处理厂正常运行。"),
            TaskSpec("市水利局", [COLLECTIVE], "、", "长期坚持", None,
                     {"immediate": False, "ongoing": True},
                     "河长制落实到位", "落实河长巡河制度，开展河湖清四乱行动。"),
        ],
    ),
    FindingSpec(
        2,
        "园区企业环境违法问题多发，湘潭经开区部分企业废气治理设施不正常运行。",
        "杨光明",
        ["杨光明"],
        [
            TaskSpec("湘潭经开区管委会", ["市生态环境局"], "、", "2021年10月31日前", "2021-10-31",
                     {"immediate": False, "ongoing": False, "deadline": True},
                     "园区企业废气稳定达标排放", "开展园区企业废气治理设施专项检查。"),
            TaskSpec("九华示范区管委会", ["市委组织部", "中共湘潭市委宣传部", "湘潭市人民政府办公室"], "、", "长期坚持", None,
                     {"immediate": False, "ongoing": True},
                     "园区环境监管责任压实", "将环境监管纳入园区干部考核。"),
        ],
    ),
]  # fmt: skip


def tasks_csv_sheet() -> Sheet:
    """A task list saved as CSV from Excel: merged blocks keep their value only in their first
    row, the columns come in another order, header cells carry line breaks."""
    s = Sheet("tasks")
    s.add("湘潭市贯彻落实第二轮中央生态环境保护督察反馈意见整改任务清单", *[None] * 7)
    s.add("序号", "反馈问题", "责任\n领导", "牵头\n单位", "责任单位", "整改措施", "整改\n时限", "整改目标")
    for f in TASK_FINDINGS_CSV:
        for i, t in enumerate(f.tasks):
            s.add(
                f.number if i == 0 else None,
                f.text if i == 0 else None,
                f.leader if i == 0 else None,
                t.lead,
                t.sep.join(t.units),
                t.measures,
                t.deadline,
                t.target,
            )
    return s


def tasks_csv_expected(file_name: str) -> dict:
    n_tasks = sum(len(f.tasks) for f in TASK_FINDINGS_CSV)
    return {
        "file": file_name,
        "command": "import_tasks",
        "inspection": "2021-hunan",
        "with_add_units": None,
        "without_add_units": {
            "options": [],
            "exit": 0,
            "counts": {"findings": len(TASK_FINDINGS_CSV), "tasks": n_tasks, "created": n_tasks},
            "errors": [],
        },
        "same_unit": [["湘潭经开区管委会", "九华示范区管委会"]],
        "different_units": [],
        "findings": findings_expected(TASK_FINDINGS_CSV),
        "notes": "only names a complete directory holds, in the forms lists use (市发改委, 韶山市政府, "
        "湘潭经开区管委会 = 九华示范区管委会 = 湘潭经开区（九华示范区）管委会); imports without --add-units",
    }


def tasks_ambiguous_sheet() -> Sheet:
    s = Sheet("整改任务清单")
    r = s.add("湘潭市督察整改任务清单（补充）", *[None] * 6)
    s.merge(r, 0, r, 6)
    s.add("序号", "反馈问题", "责任领导", "牵头单位", "责任单位", "整改措施", "整改时限")
    text = "督察整改督办不力，部分整改任务进度滞后。"
    s.add(1, text, "陈建国", "湘潭市生态环境保护委员会办公室", "市督查室", "每月通报整改进度。", "长期坚持")
    s.add(None, None, None, "市生态环境局", "市住建局", "对滞后任务挂牌督办。", "立行立改")
    s.merge(3, 0, 4, 0)
    s.merge(3, 1, 4, 1)
    s.merge(3, 2, 4, 2)
    return s


def tasks_ambiguous_expected(file_name: str) -> dict:
    return {
        "file": file_name,
        "command": "import_tasks",
        "inspection": "2017-hunan",
        "exit": 1,
        "errors": [
            {
                "sheet": "整改任务清单",
                "row": 3,
                "column": "E",
                "kind": "单位“市督查室”有歧义：中共湘潭市委督查室、湘潭市人民政府督查室",
                "mentions_each": [["市委督查室"], ["政府督查室"]],
            }
        ],
        "notes": "an ambiguous name is refused with its candidates, with or without --add-units "
        "(it is not unknown, so it is never added); nothing is written",
    }


# --- write everything -------------------------------------------------------------------------------


def check_gbk(sheet: Sheet) -> None:
    for row in sheet.rows:
        for v in row:
            if isinstance(v, str):
                v.encode("gbk")


def make_all(out: Path = OUT, xls: bool = True) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []

    def emit(name: str, expected: dict) -> None:
        dump(out / f"{name}.expected.json", expected)
        made.extend([out / name, out / f"{name}.expected.json"])

    batch5 = main_batch_sheet()
    check_gbk(batch5)
    write_xlsx(out / "2021_batch05.xlsx", [batch5])
    emit("2021_batch05.xlsx", main_batch_expected("2021_batch05.xlsx"))
    write_excel_csv(out / "2021_batch05_gbk.csv", batch5, "gbk")
    emit("2021_batch05_gbk.csv", main_batch_expected("2021_batch05_gbk.csv"))
    write_excel_csv(out / "2021_batch05_utf8bom.csv", batch5, "utf-8-sig")
    emit("2021_batch05_utf8bom.csv", main_batch_expected("2021_batch05_utf8bom.csv"))
    if xls:
        convert_to_xls(out / "2021_batch05.xlsx", out)
        emit("2021_batch05.xls", main_batch_expected("2021_batch05.xls"))

    write_xlsx(out / "2017_batch04.xlsx", first_round_sheets())
    emit("2017_batch04.xlsx", first_round_expected("2017_batch04.xlsx"))
    write_xlsx(out / "2018_lookback_batch12.xlsx", [lookback_sheet()])
    emit("2018_lookback_batch12.xlsx", lookback_expected("2018_lookback_batch12.xlsx"))
    write_xlsx(out / "2024_batch03.xlsx", [third_round_sheet()])
    emit("2024_batch03.xlsx", third_round_expected("2024_batch03.xlsx"))
    write_xlsx(out / "provincial_batch01.xlsx", [provincial_sheet()])
    emit("provincial_batch01.xlsx", provincial_expected("provincial_batch01.xlsx"))

    sheet, problems, fair = planted_sheet(with_control_char=True)
    write_xlsx(out / "2021_batch06_errors.xlsx", [sheet])
    emit("2021_batch06_errors.xlsx", planted_expected("2021_batch06_errors.xlsx", sheet, problems, fair, csv=False))
    sheet, problems, fair = planted_sheet(with_control_char=False)
    check_gbk(sheet)
    write_excel_csv(out / "2021_batch06_errors_gbk.csv", sheet, "gbk")
    emit(
        "2021_batch06_errors_gbk.csv",
        planted_expected("2021_batch06_errors_gbk.csv", sheet, problems, fair, csv=True),
    )

    write_xlsx(out / "2021_batch07_empty.xlsx", [empty_sheet()])
    emit(
        "2021_batch07_empty.xlsx",
        {
            "file": "2021_batch07_empty.xlsx",
            "command": "import_batch",
            "inspection": "2021-hunan",
            "exit": "1 or 2",
            "notes": "a title and a two-row header with nothing under them: an error, never an empty batch; nothing is written",
        },
    )

    write_xlsx(out / "2017_history_batch04.xlsx", [history_2017_sheet()])
    emit("2017_history_batch04.xlsx", history_2017_expected("2017_history_batch04.xlsx"))
    write_xlsx(out / "2024_history_batch03.xlsx", [history_2024_sheet()])
    emit("2024_history_batch03.xlsx", history_2024_expected("2024_history_batch03.xlsx"))

    sheet, where = tasks_2017_sheet()
    write_xlsx(out / "2017_tasks.xlsx", [sheet])
    emit("2017_tasks.xlsx", tasks_2017_expected("2017_tasks.xlsx", where))
    sheet = tasks_csv_sheet()
    check_gbk(sheet)
    write_excel_csv(out / "2021_tasks_gbk.csv", sheet, "gbk")
    emit("2021_tasks_gbk.csv", tasks_csv_expected("2021_tasks_gbk.csv"))
    write_xlsx(out / "2017_tasks_ambiguous.xlsx", [tasks_ambiguous_sheet()])
    emit("2017_tasks_ambiguous.xlsx", tasks_ambiguous_expected("2017_tasks_ambiguous.xlsx"))
    dump(out / "inspections.json", INSPECTIONS)
    return made


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", type=int, metavar="ROWS", help="write only the large batch of ROWS rows")
    parser.add_argument("path", nargs="?", help="where to write the large batch")
    parser.add_argument("--filled", action="store_true", help="large batch: every header cell in both rows")
    parser.add_argument("--no-xls", action="store_true", help="skip the LibreOffice conversion")
    args = parser.parse_args(argv)
    if args.large:
        target = Path(args.path or f"large_batch_{args.large}.xlsx")
        write_large_batch(target, args.large, filled=args.filled)
        print(f"{target}: {args.large} rows, {os.path.getsize(target) / 1e6:.1f} MB")
        return 0
    for path in make_all(xls=not args.no_xls):
        print(path.relative_to(HERE))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
