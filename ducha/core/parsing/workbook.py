"""Read a workbook (.xlsx/.xlsm/.xls/.xlsb/.ods) or a CSV file as sheets of raw rows.

A `Sheet` is a name and an iterator of (row_number, cells): row numbers are the ones
the user sees (1-based Excel rows; for CSV the record's number, as Excel opens it), and
cells[0] is always column A, so a column letter can be computed from the index.

Opening is eager (a bad file raises `ParseError` at once); rows are lazy. CSV is
streamed twice: once over bytes to prove the encoding, once through the csv module, so
a million-row file is never held in memory.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetTypeEnum

from .cells import Cell
from .errors import (
    CSV_ENCODING_DAMAGED,
    CSV_ENCODING_UNKNOWN,
    CSV_IS_WORKBOOK,
    CSV_MALFORMED,
    FILE_ENCRYPTED,
    FILE_NOT_FOUND,
    FILE_TYPE_UNSUPPORTED,
    FILE_UNREADABLE,
    ParseError,
)
from .guard import EXCEL_SERIAL_1900_02_29, WorkbookScan, check_workbook

Row = list[Cell]
EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"})
CSV_SUFFIXES = frozenset({".csv"})
# Tried in order: utf-8-sig also accepts UTF-8 without a BOM, so it stands for both
# "utf-8-sig" and "utf-8"; GB18030 is a superset of GBK and GB2312, what Excel writes on
# Chinese Windows.
CSV_ENCODINGS = ("utf-8-sig", "gb18030")
UTF8_DAMAGED_SHARE = 0.5
_CHUNK = 1 << 16
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


@dataclass
class Sheet:
    name: str
    rows: Iterator[tuple[int, Row]]


def read_sheets(path: str | os.PathLike[str]) -> Iterator[Sheet]:
    """Open the file now (errors raise `ParseError`), and yield its sheets lazily."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in EXCEL_SUFFIXES and suffix not in CSV_SUFFIXES:
        raise ParseError.for_file(p.name, FILE_TYPE_UNSUPPORTED.format(suffix=suffix or p.name))
    if not p.is_file():
        raise ParseError.for_file(p.name, FILE_NOT_FOUND.format(name=p.name))
    if suffix in CSV_SUFFIXES:
        encoding = detect_csv_encoding(p)
        return iter([Sheet(p.name, _csv_rows(p, encoding))])
    scan = check_workbook(p)  # before calamine allocates anything
    try:
        book = CalamineWorkbook.from_path(p)
    except PasswordError as exc:
        raise ParseError.for_file(p.name, FILE_ENCRYPTED) from exc
    except (CalamineError, OSError, ValueError) as exc:
        raise ParseError.for_file(p.name, FILE_UNREADABLE) from exc
    except BaseException as exc:
        _reraise_unless_panic(exc, p.name)
    return _workbook_sheets(p.name, book, scan)


def _reraise_unless_panic(exc: BaseException, name: str):
    """A Rust panic inside calamine arrives as pyo3's PanicException, a BaseException:
    it is a file we cannot read, not a reason to stop the process."""
    if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit | MemoryError):
        raise exc
    if isinstance(exc, Exception) and not type(exc).__name__ == "PanicException":
        raise exc
    raise ParseError.for_file(name, FILE_UNREADABLE) from exc


# --- CSV ------------------------------------------------------------------------


