"""A year's holiday arrangement, as published by the State Council, and its seed.

The Django side keeps arrangements in a table an office can extend (the notice for the
next year comes out each November); this module only describes one year and reads the
`chinese_calendar` package's tables to seed that table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .errors import PACKAGE_YEAR_MISSING, WorkdaysError

SOURCE_TEMPLATE = "国务院办公厅关于{year}年部分节假日安排的通知"

# The package's English holiday values -> the names the State Council notices use.
HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
}

# Blocks that joined two festivals but that the package tags with one name only.
# Keyed by (year, a date inside the block); the notice's own wording.
COMBINED_BLOCK_NAMES = {
    (2020, dt.date(2020, 10, 1)): "国庆节、中秋节",
}

NAME_SEPARATOR = "、"


@dataclass(frozen=True)
class YearArrangement:
    """One year's notice: days off (放假) and make-up working days (调休上班).

    `holidays` maps each day off to its holiday's Chinese name (a block that joins two
    festivals carries both, e.g. "中秋节、国庆节"); `workdays` maps each make-up working
    day (usually a Saturday or Sunday) to the holiday it makes up for. A notice may list
    days of the neighbouring year (元旦 often starts on 30 or 31 December).
    """

    year: int
    holidays: Mapping[dt.date, str] = field(default_factory=dict)
    workdays: Mapping[dt.date, str] = field(default_factory=dict)
    source: str = ""


def package_years() -> range:
    """The years the installed `chinese_calendar` package knows."""
    from chinese_calendar import constants

    years = [d.year for d in constants.holidays]
    return range(min(years), max(years) + 1)


def seed_from_chinese_calendar(
    years: Iterable[int] | None = None,
) -> list[YearArrangement]:
    """Read the installed `chinese_calendar` tables into one arrangement per year.

    `years` defaults to every year the package covers. A year the package does not
    cover raises `WorkdaysError`: it must be entered by hand from the notice.
    """
    from chinese_calendar import constants

    known = package_years()
    wanted = sorted(set(known if years is None else years))
    for year in wanted:
        if year not in known:
            raise WorkdaysError(
                PACKAGE_YEAR_MISSING.format(year=year, first=known[0], last=known[-1]),
                field="year",
            )

    holiday_names = _block_names({d: _name_zh(constants, value) for d, value in constants.holidays.items()})
    holidays_by_year: dict[int, dict[dt.date, str]] = {}
    for day, name in holiday_names.items():
        holidays_by_year.setdefault(_notice_year(day, name), {})[day] = name

    workdays_by_year: dict[int, dict[dt.date, str]] = {}
    for day, value in constants.workdays.items():
        name = _name_zh(constants, value)
        year = _notice_year(day, name)
        name = _block_name_for(name, holidays_by_year.get(year, {}))
        workdays_by_year.setdefault(year, {})[day] = name

    return [
        YearArrangement(
            year=year,
            holidays=dict(sorted(holidays_by_year.get(year, {}).items())),
            workdays=dict(sorted(workdays_by_year.get(year, {}).items())),
            source=SOURCE_TEMPLATE.format(year=year),
        )
        for year in wanted
    ]


def _name_zh(constants, value: str) -> str:
    if value in HOLIDAY_NAMES_ZH:
        return HOLIDAY_NAMES_ZH[value]
    return constants.Holiday(value).chinese


def _notice_year(day: dt.date, name: str) -> int:
    """元旦 days in December belong to the next year's notice."""
    if day.month == 12 and name.startswith(HOLIDAY_NAMES_ZH["New Year's Day"]):
        return day.year + 1
    return day.year


def _block_names(names: dict[dt.date, str]) -> dict[dt.date, str]:
    """Give every day of a run of consecutive days off the run's joined name."""
    out: dict[dt.date, str] = {}
    block: list[dt.date] = []
    for day in sorted(names):
        if block and (day - block[-1]).days != 1:
            out.update(_name_block(block, names))
            block = []
        block.append(day)
    if block:
        out.update(_name_block(block, names))
    return out


def _name_block(block: list[dt.date], names: dict[dt.date, str]) -> dict[dt.date, str]:
    joined = join_names(names[d] for d in block)
    for (year, inside), name in COMBINED_BLOCK_NAMES.items():
        if inside in block and block[0].year == year:
            joined = name
    return dict.fromkeys(block, joined)


def join_names(names: Iterable[str]) -> str:
    """Unique holiday names in order of first appearance: "中秋节、国庆节"."""
    seen: dict[str, None] = {}
    for name in names:
        for part in name.split(NAME_SEPARATOR):
            if part:
                seen.setdefault(part, None)
    return NAME_SEPARATOR.join(seen)


def _block_name_for(name: str, holidays: Mapping[dt.date, str]) -> str:
    """A make-up day tagged 国庆节 in a year whose block is "国庆节、中秋节"."""
    for block_name in holidays.values():
        if name in block_name.split(NAME_SEPARATOR):
            return block_name
    return name
