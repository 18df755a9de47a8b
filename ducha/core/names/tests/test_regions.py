"""Region names as people write them, derived for any loaded city, never special-cased."""

import json
from pathlib import Path

import pytest

from ducha.core.names import RegionRow, region_names
from ducha.core.parsing.errors import REGION_AMBIGUOUS
from ducha.core.parsing.values import RegionResolver

DATA = json.loads((Path(__file__).resolve().parents[3] / "org" / "data" / "regions.json").read_text("utf-8"))
XIANGTAN = [RegionRow(r["code"], r["name"], r["level"], r["kind"], r["parent"]) for r in DATA["regions"]]
# a second city, as another deployment would load it (codes as GB/T 2260; parks by the
# statistics bureau's scheme)
ZHUZHOU = [
    RegionRow("430200", "株洲市", "city", "admin", "430000"),
    RegionRow("430202", "荷塘区", "county", "admin", "430200"),
    RegionRow("430211", "天元区", "county", "admin", "430200"),
    RegionRow("430271", "株洲高新技术产业开发区", "county", "park", "430200"),
    RegionRow("430272", "株洲经济技术开发区", "county", "park", "430200"),
]


@pytest.fixture(scope="module")
def xiangtan():
    return region_names(XIANGTAN, DATA["aliases"])


@pytest.fixture(scope="module")
def both():
    return region_names(XIANGTAN + ZHUZHOU, DATA["aliases"])


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("湘潭高新技术产业开发区", "430371"),  # official
        ("高新技术产业开发区", "430371"),  # the city's name dropped
        ("湘潭高新区", "430371"),  # …高新技术产业开发区 → …高新区
        ("高新区", "430371"),
        ("昭山示范区", "430372"),  # a 示范区 without the city
        ("昭山", "430372"),
        ("九华示范区", "430373"),
        ("湘潭经开区", "430373"),  # the alias table
        ("九华经开区", "430373"),  # …经济技术开发区 → …经开区, from the alias 湘潭九华经济技术开发区
        ("雨湖", "430302"),
        ("湘乡", "430381"),
        ("湘潭", "430300"),  # the alias table settles 湘潭市 against 湘潭县
    ],
)
def test_a_citys_regions_answer_to_the_names_people_write(xiangtan, written, code):
    assert xiangtan.lookup(written) == code


def test_a_short_form_two_regions_could_claim_is_claimed_by_neither(xiangtan):
    # 湘潭经开区 (九华) and 天易经开区 (in 湘潭县) both shorten to 经开区
    assert xiangtan.lookup("经开区") is None
    assert xiangtan.candidates("经开区") == ("430321", "430373")
    assert xiangtan.candidates("示范区") == ("430321", "430372", "430373")


@pytest.mark.parametrize(
    ("written", "code"),
    [("株洲高新区", "430271"), ("株洲经开区", "430272"), ("天元", "430211"), ("株洲", "430200")],
)
def test_another_city_gets_its_short_forms_derived_the_same_way(both, written, code):
    assert both.lookup(written) == code


def test_a_name_two_cities_share_is_refused_with_both_named(both):
    resolver = RegionResolver(both)
    # 湘潭's alias table names its own 高新区, so the explicit alias wins there …
    assert resolver.resolve("高新区") == ("430371", None)
    # … but 经开区 is only derived, in both cities
    code, message = resolver.resolve("经开区")
    assert code is None
    candidates = "“株洲经济技术开发区”或“湘潭县”或“湘潭九华示范区”"
    assert message == REGION_AMBIGUOUS.format(name="经开区", candidates=candidates)


@pytest.mark.parametrize(
    ("written", "within", "code"),
    [
        ("株洲市经开区", "", "430272"),  # the city written in front narrows it
        ("湖南省株洲市经开区", "", "430272"),
        ("经开区", "430200", "430272"),  # the row's city column narrows it
        ("高新区", "430200", "430271"),  # the row's city settles it, even against 湘潭's alias
        ("高新区", "430300", "430371"),
        ("九华", "430300", "430373"),
        ("湘潭市雨湖区", "", "430302"),
        ("湘潭市/雨湖区", "", "430302"),
    ],
)
def test_a_city_named_with_the_region_settles_a_shared_name(both, written, within, code):
    assert RegionResolver(both).resolve(written, within) == (code, None)


def test_derived_names_never_override_an_official_name():
    rows = [
        RegionRow("430300", "湘潭市", "city", "admin", None),
        RegionRow("430321", "湘潭县", "county", "admin", "430300"),
    ]
    names = region_names(rows)
    assert names.lookup("湘潭市") == "430300" and names.lookup("湘潭县") == "430321"
    assert names.candidates("湘潭") == ("430300", "430321")  # no alias here: refused


def test_an_autonomous_county_answers_to_its_short_name():
    rows = [
        RegionRow("431100", "永州市", "city", "admin", None),
        RegionRow("431129", "江华瑶族自治县", "county", "admin", "431100"),
    ]
    names = region_names(rows)
    assert names.lookup("江华县") == "431129" and names.lookup("江华") == "431129"
