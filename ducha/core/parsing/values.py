"""Normalisers for the values people type into complaint tables.

Each returns (value, message): message is None when the value is fine, a `Warn` when it
is kept but the user should know, or a plain str naming an error. Nothing raises for a
bad cell: a file of 100,000 rows is checked in one pass, and exceptions per cell would
be slow and would stop at the first one.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from ducha.core.names.regions import RegionNames

from .cells import Cell, cell_text
from .errors import (
    DATE_IMPOSSIBLE,
    DATE_INVALID,
    DATE_WITHOUT_DAY,
    POLLUTION_UNKNOWN,
    REF_BAD_CHARS,
    REF_NOT_TEXT,
    REF_PRECISION_LOST,
    REF_SCIENTIFIC,
    REF_TOO_LONG,
    REGION_AMBIGUOUS,
    REGION_SEVERAL,
    REGION_UNKNOWN,
)
from .value_cells import (  # noqa: F401  (re-exported: callers import them from here)
    _BRACKETED,
    _FORMULA_START,
    _ID_SHAPE,
    _NO,
    _YES,
    CHANNELS,
    CLOSURE,
    VERACITY,
    _choice,
    clean_id_number,
    clean_text,
    find_channel,
    parse_channel,
    parse_closure,
    parse_mark,
    parse_veracity,
)
from .value_common import _CACHE_LIMIT, REF_MAX, SHORT_TEXT_MAX, TEXT_MAX, Warn, _key  # noqa: F401

# --- refs -----------------------------------------------------------------------


class Ref(NamedTuple):
    text: str
    is_key: bool


# Letters, digits and the few signs provincial schemes use: D2HN202104070061,
# BCD2022092601, 访受〔2021〕0517031号. No spaces, no control characters.
_REF_OK = re.compile(r"[A-Za-z0-9_\-]+")
_DIGIT_RUN = re.compile(r"\d{4}")
_REF_WIDE_OK = re.compile(r"[\w\-〔〕\[\]()【】.#/]+")
_SCIENTIFIC = re.compile(r"\d(?:\.\d+)?[eE]\+?\d+")


def normalize_ref(value: Cell) -> tuple[Ref | None, str | None]:
    """受理编号: NFKC (full-width digits and letters → half-width), no whitespace; a
    trailing "*" marks a key case (重点件) and is removed; 12345.0 → "12345".
    A blank cell gives (None, None)."""
    cls = value.__class__
    if cls is float:
        if not value.is_integer():
            return None, REF_BAD_CHARS
        # Excel keeps numbers as doubles: past 15 digits the last ones are already
        # lost (430000201705080003 reads back as …080000). Never import a wrong ref.
        if abs(value) >= 1e15:
            return None, REF_PRECISION_LOST
        value = cell_text(value)
    elif cls is int:
        value = str(value)
    elif cls is not str:
        return (None, None) if value is None else (None, REF_NOT_TEXT)
    text = value if value.isascii() else unicodedata.normalize("NFKC", value)
    text = "".join(text.split())
    is_key = text.endswith("*")
    if is_key:
        text = text.rstrip("*")
    if not text:
        return None, None  # blank: whether that is an error is the caller's business
    if len(text) > REF_MAX:
        return None, REF_TOO_LONG.format(limit=REF_MAX)
    if _REF_OK.fullmatch(text) is None:
        if _SCIENTIFIC.fullmatch(text):
            return None, REF_SCIENTIFIC
        # A provincial code with words has a long run of digits; "第3批第1号" is no ref.
        if text.isascii() or _REF_WIDE_OK.fullmatch(text) is None or _DIGIT_RUN.search(text) is None:
            return None, REF_BAD_CHARS
    return Ref(text, is_key), None


@dataclass(frozen=True)
class RefPattern:
    """The shape an inspection's 受理编号 take, and an example for the message."""

    regex: str
    example: str

    def fits(self, ref: str) -> bool:
        return re.fullmatch(self.regex, ref) is not None


# The central teams' schemes, by round: channel letter (D 来电, X 来信, W 网络 …),
# round digit, province letters, date, sequence.
REF_SCHEMES: dict[str, RefPattern] = {
    "round1": RefPattern(r"\d{6,20}", "430000201705080003"),
    "lookback": RefPattern(r"[A-Z]\d{6}20\d{6}\d{3,5}", "D410000201806210057"),
    "round2": RefPattern(r"[A-Z]2[A-Z]{2}20\d{6}\d{3,5}", "D2HN202104070061"),
    "round3": RefPattern(r"[A-Z]3[A-Z]{2}20\d{6}\d{3,5}", "X3HN202406070082"),
}


def ref_pattern(value: str | RefPattern | None) -> RefPattern | None:
    """A scheme name ("round2"), a regular expression, or a RefPattern."""
    if value is None or isinstance(value, RefPattern):
        return value
    if value in REF_SCHEMES:
        return REF_SCHEMES[value]
    re.compile(value)  # a bad expression fails here, loudly, not on every row
    return RefPattern(value, "")


