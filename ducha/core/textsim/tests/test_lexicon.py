"""Kinds of site come in families; a company's key is its own name."""

import pytest

from ducha.core.textsim import extract
from ducha.core.textsim.lexicon import default_lexicon


@pytest.fixture(scope="module")
def lex():
    return default_lexicon()


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("村里有个小冶炼，晚上冒黑烟", "smelting"),
        ("炼铅作坊废气熏人", "smelting"),
        ("某某金属冶炼有限公司", "smelting"),
        ("沥青搅拌站烟气刺鼻", "mixing"),
        ("商砼站粉尘大", "mixing"),
        ("水稳拌合站", "mixing"),
        ("河边洗砂场废水直排", "sand"),
        ("夜场音乐声太大", "night"),
        ("歌厅唱到凌晨", "night"),
        ("娱乐会所噪音扰民", "night"),
        ("养鸡场鸡粪臭", "livestock"),
        ("生猪养殖粪污直排", "livestock"),
        ("家具厂喷漆味道大", "furniture"),
        ("喷漆房没有废气处理", "coating"),
        ("烧烤摊油烟", "food"),
        ("垃圾填埋场渗滤液", "waste"),
        ("采石场放炮", "quarry"),
        ("化工厂偷排", "chemical"),
        ("机砖厂冒黑烟", "brick"),
        ("汽修厂钣金", "car"),
        ("建筑工地夜间施工", "construction"),
    ],
)
def test_a_site_is_found_by_any_word_of_its_family(lex, text, family):
    assert family in lex.kinds(text)


@pytest.mark.parametrize("text", ["门口的水泥路坏了", "停车场晚上很吵", "跳广场舞的人太多了" and "门前广场上很吵"])
def test_words_that_only_contain_a_kind_word_name_no_site(lex, text):
    assert lex.kinds(text) == ()


def test_a_kind_word_inside_a_place_name_is_no_site():
    assert extract("湘潭县石潭镇列家桥煤矿社区居民家门口很吵").kinds == ()


@pytest.mark.parametrize(
    ("text", "key", "owner"),
    [
        ("反映湘潭宏达砂石有限公司夜间生产", "宏达", False),
        ("石潭镇宏达砂场运砂车扬尘", "宏达", False),
        ("湘潭县石潭镇古城村宏达砂石场", "宏达", False),
        ("金色年华KTV噪音扰民", "金色年华", False),
        ("湖南天宏新材料科技股份有限公司", "天宏", False),
        ("新兴混凝土有限责任公司分公司", "新兴", False),
        ("石潭镇古城村刘某养猪场", "刘某", True),
        ("宏盛养殖专业合作社", "宏盛", False),
    ],
)
def test_a_company_is_reduced_to_its_own_name(text, key, owner):
    [company] = extract(text).companies

    assert (company.key, company.owner) == (key, owner)


@pytest.mark.parametrize(
    "text", ["那个厂一直冒烟", "附近的养猪场很臭", "某某金属冶炼有限公司", "到现场看了", "菜市场旁边"]
)
def test_a_site_named_only_by_its_kind_has_no_company_key(text):
    assert extract(text).companies == ()


def test_pollution_types_given_by_the_table_are_read_as_types(lex):
    assert lex.pollution_of(["大气、水", "扬尘"]) == ("大气", "水")


def test_related_families_are_related_both_ways(lex):
    assert lex.related("sand", "quarry") and lex.related("quarry", "sand")
    assert not lex.related("livestock", "sand")
