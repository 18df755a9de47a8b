"""Checks a file passes before a native reader sees it, so a hostile or broken file
ends in a located "文件无法读取" error instead of a dead process.

python-calamine builds a dense grid from the first to the last cell of a sheet: an
8 KB .xlsx with one cell at XFD1048576 asks for 17 billion cells (about 512 GB), and a
4 MB zip bomb inflates to gigabytes. Before calamine opens a zip-based workbook we

- read the zip's central directory: entry count, declared sizes, compression ratio,
  supported compression only (stored, deflate);
- inflate every worksheet ourselves, capped at its declared size (a size that lies
  is refused), and look at its cell references on the way: the declared
  `<dimension>`, the first and last cell (calamine's row span) and the widest column
  give the grid calamine would allocate, which must stay under `MAX_CELLS`.
  The scan is one regex search and a few bytes.find per 1 MB chunk (C speed); the
  exact, slower pass runs only on a sheet that needs it (cells written without `r`
  or with `r` not first);
- note every numeric cell holding 60: Excel's serial 60 is 1900-02-29, a day that
  never existed, and calamine quietly reads it as 1900-02-28. The reader turns such
  a date back into the text "1900-02-29", which the date parser refuses.

Pure Python, no Django. `CONTROL` (NUL and other control characters in cell text)
lives here too: every reader and normaliser uses the same definition.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .errors import CONTROL as _CONTROL
from .errors import FILE_TOO_LARGE, FILE_UNREADABLE, SHEET_TOO_LARGE, ParseError

MAX_ENTRIES = 10_000
MAX_UNCOMPRESSED = 3 << 29  # 1.5 GiB over all entries: a 10^6-row sheet is about 600 MB
MAX_RATIO = 200  # a real sheet compresses 5–30 times; a zip bomb a thousand times
RATIO_FLOOR = 10 << 20  # small entries (a blank 1 MB strings table) may compress as they like
MAX_ROWS = 1_048_576  # Excel's own limits
MAX_COLUMNS = 16_384
MAX_CELLS = 50_000_000  # the grid calamine allocates (about 32 bytes a cell): 1.6 GB
EXCEL_SERIAL_1900_02_29 = "1900-02-29"

_CHUNK = 1 << 20
_LOCAL_HEADER = struct.Struct("<4s22xHH")
_REF = re.compile(rb'([A-Z]{1,4})([0-9]{1,8})"')
_CELL_TAG = re.compile(rb"<c(?=[\s>/])[^>]*>")
_TOKEN = re.compile(rb"<(?:row|c)(?=[\s>/])[^>]*>|</row>")
_ROW_R = re.compile(rb'\sr="([0-9]{1,8})"')
_R_ATTR = re.compile(rb'\sr="([A-Z]{1,4})([0-9]{1,8})"')
_T_ATTR = re.compile(rb'\st="([a-z]+)"')
_DIMENSION = re.compile(rb'<dimension\s+ref="([A-Z]{1,4})([0-9]{1,8})(?::([A-Z]{1,4})([0-9]{1,8}))?"')
_ODD_CELL = re.compile(rb'<c(?=[\s>/])(?! r="[A-Z][0-9])')
_NOT_REF_FIRST = re.compile(rb'<c(?=[\s>/])(?! r="[A-Z]+[0-9])')
_WIDE_REF = re.compile(rb'<c r="([A-Z]{2,})')
_SHEET_PATH = re.compile(r"xl/(?:worksheets|dialogsheets|macrosheets)/[^/]+\.xml")
_SIXTY = (b"<v>60</v>", b"<v>60.")


@dataclass
class SheetScan:
    """What the scan learnt about one worksheet: its grid and the cells to distrust."""

    rows: int = 0
    columns: int = 0
    serial_60: set[tuple[int, int]] = field(default_factory=set)  # (row, column), 0-based


@dataclass
class WorkbookScan:
    sheets: dict[str, SheetScan] = field(default_factory=dict)  # sheet name → scan


class _Refused(Exception):
    def __init__(self, message: str = FILE_UNREADABLE) -> None:
        self.message = message


def check_workbook(path: Path) -> WorkbookScan:
    """Refuse (`ParseError`, FILE_UNREADABLE / too large) a zip-based workbook a native
    reader must not open; else say what the sheets hold. Non-zip files pass through."""
    try:
        with path.open("rb") as fh:
            if fh.read(4) != b"PK\x03\x04":
                return WorkbookScan()
            fh.seek(0)
            try:
                book = zipfile.ZipFile(fh)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError) as exc:
                raise _Refused from exc
            with book:
                infos = _check_entries(book.infolist())
                return _scan_sheets(fh, book, infos)
    except _Refused as exc:
        raise ParseError.for_file(path.name, exc.message) from exc
    # NotImplementedError: zipfile's answer to a damaged header naming a zip version it lacks
    except (OSError, zlib.error, struct.error, UnicodeDecodeError, NotImplementedError, zipfile.BadZipFile) as exc:
        raise ParseError.for_file(path.name, FILE_UNREADABLE) from exc


def _check_entries(infos: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
    if len(infos) > MAX_ENTRIES:
        raise _Refused
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:  # an encrypted entry: Office never writes one
            raise _Refused
        if info.extract_version > zipfile.MAX_EXTRACT_VERSION:  # a damaged or foreign header
            raise _Refused
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _Refused
        if info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size:
            raise _Refused
        total += info.file_size
        if total > MAX_UNCOMPRESSED:
            raise _Refused(FILE_TOO_LARGE)
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _Refused(FILE_TOO_LARGE)
    return {info.filename: info for info in infos}


def _sheet_names(fh, infos: dict[str, zipfile.ZipInfo]) -> dict[str, str]:
    """Worksheet part path → sheet name, from xl/workbook.xml and its relationships."""
    names: dict[str, str] = {}
    workbook = infos.get("xl/workbook.xml")
    rels = infos.get("xl/_rels/workbook.xml.rels")
    if workbook is None or rels is None:
        return names
    book_xml = b"".join(_inflate(fh, workbook))
    rels_xml = b"".join(_inflate(fh, rels))
    targets: dict[bytes, str] = {}
    for tag in re.findall(rb"<Relationship\b[^>]*>", rels_xml):
        rid = re.search(rb'\sId="([^"]*)"', tag)
        target = re.search(rb'\sTarget="([^"]*)"', tag)
        if rid and target:
            t = target.group(1).decode("utf-8")
            part = t.lstrip("/") if t.startswith("/") else str(PurePosixPath("xl") / t)
            targets[rid.group(1)] = _normal_part(part)
    for tag in re.findall(rb"<(?:\w+:)?sheet\b[^>]*>", book_xml):
        name = re.search(rb'\sname="([^"]*)"', tag)
        rid = re.search(rb'\s(?:\w+:)?id="([^"]*)"', tag)
        if name and rid and rid.group(1) in targets:
            names[targets[rid.group(1)]] = _xml_unescape(name.group(1).decode("utf-8"))
    return names


def _normal_part(part: str) -> str:
    out: list[str] = []
    for piece in part.split("/"):
        if piece == "..":
            if out:
                out.pop()
        elif piece and piece != ".":
            out.append(piece)
    return "/".join(out)


def _xml_unescape(text: str) -> str:
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        text = text.replace(entity, char)
    return text


def _scan_sheets(fh, book: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo]) -> WorkbookScan:
    names = _sheet_names(fh, infos)
    scan = WorkbookScan()
    for part, info in infos.items():
        if not _SHEET_PATH.fullmatch(part):
            continue
        name = names.get(part, part)
        try:
            sheet = _scan_sheet(fh, info, name, exact=False)
        except _NeedExact:
            sheet = _scan_sheet(fh, info, name, exact=True)
        if sheet.rows * sheet.columns > MAX_CELLS or sheet.rows > MAX_ROWS or sheet.columns > MAX_COLUMNS:
            raise _Refused(SHEET_TOO_LARGE.format(sheet=name, rows=sheet.rows, columns=sheet.columns))
        scan.sheets[name] = sheet
    return scan


def _inflate(fh, info: zipfile.ZipInfo):
    """The entry's bytes in chunks, never more than it declares (a lie is refused)."""
    fh.seek(info.header_offset)
    magic, name_len, extra_len = _LOCAL_HEADER.unpack(fh.read(_LOCAL_HEADER.size))
    if magic != b"PK\x03\x04":
        raise _Refused
    fh.seek(info.header_offset + _LOCAL_HEADER.size + name_len + extra_len)
    left = info.compress_size
    declared = info.file_size
    produced = 0
    inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    while left > 0:
        raw = fh.read(min(_CHUNK, left))
        if not raw:
            raise _Refused
        left -= len(raw)
        if inflater is None:
            produced += len(raw)
            yield raw
            continue
        while raw and not inflater.eof:
            out = inflater.decompress(raw, _CHUNK)
            raw = inflater.unconsumed_tail
            produced += len(out)
            if produced > declared:
                raise _Refused(FILE_TOO_LARGE)
            if out:
                yield out
    if inflater is not None and not inflater.eof:
        raise _Refused  # the deflate stream stops short of its end
    if produced != declared:
        raise _Refused


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


