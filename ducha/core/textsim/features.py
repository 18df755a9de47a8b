"""What a complaint is about: its places, its kind of site, and its normalised text.

Chinese has no spaces, so place names are found by their suffixes (石潭镇, 古城村,
宏达砂石有限公司, 湘江株洲段, 3号码头): a name is the run of characters between the
previous boundary (punctuation, a function word, the previous name) and the suffix.
This is a heuristic on purpose (no dictionary, no jieba): it is tuned on the way
inspection complaints are written, and `tests/test_features.py` pins its behaviour.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

# -- levels ----------------------------------------------------------------------------

# Levels of place, from large to small. "Specific" levels name one site; the
# administrative ones only say where it is.
PROVINCE = "province"
CITY = "city"
COUNTY = "county"
TOWN = "town"
VILLAGE = "village"
GROUP = "group"
COMPOUND = "compound"
ROAD = "road"
PARK = "park"
WATER = "water"
SECTION = "section"
DOCK = "dock"
BRIDGE = "bridge"
COMPANY = "company"

LEVEL_ORDER = (
    PROVINCE,
    CITY,
    COUNTY,
    TOWN,
    PARK,
    VILLAGE,
    GROUP,
    COMPOUND,
    ROAD,
    WATER,
    SECTION,
    BRIDGE,
    DOCK,
    COMPANY,
)
SPECIFIC_LEVELS = frozenset({VILLAGE, COMPOUND, SECTION, DOCK, COMPANY})

# Suffix -> level. Longer suffixes are tried first.
SUFFIXES: dict[str, str] = {
    "特别行政区": PROVINCE,
    "自治区": PROVINCE,
    "省": PROVINCE,
    "自治州": CITY,
    "地区": CITY,
    "市": CITY,
    "自治县": COUNTY,
    "县": COUNTY,
    "区": COUNTY,
    "街道办事处": TOWN,
    "街道办": TOWN,
    "街道": TOWN,
    "镇": TOWN,
    "乡": TOWN,
    "社区": VILLAGE,
    "村": VILLAGE,
    "居委会": VILLAGE,
    "组": GROUP,
    "小区": COMPOUND,
    "花园": COMPOUND,
    "家园": COMPOUND,
    "公寓": COMPOUND,
    "大道": ROAD,
    "大街": ROAD,
    "路": ROAD,
    "街": ROAD,
    "巷": ROAD,
    "工业园区": PARK,
    "工业园": PARK,
    "产业园": PARK,
    "物流园": PARK,
    "工业区": PARK,
    "开发区": PARK,
    "高新区": PARK,
    "园区": PARK,
    "景区": PARK,
    "保护区": PARK,
    "水库": WATER,
    "河": WATER,
    "江": WATER,
    "湖": WATER,
    "溪": WATER,
    "港": WATER,
    "渠": WATER,
    "塘": WATER,
    "河段": SECTION,
    "段": SECTION,
    "码头": DOCK,
    "渡口": DOCK,
    "桥": BRIDGE,
    "有限责任公司": COMPANY,
    "股份有限公司": COMPANY,
    "有限公司": COMPANY,
    "公司": COMPANY,
    "集团": COMPANY,
    "合作社": COMPANY,
    "市场": COMPANY,
    "养殖场": COMPANY,
    "砂场": COMPANY,
    "搅拌站": COMPANY,
    "厂": COMPANY,
    "场": COMPANY,
    "站": COMPANY,
    "矿": COMPANY,
    "中心": COMPANY,
    "酒店": COMPANY,
    "宾馆": COMPANY,
    "学校": COMPANY,
    "医院": COMPANY,
    "农庄": COMPANY,
    "山庄": COMPANY,
    "会所": COMPANY,
    "酒楼": COMPANY,
    "饭店": COMPANY,
    "餐馆": COMPANY,
    "店": COMPANY,
    "ktv": COMPANY,
}

# A name can end in a water or bridge character and go on: 长江村, 石桥镇, 浙江省,
# and a compound's name can end in 家园 or 花园: 金色家园小区.
MERGEABLE = frozenset({WATER, BRIDGE, COMPOUND})

# Longest name (characters before the suffix) kept per level; a longer run keeps its
# last two characters (most Chinese place names are two characters long).
MAX_NAME = {COMPANY: 12, PARK: 8, DOCK: 8, COMPOUND: 6, ROAD: 6, SECTION: 6}
DEFAULT_MAX_NAME = 4

# Runs that are words, not names ("附近村民", "城区", "禁养区", "现场", "加油站").
GENERIC_NAMES = frozenset(
    """附近 周边 周围 旁边 当地 本地 该 本 我 我们 全 各 每 某 这 那 这个 那个 此 其 一 一个
    城 农 乡 小 大 老 上 下 内 外 中 前 后 左 右 边 该处 此处 当 整个 所在 这条 那条
    辖 禁养 限养 可养 适养 生活 居民 住宅 商业 核心 风景 城中 山 林 矿 厂 郊 景 市 县 镇 村
    现 停车 广 菜 球 操 机 农贸 车 加油 垃圾 污水 自然 饮用水 道 马 公 铁 水 土
    条 座 处 个 家 两 几 多 整 沿 过 跨 河 江 湖 港 桥 路 街 区 该公 同""".split()
)
# Runs that name a trade, not a company ("的石场", "猪场").
GENERIC_COMPANY_NAMES = GENERIC_NAMES | frozenset("石 砂 沙 猪 鸡 牛 鸭 羊 煤 养猪 养殖 砂石 沙石 采石".split())

# Words that end a name run: what precedes them is not part of the next name.
BOUNDARY_WORDS = (
    "举报人反映",
    "信访人反映",
    "来电人反映",
    "来信人反映",
    "投诉人反映",
    "群众反映",
    "网民反映",
    "村民反映",
    "居民反映",
    "有人反映",
    "来电反映",
    "来信反映",
    "举报人称",
    "举报人",
    "信访人",
    "投诉人",
    "来电人",
    "反映",
    "举报",
    "投诉",
    "位于",
    "地处",
    "坐落",
    "附近",
    "周边",
    "旁边",
    "境内",
    "辖区内",
    "辖区",
    "一带",
    "交叉口",
    "交界处",
    "路口",
    "对面",
    "隔壁",
    "楼下",
    "门口",
    "背后",
    "后面",
    "旁",
    "边",
    "一家",
    "一个",
    "一处",
    "一座",
    "这家",
    "那家",
    "该",
    "的",
    "在",
    "往",
    "被",
    "与",
    "及",
    "或",
    "等",
    "称",
    "把",
    "对",
    "排入",
    "流入",
    "排进",
    "排往",
    "汇入",
    "注入",
    "倒入",
    "直排",
    "偷排",
    "漏排",
    "排放",
    "倾倒",
    "堆放",
    "非法",
    "违法",
    "违规",
    "私自",
    "擅自",
    "无证",
    "未批先建",
    "存在",
    "造成",
    "导致",
    "严重",
    "长期",
    "一直",
    "夜间",
    "白天",
)

# Joins two names of one level ("古城村和新华村"), but starts names too (和平村).
CONJUNCTIONS = frozenset("和同跟")

# Words removed from the text compared for similarity: they say nothing about the site.
NOISE_WORDS = (
    "举报人反映",
    "信访人反映",
    "来电人反映",
    "来信人反映",
    "投诉人反映",
    "群众反映",
    "网民反映",
    "有人反映",
    "来电反映",
    "来信反映",
    "举报人称",
    "举报人",
    "信访人",
    "投诉人",
    "来电人",
    "反映",
    "举报",
    "投诉",
    "严重",
    "非常",
    "十分",
    "特别",
    "极其",
    "长期",
    "一直",
    "经常",
    "多次",
    "强烈要求",
    "要求",
    "希望",
    "请求",
    "尽快",
    "相关部门",
    "有关部门",
    "政府部门",
    "予以",
    "问题",
)

# Site kinds: label, family, words. A complaint may name several.
KINDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("养猪场", "养殖", ("养猪场", "猪场", "生猪养殖", "养猪", "生猪", "猪舍", "猪圈")),
    (
        "养殖场",
        "养殖",
        ("养殖场", "养鸡场", "鸡场", "养牛场", "牛场", "养鸭场", "鸭场", "养殖户", "畜禽养殖", "养殖"),
    ),
    ("屠宰场", "养殖", ("屠宰场", "屠宰厂", "屠宰")),
    (
        "砂石场",
        "砂石",
        ("砂石场", "沙石场", "采砂场", "洗砂场", "砂场", "沙场", "碎石场", "洗砂", "采砂", "砂石", "沙石"),
    ),
    ("采石场", "矿山", ("采石场", "石场", "石料厂", "采石", "采矿", "矿山", "石矿", "煤矿")),
    ("搅拌站", "建材", ("搅拌站", "沥青站", "混凝土", "商砼", "沥青")),
    ("砖厂", "建材", ("砖厂", "机砖厂", "页岩砖", "制砖")),
    ("水泥厂", "建材", ("水泥厂", "水泥")),
    ("化工厂", "工业", ("化工厂", "化工企业", "化工")),
    ("冶炼厂", "工业", ("冶炼厂", "冶炼", "铸造厂", "铸造", "炼钢", "钢厂", "熔炼")),
    ("电镀厂", "工业", ("电镀厂", "电镀")),
    ("造纸厂", "工业", ("造纸厂", "造纸")),
    ("印染厂", "工业", ("印染厂", "印染")),
    ("餐馆", "餐饮", ("餐馆", "饭店", "餐厅", "饭馆", "酒楼", "烧烤", "餐饮", "大排档", "农家乐", "油烟")),
    ("KTV", "娱乐", ("ktv", "歌厅", "歌舞厅", "卡拉ok", "酒吧", "广场舞")),
    ("工地", "施工", ("建筑工地", "工地", "施工", "渣土")),
    ("码头", "码头", ("码头", "港口", "渡口", "装卸")),
    ("污水处理厂", "环境设施", ("污水处理厂", "污水厂", "污水处理站", "污水处理设施")),
    (
        "垃圾场",
        "环境设施",
        ("垃圾填埋场", "垃圾场", "填埋场", "垃圾中转站", "垃圾站", "垃圾焚烧", "焚烧厂", "垃圾堆"),
    ),
    ("加油站", "其他", ("加油站",)),
)
KIND_FAMILY = {label: family for label, family, _ in KINDS}

# Words stripped from a company's name to find its own name ("宏达化工有限公司" -> 宏达).
COMPANY_TAILS = tuple(
    sorted(
        set(
            """有限责任公司 股份有限公司 有限公司 分公司 公司 集团 合作社 厂 场 站 矿 中心 店 馆 有限 股份 责任
            化工 科技 环保 建材 实业 新材料 材料 砂石 沙石 石材 石料 采石 碎石 养殖 养猪 生猪 养鸡 养牛 养鸭 猪 鸡
            混凝土 商砼 搅拌 沥青 冶炼 金属 矿业 建筑 工程 贸易 发展 投资 农业 生态 物流 食品 制品 机械 电镀
            印染 造纸 水泥 砖 机砖 洗砂 采砂 砂 沙 污水处理 垃圾处理 垃圾 填埋 建设 开发 再生资源 资源 能源 电力
            化学 医药 制药 纸业 塑料 塑胶 五金 家具 木业 陶瓷 玻璃 钢铁 铸造 汽修 汽车 服务 管理 烧烤 餐饮 娱乐
            文化 置业 房地产 地产 预制 构件 废品 回收 加油 屠宰 洗车 涂料 喷涂 热电 发电 石灰 煤 加工 生产 制造
            技术 产业 农牧 牧业 畜牧 水产 养殖户 农庄 山庄 酒店 宾馆 饭店 酒楼 餐馆 会所 市场 学校 医院 ktv""".split()
        ),
        key=len,
        reverse=True,
    )
)

# -- regexes ---------------------------------------------------------------------------


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_SUFFIX_RE = re.compile(_alternation(SUFFIXES))
_BOUNDARY_RE = re.compile(_alternation(BOUNDARY_WORDS))
_NOISE_RE = re.compile(_alternation(NOISE_WORDS))
_KIND_WORD = {word: label for label, _, words in KINDS for word in words}
_KIND_RE = re.compile(_alternation(_KIND_WORD))
# Phone numbers, ID numbers, long case numbers: noise for similarity, and PII.
_LONG_DIGITS_RE = re.compile(r"\d{7,}[\dx]*")
# Anything that is not a CJK ideograph, a latin letter or a digit.
_NOT_WORD_RE = re.compile(r"[^0-9a-z\u3400-\u4dbf\u4e00-\u9fff]+")
_SEGMENT_RE = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff]+")
_LEADING_RE = re.compile(
    r"^(?:有个|有家|有|是|到|去|于|进|入|至|靠近|临近|紧邻|即|原|现|新建|其|边|畔|岸边|沿岸|沿线|上游|下游|底商|楼下|旁)+"
)

# -- data ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Place:
    """A place named in a complaint: its level, its name as written, and the key two
    names are compared by (for a company, its own name without trade and form)."""

    level: str
    name: str
    key: str


@dataclass(frozen=True)
class Features:
    """A complaint's places, site kinds and normalised text."""

    text: str
    places: tuple[Place, ...] = ()
    kinds: tuple[str, ...] = ()

    @cached_property
    def by_level(self) -> dict[str, tuple[Place, ...]]:
        """The places grouped by level."""
        grouped: dict[str, list[Place]] = {}
        for place in self.places:
            grouped.setdefault(place.level, []).append(place)
        return {level: tuple(places) for level, places in grouped.items()}

    @cached_property
    def bigrams(self) -> str:
        """The text's character bigrams, space-separated, for rapidfuzz's set ratios."""
        text = self.text
        if len(text) < 2:
            return text
        return " ".join({text[i : i + 2] for i in range(len(text) - 1)})

    @cached_property
    def specific_keys(self) -> tuple[str, ...]:
        """ "level:key" of the places that name one site (village, company, dock…)."""
        return tuple(f"{p.level}:{p.key}" for p in self.places if p.level in SPECIFIC_LEVELS)


