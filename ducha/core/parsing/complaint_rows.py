"""The hot loop of the complaint parser: one sheet's rows into `ComplaintRecord`s, every
problem filed at its cell. `complaints.ComplaintParse` runs it for each usable sheet.

Pure Python: never imports Django.
"""

from __future__ import annotations

from collections.abc import Iterator

from ducha.core.pii import redact_text

from .cells import Cell, cell_text, column_letter, is_blank
from .complaint_fields import _ROWS_PER_SHEET, COMPLAINT_FIELDS, PII_MASKS, REGION_ORDER, ComplaintRecord
from .errors import (
    ERROR,
    HEADERLESS_DATA,
    REF_DUPLICATE,
    REF_DUPLICATE_SHEET,
    REF_MISSING,
    REF_PATTERN_MISMATCH,
    REF_PATTERN_MISMATCH_BARE,
    REQUIRED_EMPTY,
    SECTION_COUNT_MISMATCH,
    WARNING,
    Problem,
)
from .table import Column, Table
from .values import (
    SHORT_TEXT_MAX,
    Warn,
    clean_id_number,
    clean_text,
    find_channel,
    normalize_ref,
    parse_channel,
    parse_closure,
    parse_datetime,
    parse_mark,
    parse_veracity,
)


class SheetRows:
    """`ComplaintParse`'s per-sheet reading (its attributes are set there)."""

    def _sheet_records(self, table: Table) -> Iterator[ComplaintRecord]:
        """The hot loop: columns are looked up once, values cached where they repeat."""
        sheet = table.sheet
        cols = table.columns
        problems = self.problems
        seen = self._seen
        counts = self.counts
        max_text = self._max_text
        resolve_region = self._regions.resolve
        parse_pollution = self._pollution.parse
        ref_col, text_col = cols["ref"], cols["text"]
        region_cols = [cols[f] for f in REGION_ORDER if f in cols]
        optional = {f: cols.get(f) for f in (f.name for f in COMPLAINT_FIELDS)}
        pollution_col = optional["pollution_types"]
        channel_col = optional["channel"]
        accepted_col = optional["accepted_at"]
        key_col = optional["is_key"]
        repeat_col = optional["team_repeat"]
        serial_col = optional["serial"]
        city_col = optional["region_city"]
        narrow = city_col is not None and len(region_cols) > 1
        pattern = self._ref_pattern
        handling = [
            (f, optional[f], parser)
            for f, parser in (
                ("closure", parse_closure),
                ("veracity", parse_veracity),
                ("target", None),
                ("findings", None),
                ("measures", None),
                ("accountability", None),
            )
            if optional[f] is not None
        ]
        people = [
            (f, optional[f], PII_MASKS[f], clean_id_number if f == "complainant_id_number" else None) for f in PII_MASKS
        ]
        raw_keys = _raw_keys(table)
        _text = cell_text
        sheet_channel = find_channel(sheet)
        section_channels: dict[str | None, str | None] = {None: sheet_channel}
        # Where each ref was first seen, as one int (sheet number, row): a million refs
        # are a million dict entries, so keep the values small.
        sheet_no = len(self._sheet_names)
        self._sheet_names.append(sheet)
        base = sheet_no * _ROWS_PER_SHEET

        def report(col: Column, raw: Cell, msg: str, mask=None) -> bool:
            """File a problem at its cell; 1 if it is an error, 0 for a warning."""
            value = cell_text(raw)
            if mask is not None:
                value = mask(value)
            level = WARNING if isinstance(msg, Warn) else ERROR
            problems.append(Problem(sheet, rn, col.letter, col.header, value, str(msg), level))
            return level == ERROR

        # Columns with no header cannot be imported: an error once per column, so data
        # typed beside the table is never dropped (the office adds a header or deletes it).
        labelled = {c.index for c in cols.values()} | {c.index for c in table.unmapped}
        labelled |= {ignored.index for ignored, _kept in table.duplicates}
        warned_headerless: set[int] = set()

        for rn, row, section in table.rows():
            counts["rows"] += 1
            bad = 0
            where = base + rn
            if len(warned_headerless) + len(labelled) < len(row):
                for i, raw in enumerate(row):
                    if i not in labelled and i not in warned_headerless and not is_blank(raw):
                        warned_headerless.add(i)
                        problems.append(
                            # numbers in it may be a complainant's: never shown whole
                            Problem(
                                sheet, rn, column_letter(i), "", redact_text(cell_text(raw)), HEADERLESS_DATA, ERROR
                            )
                        )

            raw = row[ref_col.index]
            ref, msg = normalize_ref(raw)
            if msg is not None:
                bad += report(ref_col, raw, msg)
            elif ref is None:
                bad += report(ref_col, raw, REF_MISSING)
            else:
                if pattern is not None and not pattern.fits(ref.text):
                    msg = (
                        REF_PATTERN_MISMATCH.format(example=pattern.example)
                        if pattern.example
                        else REF_PATTERN_MISMATCH_BARE
                    )
                    report(ref_col, raw, Warn(msg))
                first = seen.get(ref.text)
                if first is None:
                    seen[ref.text] = where
                else:
                    first_sheet, first_row = divmod(first, _ROWS_PER_SHEET)
                    if first_sheet == sheet_no:
                        bad += report(ref_col, raw, REF_DUPLICATE.format(row=first_row))
                    else:
                        other = self._sheet_names[first_sheet]
                        bad += report(ref_col, raw, REF_DUPLICATE_SHEET.format(sheet=other, row=first_row))

            raw = row[text_col.index]
            text, msg = clean_text(raw, max_text)
            if msg is not None:
                bad += report(text_col, raw, msg)
            if not text:
                bad += report(text_col, raw, REQUIRED_EMPTY.format(header=text_col.header))

            region_code = None
            within = ""
            if narrow:
                # the row's city narrows a county name two cities share (高新区)
                city_raw = row[city_col.index]  # type: ignore[union-attr]
                if not is_blank(city_raw):
                    within = resolve_region(city_raw)[0] or ""
            for col in region_cols:
                raw = row[col.index]
                if is_blank(raw):
                    continue
                region_code, msg = resolve_region(raw, within)
                if msg is not None:
                    bad += report(col, raw, msg)
                break
            else:
                col = region_cols[0]
                bad += report(col, row[col.index], REQUIRED_EMPTY.format(header=col.header))

            pollution: tuple[str, ...] = ()
            if pollution_col is not None:
                raw = row[pollution_col.index]
                if not is_blank(raw):
                    pollution, msg = parse_pollution(raw)
                    if msg is not None:
                        bad += report(pollution_col, raw, msg)

            channel = None
            if channel_col is not None:
                raw = row[channel_col.index]
                channel, msg = parse_channel(raw)
                if msg is not None:
                    bad += report(channel_col, raw, msg)
            if channel is None:
                if section not in section_channels:
                    section_channels[section] = find_channel(section) or sheet_channel
                channel = section_channels[section]

            accepted_at = None
            if accepted_col is not None:
                raw = row[accepted_col.index]
                if not is_blank(raw):
                    accepted_at, msg = parse_datetime(raw)
                    if msg is not None:
                        bad += report(accepted_col, raw, msg)

            is_key = ref.is_key if ref is not None else False
            if key_col is not None:
                raw = row[key_col.index]
                mark, msg = parse_mark(raw)
                if msg is not None:
                    bad += report(key_col, raw, msg)
                is_key = is_key or bool(mark)

            team_repeat = None
            if repeat_col is not None:
                raw = row[repeat_col.index]
                mark, msg = parse_mark(raw)
                if msg is not None:
                    bad += report(repeat_col, raw, msg)
                team_repeat = bool(mark)

            person: dict[str, str] = {}
            for f, col, mask, cleaner in people:
                if col is None:
                    person[f] = ""
                    continue
                raw = row[col.index]
                if is_blank(raw):
                    person[f] = ""
                    continue
                value, msg = cleaner(raw) if cleaner else clean_text(raw, SHORT_TEXT_MAX)
                if msg is not None:
                    bad += report(col, raw, msg, mask)
                person[f] = value

            results: dict[str, str | None] = {}
            for f, col, parser in handling:
                raw = row[col.index]
                if parser is not None:
                    results[f], msg = parser(raw)
                else:
                    results[f], msg = clean_text(raw, max_text) if not is_blank(raw) else ("", None)
                if msg is not None:
                    bad += report(col, raw, msg)

            if bad:
                continue
            counts["records"] += 1
            yield ComplaintRecord(
                sheet=sheet,
                row=rn,
                ref=ref.text,  # type: ignore[union-attr]
                is_key=is_key,
                channel=channel,
                accepted_at=accepted_at,
                text=text,
                region_code=region_code,  # type: ignore[arg-type]
                pollution_types=pollution,
                team_repeat=team_repeat,
                raw={name: _text(row[i]) for name, i in raw_keys},
                serial=_serial(row[serial_col.index]) if serial_col is not None else None,
                **person,
                **results,  # type: ignore[arg-type]
            )

        for section_row, section_text, declared, actual in table.section_mismatches:
            msg = SECTION_COUNT_MISMATCH.format(declared=declared, actual=actual)
            self.problems.append(Problem(sheet, section_row, "", "", section_text, msg, WARNING))


def _serial(value: Cell) -> int | None:
    """序号 as a whole number (1, 1.0, "1", " 1 "); anything else is no serial."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and float(value).is_integer() and 0 < value < 10**9:
        return int(value)
    text = str(value).strip() if value is not None else ""
    return int(text) if text.isdigit() and len(text) < 10 else None


def _raw_keys(table: Table) -> list[tuple[str, int]]:
    """(header, index) for the record's `raw` dict; a header used twice gets its letter."""
    cols = sorted([*table.columns.values(), *table.unmapped], key=lambda c: c.index)
    serial = table.columns.get("serial")
    keys: list[tuple[str, int]] = []
    names: set[str] = set()
    for col in cols:
        if col is serial:
            continue
        name = col.header if col.header not in names else f"{col.header}（{col.letter}列）"
        names.add(name)
        keys.append((name, col.index))
    return keys
