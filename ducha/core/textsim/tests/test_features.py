"""Place names, site kinds and the normalised text found in a complaint."""

import pytest

from ducha.core.textsim import extract, find_kinds, find_places, normalise
from ducha.core.textsim.features import company_key

PLACES = [
    pytest.param(
        "举报人反映：湘潭县石潭镇古城村刘某养猪场粪污直排",
        [("county", "湘潭县"), ("town", "石潭镇"), ("village", "古城村"), ("company", "刘某养猪场")],
        id="county, town, village and a named farm",
    ),
    pytest.param(
        "株洲市天元区群丰镇宏达化工有限公司夜间偷排废气，附近村民苦不堪言",
        [("city", "株洲市"), ("county", "天元区"), ("town", "群丰镇"), ("company", "宏达化工有限公司")],
        id="a company after its town, villagers are not a village",
    ),
    pytest.param(
        "湘江株洲段3号码头非法装卸砂石",
        [("water", "湘江"), ("section", "株洲段"), ("dock", "3号码头")],
        id="river, river section and a numbered dock",
    ),
    pytest.param(
        "株洲市石峰区湘江边清水塘码头",
        [("city", "株洲市"), ("county", "石峰区"), ("water", "湘江"), ("dock", "清水塘码头")],
        id="a dock whose name ends in a water character",
    ),
    pytest.param(
        "古城村和新华村交界处一家砂石场",
        [("village", "古城村"), ("village", "新华村")],
        id="two villages joined by 和, an unnamed sand yard",
    ),
    pytest.param(
        "芦淞区和花镇阳通村",
        [("county", "芦淞区"), ("town", "和花镇"), ("village", "阳通村")],
        id="a town whose name starts with 和",
    ),
    pytest.param("浙江省长江村", [("province", "浙江省"), ("village", "长江村")], id="names containing 江"),
    pytest.param("石桥村", [("village", "石桥村")], id="a village whose name contains 桥"),
    pytest.param("东湖区", [("county", "东湖区")], id="a district whose name contains 湖"),
    pytest.param(
        "芦淞区建设路金色家园小区楼下的老王烧烤店",
        [("county", "芦淞区"), ("road", "建设路"), ("compound", "金色家园小区"), ("company", "老王烧烤店")],
        id="road, residential compound and shop",
    ),
    pytest.param(
        "荷塘区红旗路金鼎ＫＴＶ",
        [("county", "荷塘区"), ("road", "红旗路"), ("company", "金鼎ktv")],
        id="full-width latin letters",
    ),
    pytest.param(
        "渌口区南洲镇渌江河段有人电鱼",
        [("county", "渌口区"), ("town", "南洲镇"), ("section", "渌江河段")],
        id="a river section",
    ),
    pytest.param("天元区栗雨工业园内某企业", [("county", "天元区"), ("park", "栗雨工业园")], id="an industrial park"),
    pytest.param("附近村民反映城区市场", [], id="generic words are not names"),
    pytest.param("该公司在禁养区内养猪", [], id="禁养区 is not a district"),
    pytest.param("网岭镇罗家村的石场天天放炮", [("town", "网岭镇"), ("village", "罗家村")], id="石场 names no company"),
]


@pytest.mark.parametrize(("text", "expected"), PLACES)
def test_finds_the_places_a_complaint_names(text, expected):
    assert [(p.level, p.name) for p in find_places(text)] == expected


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("古城村刘某养猪场粪污直排", ("养猪场",)),
        ("生猪养殖场臭味大", ("养猪场",)),
        ("宏达砂石有限公司洗砂废水直排", ("砂石场",)),
        ("金鼎KTV夜间噪声", ("KTV",)),
        ("霞湾码头装卸煤炭扬尘", ("码头",)),
        ("垃圾填埋场渗滤液外溢", ("垃圾场",)),
        ("污水处理厂出水发黑", ("污水处理厂",)),
        ("夜间噪声扰民", ()),
    ],
)
def test_finds_the_kind_of_site(text, kinds):
    assert find_kinds(text) == kinds


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("宏达化工有限公司", "宏达"),
        ("株洲宏达化工有限公司", "株洲宏达"),
        ("宏达砂石有限公司", "宏达"),
        ("宏达砂场", "宏达"),
        ("刘某养猪场", "刘某"),
        ("养猪场", ""),
        ("石场", ""),
    ],
)
def test_a_company_is_compared_by_its_own_name(name, key):
    assert company_key(name) == key


def test_normalising_drops_noise_punctuation_and_phone_numbers():
    text = "举报人反映：石潭镇古城村养猪场臭味严重！！电话13912345678，身份证430204199001011234"

    assert normalise(text) == "石潭镇古城村养猪场臭味电话身份证"


def test_the_features_text_is_the_normalised_text():
    text = "来电反映，芦淞区建设路烧烤店油烟非常大。"

    assert extract(text).text == normalise(text) == "芦淞区建设路烧烤店油烟大"


def test_only_villages_companies_docks_compounds_and_sections_are_specific():
    features = extract("株洲市石峰区湘江边霞湾码头，宏达公司，古城村，建设路")

    assert features.specific_keys == ("dock:霞湾码头", "company:宏达", "village:古城村")
