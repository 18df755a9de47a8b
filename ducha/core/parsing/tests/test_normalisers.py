"""Splitting, pollution types, regions, text, yes/no marks, channels, ID numbers."""

import pytest

from ducha.core.parsing import (
    PollutionTypes,
    RegionResolver,
    Warn,
    clean_id_number,
    clean_text,
    find_channel,
    parse_channel,
    parse_mark,
    split_multi,
)
from ducha.core.parsing.errors import (
    CHANNEL_UNKNOWN,
    ID_NUMBER_AS_NUMBER,
    ID_NUMBER_SHAPE,
    MARK_UNKNOWN,
    POLLUTION_UNKNOWN,
    REGION_SEVERAL,
    REGION_UNKNOWN,
    TEXT_FORMULA,
    TEXT_TOO_LONG,
)
from ducha.core.parsing.tests.messy import POLLUTION_TYPES, REGION_PARENTS, REGIONS


@pytest.mark.parametrize(
    ("raw", "parts"),
    [
        ("大气、噪声", ["大气", "噪声"]),
        ("大气,水，噪声", ["大气", "水", "噪声"]),
        ("大气/水；土壤;固废|生态", ["大气", "水", "土壤", "固废", "生态"]),
        ("大气\n 水 \r\n", ["大气", "水"]),
        ("、大气、、", ["大气"]),
        ("", []),
    ],
)
def test_splits_multi_value_cells_and_drops_empties(raw, parts):
    assert split_multi(raw) == parts


@pytest.mark.parametrize(
    ("raw", "codes"),
    [
        ("大气", ("air",)),
        ("大气污染", ("air",)),
        ("扬尘、废气", ("air",)),
        ("水污染类", ("water",)),
        ("噪声类", ("noise",)),
        ("噪声污染", ("noise",)),
        ("水、大气", ("air", "water")),
        ("其它", ("other",)),
        ("大 气", ("air",)),
    ],
)
def test_maps_pollution_types_through_the_callers_synonyms(raw, codes):
    assert PollutionTypes(POLLUTION_TYPES).parse(raw) == (codes, None)


def test_names_every_unknown_pollution_type():
    codes, message = PollutionTypes(POLLUTION_TYPES).parse("大气、光污染、电磁")
    assert (codes, message) == ((), POLLUTION_UNKNOWN.format(parts="“光污染”、“电磁”"))


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("湘乡市", "430381"),
        ("湘潭市湘乡市", "430381"),
        ("湖南省湘潭市雨湖区", "430302"),
        ("湖南省 湘潭市 雨湖区", "430302"),
        ("高新区", "430371"),
        ("湘潭高新区", "430371"),
        ("九华", "430373"),
        ("湘潭九华", "430373"),
        ("湘潭市", "430300"),
    ],
)
def test_resolves_regions_written_with_or_without_parents(raw, code):
    assert RegionResolver(REGIONS, REGION_PARENTS).resolve(raw) == (code, None)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("长沙市岳麓区", REGION_UNKNOWN.format(name="长沙市岳麓区")),
        ("湖南省", REGION_UNKNOWN.format(name="湖南省")),
        ("雨湖区、岳塘区", REGION_SEVERAL),
    ],
)
def test_refuses_unknown_or_several_regions(raw, message):
    assert RegionResolver(REGIONS, REGION_PARENTS).resolve(raw) == (None, message)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("  雨湖区某厂Ｃ栋夜间排污。\r\n请处理。 ", "雨湖区某厂Ｃ栋夜间排污。\n请处理。"),
        ("第一行\r第二行", "第一行\n第二行"),
        (12345.0, "12345"),
    ],
)
def test_keeps_text_as_written_but_trims_and_unifies_line_breaks(raw, text):
    assert clean_text(raw) == (text, None)


def test_reports_text_over_the_limit():
    assert clean_text("污" * 11, max_len=10) == ("污" * 11, TEXT_TOO_LONG.format(limit=10))


@pytest.mark.parametrize("char", ["=", "+", "-", "@"])
def test_warns_about_text_that_would_run_as_a_formula(char):
    text, message = clean_text(f"  {char}SUM(A1:A9)")
    assert text == f"{char}SUM(A1:A9)"
    assert isinstance(message, Warn)
    assert message == TEXT_FORMULA.format(char=char)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("是", True),
        ("√", True),
        ("✓", True),
        ("重点", True),
        ("是（第2批第5号）", True),
        ("重复", True),
        (True, True),
        (1.0, True),
        ("否", False),
        ("×", False),
        (False, False),
        ("", None),
        ("  ", None),
        (None, None),
    ],
)
def test_reads_yes_no_marks(raw, value):
    assert parse_mark(raw) == (value, None)


def test_refuses_a_mark_it_cannot_read():
    assert parse_mark("待定") == (None, MARK_UNKNOWN)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("来电", "phone"),
        ("电话", "phone"),
        ("12369热线", "phone"),
        ("来信", "letter"),
        ("信件", "letter"),
        ("电子邮件", "letter"),
        ("来访", "visit"),
        ("走访", "visit"),
        ("网络", "online"),
        ("网上", "online"),
        ("微信", "online"),
        ("网络举报", "online"),
        ("", None),
    ],
)
def test_reads_channels(raw, code):
    assert parse_channel(raw) == (code, None)


def test_refuses_an_unknown_channel():
    assert parse_channel("传真") == (None, CHANNEL_UNKNOWN)


def test_finds_the_channel_in_a_section_title():
    assert find_channel("一、来电（44件）") == "phone"
    assert find_channel("二、来信（12件）") == "letter"
    assert find_channel("一、大气污染类") is None


@pytest.mark.parametrize(
    ("raw", "value", "message"),
    [
        ("430302199001011234", "430302199001011234", None),
        ("43030219900101123x", "43030219900101123X", None),
        ("430302900101123", "430302900101123", None),
        (4.30302199001011e17, "430302199001011000", ID_NUMBER_AS_NUMBER),
        ("4303021990", "4303021990", ID_NUMBER_SHAPE),
    ],
)
def test_keeps_id_numbers_as_text_and_warns_when_excel_ate_digits(raw, value, message):
    assert clean_id_number(raw) == (value, message)


def test_region_written_as_a_path_resolves_to_its_deepest_part():
    from ducha.core.parsing.tests.messy import REGION_PARENTS, REGIONS
    from ducha.core.parsing.values import RegionResolver

    r = RegionResolver({**REGIONS, "湖南省": "430000"}, REGION_PARENTS)
    for written, code in [
        ("湘潭市/雨湖区", "430302"),
        ("湘潭市-湘乡市", "430381"),
        ("岳塘区（湘潭市）", "430304"),
        ("湖南省 湘潭市 韶山市", "430382"),
        ("湘潭市—高新区", "430371"),
    ]:
        assert r.resolve(written) == (code, None), written


def test_two_unrelated_regions_are_still_refused():
    from ducha.core.parsing.tests.messy import REGION_PARENTS, REGIONS
    from ducha.core.parsing.values import RegionResolver

    r = RegionResolver(REGIONS, REGION_PARENTS)
    assert r.resolve("雨湖区、岳塘区")[0] is None
    assert r.resolve("雨湖区/岳塘区")[0] is None
