"""The score weighs places, companies, kinds and text, and says why in words."""

from itertools import combinations

import pytest

from ducha.core.textsim import extract, score
from ducha.core.textsim.score import quick_score, text_similarity

PIG_GUCHENG = "举报人反映：湘潭县石潭镇古城村刘某养猪场粪污未经处理直接排入附近水塘，臭味严重。"
PIG_GUCHENG_2 = "石潭镇古城村有一家养猪场，猪粪水直排，气味熏人，村民反映多次无人处理。"
PIG_TOWN_ONLY = "石潭镇一个养猪场晚上运猪车进进出出，吵得睡不着。"
PIG_OTHER_VILLAGE = "湘潭县石潭镇兆托村王某养猪场粪污未经处理直接排入附近水塘，臭味严重。"
SAND_GUCHENG = "湘潭县石潭镇古城村宏达砂石有限公司夜间生产噪声扰民。"
SAND_SHORT_NAME = "石潭镇宏达砂场运砂车扬尘大，路上全是砂子。"
SAND_OTHER_COMPANY = "湘潭县石潭镇古城村兴旺砂石有限公司夜间生产噪声扰民。"
PIG_OTHER_COUNTY = "湘乡市壶天镇一个养猪场粪污直排，臭味严重。"
PIG_OLD_VILLAGE = "石潭镇原黄泥村一个养猪场粪污直排水塘。"
SMELTER = "谭家山镇小冶炼晚上冒黄烟，周边小孩血铅超标。"
SMELTER_COMPANY = "湘潭县谭家山镇金润金属冶炼有限公司烟囱冒黄烟。"
KTV = "雨湖区东方名苑楼下的夜场唱歌到凌晨。"
KTV_2 = "东方名苑旁边的金色年华KTV低音炮震得窗户都在抖。"
SECTION_A = "涟水石潭段的汇康砂场洗砂废水直排涟水。"
SECTION_B = "涟水石龙段的众和公司洗砂废水直排涟水。"
SECTION_A2 = "涟水石潭段有人晚上偷偷采砂，砂船轰鸣。"
MIXING_COMPANY = "湘潭县石潭镇润民建材有限公司环评批的是临时站，项目早就完工了还不拆。"
MIXING_BY_NAME = "石潭镇润民那个搅拌站罐体上料时粉尘冒得老高。"


def reasons(a, b):
    return score(extract(a), extract(b)).reasons


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        (PIG_GUCHENG, PIG_GUCHENG_2, "同一村：古城村"),
        (PIG_GUCHENG, PIG_TOWN_ONLY, "同一镇街：石潭镇"),
        (PIG_GUCHENG, PIG_OTHER_VILLAGE, "不同村：古城村与兆托村"),
        (PIG_GUCHENG, PIG_OTHER_COUNTY, "不同区县：湘潭县与湘乡市"),
        (SAND_GUCHENG, SAND_SHORT_NAME, "同一企业：宏达砂石有限公司"),
        (SAND_GUCHENG, SAND_OTHER_COMPANY, "不同企业：宏达砂石有限公司与兴旺砂石有限公司"),
        (PIG_GUCHENG, SAND_GUCHENG, "场所类型不同：畜禽养殖与砂石"),
        (SMELTER, SMELTER_COMPANY, "同类场所：冶炼"),
        (KTV, KTV_2, "同一地标：东方名苑"),
        (SECTION_A, SECTION_A2, "同一河段：涟水石潭段"),
        (SECTION_A, SECTION_B, "不同河段：涟水石潭段与涟水石龙段"),
        (MIXING_COMPANY, MIXING_BY_NAME, "两件都提到：润民建材有限公司"),
        (MIXING_COMPANY, MIXING_BY_NAME, "相近场所：水泥建材与搅拌站"),
    ],
)
def test_each_agreement_and_conflict_is_a_reason_in_words(a, b, reason):
    assert reason in reasons(a, b)


def test_an_unlisted_old_village_name_never_conflicts_with_a_listed_one():
    found = reasons(PIG_GUCHENG, PIG_OLD_VILLAGE)

    assert "同一镇街：石潭镇" in found
    assert not [r for r in found if r.startswith("不同村")]


