"""Unit names as task lists write them, matched to the unit directory of a city.

Lists name a unit by its full name, its 简称 or something in between:

    中共湘潭市委组织部 = 湘潭市委组织部 = 市委组织部 (= 组织部, when only one)
    湘潭市发展和改革委员会 = 市发展和改革委员会 = 市发展和改革委 = 市发改委 (an alias)
    雨湖区人民政府 = 雨湖区政府 = 雨湖区 = 湘潭市雨湖区人民政府
    湘潭经开区（九华示范区）管委会 = 湘潭经开区管委会 = 九华示范区管委会 = 九华示范区
    湘潭市公安局交通警察支队 = 市公安局交通警察支队 = 交通警察支队 (its parent dropped)

`UnitDirectory(units, collectives)` derives every such name for each unit with a rank
(0 the full name, 1 a short name, alias or one of its mechanical variants, 2 a bare
name with the city and its party or government prefix dropped). A name goes to the
unit of its best rank; two units at that rank make it ambiguous, and it is refused
with its candidates named. A collective name (各县市区人民政府) is its own entry: it
resolves to the collective and its members, never to its first member. An unknown
name comes back with the closest known units (rapidfuzz), so a screen can offer them.

Pure Python, never imports Django.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from .regions import name_key, stem

FULL, SHORT, BARE = 0, 1, 2
UNIT, COLLECTIVE, AMBIGUOUS, UNKNOWN = "unit", "collective", "ambiguous", "unknown"
SUGGESTIONS = 3
SUGGESTION_CUTOFF = 55.0  # on fuzz.ratio: below it the "closest" unit is noise
_PAREN = re.compile(r"^(.*?)\(([^()]+)\)(.*)$")  # after NFKC: （） → ()
# Words too general to name one unit once the city and its prefix are gone.
_GENERIC = frozenset({"人民政府", "政府", "管委会", "管理委员会", "办公室", "委员会", "党工委", "委", "局", "办"})


@dataclass(frozen=True)
class UnitRow:
    id: int
    name: str
    short_name: str = ""
    aliases: tuple[str, ...] = ()
    kind: str = ""  # office / department / government / park / police / procuratorate / court / collective
    city: str = ""  # the name of the unit's city: 湘潭市
    parent: str = ""  # the full name of its parent unit (湘潭市公安局 for a 支队)
    region_names: tuple[str, ...] = ()  # a government's or park's own region names: 雨湖区, 雨湖, 高新区 …

    @property
    def label(self) -> str:
        return self.name


@dataclass(frozen=True)
class Collective:
    """A name written for several units: the directory's own row for it (if the city
    keeps one) and its members."""

    name: str
    unit_id: int | None
    members: tuple[int, ...]
    spellings: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnitMatch:
    kind: str  # UNIT / COLLECTIVE / AMBIGUOUS / UNKNOWN
    ids: tuple[int, ...] = ()  # the unit; or the candidates of an ambiguous name
    collective: Collective | None = None
    suggestions: tuple[tuple[int, str], ...] = ()  # closest known units of an unknown name


def _alternatives(name: str) -> set[str]:
    """湘潭经开区(九华示范区)管委会 → itself, 湘潭经开区管委会, 九华示范区管委会."""
    out = {name}
    m = _PAREN.match(name)
    if m is not None:
        head, inner, tail = m.groups()
        for part in (head, inner):
            if part:
                out |= _alternatives(part + tail)
    return out


def _suffix_forms(name: str) -> set[str]:
    out = {name}
    for long, shorts in (
        ("人民政府", ("政府",)),
        ("管理委员会", ("管委会",)),
        ("管委会", ("管理委员会",)),
        ("委员会", ("委",)),
    ):
        if name.endswith(long) and len(name) > len(long):
            out |= {name[: -len(long)] + s for s in shorts}
            break
    return out


def _prefix_forms(name: str, city: str) -> dict[str, int]:
    """The city's party and government prefixes, spelled out or shortened to 市 (rank
    SHORT), or dropped (the bare name, and 市 + the bare name: rank BARE). So
    中共湘潭市委督查室 and 湘潭市人民政府督查室 both answer to 市督查室, and a list
    that writes it is asked which one it means."""
    out: dict[str, int] = {}
    if not city:
        return out
    city_stem = stem(city) or city

    def spell(prefixes: tuple[str, ...], rest: str) -> dict[str, int]:
        forms = {p + rest: SHORT for p in prefixes}
        forms.setdefault(rest, BARE)
        forms.setdefault("市" + rest, BARE)
        return forms

    groups = (
        ("中共" + city + "委", city + "委", "市委"),  # the party committee's organs
        (city + "人民政府", "市人民政府", city + "政府", "市政府"),  # the government's own offices
    )
    for prefixes in groups:
        for p in prefixes:
            if name.startswith(p) and not name.startswith(p + "员会") and len(name) > len(p) + 1:
                return spell(prefixes, name[len(p) :])
    for p in ("中共" + city, "中共" + city_stem):
        if name.startswith(p) and len(name) > len(p) + 1:
            return spell((city, "市"), name[len(p) :])  # 中共湘潭市纪律检查委员会 → 市纪律检查委员会
    for p in (city, "市"):
        if name.startswith(p) and len(name) > len(p) + 1 and not (p == "市" and name.startswith("市场")):
            rest = name[len(p) :]
            return {city + rest: SHORT, "市" + rest: SHORT, rest: BARE}
    if name.startswith(city_stem) and len(name) > len(city_stem) + 1:
        rest = name[len(city_stem) :]  # 湘潭海事处 → 海事处, 湘潭高新区管委会 → 高新区管委会
        out[city + rest] = SHORT
        out[rest] = SHORT if rest.startswith(("高新区", "经开区", "示范区", "综保区")) else BARE
    return out


def unit_names(row: UnitRow) -> dict[str, int]:
    """Every name `row` goes by, with its rank (lower is stronger)."""
    names: dict[str, int] = {}

    def add(name: str, rank: int) -> None:
        k = name_key(name)
        if len(k) >= 2 and k not in _GENERIC and rank < names.get(k, 99):
            names[k] = rank

    bases = [(row.name, FULL)] + [(n, SHORT) for n in (row.short_name, *row.aliases) if n]
    for base, rank in bases:
        for alt in _alternatives(name_key(base)):
            alt_rank = rank if alt == name_key(base) else SHORT
            for form in _suffix_forms(alt):
                form_rank = alt_rank if form == alt else SHORT
                add(form, form_rank)
                for prefixed, prefix_rank in _prefix_forms(form, row.city).items():
                    add(prefixed, max(prefix_rank, form_rank))
                    for f in _suffix_forms(prefixed):
                        add(f, max(prefix_rank, form_rank, SHORT))
                if row.parent and form.startswith(name_key(row.parent)) and len(form) > len(name_key(row.parent)) + 1:
                    add(form[len(name_key(row.parent)) :], BARE)  # 交通警察支队 under 市公安局
    if row.kind in ("government", "park"):
        words = ("人民政府", "政府") if row.kind == "government" else ("管委会", "管理委员会", "党工委")
        for region in row.region_names:
            add(region, SHORT)  # 雨湖区 as a responsible unit is its government
            for w in words:
                add(region + w, SHORT)
            if row.city and not region.startswith(row.city):
                add(row.city + region, SHORT)
                for w in words:
                    add(row.city + region + w, SHORT)
    return names


@dataclass
class UnitDirectory:
    """Name → unit, for one city's list. Build once per import; `resolve` is cheap."""

    units: list[UnitRow]
    collectives: list[Collective] = field(default_factory=list)

    def __post_init__(self) -> None:
        claims: dict[str, dict[int, int]] = {}
        for row in self.units:
            for k, rank in unit_names(row).items():
                owners = claims.setdefault(k, {})
                owners[row.id] = min(rank, owners.get(row.id, 99))
        self._labels = {row.id: row.label for row in self.units}
        self._names: dict[str, int] = {}
        self._ambiguous: dict[str, tuple[int, ...]] = {}
        for k, owners in claims.items():
            best = min(owners.values())
            winners = tuple(sorted(i for i, rank in owners.items() if rank == best))
            if len(winners) == 1:
                self._names[k] = winners[0]
            else:
                self._ambiguous[k] = winners
        self._collectives: dict[str, Collective] = {}
        for c in self.collectives:
            for spelling in (c.name, *c.spellings):
                self._collectives[name_key(spelling)] = c
        self._choice_names = list(self._names)
        self._choice_ids = [self._names[k] for k in self._choice_names]

    def label(self, unit_id: int) -> str:
        return self._labels.get(unit_id, str(unit_id))

    def resolve(self, name: str) -> UnitMatch:
        k = name_key(name)
        collective = self._collectives.get(k)
        if collective is not None:
            ids = ((collective.unit_id,) if collective.unit_id is not None else ()) + collective.members
            return UnitMatch(COLLECTIVE, ids, collective)
        unit_id = self._names.get(k)
        if unit_id is not None:
            return UnitMatch(UNIT, (unit_id,))
        shared = self._ambiguous.get(k)
        if shared:
            return UnitMatch(AMBIGUOUS, shared)
        return UnitMatch(UNKNOWN, suggestions=self.suggest(name))

    def suggest(self, name: str, limit: int = SUGGESTIONS) -> tuple[tuple[int, str], ...]:
        """The known units closest to `name`, best first (at most `limit`)."""
        k = name_key(name)
        if not k or not self._choice_names:
            return ()
        best: dict[int, float] = {}
        # the plain character ratio: WRatio's partial matching makes a short name such
        # as 市委 look close to every long one
        for _name, score, index in process.extract(
            k, self._choice_names, scorer=fuzz.ratio, limit=limit * 8, score_cutoff=SUGGESTION_CUTOFF
        ):
            unit_id = self._choice_ids[index]
            best[unit_id] = max(score, best.get(unit_id, 0.0))
        ranked = sorted(best.items(), key=lambda item: (-item[1], self._labels[item[0]]))[:limit]
        return tuple((i, self._labels[i]) for i, _score in ranked)

    @classmethod
    def from_names(cls, names: dict[str, int], groups: dict[str, Iterable[int]] | None = None) -> UnitDirectory:
        """A directory from a plain name → id table (and collective name → ids): each
        name is a unit's full name; no derived forms. For callers with a ready table."""
        by_id: dict[int, list[str]] = {}
        for n, i in names.items():
            by_id.setdefault(i, []).append(n)
        units = [UnitRow(id=i, name=ns[0], aliases=tuple(ns[1:])) for i, ns in by_id.items()]
        collectives = [Collective(n, None, tuple(ids)) for n, ids in (groups or {}).items()]
        return cls(units, collectives)