class _NeedExact(Exception):
    """The fast scan met cells it cannot read by counting: scan again, exactly."""


def _scan_sheet(fh, info: zipfile.ZipInfo, name: str, *, exact: bool) -> SheetScan:
    scan = SheetScan()
    state = _Exact() if exact else _Fast()
    carry = b""
    dimension_seen = False
    for chunk in _inflate(fh, info):
        buf = carry + chunk
        # Cut before the last cell (or tag), so no cell is split between two buffers.
        cut = buf.rfind(b"<c ")
        if cut <= 0:
            cut = buf.rfind(b"<")
        if cut <= 0:
            carry = buf
            continue
        buf, carry = buf[:cut], buf[cut:]
        state.feed(buf, scan)
        if not dimension_seen:
            dimension_seen = _check_dimension(buf, name)
    if carry:
        state.feed(carry, scan)
    scan.rows, scan.columns = state.grid()
    return scan


def _check_dimension(buf: bytes, name: str) -> bool:
    """The declared used range, read once near the top of the sheet: True once seen
    (or once past the place it would be)."""
    at = buf.find(b"<dimension")
    if at < 0:
        return buf.find(b"<sheetData") >= 0
    m = _DIMENSION.match(buf, at)
    if m is None or m.group(3) is None:
        return True
    c0, r0, c1, r1 = m.groups()
    rows = int(r1) - int(r0) + 1
    cols = _column_number(c1) - _column_number(c0) + 1
    if rows > MAX_ROWS or cols > MAX_COLUMNS or rows * cols > MAX_CELLS:
        raise _Refused(SHEET_TOO_LARGE.format(sheet=name, rows=rows, columns=cols))
    return True