def test_a_suggestion_reads_as_the_office_would_write_it():
    s = score(extract(SMELTER), extract(SMELTER_COMPANY))

    assert "；".join(s.reasons).startswith("同一镇街：谭家山镇；同类场所：冶炼；")
    assert s.reasons[-1] == f"文本相似度{s.similarity:.2f}"


@pytest.mark.parametrize(
    ("same", "other"),
    [
        ((PIG_GUCHENG, PIG_GUCHENG_2), (PIG_GUCHENG, PIG_OTHER_VILLAGE)),  # same town, two villages
        ((PIG_GUCHENG, PIG_GUCHENG_2), (PIG_GUCHENG, SAND_GUCHENG)),  # same village, another kind
        ((SAND_GUCHENG, SAND_SHORT_NAME), (SAND_GUCHENG, SAND_OTHER_COMPANY)),  # same village, two companies
        ((PIG_GUCHENG, PIG_TOWN_ONLY), (PIG_GUCHENG, PIG_OTHER_COUNTY)),  # same kind, another county
        ((SECTION_A, SECTION_A2), (SECTION_A, SECTION_B)),  # same river, another section
    ],
)
def test_a_repeat_outscores_its_look_alike(same, other):
    assert score(extract(same[0]), extract(same[1])).score > 0.35 > score(extract(other[0]), extract(other[1])).score


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("石潭镇古城村养猪场臭", "石潭镇古城村养猪场臭！"),  # punctuation only
        ("古城村养猪场臭臭", "古城村养猪场臭臭臭"),  # the same bigrams, one repeated
        ("石潭镇古城村养猪场", "古城村养猪场"),  # one contains the other
    ],
)
def test_two_different_texts_never_show_similarity_one(a, b):
    s = score(extract(a), extract(b))

    assert s.similarity < 1
    assert "文本相似度1.00" not in s.reasons


def test_the_same_text_shows_similarity_one():
    assert text_similarity(extract(PIG_GUCHENG), extract(PIG_GUCHENG)) == 1.0


def test_the_similarity_shown_is_that_of_the_two_texts():
    s = score(extract(PIG_GUCHENG), extract(SMELTER))

    assert s.similarity == round(text_similarity(extract(PIG_GUCHENG), extract(SMELTER)), 2)


ALL = [v for k, v in sorted(globals().items()) if k.isupper() and isinstance(v, str)]


def test_the_quick_score_used_for_ranking_equals_the_explained_score():
    features = [extract(t) for t in ALL]
    for a, b in combinations(features, 2):
        assert quick_score(a, b) == pytest.approx(score(a, b).score, abs=0.0015), (a.text, b.text)


def test_features_kept_as_plain_data_score_the_same():
    a, b = extract(SAND_GUCHENG, region="430321"), extract(SAND_SHORT_NAME)
    again = type(a).from_dict(a.to_dict())

    assert score(again, b) == score(a, b)


def test_a_road_the_office_adds_as_data_is_a_place_both_complaints_share():
    from ducha.core.textsim.gazetteer import Gazetteer, read_division_csv, read_extra

    extra = read_extra()
    extra["places"] = [
        *extra["places"],
        {"id": "x:road:金桂路", "level": "road", "name": "金桂路", "aliases": ["金桂大道"], "within": ["430321100"]},
    ]
    g = Gazetteer.from_divisions([r for r in read_division_csv() if r[0].startswith("4303")], extra)
    a = extract("金桂路江边大排档吵到凌晨", gazetteer=g)
    b = extract("易俗河镇金桂大道的烧烤摊油烟直排", gazetteer=g)

    found = score(a, b, gazetteer=g).reasons
    assert "同一道路：金桂路" in found
    assert "同一镇街：易俗河镇" in found  # the road lies in the town: they agree there too


def test_a_river_section_listed_as_data_is_a_site():
    assert "同一河段：湘江湘潭段" in reasons("湘江湘潭段有船偷偷采砂", "湘江湘潭段晚上抽砂噪音大")
