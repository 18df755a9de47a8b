"""The complaint batch (交办信访件) schema and its one-pass parser.

`parse_complaint_file` opens the file at once (a bad file raises `ParseError`) and
returns a `ComplaintParse`; `records()` streams one `ComplaintRecord` per clean row in
file order, while every problem of every row lands in `problems`. Callers write nothing
unless `errors` is empty after the generator is exhausted (house rule for imports).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from ducha.core.names.regions import RegionNames

from .complaint_fields import (  # noqa: F401  (re-exported: callers import them from here)
    _ROWS_PER_SHEET,
    COMPLAINT_FIELDS,
    PII_MASKS,
    REGION_ORDER,
    REQUIRED,
    REQUIRED_HISTORY,
    ComplaintRecord,
)
from .complaint_rows import SheetRows, _raw_keys, _serial  # noqa: F401
from .errors import (
    COLUMN_DUPLICATE,
    COLUMN_MISSING,
    ERROR,
    NO_DATA_ROWS,
    NO_TABLE,
    SHEET_WITHOUT_TABLE,
    WARNING,
    ParseError,
    Problem,
)
from .table import Column, HeaderMatcher, NoTable, Table, find_table
from .values import (
    TEXT_MAX,
    PollutionTypes,
    RefPattern,
    RegionResolver,
    ref_pattern,
)
from .workbook import Sheet, read_sheets


class ComplaintParse(SheetRows):
    """Result of one pass over a complaint file. Read `problems`, `mapping`, `meta` and
    `counts` after `records()` is exhausted: they fill as the rows stream by."""

    def __init__(
        self,
        sheets: Iterable[Sheet],
        *,
        name: str,
        regions: RegionResolver,
        pollution_types: PollutionTypes,
        max_text: int = TEXT_MAX,
        ref_pattern: RefPattern | None = None,
        history: bool = False,
    ) -> None:
        self.name = name
        self._required = REQUIRED_HISTORY if history else REQUIRED
        self._ref_pattern = ref_pattern
        self.problems: list[Problem] = []
        self.mapping: list[dict[str, str | None]] = []
        self.meta: dict[str, object] = {"sheets": {}}
        self.counts: dict[str, int] = {"rows": 0, "records": 0, "sheets": 0}
        self._sheets = sheets
        self._regions = regions
        self._pollution = pollution_types
        self._max_text = max_text
        self._matcher = HeaderMatcher(COMPLAINT_FIELDS)
        self._seen: dict[str, int] = {}
        self._sheet_names: list[str] = []
        self._started = False

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == WARNING]

    def records(self) -> Iterator[ComplaintRecord]:
        if self._started:
            raise RuntimeError("records() can be iterated only once")
        self._started = True
        usable = 0
        missing: Problem | None = None
        first_table: Table | None = None
        for sheet in self._sheets:
            found = find_table(sheet, self._matcher)
            if found is None:
                continue
            if isinstance(found, NoTable):
                self._warn(found.sheet, found.first_row, SHEET_WITHOUT_TABLE)
                continue
            problem = self._check_columns(found)
            if problem is not None:
                missing = missing or problem
                continue
            usable += 1
            first_table = first_table or found
            yield from self._sheet_records(found)
            self._merge_stats(found)
        if first_table is not None and not self.counts["rows"]:
            # header only (or a million blank rows): an import of nothing is a mistake
            self.problems.append(Problem(first_table.sheet, first_table.header_rows[-1], "", "", "", NO_DATA_ROWS))
        if not usable:
            problem = missing or Problem(self.name, 0, "", "", "", NO_TABLE)
            if missing is None:
                self.problems.append(problem)
            raise ParseError(problem)

    # --- per sheet --------------------------------------------------------------

    def _check_columns(self, table: Table) -> Problem | None:
        cols = table.columns
        for f, col in cols.items():
            self.mapping.append({"sheet": table.sheet, "field": f, "header": col.header, "column": col.letter})
        for col in table.unmapped:
            self.mapping.append({"sheet": table.sheet, "field": None, "header": col.header, "column": col.letter})
        for ignored, kept in table.duplicates:
            msg = COLUMN_DUPLICATE.format(first=kept.letter, first_header=kept.header)
            self._warn(table.sheet, table.header_rows[-1], msg, ignored)
        self.meta["sheets"][table.sheet] = table.meta  # type: ignore[index]
        for key in ("title", "batch_no", "batch_date", "unit"):
            if key in table.meta and not self.meta.get(key):
                self.meta[key] = table.meta[key]
        first_missing = None
        for group in self._required:
            if not any(f in cols for f in group):
                spec = self._matcher.fields[group[0]]
                # the label and its commonest names: the message stays readable
                msg = COLUMN_MISSING.format(field=spec.label, synonyms="、".join((spec.label, *spec.synonyms[:5])))
                problem = Problem(table.sheet, table.header_rows[-1], "", "", "", msg)
                self.problems.append(problem)
                first_missing = first_missing or problem
        return first_missing

    def _warn(self, sheet: str, row: int, message: str, col: Column | None = None) -> None:
        column, header = (col.letter, col.header) if col else ("", "")
        self.problems.append(Problem(sheet, row, column, header, "", message, WARNING))

    def _merge_stats(self, table: Table) -> None:
        self.counts["sheets"] += 1
        for key, n in table.stats.items():
            self.counts[key] = self.counts.get(key, 0) + n


def parse_complaint_file(
    path: str | os.PathLike[str],
    *,
    regions: Mapping[str, str] | RegionNames,
    region_parents: Iterable[str] = (),
    pollution_types: Mapping[str, str],
    max_text: int = TEXT_MAX,
    ref_scheme: str | RefPattern | None = None,
    history: bool = False,
) -> ComplaintParse:
    """Open a complaint batch file (.xlsx/.xls/.csv…); raises `ParseError` if the file
    cannot be read at all. `regions` is a `RegionNames` (ducha.core.names: names,
    aliases, short forms and the ambiguous ones) or a plain name → code mapping,
    `region_parents` lists names to strip from the front ("湖南省", "湘潭市"),
    `pollution_types` maps synonyms to pollution type codes, and `ref_scheme` (a name
    of `REF_SCHEMES`, a regular expression or a `RefPattern`) is the shape this
    inspection's refs take: a ref that does not fit is a warning at its cell. With
    `history` the file is an earlier round's published table and must have its
    调查核实情况 column."""
    sheets = read_sheets(path)
    return ComplaintParse(
        sheets,
        name=Path(path).name,
        regions=RegionResolver(regions, region_parents),
        pollution_types=PollutionTypes(pollution_types),
        max_text=max_text,
        ref_pattern=ref_pattern(ref_scheme),
        history=history,
    )
