"""Small helpers about raw cell values, shared by the reader, the table finder and the
normalisers. A raw cell is what calamine or the csv module gives: str, float, int, bool,
date, datetime, time, timedelta, or "" / None for an empty cell."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache
from typing import Any

Cell = Any


def is_blank(value: Cell) -> bool:
    """Empty, None, or only whitespace (a space typed into a cell is still empty)."""
    if value is None or value == "":
        return True
    return value.__class__ is str and not value.strip()


def cell_text(value: Cell) -> str:
    """The raw value as text, as the user would read it in the cell.

    Excel stores every number as a float, so 12345 comes back as 12345.0: print whole
    numbers without the ".0", or a ref or a phone number would read wrong.
    """
    cls = value.__class__
    if cls is str:
        return value
    if value is None:
        return ""
    if cls is float:
        if value.is_integer():
            if abs(value) < 1e15:
                return str(int(value))
            # Past 15 digits Excel has already rounded what was typed (an 18-digit ID
            # number): show the digits it kept, as Excel does, not binary noise.
            return format(Decimal(repr(value)), "f")
        return repr(value)
    if cls is bool:
        return "TRUE" if value else "FALSE"
    if cls is dt.datetime:
        if value.second or value.microsecond:
            return value.strftime("%Y-%m-%d %H:%M:%S")
        return value.strftime("%Y-%m-%d %H:%M")
    if cls is dt.date:
        return value.isoformat()
    return str(value)


@lru_cache(maxsize=1024)
def column_letter(index: int) -> str:
    """0 → "A", 25 → "Z", 26 → "AA": the letter the user sees above the column."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
