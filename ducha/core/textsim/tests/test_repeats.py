"""Repeats of one target are suggested; look-alikes about another target are not."""

from itertools import combinations

import pytest

from ducha.core.textsim import DEFAULT_THRESHOLD, RepeatIndex, extract, score_pair, suggest, suggest_within

from .corpus import COMPLAINTS, LOOKALIKES, REPEAT_GROUPS

GROUP_OF = {key: i for i, group in enumerate(REPEAT_GROUPS) for key in group}
REPEAT_PAIRS = [pytest.param(a, b, id=f"{a} ~ {b}") for g in REPEAT_GROUPS for a, b in combinations(g, 2)]
LOOKALIKE_PAIRS = [pytest.param(a, b, id=why) for a, b, why in LOOKALIKES]


@pytest.fixture(scope="module")
def index():
    index = RepeatIndex()
    index.add_many(COMPLAINTS.items())
    return index


def same_target(a, b):
    return a in GROUP_OF and GROUP_OF.get(a) == GROUP_OF.get(b)


@pytest.mark.parametrize(("a", "b"), REPEAT_PAIRS)
def test_a_repeat_scores_above_the_threshold(a, b):
    scored = score_pair(extract(COMPLAINTS[a]), extract(COMPLAINTS[b]))

    assert scored.score >= DEFAULT_THRESHOLD, scored.reasons


@pytest.mark.parametrize(("a", "b"), LOOKALIKE_PAIRS)
def test_a_look_alike_scores_below_the_threshold(a, b):
    scored = score_pair(extract(COMPLAINTS[a]), extract(COMPLAINTS[b]))

    assert scored.score < DEFAULT_THRESHOLD, scored.reasons


def test_no_two_complaints_about_different_targets_reach_the_threshold():
    features = {key: extract(text) for key, text in COMPLAINTS.items()}
    too_high = [
        (a, b, score_pair(features[a], features[b]).score)
        for a, b in combinations(COMPLAINTS, 2)
        if not same_target(a, b) and score_pair(features[a], features[b]).score >= DEFAULT_THRESHOLD
    ]

    assert too_high == []


@pytest.mark.parametrize("key", list(GROUP_OF))
def test_every_repeat_is_suggested_from_the_index(index, key):
    suggestions = suggest(index, COMPLAINTS[key], key=key)

    expected = {k for k in REPEAT_GROUPS[GROUP_OF[key]] if k != key}
    assert {s.candidate_key for s in suggestions} == expected
    assert all(s.key == key for s in suggestions)


def test_suggestions_are_best_first_with_a_rounded_score(index):
    suggestions = suggest(index, COMPLAINTS["pig-1"], key="pig-1")

    scores = [s.score for s in suggestions]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 1 and round(s, 3) == s for s in scores)


def test_a_suggestion_gives_its_reasons_in_chinese(index):
    [suggestion] = [s for s in suggest(index, COMPLAINTS["pig-2"], key="pig-2") if s.candidate_key == "pig-1"]

    assert suggestion.reasons[:3] == ["同一地点：石潭镇", "同一村：古城村", "同类场所：养猪场"]
    assert suggestion.reasons[3].startswith("文本相似度0.")


def test_a_look_alike_explains_what_differs():
    scored = score_pair(extract(COMPLAINTS["sand-1"]), extract(COMPLAINTS["sand-other"]))

    assert "同一企业：宏达砂石场" in scored.reasons
    assert "不同地点：浦口镇与白兔潭镇" in scored.reasons


def test_the_same_text_is_a_repeat_of_itself():
    features = extract(COMPLAINTS["dock-1"])

    assert score_pair(features, features).score == 1.0


def test_a_new_complaint_with_no_earlier_target_gets_no_suggestion(index):
    text = "茶陵县严塘镇一家废品回收站焚烧电线，黑烟滚滚。"

    assert suggest(index, text) == []


def test_the_threshold_can_be_raised(index):
    suggestions = suggest(index, COMPLAINTS["pig-2"], key="pig-2", threshold=0.99)

    assert suggestions == []


def test_repeats_within_a_batch_are_found(index):
    found = {frozenset((s.key, s.candidate_key)) for s in suggest_within(index)}

    expected = {frozenset(pair) for g in REPEAT_GROUPS for pair in combinations(g, 2)}
    assert found == expected
