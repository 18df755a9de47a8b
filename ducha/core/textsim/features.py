"""What a complaint is about, extracted once: the places it names (resolved in the
gazetteer's tree), the companies, the kinds of site, the pollution types, its
normalised text and its MinHash band keys. `Features` is plain data: `to_dict` /
`from_dict` let a caller keep it beside the complaint instead of extracting again.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from . import minhash
from .gazetteer import (
    COUNTY,
    DIVISION_LEVELS,
    LAKE,
    RIVER,
    TOWN,
    VILLAGE,
    Gazetteer,
    default_gazetteer,
)
from .lexicon import Company, Lexicon, default_lexicon

# Words that say nothing about the site, removed from the text compared.
NOISE_WORDS = (
    "举报人反映 信访人反映 来电人反映 来信人反映 投诉人反映 群众反映 网民反映 有人反映 来电反映 来信反映 "
    "举报人称 举报人 信访人 投诉人 来电人 反映 举报 投诉 严重 非常 十分 特别 极其 长期 一直 经常 多次 "
    "强烈要求 要求 希望 请求 尽快 相关部门 有关部门 政府部门 予以 问题"
).split()
_NOISE_RE = re.compile("|".join(re.escape(w) for w in sorted(NOISE_WORDS, key=len, reverse=True)))
# Phone numbers, ID numbers, long case numbers: noise for similarity, and PII.
_LONG_DIGITS_RE = re.compile(r"\d{7,}[\dx]*")
_NOT_WORD_RE = re.compile(r"[^0-9a-z\u3400-\u4dbf\u4e00-\u9fff]+")

# Roads, compounds and landmarks not (yet) in the gazetteer: the two characters before
# a landmark word, with it (金桂路, 东方名苑, 潭市大桥). Weaker than a listed place and
# never a conflict: two complaints that write the same one are likely near each other.
LANDMARK_WORDS = (
    "路 大道 大街 巷 小区 花园 名苑 苑 宿舍 公寓 大厦 广场 大桥 桥 市场 小学 中学 学校 医院 卫生院 水库 "
    "国道 省道 高速 出口 片区 工业园 商城 家园 山庄 祠堂"
).split()
_FUNCTION_CHARS = frozenset(
    "的在了是有个条这那该和与及到从往沿过上下边旁里近于被把对就都也还又很最更每各某其此一两几多好我你他们要"
)
_LANDMARK_RE = re.compile(
    r"([\u4e00-\u9fff]{2}|[0-9a-z]{2,5})[东西南北中]?("
    + "|".join(sorted(LANDMARK_WORDS, key=len, reverse=True))
    + r")(?!舞)"
)
_GENERIC_LANDMARKS = frozenset("水泥路 柏油路 进村路 通村路 机耕路 公路桥 石拱桥 农贸市场 菜市场".split())
_NOT_IN_SECTION = frozenset("的在了是有个这那该上下边旁里一")  # 湘江边上一段 is no section; 和平段 is
_SECTION_RE = re.compile(r"([\u4e00-\u9fff]{1,4}?)段")
_GROUP_RE = re.compile(r"(?<![0-9])(?:第)?([0-9]{1,2}|[一二三四五六七八九十]{1,3})(?:村民小组|组)")
_NUMERALS = {c: i for i, c in enumerate("零一二三四五六七八九十")}


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place a complaint names: the places it may be (`ids`; one unless the text
    could not tell them apart), as written (`name`), at `level`; a name with no such
    place where the text puts it keeps only that `scope` (an old village name)."""

    level: str
    name: str
    ids: tuple[str, ...] = ()
    scope: str = ""


