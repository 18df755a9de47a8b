"""Parsing core for the files people hand us (complaint batches first).

Pure Python: never imports Django (a test enforces it), so it can be used and tested
on its own and reused by a benchmark. Public API:

    parse_complaint_file(path, *, regions, region_parents, pollution_types, max_text)
        -> ComplaintParse (.records() generator, .problems, .mapping, .meta, .counts)
    read_sheets(path) -> Iterator[Sheet]
    find_table(sheet, HeaderMatcher(fields)) -> Table | NoTable | None
    Problem, ParseError and the normalisers in `values`.
"""

from .complaints import (
    COMPLAINT_FIELDS,
    ComplaintParse,
    ComplaintRecord,
    parse_complaint_file,
)
from .errors import ERROR, WARNING, ParseError, Problem
from .table import Column, FieldSpec, HeaderMatcher, NoTable, Table, find_table
from .values import (
    PollutionTypes,
    Ref,
    RegionResolver,
    Warn,
    clean_id_number,
    clean_text,
    find_channel,
    normalize_ref,
    parse_channel,
    parse_datetime,
    parse_mark,
    split_multi,
)
from .workbook import Sheet, detect_csv_encoding, read_sheets

__all__ = [
    "COMPLAINT_FIELDS",
    "ERROR",
    "WARNING",
    "Column",
    "ComplaintParse",
    "ComplaintRecord",
    "FieldSpec",
    "HeaderMatcher",
    "NoTable",
    "ParseError",
    "PollutionTypes",
    "Problem",
    "Ref",
    "RegionResolver",
    "Sheet",
    "Table",
    "Warn",
    "clean_id_number",
    "clean_text",
    "detect_csv_encoding",
    "find_channel",
    "find_table",
    "normalize_ref",
    "parse_channel",
    "parse_complaint_file",
    "parse_datetime",
    "parse_mark",
    "read_sheets",
    "split_multi",
]
