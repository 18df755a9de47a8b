"""Hostile and broken upload files, written by the tests themselves (no binaries kept).

Each maker takes a folder and returns the path of one file that once hurt Ducha or
could: a sheet whose one cell makes calamine ask for 512 GB, a zip bomb, NUL bytes,
impossible dates, no data rows, a truncated zip, HTML saved as .xls... `CORPUS` names
them all, with the start of the error each must end in (None: a clean import).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from ducha.core.parsing.tests.messy import write_csv, write_sheets_xlsx

# a header the complaint parser knows, and one good row
HEADER = ["受理编号", "交办问题基本情况", "行政区域", "受理时间"]
GOOD = ["D1", "某厂夜间排放废气", "雨湖区", "2021-04-07 10:02"]
UNREADABLE = "文件无法读取"


def sheet_xml(cells: str, dimension: str = "A1:D2") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{cells}</sheetData></worksheet>'
    ).encode()


def with_sheet(folder: Path, name: str, sheet: bytes, *, extra: dict[str, bytes] | None = None) -> Path:
    """A real .xlsx (xlsxwriter) whose first sheet's XML is replaced (and parts added)."""
    src = write_sheets_xlsx(folder / f"src-{name}", {"表": [HEADER, ["D1", "某厂排污", "雨湖区", dt.date(2021, 4, 7)]]})
    out = folder / name
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = sheet if info.filename == "xl/worksheets/sheet1.xml" else zin.read(info)
            zout.writestr(info.filename, (extra or {}).pop(info.filename, data))
        for part, data in (extra or {}).items():
            zout.writestr(part, data)
    src.unlink()
    return out


def _text(ref: str, value: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def _header_row() -> str:
    return f'<row r="1">{"".join(_text(f"{c}1", h) for c, h in zip("ABCD", HEADER, strict=True))}</row>'


def last_cell(folder: Path) -> Path:
    """8 KB: one cell at XFD1048576 (calamine would allocate the whole grid, 512 GB)."""
    cells = _header_row() + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    return with_sheet(folder, "last-cell.xlsx", sheet_xml(cells, dimension="A1:A1"))


def huge_dimension(folder: Path) -> Path:
    cells = _header_row()
    return with_sheet(folder, "dimension.xlsx", sheet_xml(cells, dimension="A1:XFD1048576"))


def zip_bomb(folder: Path) -> Path:
    """A sheet of 64 MB of blanks, deflated about a thousand times."""
    return with_sheet(folder, "bomb.xlsx", sheet_xml(_header_row()) + b" " * (64 << 20))


def truncated_zip(folder: Path) -> Path:
    path = write_sheets_xlsx(folder / "truncated.xlsx", {"表": [HEADER, GOOD]})
    path.write_bytes(path.read_bytes()[:-300])
    return path


def html_as_xls(folder: Path) -> Path:
    """What many systems export as 'Excel': an HTML table named .xls."""
    path = folder / "html.xls"
    cells = "".join(f"<td>{h}</td>" for h in HEADER)
    path.write_text(f"<html><body><table><tr>{cells}</tr></table></body></html>", encoding="utf-8")
    return path


def random_bytes_xlsx(folder: Path) -> Path:
    path = folder / "noise.xlsx"
    path.write_bytes(bytes(range(256)) * 32)
    return path


def nul_csv(folder: Path) -> Path:
    """NUL bytes and a bell inside a complaint text."""
    return write_csv(
        folder / "nul.csv", [HEADER, ["D1", "某厂\x00夜间\x07排放", "雨湖区", ""], GOOD[:1] + ["x", "雨湖区", ""]]
    )


def nul_everywhere_csv(folder: Path) -> Path:
    path = folder / "nul-bytes.csv"
    path.write_bytes(b"\x00" * 4096)
    return path


def bad_dates_xlsx(folder: Path) -> Path:
    """Date cells no calendar has: serial 60 (1900-02-29), a serial past year 9999, -1."""
    cells = _header_row()
    for r, v in ((2, "60"), (3, "2958466"), (4, "-1"), (5, "1e300")):
        cells += f'<row r="{r}">{_text(f"A{r}", f"D{r}")}{_text(f"B{r}", "某厂排污")}{_text(f"C{r}", "雨湖区")}'
        cells += f'<c r="D{r}" s="1"><v>{v}</v></c></row>'
    return with_sheet(folder, "bad-dates.xlsx", sheet_xml(cells, dimension="A1:D5"))


def impossible_dates_csv(folder: Path) -> Path:
    rows = [HEADER, ["D1", "某厂排污", "雨湖区", "1900-02-29"], ["D2", "某厂排污", "雨湖区", "2023-02-30 10:00"]]
    return write_csv(folder / "dates.csv", rows)


def header_only(folder: Path) -> Path:
    return write_sheets_xlsx(folder / "header-only.xlsx", {"表": [HEADER]})


def empty_rows_csv(folder: Path, rows: int = 1_000_000) -> Path:
    """A header and a million empty records (what a sheet 'used' to its bottom saves as)."""
    path = folder / "empty-rows.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(",".join(HEADER) + "\n")
        fh.write(",,,\n" * rows)
    return path


def empty_file(folder: Path) -> Path:
    path = folder / "empty.csv"
    path.write_bytes(b"")
    return path


def good_csv(folder: Path) -> Path:
    return write_csv(folder / "good.csv", [HEADER, GOOD])


# name → (maker, the start of the first error's message; None for a clean import)
CORPUS = {
    "last_cell": (last_cell, "文件无法读取：工作表“表”的数据区域达1048576行×16384列"),
    "huge_dimension": (huge_dimension, UNREADABLE),
    "zip_bomb": (zip_bomb, UNREADABLE),
    "truncated_zip": (truncated_zip, UNREADABLE),
    "html_as_xls": (html_as_xls, UNREADABLE),
    "random_bytes_xlsx": (random_bytes_xlsx, UNREADABLE),
    "nul_csv": (nul_csv, "内容含有不可见的控制字符"),
    "nul_everywhere_csv": (nul_everywhere_csv, ""),
    "bad_dates_xlsx": (bad_dates_xlsx, "日期或时间不存在"),
    "impossible_dates_csv": (impossible_dates_csv, "日期或时间不存在"),
    "header_only": (header_only, "表格只有表头，没有信访件数据行"),
    "empty_rows_csv": (empty_rows_csv, "表格只有表头，没有信访件数据行"),
    "empty_file": (empty_file, ""),
    "good_csv": (good_csv, None),
}


def big_grid(folder: Path) -> Path:
    """Two cells, A1 and Z1000000: within the guard's bounds (26 million cells), but the
    grid calamine allocates for them needs about 800 MB: past a small memory limit, the
    native reader aborts inside the sandbox."""
    cells = _header_row() + '<row r="1000000"><c r="Z1000000"><v>1</v></c></row>'
    return with_sheet(folder, "big-grid.xlsx", sheet_xml(cells, dimension="A1:Z1000000"))


def good_xlsx(folder: Path) -> Path:
    return write_sheets_xlsx(folder / "good.xlsx", {"表": [HEADER, GOOD]})
