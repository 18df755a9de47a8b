"""Unit names as task lists write them, matched to a city's directory."""

import json
from pathlib import Path

import pytest

from ducha.core.names.units import AMBIGUOUS, COLLECTIVE, UNIT, UNKNOWN, Collective, UnitDirectory, UnitRow

DATA = json.loads((Path(__file__).resolve().parents[3] / "org" / "data" / "units_430300.json").read_text("utf-8"))
ROWS = [
    UnitRow(i, u["name"], u["short_name"], tuple(u["aliases"]), u["kind"], "湘潭市", u.get("parent", ""))
    for i, u in enumerate(DATA["units"], start=1)
]
BY_NAME = {r.name: r.id for r in ROWS}
REGION_NAMES = {
    "雨湖区人民政府": ("雨湖区", "雨湖"),
    "湘潭经开区（九华示范区）管委会": ("湘潭九华示范区", "九华示范区", "九华", "湘潭经开区", "九华经开区"),
}
ROWS = [
    UnitRow(r.id, r.name, r.short_name, r.aliases, r.kind, r.city, r.parent, REGION_NAMES.get(r.name, ())) for r in ROWS
]
COUNTIES = ("雨湖区人民政府", "岳塘区人民政府", "湘潭县人民政府", "湘乡市人民政府", "韶山市人民政府")
COLLECTIVES = [
    Collective("各县市区人民政府", 999, tuple(BY_NAME[n] for n in COUNTIES), ("各县市区", "各县（市、区）人民政府"))
]


@pytest.fixture(scope="module")
def directory():
    return UnitDirectory(ROWS, COLLECTIVES)


@pytest.mark.parametrize(
    ("written", "unit"),
    [
        ("中共湘潭市委组织部", "中共湘潭市委组织部"),
        ("湘潭市委组织部", "中共湘潭市委组织部"),  # with or without 中共
        ("市委组织部", "中共湘潭市委组织部"),
        ("组织部", "中共湘潭市委组织部"),  # the city's only one
        ("市纪委监委", "中共湘潭市纪律检查委员会"),
        ("市发改委", "湘潭市发展和改革委员会"),  # 简称
        ("湘潭市发展和改革委", "湘潭市发展和改革委员会"),  # 委员会 → 委
        ("市卫健委", "湘潭市卫生健康委员会"),
        ("市住建局", "湘潭市住房和城乡建设局"),
        ("市住房和城乡建设局", "湘潭市住房和城乡建设局"),  # 湘潭市 → 市
        ("住房和城乡建设局", "湘潭市住房和城乡建设局"),  # without the city
        ("湘潭海事处", "湖南省湘潭地方海事处"),
        ("市海事局", "湖南省湘潭地方海事处"),
        ("市公安局", "湘潭市公安局"),
        ("市公安局交警支队", "湘潭市公安局交通警察支队"),
        ("交通警察支队", "湘潭市公安局交通警察支队"),  # its parent dropped
        ("湘潭经开区（九华示范区）管委会", "湘潭经开区（九华示范区）管委会"),
        ("湘潭经开区管委会", "湘潭经开区（九华示范区）管委会"),  # either name of the parenthesis
        ("九华示范区管委会", "湘潭经开区（九华示范区）管委会"),
        ("九华示范区", "湘潭经开区（九华示范区）管委会"),  # the park for its committee
        ("雨湖区人民政府", "雨湖区人民政府"),
        ("雨湖区政府", "雨湖区人民政府"),  # 人民政府 / 政府
        ("雨湖区", "雨湖区人民政府"),
        ("湘潭市雨湖区人民政府", "雨湖区人民政府"),
        ("市政府", "湘潭市人民政府"),
        ("湘潭市政府办公室", "湘潭市人民政府办公室"),
        ("市中院", "湘潭市中级人民法院"),
    ],
)
def test_a_unit_answers_to_the_names_lists_write(directory, written, unit):
    match = directory.resolve(written)
    assert (match.kind, match.ids) == (UNIT, (BY_NAME[unit],))


def test_a_name_two_units_could_claim_is_refused_with_both_candidates(directory):
    match = directory.resolve("市督查室")
    assert match.kind == AMBIGUOUS
    assert {directory.label(i) for i in match.ids} == {"中共湘潭市委督查室", "湘潭市人民政府督查室"}


@pytest.mark.parametrize("written", ["各县市区人民政府", "各县市区", "各县（市、区）人民政府"])
def test_a_collective_name_is_the_collective_and_its_members_never_its_first(directory, written):
    match = directory.resolve(written)
    assert match.kind == COLLECTIVE
    assert match.collective.name == "各县市区人民政府"
    assert match.ids == (999, *(BY_NAME[n] for n in COUNTIES))


def test_an_unknown_name_comes_with_the_closest_known_units(directory):
    match = directory.resolve("市生态环境保护局")
    assert match.kind == UNKNOWN and match.ids == ()
    assert "湘潭市生态环境局" in [name for _id, name in match.suggestions]
    assert len(match.suggestions) <= 3


def test_an_unknown_name_like_nothing_known_gets_no_suggestion():
    directory = UnitDirectory([UnitRow(1, "湘潭市水利局", city="湘潭市")])
    assert directory.resolve("湘潭钢铁集团有限公司").suggestions == ()


def test_a_short_name_beats_a_bare_name_of_another_unit():
    rows = [
        UnitRow(1, "湘潭市公安局", "市公安局", city="湘潭市"),
        UnitRow(2, "湘潭市公安局交通警察支队", "市公安局交警支队", ("交警支队",), city="湘潭市", parent="湘潭市公安局"),
    ]
    directory = UnitDirectory(rows)
    assert directory.resolve("市公安局").ids == (1,)
    assert directory.resolve("公安局").ids == (1,)
    assert directory.resolve("交警支队").ids == (2,)


def test_the_shipped_directory_has_no_name_two_units_share_except_the_asked_ones(directory):
    shared = {k for k, ids in directory._ambiguous.items()}
    assert shared <= {"督查室", "市督查室", "市办公室"}
