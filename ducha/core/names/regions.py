"""Region names as people write them, derived from the region table of any city.

`region_names(rows, aliases)` gives every name a region goes by, each with its rank:

    0  the official name                          湘潭高新技术产业开发区, 雨湖区
    1  an alias from the table the office edits    九华, 湘潭经开区, 天易示范区
    2  a form derived from the official name:
         the city's name dropped                    湘潭九华示范区 → 九华示范区
         the usual short forms                      …经济技术开发区 → …经开区 (→ 经开区)
                                                    …高新技术产业开发区 → …高新区 (→ 高新区)
                                                    …两型产业发展示范区 → …示范区
         the bare name of a county or a city        雨湖区 → 雨湖, 湘潭市 → 湘潭

A name goes to the region of its best rank. When two regions share a name at that
rank, the name is ambiguous: it resolves to neither, and the message names both (two
loaded cities that each have a 高新区). An alias settles what derivation cannot.

Pure Python, never imports Django; the org app feeds it the Region and RegionAlias
tables (`ducha.org.names`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

OFFICIAL, ALIAS, DERIVED = 0, 1, 2
PROVINCE, CITY, COUNTY = "province", "city", "county"

# (long form, short form) as people abbreviate park names; tried on every name a park
# goes by, longest first, so 高新技术产业开发区 is not read as 产业开发区.
_SHORT_FORMS: tuple[tuple[str, str], ...] = (
    ("高新技术产业开发区", "高新区"),
    ("高新技术开发区", "高新区"),
    ("高新技术产业园区", "高新区"),
    ("高新技术产业园", "高新区"),
    ("经济技术开发区", "经开区"),
    ("经济开发区", "经开区"),
    ("两型产业发展示范区", "示范区"),
    ("两型社会建设示范区", "示范区"),
    ("综合保税区", "综保区"),
    ("工业园区", "工业园"),
    ("产业开发区", "开发区"),
)
# The kind words a park name ends with; what comes before is its place name (九华).
_PARK_WORDS = ("高新区", "经开区", "示范区", "综保区", "工业园", "新区")
_NOT_A_PLACE = re.compile(r"技术|产业|经济|开发|两型")
_STEM_SUFFIX = re.compile(r"(?:省|市|区|县|自治区|特别行政区|自治州|地区|盟|旗|林区)$")
# Ethnic autonomous counties people shorten: 江华瑶族自治县 → 江华县, 江华.
_AUTONOMOUS = re.compile(r"^(.{2,}?)(?:[\u4e00-\u9fff]{1,6}族)+自治(县|州)$")


def name_key(text: str) -> str:
    """How names are compared: NFKC (全角 → 半角, （）→ ()), no whitespace at all."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass(frozen=True)
class RegionRow:
    code: str
    name: str
    level: str  # province / city / county
    kind: str = "admin"  # admin / park
    parent: str | None = None  # the parent's code


@dataclass
class RegionNames:
    """Name key → code, and the names two regions claim (key → their codes)."""

    codes: dict[str, str] = field(default_factory=dict)
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # code → official name
    parents: dict[str, str] = field(default_factory=dict)  # province/city names and stems → code
    # every region that could claim a name several claim, at any rank: a row that names
    # its city (株洲市, 高新区) settles the name within that city, even against an alias
    claimants: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def lookup(self, name: str) -> str | None:
        return self.codes.get(name_key(name))

    def candidates(self, name: str) -> tuple[str, ...]:
        return self.ambiguous.get(name_key(name), ())


def stem(name: str) -> str:
    """湘潭市 → 湘潭, 湖南省 → 湖南, 雨湖区 → 雨湖, 江华瑶族自治县 → 江华; "" when what is
    left is too short to stand alone (津市 → 津 is a word, not a name)."""
    if m := _AUTONOMOUS.match(name):
        return m.group(1)
    s = _STEM_SUFFIX.sub("", name)
    return s if len(s) >= 2 and s != name else ""


def _parent_prefixes(parents: Iterable[RegionRow | None]) -> list[str]:
    out = []
    for parent in parents:
        if parent is not None:
            out += [p for p in (parent.name, stem(parent.name)) if p]
    return sorted(set(out), key=len, reverse=True)