# --- datetimes ------------------------------------------------------------------

_DATETIME = re.compile(
    r"\s*(\d{4})\s*(?:年|[./\-])\s*(\d{1,2})\s*(?:月|[./\-])\s*(\d{1,2})\s*日?"
    r"(?:\s*[Tt]?\s*(\d{1,2})\s*(?:[:：]|时|点)"
    r"\s*(?:(\d{1,2})\s*(?:分|[:：])?\s*(?:(\d{1,2})(?:\.\d+)?\s*秒?)?)?)?\s*"
)


def parse_datetime(value: Cell) -> tuple[dt.datetime | None, str | None]:
    """A naive datetime (the caller applies the time zone); a date alone gives 00:00.

    Accepts Excel date cells and the strings people type: 2021.4.7 14:20, 2021/4/7,
    2021-04-07 09:30:00, 2021年4月7日10时02分, 2021年4月7日 10:02, 2021年4月7日.
    """
    cls = value.__class__
    if cls is dt.datetime:
        # Excel keeps times as fractions of a day: 14:20 may come back as 14:19:59.999.
        if value.microsecond:
            value = value.replace(microsecond=0) + dt.timedelta(seconds=value.microsecond >= 500_000)
        return value.replace(tzinfo=None), None
    if cls is dt.date:
        return dt.datetime(value.year, value.month, value.day), None
    if cls is dt.time or cls is dt.timedelta:
        return None, DATE_WITHOUT_DAY
    if cls is not str:
        return None, DATE_INVALID
    m = _DATETIME.fullmatch(value)
    if m is None:
        return None, DATE_INVALID
    y, mo, d, h, mi, s = m.groups()
    try:
        return dt.datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0)), None
    except ValueError:
        return None, DATE_IMPOSSIBLE


# --- several values in one cell -------------------------------------------------

_SPLIT = re.compile(r"[、,，/／;；|｜\r\n]+")


def split_multi(value: Cell) -> list[str]:
    """ "大气、噪声" → ["大气", "噪声"]: split on 、 , ， / ； ; | and line breaks."""
    text = cell_text(value)
    return [p for p in (part.strip() for part in _SPLIT.split(text)) if p]


# --- pollution types ------------------------------------------------------------


class PollutionTypes:
    """Map 污染类型 cells to codes with a synonym table the caller owns (kept in the
    database, so an admin can add "油烟" without a release)."""

    def __init__(self, synonyms: Mapping[str, str]) -> None:
        self._codes = {_key(name): code for name, code in synonyms.items()}
        self._cache: dict[Cell, tuple[tuple[str, ...], str | None]] = {}

    def lookup(self, part: str) -> str | None:
        """Exact first, then without a trailing "类" and/or "污染" (大气污染类 → 大气)."""
        k = _key(part)
        for candidate in (k, k.removesuffix("类"), k.removesuffix("污染"), _strip_kind(k)):
            code = self._codes.get(candidate)
            if code is not None:
                return code
        return None

    def parse(self, value: Cell) -> tuple[tuple[str, ...], str | None]:
        hit = self._cache.get(value)
        if hit is not None:
            return hit
        codes: set[str] = set()
        unknown: list[str] = []
        for part in split_multi(value):
            code = self.lookup(part)
            if code is None:
                unknown.append(part)
            else:
                codes.add(code)
        if unknown:
            result = ((), POLLUTION_UNKNOWN.format(parts="、".join(f"“{p}”" for p in unknown)))
        else:
            result = (tuple(sorted(codes)), None)
        if len(self._cache) < _CACHE_LIMIT:
            self._cache[value] = result
        return result


def _strip_kind(k: str) -> str:
    return k.removesuffix("类").removesuffix("污染")


# --- regions --------------------------------------------------------------------

_PARENT_SUFFIX = re.compile(r"(?:省|市|自治区|自治州|地区|盟)$")


_PATH_SPLIT = re.compile(r"[/／\\\-—－·>＞\s、,，;；（）()]+")


def _significant(code: str) -> str:
    """The digits a GB/T 2260 code owns: 430000 → 43, 430300 → 4303, 430302 → 430302."""
    while code.endswith("00") and len(code) > 2:
        code = code[:-2]
    return code


# A part of a 涉及区县及部门 cell that names a unit, not a place: ignored beside a region.
_UNIT_WORD = re.compile(r"(?:局|委|办|院|厅|队|处|所|站|公司|中心|部|管委会|政府)$")