@dataclass(frozen=True)
class Features:
    """Everything the score compares, for one complaint."""

    text: str  # normalised: no punctuation, noise words or long numbers
    digest: str = ""  # of the text as written, so two different texts never compare as one
    places: tuple[PlaceRef, ...] = ()
    region: str = ""  # the complaint's own region code, if the caller knows it
    companies: tuple[Company, ...] = ()
    kinds: tuple[str, ...] = ()  # family ids
    pollution: tuple[str, ...] = ()
    bands: tuple[int, ...] = ()
    sections: tuple[str, ...] = ()  # "<river id>|<name>" of a river section the text names (涟水姜畲段)
    landmarks: tuple[str, ...] = ()  # 金桂路, 东方名苑
    groups: tuple[str, ...] = ()  # 村民小组 numbers: "9"
    lineages: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def bigrams(self) -> frozenset[str]:
        t = self.text
        return frozenset([t[i : i + 2] for i in range(len(t) - 1)]) if len(t) > 1 else frozenset([t])

    @cached_property
    def _levels(self) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
        listed: dict[str, set[str]] = {}
        for ref in self.places:
            for id_ in ref.ids:
                for anc in self.lineages.get(id_, (id_,)):
                    listed.setdefault(_level_of(anc, ref.level if anc == id_ else ""), set()).add(anc)
        for anc in self.lineages.get(self.region, ()):
            listed.setdefault(_level_of(anc, ""), set()).add(anc)
        listed.pop("", None)
        every = {level: set(ids) for level, ids in listed.items()}
        for ref in self.places:
            if not ref.ids:
                every.setdefault(ref.level, set()).add(f"n:{ref.name}")
        return (
            {level: frozenset(ids) for level, ids in every.items()},
            {level: frozenset(ids) for level, ids in listed.items()},
        )

    @property
    def at_level(self) -> dict[str, frozenset[str]]:
        """Every place the complaint is in, by level: a village counts for its town and
        county too; a name with no listed place there counts by its name, "n:<name>"."""
        return self._levels[0]

    def listed(self, level: str) -> frozenset[str]:
        """The places at `level` the gazetteer lists (not the unlisted names)."""
        return self._levels[1].get(level, frozenset())

    @cached_property
    def sites(self) -> bool:
        """Whether it names a listed river section, road, park or landmark."""
        return any(level in self.at_level for level in ("section", "road", "park", "landmark"))

    @cached_property
    def waters(self) -> frozenset[str]:
        at = self.at_level
        return at.get(RIVER, frozenset()) | at.get(LAKE, frozenset())

    def to_dict(self) -> dict:
        """Plain JSON-able data (lineages are the gazetteer's, looked up again on load)."""
        return {
            "text": self.text,
            "digest": self.digest,
            "places": [[p.level, p.name, list(p.ids), p.scope] for p in self.places],
            "region": self.region,
            "companies": [[c.key, c.name, c.owner, c.legal] for c in self.companies],
            "kinds": list(self.kinds),
            "pollution": list(self.pollution),
            "bands": [str(b) for b in self.bands],
            "sections": list(self.sections),
            "landmarks": list(self.landmarks),
            "groups": list(self.groups),
        }

    @classmethod
    def from_dict(cls, data: dict, gazetteer: Gazetteer | None = None) -> Features:
        g = gazetteer or default_gazetteer()
        places = tuple(PlaceRef(p[0], p[1], tuple(p[2]), p[3]) for p in data["places"])
        return cls(
            text=data["text"],
            digest=data["digest"],
            places=places,
            region=data["region"],
            companies=tuple(Company(*c) for c in data["companies"]),
            kinds=tuple(data["kinds"]),
            pollution=tuple(data["pollution"]),
            bands=tuple(int(b) for b in data["bands"]),
            sections=tuple(data["sections"]),
            landmarks=tuple(data["landmarks"]),
            groups=tuple(data["groups"]),
            lineages=_lineages(g, places, data["region"]),
        )


def _level_of(id_: str, fallback: str) -> str:
    if id_.startswith("x:"):
        return id_.split(":", 2)[1]
    return {2: "province", 4: "city", 6: COUNTY, 9: TOWN, 12: VILLAGE}.get(len(id_), fallback)


def _lineages(g: Gazetteer, places: Sequence[PlaceRef], region: str) -> dict[str, tuple[str, ...]]:
    out = {id_: g.lineage(id_) for p in places for id_ in p.ids}
    if region:
        out[region] = g.lineage(region)
    return out