# -- functions -------------------------------------------------------------------------


def _prepare(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower()
    return _LONG_DIGITS_RE.sub(" ", text)


def normalise(text: str) -> str:
    """The text compared for similarity: no noise words, punctuation or long numbers.

    >>> normalise("举报人反映：石潭镇古城村养猪场臭味严重！电话13800000000")
    '石潭镇古城村养猪场臭味电话'
    """
    text = _NOISE_RE.sub("", _prepare(text))
    return _NOT_WORD_RE.sub("", text)


def extract(text: str) -> Features:
    """Places, kinds and normalised text of one complaint."""
    prepared = _prepare(text)
    return Features(
        text=_NOT_WORD_RE.sub("", _NOISE_RE.sub("", prepared)),
        places=find_places(prepared, prepared=True),
        kinds=find_kinds(prepared, prepared=True),
    )


def find_kinds(text: str, *, prepared: bool = False) -> tuple[str, ...]:
    """Kind labels of the sites named, in order of first mention."""
    if not prepared:
        text = _prepare(text)
    seen: dict[str, None] = {}
    for match in _KIND_RE.finditer(text):
        seen.setdefault(_KIND_WORD[match.group()], None)
    return tuple(seen)


def find_places(text: str, *, prepared: bool = False) -> tuple[Place, ...]:
    """Places named in the text, in order, without repeats."""
    if not prepared:
        text = _prepare(text)
    text = _BOUNDARY_RE.sub(" ", text)
    found: dict[tuple[str, str], Place] = {}
    for segment in _SEGMENT_RE.findall(text):
        for place in _segment_places(segment):
            found.setdefault((place.level, place.key), place)
    return tuple(found.values())


def _segment_places(segment: str) -> list[Place]:
    places: list[Place] = []
    boundary = 0
    prev_end = -1
    for match in _SUFFIX_RE.finditer(segment):
        suffix, start, end = match.group(), match.start(), match.end()
        level = SUFFIXES[suffix]
        run = _LEADING_RE.sub("", segment[boundary:start])
        if run[:1] in CONJUNCTIONS and places and prev_end == boundary and places[-1].level == level:
            # "古城村和新华村": a conjunction between two names of one level; but
            # "芦淞区和花镇", "太和镇": part of the name.
            run = run[1:]
        if not run:
            prev = places[-1] if places else None
            if prev is not None and prev_end == start and prev.level in MERGEABLE:
                places[-1] = _place(level, prev.name + suffix)
                prev_end = boundary = end
            continue
        limit = MAX_NAME.get(level, DEFAULT_MAX_NAME)
        if len(run) > limit:
            run = run[-2:]
        if run in (GENERIC_COMPANY_NAMES if level == COMPANY else GENERIC_NAMES):
            if level not in MERGEABLE:  # 石桥村: "石桥" may still start a name
                boundary = end
            continue
        places.append(_place(level, run + suffix))
        boundary = prev_end = end
    return [p for p in places if p.key]


def _place(level: str, name: str) -> Place:
    if level == COMPANY:
        return Place(level, name, company_key(name))
    return Place(level, name, name)


def company_key(name: str) -> str:
    """A company's own name: "株洲宏达化工有限公司" -> "株洲宏达"; "养猪场" -> ""."""
    key = name
    changed = True
    while changed and key:
        changed = False
        for tail in COMPANY_TAILS:
            if key.endswith(tail):
                key = key[: -len(tail)]
                changed = True
                break
    return "" if key in GENERIC_COMPANY_NAMES else key