class RegionResolver:
    """Resolve 行政区域 cells to region codes with names and aliases the caller owns.

    People write the district alone (雨湖区), with its parents (湖南省湘潭市雨湖区) or
    with a short form (高新区, 九华): try the text as written, then with known parent
    names stripped from the front, then with parent stems (湘潭高新区 → 高新区). A
    parent stripped, or the city column of the row, narrows a name two regions share
    (株洲市高新区); a name still shared is refused with both regions named.

    `regions` is a `RegionNames` (ducha.core.names: official names, aliases and derived
    short forms, with the ambiguous ones) or a plain name → code mapping.
    """

    def __init__(self, regions: Mapping[str, str] | RegionNames, parents: Iterable[str] = ()) -> None:
        if isinstance(regions, RegionNames):
            self._codes = dict(regions.codes)
            self._ambiguous = dict(regions.ambiguous)
            self._labels = dict(regions.labels)
            self._claimants = dict(regions.claimants)
            parent_codes = dict(regions.parents)
        else:
            self._codes = {_key(name): code for name, code in regions.items()}
            self._ambiguous = {}
            self._labels = {}
            self._claimants = {}
            parent_codes = {}
        for p in parents:
            k = _key(p)
            if k:
                parent_codes.setdefault(k, self._codes.get(k, ""))
                s = _PARENT_SUFFIX.sub("", k)
                if s and s != k:
                    parent_codes.setdefault(s, parent_codes[k])
        self._parent_codes = parent_codes
        self._parents = tuple(sorted(parent_codes, key=len, reverse=True))
        self._cache: dict[tuple[Cell, str], tuple[str | None, str | None]] = {}

    def _lookup(self, text: str, within: str) -> tuple[str | None, tuple[str, ...]]:
        code = self._codes.get(text)
        if within and (code is None or not code.startswith(_significant(within))):
            mine = [c for c in self._claimants.get(text, ()) if c.startswith(_significant(within))]
            if len(mine) == 1:
                return mine[0], ()  # 高新区 in a row of 株洲市 is 株洲's
        if code is not None:
            return code, ()
        shared = self._ambiguous.get(text)
        if not shared:
            return None, ()
        if within:
            mine = tuple(c for c in shared if c.startswith(_significant(within)))
            if len(mine) == 1:
                return mine[0], ()
            shared = mine or shared
        return None, shared

    def _find(self, text: str, within: str = "") -> tuple[str | None, tuple[str, ...]]:
        code, shared = self._lookup(text, within)
        if code is not None or shared:
            return code, shared
        rest, changed = text, True
        while changed:
            changed = False
            for p in self._parents:
                if rest.startswith(p) and len(rest) > len(p):
                    rest, changed = rest[len(p) :], True
                    within = self._parent_codes[p] or within
                    code, shared = self._lookup(rest, within)
                    if code is not None or shared:
                        return code, shared
                    break
        return None, ()

    def _path(self, text: str, within: str) -> str | None:
        """A region written as a path: 湘潭市/雨湖区, 湘潭市-湘乡市, 岳塘区（湘潭市）.
        Every part must be known and lie on one line of descent; the deepest wins."""
        tokens = [t for t in _PATH_SPLIT.split(text) if t]
        if len(tokens) < 2:
            return None
        codes = [self._find(_key(t), within)[0] for t in tokens]
        if not all(codes):
            return None
        deepest = max(codes, key=lambda c: len(_significant(c)))  # type: ignore[arg-type]
        if all(deepest.startswith(_significant(c)) for c in codes):  # type: ignore[union-attr, arg-type]
            return deepest
        return None

    def _shared_message(self, name: str, shared: tuple[str, ...]) -> str:
        labels = "或".join(f"“{self._labels.get(c, c)}”" for c in shared)
        return REGION_AMBIGUOUS.format(name=name, candidates=labels)

    def resolve(self, value: Cell, within: str = "") -> tuple[str | None, str | None]:
        """One region; blank gives (None, None), the caller decides if it is required.
        `within` (a city's code, from the row's city column) narrows a shared name."""
        key = (value, within)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        parts = split_multi(value)
        written = cell_text(value).strip()
        result: tuple[str | None, str | None]
        if not parts:
            result = (None, None)
        else:
            code, shared = self._find(_key(parts[0]), within) if len(parts) == 1 else (None, ())
            if code is None and not shared:
                code = self._path(written, within)
            if code:
                result = (code, None)
            elif shared:
                result = (None, self._shared_message(written, shared))
            elif len(parts) > 1:
                found = [self._find(_key(p), within)[0] for p in parts]
                places = {c for c in found if c}
                others = [p for p, c in zip(parts, found, strict=True) if not c]
                if len(places) == 1 and all(_UNIT_WORD.search(p) for p in others):
                    result = (places.pop(), None)  # 岳塘区、市住建局: the place, beside its units
                elif len(places) > 1 and all(c or _UNIT_WORD.search(p) for p, c in zip(parts, found, strict=True)):
                    result = (None, REGION_SEVERAL)
                else:
                    result = (None, REGION_UNKNOWN.format(name=written))
            else:
                result = (None, REGION_UNKNOWN.format(name=written))
        if len(self._cache) < _CACHE_LIMIT:
            self._cache[key] = result
        return result