def detect_csv_encoding(path: Path) -> str:
    """The first encoding that decodes the WHOLE file strictly; never guess and import
    mojibake. Streams the bytes through an incremental decoder, chunk by chunk.

    GB18030 accepts most byte sequences, so a UTF-8 file with a few damaged bytes (or
    rows pasted from a GBK file) would "decode" as GB18030 into nonsense. When most of
    the non-ASCII text is valid UTF-8, the file is UTF-8 and damaged: refuse it.
    """
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith((_ZIP_MAGIC, _OLE_MAGIC)):
        raise ParseError.for_file(path.name, CSV_IS_WORKBOOK)
    if _decodes(path, "utf-8-sig"):
        return "utf-8-sig"
    if _utf8_share(path) >= UTF8_DAMAGED_SHARE:
        raise ParseError.for_file(path.name, CSV_ENCODING_DAMAGED)
    if _decodes(path, "gb18030"):
        return "gb18030"
    raise ParseError.for_file(path.name, CSV_ENCODING_UNKNOWN)


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            yield chunk


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        for chunk in _chunks(path):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _utf8_share(path: Path) -> float:
    """Share of the non-ASCII characters that are valid UTF-8. GBK text read as UTF-8
    scores about 0.2; a UTF-8 file with a damaged byte scores close to 1."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    bad = non_ascii = 0
    for chunk in _chunks(path):
        text = decoder.decode(chunk)
        bad += text.count("\ufffd")
        non_ascii += len(text) - len(text.encode("ascii", "ignore"))
    return (non_ascii - bad) / non_ascii if non_ascii else 0.0


def _csv_rows(path: Path, encoding: str) -> Iterator[tuple[int, Row]]:
    # newline="" lets the csv module see line breaks inside quoted cells. The row number
    # is the record's, as Excel shows the file (a quoted two-line cell is one row), so a
    # CSV saved from a sheet reports the same rows as the sheet itself.
    with path.open(encoding=encoding, newline="") as fh:
        reader = csv.reader(fh)
        record = 0
        try:
            for cells in reader:
                record += 1
                yield record, cells
        except csv.Error as exc:
            raise ParseError.for_file(path.name, CSV_MALFORMED, row=record + 1) from exc


# --- workbooks ------------------------------------------------------------------


def _workbook_sheets(name: str, book: CalamineWorkbook, scan: WorkbookScan) -> Iterator[Sheet]:
    try:
        for meta in book.sheets_metadata:
            # Chart sheets and macro sheets hold no table.
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            try:
                sheet = book.get_sheet_by_name(meta.name)
            except CalamineError as exc:
                raise ParseError.for_file(name, FILE_UNREADABLE) from exc
            except BaseException as exc:
                _reraise_unless_panic(exc, name)
            sheet_scan = scan.sheets.get(meta.name)
            suspects = sheet_scan.serial_60 if sheet_scan is not None else set()
            yield Sheet(meta.name, _guarded(name, _sheet_rows(sheet, suspects)))
    finally:
        book.close()


def _guarded(name: str, rows: Iterator[tuple[int, Row]]) -> Iterator[tuple[int, Row]]:
    try:
        yield from rows
    except (CalamineError, ValueError) as exc:
        raise ParseError.for_file(name, FILE_UNREADABLE) from exc
    except BaseException as exc:
        _reraise_unless_panic(exc, name)


def _impossible_dates(row: Row, columns: list[int]) -> None:
    """Serial 60 is 1900-02-29, which calamine reads as 1900-02-28: give the text back."""
    for c in columns:
        if c < len(row):
            v = row[c]
            if isinstance(v, dt.date) and (v.year, v.month, v.day) == (1900, 2, 28):
                row[c] = EXCEL_SERIAL_1900_02_29 + (f" {v:%H:%M:%S}" if isinstance(v, dt.datetime) else "")


def _sheet_rows(sheet, suspects: set[tuple[int, int]] | None = None) -> Iterator[tuple[int, Row]]:
    """Rows with merged ranges filled from their top-left cell.

    People merge a header over its sub-headers, a section title across the table, or a
    district down a block of rows; every cell of a merged range means the top-left
    value, so fill it in and the rest of the parser never sees a merge.

    python-calamine 0.9.1 `iter_rows()` yields rows from Excel row 1 but columns from
    the first used column (`sheet.start[1]`); pad them back so index 0 is column A.
    (tests/test_workbook.py pins this behaviour.)
    """
    start = sheet.start
    if start is None:
        return
    pad = [""] * start[1]
    end = sheet.end
    last_row = end[0] if end is not None else start[0]
    suspect_rows: dict[int, list[int]] = {}
    for r, c in suspects or ():
        suspect_rows.setdefault(r, []).append(c)
    starts: dict[int, list[tuple[int, int, int]]] = {}
    for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or ():
        # A merge may reach far below the data (a whole column merged): only the rows
        # that exist are filled, so a hostile merge cannot cost memory.
        if r0 <= last_row:
            starts.setdefault(r0, []).append((c0, min(c1, c0 + 16_384), min(r1, last_row)))
    pending: dict[int, list[tuple[int, int, Cell]]] = {}
    for index, row in enumerate(sheet.iter_rows()):
        if pad:
            row = pad + row
        if index in starts or index in pending:
            width = len(row)
            for c0, c1, r1 in starts.pop(index, ()):
                value = row[c0] if c0 < width else ""
                _fill(row, c0, c1, value)
                for below in range(index + 1, r1 + 1):
                    pending.setdefault(below, []).append((c0, c1, value))
            for c0, c1, value in pending.pop(index, ()):
                _fill(row, c0, c1, value)
        if suspect_rows and index in suspect_rows:
            _impossible_dates(row, suspect_rows[index])
        yield index + 1, row


def _fill(row: Row, c0: int, c1: int, value: Cell) -> None:
    for c in range(c0, min(c1, len(row) - 1) + 1):
        row[c] = value