def prepare(text: str) -> str:
    """NFKC, lower case, long numbers blanked (they are noise, and PII)."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return _LONG_DIGITS_RE.sub(" ", text)


def normalise(text: str) -> str:
    """The text compared for similarity.

    >>> normalise("举报人反映：石潭镇古城村养猪场臭味严重！电话13800000000")
    '石潭镇古城村养猪场臭味电话'
    """
    return _NOT_WORD_RE.sub("", _NOISE_RE.sub("", prepare(text)))


def digest(text: str) -> str:
    return hashlib.blake2b("".join((text or "").split()).encode("utf-8"), digest_size=8).hexdigest()


def extract(
    text: str,
    *,
    region: str = "",
    pollution: Sequence[str] = (),
    gazetteer: Gazetteer | None = None,
    lexicon: Lexicon | None = None,
    bands: tuple[int, ...] | None = None,
) -> Features:
    """The features of one complaint. `region` is its region code if known (settles
    place names shared by several places); `pollution` the table's pollution types
    (else they are read from the text)."""
    g = gazetteer or default_gazetteer()
    lex = lexicon or default_lexicon()
    prepared = prepare(text)
    mentions = g.find(prepared, region=region or None)
    mask = bytearray(len(prepared))
    places: list[PlaceRef] = []
    for m in mentions:
        mask[m.start : m.end] = b"\x01" * (m.end - m.start)
        level = g.level(m.ids[0]) if m.ids else g.surface_level(m.surface)
        place = PlaceRef(level, m.surface, m.ids, m.scope)
        if place not in places:
            places.append(place)
    norm = _NOT_WORD_RE.sub("", _NOISE_RE.sub("", prepared))
    types = lex.pollution_of(pollution) if pollution else lex.pollution(prepared)
    return Features(
        text=norm,
        digest=digest(text),
        places=tuple(places),
        region=region,
        companies=lex.companies(prepared, mask),
        kinds=lex.kinds(prepared, mask),
        pollution=types,
        bands=bands if bands is not None else minhash.band_keys([norm])[0],
        sections=_sections(prepared, mentions, g),
        landmarks=_landmarks(prepared, mask),
        groups=tuple(dict.fromkeys(_group_number(m.group(1)) for m in _GROUP_RE.finditer(prepared))),
        lineages=_lineages(g, places, region),
    )


def _sections(text: str, mentions, g: Gazetteer) -> tuple[str, ...]:
    """River sections named after their river (涟水姜畲段, 湘江五爱段)."""
    out = []
    for m in mentions:
        if not m.ids or g.level(m.ids[0]) not in (RIVER, LAKE):
            continue
        found = _SECTION_RE.match(text, m.end, m.end + 5)
        if found and not _NOT_IN_SECTION & set(found.group(1)):
            out.append(f"{m.ids[0]}|{found.group(1)}")
    return tuple(dict.fromkeys(out))


def _landmarks(text: str, mask: bytearray) -> tuple[str, ...]:
    out = []
    for m in _LANDMARK_RE.finditer(text):
        name, word = m.group(1), m.group(2)
        if name[0] in _FUNCTION_CHARS or any(mask[m.start(2) : m.end(2)]):
            continue
        landmark = name + word
        if landmark not in _GENERIC_LANDMARKS:
            out.append(landmark)
    return tuple(dict.fromkeys(out))


def _group_number(written: str) -> str:
    if written.isdigit():
        return str(int(written))
    if written == "十":
        return "10"
    tens, _, ones = written.partition("十")
    if "十" in written:
        return str((_NUMERALS.get(tens, 1) if tens else 1) * 10 + (_NUMERALS.get(ones, 0) if ones else 0))
    return str(_NUMERALS.get(written, 0))


def extract_many(
    items: Sequence[tuple] | Sequence[str],
    *,
    gazetteer: Gazetteer | None = None,
    lexicon: Lexicon | None = None,
) -> list[Features]:
    """`extract` for many texts (or (text, region) pairs, or (text, region, pollution
    types) triples) at once: the MinHash is vectorised over the batch."""
    rows = [(i, "", ()) if isinstance(i, str) else (i[0], i[1], i[2] if len(i) > 2 else ()) for i in items]
    bands = minhash.band_keys([normalise(t) for t, _, _ in rows])
    return [
        extract(t, region=r, pollution=p, gazetteer=gazetteer, lexicon=lexicon, bands=b)
        for (t, r, p), b in zip(rows, bands, strict=True)
    ]


__all__ = ["DIVISION_LEVELS", "LAKE", "RIVER", "Features", "PlaceRef", "extract", "extract_many", "normalise"]
