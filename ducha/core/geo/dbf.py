"""Which encoding a shapefile's attribute table (.dbf) is written in.

GDAL reads a .dbf without a .cpg as Latin-1, which turns GBK Chinese into mojibake
(湘潭县 → ÏæÌ¶ÏØ). So we look at the bytes ourselves: the .cpg is trusted when the text
decodes under it; without one, text that is valid UTF-8 is UTF-8, else GB18030 (GBK's
superset, what Chinese ArcGIS writes), else we refuse rather than guess. A .cpg that
contradicts the bytes is reported, and the bytes win.
"""

from __future__ import annotations

import struct

import ducha.core.geo.errors as errors

UTF8 = "UTF-8"
GBK = "GB18030"  # reads every GBK file; GDAL's iconv knows the name

# What .cpg files say, mapped to the two encodings we read.
CPG_NAMES = {
    "UTF-8": UTF8,
    "UTF8": UTF8,
    "65001": UTF8,
    "GBK": GBK,
    "CP936": GBK,
    "936": GBK,
    "GB2312": GBK,
    "GB18030": GBK,
    "ANSI 936": GBK,
    "54936": GBK,
}
LABEL = {UTF8: "UTF-8", GBK: "GBK"}


def text_bytes(dbf: bytes) -> list[bytes]:
    """Every non-ASCII text value and field name of a .dbf (dBASE III layout)."""
    if len(dbf) < 32:
        return []
    records, header_len, record_len = struct.unpack("<IHH", dbf[4:12])
    out, fields, pos, offset = [], [], 32, 1  # each record starts with a deletion flag
    while pos + 32 <= header_len and dbf[pos] != 0x0D:
        name = dbf[pos : pos + 11].split(b"\x00", 1)[0]
        kind, length = chr(dbf[pos + 11]), dbf[pos + 16]
        if not name.isascii():
            out.append(name)
        if kind in "CM":
            fields.append((offset, length))
        offset += length
        pos += 32
    for r in range(records):
        start = header_len + r * record_len
        record = dbf[start : start + record_len]
        for field_offset, length in fields:
            value = record[field_offset : field_offset + length].rstrip(b" \x00")
            if value and not value.isascii():
                out.append(value)
    return out


def _decodes(values: list[bytes], codec: str) -> bool:
    for value in values:
        try:
            value.decode(codec)
        except UnicodeDecodeError:
            # a field cut at its width may split the last UTF-8 character: allow that tail
            if codec == UTF8 and _cut_utf8(value):
                continue
            return False
    return True


def _cut_utf8(value: bytes) -> bool:
    for cut in (1, 2, 3):
        try:
            value[:-cut].decode(UTF8)
            return True
        except UnicodeDecodeError:
            continue
    return False


def detect(dbf: bytes, cpg: str | None, *, name: str) -> tuple[str, list[errors.Problem]]:
    """(encoding to read with, warnings). Raises GeoError when no encoding fits.

    Chinese text that is valid UTF-8 is UTF-8 whatever the .cpg says (GBK bytes almost
    never form valid UTF-8, while UTF-8 bytes often decode as GB18030 into mojibake)."""
    values = text_bytes(dbf)
    key = (cpg or "").strip().upper()
    declared = CPG_NAMES.get(key) or CPG_NAMES.get(key.removeprefix("ANSI ").strip())
    if not values:
        return declared or UTF8, []
    actual = UTF8 if _decodes(values, UTF8) else GBK if _decodes(values, GBK) else None
    if actual is None:
        raise errors.GeoError.for_file(name, errors.TEXT_ENCODING_UNKNOWN)
    warnings = []
    if declared and declared != actual:
        message = errors.CPG_MISMATCH.format(declared=cpg.strip(), actual=LABEL[actual])
        warnings.append(errors.Problem(file=name, message=message, level=errors.WARNING))
    elif key and not declared:
        message = errors.CPG_UNKNOWN.format(declared=cpg.strip(), actual=LABEL[actual])
        warnings.append(errors.Problem(file=name, message=message, level=errors.WARNING))
    return actual, warnings