class _Fast:
    """calamine's grid without parsing: rows from the first and the last cell (its row
    span), columns from the widest reference. Needs every cell to start `<c r="`."""

    def __init__(self) -> None:
        self.first = 0
        self.last = 0
        self.widest = 0

    def grid(self) -> tuple[int, int]:
        if not self.first:
            return 0, 0
        if self.last < self.first:
            raise _Refused  # calamine takes the rows of the first and last cells
        return self.last - self.first + 1, self.widest

    def feed(self, buf: bytes, scan: SheetScan) -> None:
        at = buf.find(b'<c r="')
        if at < 0:
            if _CELL_TAG.search(buf):
                raise _NeedExact
            return
        # One regex pass finds every cell that is not `<c r="` + one letter + digits:
        # none in a sheet of up to 26 columns written the usual way.
        odd = _ODD_CELL.search(buf)
        if odd is not None:
            if _NOT_REF_FIRST.search(buf, odd.start()):
                raise _NeedExact  # cells without `r`, or `r` not first
            for letters in _WIDE_REF.findall(buf, odd.start()):
                self.widest = max(self.widest, _column_number(letters))
        first = _REF.match(buf, at + 6)
        last = _REF.match(buf, buf.rfind(b'<c r="') + 6)
        if first is None or last is None:
            raise _NeedExact
        if not self.first:
            self.first = int(first.group(2))
        self.last = int(last.group(2))
        self.widest = max(self.widest, 26)
        pos = buf.find(b"<v>60")
        while pos >= 0:
            if buf.startswith(_SIXTY, pos):
                start = buf.rfind(b"<c ", 0, pos)
                tag = buf[start:pos]
                r = _R_ATTR.search(tag)
                if r and tag.endswith(b">") and tag.count(b">") == 1 and _numeric(tag):
                    scan.serial_60.add((int(r.group(2)) - 1, _column_number(r.group(1)) - 1))
            pos = buf.find(b"<v>60", pos + 1)


class _Exact:
    """Cell positions the way calamine computes them, for sheets the fast path cannot
    trust (cells without `r`, or `r` not first). Rare, so plain regexes are fine."""

    def __init__(self) -> None:
        self.row = -1
        self.col = -1
        self.first = -1
        self.last = -1
        self.columns = 0

    def grid(self) -> tuple[int, int]:
        if self.first < 0:
            return 0, 0
        if self.last < self.first:
            raise _Refused
        return self.last - self.first + 1, self.columns

    def feed(self, buf: bytes, scan: SheetScan) -> None:
        for m in _TOKEN.finditer(buf):
            tag = m.group(0)
            if tag[1] == ord("/"):  # </row>
                continue
            if tag.startswith(b"<row"):
                r = _ROW_R.search(tag)
                self.row = int(r.group(1)) - 1 if r else self.row + 1
                self.col = -1
                continue
            r = _R_ATTR.search(tag)
            if r:
                self.col = _column_number(r.group(1)) - 1
                self.row = int(r.group(2)) - 1
            else:
                self.col += 1
            if self.first < 0:
                self.first = self.row
            self.last = self.row
            self.columns = max(self.columns, self.col + 1)
            if buf.startswith(_SIXTY, m.end()) and _numeric(tag):
                scan.serial_60.add((self.row, self.col))


def _numeric(tag: bytes) -> bool:
    t = _T_ATTR.search(tag)
    return t is None or t.group(1) == b"n"


# --- control characters in text -------------------------------------------------

# Defined beside the problems that show them (errors.CONTROL); the name stays here too.
CONTROL = _CONTROL