def _park_forms(name: str, prefixes: list[str]) -> set[str]:
    """…经济技术开发区 → …经开区 and 经开区; a short park name's place (九华示范区 → 九华)."""
    out: set[str] = set()
    for long, short in _SHORT_FORMS:
        if name.endswith(long):
            head = name[: -len(long)]
            out.add(head + short)
            if head:
                out.add(short)  # 经开区 alone: the city's only one, else ambiguous
            break
    for candidate in (name, *out):
        word = next((w for w in _PARK_WORDS if candidate.endswith(w)), None)
        if word is None:
            continue
        head = candidate[: -len(word)]
        if head:
            out.add(word)  # 示范区 alone: the city's only one, else ambiguous
        if len(head) >= 2 and not head.startswith(tuple(prefixes)) and _NOT_A_PLACE.search(head) is None:
            out.add(head)  # 九华示范区 → 九华 (but 湘潭高新区 → 湘潭 would be the city)
    return out


def derived_names(
    row: RegionRow, city: RegionRow | None, province: RegionRow | None, extra: Iterable[str] = ()
) -> set[str]:
    """Every form people write for `row` besides its official name and aliases;
    `extra` are its aliases, whose short forms count too (湘潭经济技术开发区 → 经开区)."""
    prefixes = _parent_prefixes((city, province))
    local = {row.name, *extra}
    for n in list(local):
        for p in prefixes:
            if n.startswith(p) and len(n) - len(p) >= 2:
                local.add(n[len(p) :])  # 湘潭九华示范区 → 九华示范区
    names = set(local)
    # a park's names shorten the usual way; so do a county's aliases that name the park
    # inside it (湘潭县: 天易经开区 → 经开区, which 九华 also claims)
    for n in local if row.kind == "park" else [n for n in local if n != row.name and not n.endswith(row.name)]:
        names |= _park_forms(n, prefixes)
    if row.kind != "park":
        if m := _AUTONOMOUS.match(row.name):
            names.add(m.group(1) + m.group(2))  # 江华瑶族自治县 → 江华县
        if s := stem(row.name):
            names.add(s)
    names.discard(row.name)
    names.difference_update(extra)
    return {n for n in names if len(n) >= 2}


def region_names(rows: Iterable[RegionRow], aliases: Mapping[str, str] | None = None) -> RegionNames:
    rows = list(rows)
    by_code = {r.code: r for r in rows}
    claims: dict[str, dict[str, int]] = {}  # key → code → best rank

    def claim(name: str, code: str, rank: int) -> None:
        k = name_key(name)
        if not k:
            return
        codes = claims.setdefault(k, {})
        if rank < codes.get(code, 99):
            codes[code] = rank

    result = RegionNames()
    alias_of: dict[str, list[str]] = {}
    for alias, code in (aliases or {}).items():
        alias_of.setdefault(code, []).append(alias)
    for r in rows:
        result.labels[r.code] = r.name
        claim(r.name, r.code, OFFICIAL)
        city = province = None
        parent = by_code.get(r.parent) if r.parent else None
        while parent is not None:
            if parent.level == CITY and city is None:
                city = parent
            elif parent.level == PROVINCE and province is None:
                province = parent
            parent = by_code.get(parent.parent) if parent.parent else None
        for n in derived_names(r, city, province, alias_of.get(r.code, ())):
            claim(n, r.code, DERIVED)
        if r.level in (PROVINCE, CITY):
            result.parents[name_key(r.name)] = r.code
            if s := stem(r.name):
                result.parents.setdefault(name_key(s), r.code)
    for alias, code in (aliases or {}).items():
        claim(alias, code, ALIAS)
    for k, codes in claims.items():
        if len(codes) > 1:
            result.claimants[k] = tuple(sorted(codes))
        best = min(codes.values())
        winners = tuple(sorted(c for c, rank in codes.items() if rank == best))
        if len(winners) == 1:
            result.codes[k] = winners[0]
        else:
            result.ambiguous[k] = winners
    return result
