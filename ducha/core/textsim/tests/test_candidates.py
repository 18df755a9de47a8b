"""Candidates share a key; the best few above the floor are suggested."""

import pytest

from ducha.core.textsim import MemoryIndex, RepeatIndex, extract, keys, suggest_many


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        ("湘潭县石潭镇古城村养猪场", "", {"p:430321112237", "p:430321112", "k:430321112|livestock"}),
        ("石潭镇新华村养猪场", "", {"p:430321112", "n:430321112:新华村"}),
        ("宏达砂石有限公司", "", {"c:宏达"}),
        ("湘江边的码头堆煤", "430302", {"r:x:river:湘江@430302"}),
        ("涟水石潭段洗砂", "", {"s:x:river:涟水|石潭"}),
        ("金桂路的大排档", "430321", {"w:430321:金桂路"}),
    ],
)
def test_a_complaint_has_plain_keys_for_its_places_and_companies(text, region, expected):
    found = keys(extract(text, region=region))

    assert expected <= set(found)
    assert all(isinstance(k, str) for k in found)


def test_a_county_is_a_key_only_with_a_kind_of_site():
    assert [k for k in keys(extract("湘潭县有个养猪场很臭")) if not k.startswith("m:")] == ["k:430321|livestock"]
    assert [k for k in keys(extract("湘潭县有个地方很臭")) if not k.startswith("m:")] == []


def test_every_text_has_minhash_band_keys():
    assert len([k for k in keys(extract("养猪场很臭")) if k.startswith("m:")]) == 8


EARLIER = [
    (1, "湘潭县石潭镇古城村刘某养猪场粪污直排附近水塘，臭味严重。"),
    (2, "湘潭县石潭镇兆托村王某养猪场粪污直排附近水塘，臭味严重。"),
    (3, "湘潭县石潭镇古城村宏达砂石有限公司夜间生产噪声扰民。"),
    (4, "湘乡市壶天镇一个养猪场粪污直排，臭味严重。"),
]


@pytest.fixture(scope="module")
def index():
    index = RepeatIndex()
    index.add_many(EARLIER)
    return index


def test_a_repeat_is_suggested_and_its_look_alikes_are_not(index):
    [found] = suggest_many(index, [(5, "石潭镇古城村有一家养猪场，猪粪水直排，气味熏人。")])

    assert [s.candidate_key for s in found] == [1]


def test_suggestions_are_best_first_and_at_most_top(index):
    [found] = suggest_many(index, [(5, "石潭镇养猪场粪污直排")], top=2)

    assert len(found) <= 2
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)


def test_only_earlier_complaints_are_suggested_when_asked(index):
    [found] = suggest_many(index, [(0, "湘潭县石潭镇古城村刘某养猪场粪污直排附近水塘。")], earlier_only=True)

    assert found == []


def test_a_removed_complaint_is_never_suggested():
    index = MemoryIndex()
    index.add(1, extract(EARLIER[0][1]))
    index.remove(1)

    assert index.suggest(extract(EARLIER[0][1])) == []
