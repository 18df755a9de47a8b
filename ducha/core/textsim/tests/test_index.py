"""The MinHash-LSH index: incremental, deterministic, and fast enough for a batch."""

import numpy as np
import pytest

from ducha.core.textsim import RepeatIndex

from .corpus import COMPLAINTS

TEXT = "醴陵市浦口镇宏达砂石场夜间生产，噪声扰民，运输车辆扬尘大，道路上到处是泥沙。"
COPY = "醴陵市浦口镇宏达砂石场夜间生产，噪声扰民，运输车辆扬尘大，道路上到处都是泥沙！"


@pytest.fixture
def index():
    index = RepeatIndex()
    index.add_many(COMPLAINTS.items())
    return index


def jaccard(a, b):
    ga = {a[i : i + 3] for i in range(len(a) - 2)}
    gb = {b[i : i + 3] for i in range(len(b) - 2)}
    return len(ga & gb) / len(ga | gb)


def test_a_near_copy_is_the_first_candidate(index):
    [first, *_] = index.query(COPY)

    assert first.key == "sand-1"
    assert first.similarity > 0.7
    assert first.band_hits > 0


def test_the_query_excludes_the_complaint_itself(index):
    keys = [c.key for c in index.query(COMPLAINTS["sand-1"], exclude_key="sand-1")]

    assert "sand-1" not in keys


def test_a_shared_village_makes_a_candidate_despite_different_wording(index):
    candidates = index.query("古城村那个养猪场又开始排粪水了", limit=5)

    assert {"pig-1", "pig-2", "pig-3"} <= {c.key for c in candidates}
    assert all("古城村" in c.shared_places for c in candidates[:3])


def test_the_estimated_similarity_is_close_to_the_jaccard_of_3_grams():
    index = RepeatIndex()
    texts = [COMPLAINTS["pig-1"], COMPLAINTS["pig-other-1"], COMPLAINTS["dock-1"], COMPLAINTS["dock-other"]]
    index.add_many(enumerate(texts))
    sigs = index.signatures([index.features(i).text for i in range(4)])

    for a, b in [(0, 1), (2, 3), (0, 2)]:
        estimate = float((sigs[a] == sigs[b]).mean())
        exact = jaccard(index.features(a).text, index.features(b).text)
        assert abs(estimate - exact) < 0.15


def test_signatures_are_the_same_in_every_index_with_the_same_seed():
    texts = list(COMPLAINTS.values())

    assert np.array_equal(RepeatIndex().signatures(texts), RepeatIndex().signatures(texts))


def test_short_and_empty_texts_are_indexed():
    index = RepeatIndex()
    index.add_many([("a", ""), ("b", "噪"), ("c", "噪声")])

    assert len(index) == 3
    assert index.query("噪声")[0].key == "c"
    assert index.query("噪声")[0].similarity == 1.0


def test_adding_after_querying_finds_the_new_complaint(index):
    text = COMPLAINTS["ktv"]
    assert all(c.key != "new" for c in index.query(text))

    index.add("new", text + "已经持续半年。")

    assert index.query(text, exclude_key="ktv")[0].key == "new"


def test_adding_a_key_again_replaces_its_text(index):
    index.add("sand-1", "荷塘区红旗路金鼎KTV夜间音响声音过大")

    assert "sand-1" not in [c.key for c in index.query(COPY)]
    assert len(index) == len(COMPLAINTS)


def test_a_removed_complaint_is_never_a_candidate(index):
    index.remove("sand-1")

    assert "sand-1" not in [c.key for c in index.query(COPY)]
    assert "sand-1" not in index


def test_a_batch_query_equals_one_query_per_text(index):
    texts = [COPY, COMPLAINTS["pig-2"], "毫不相干的一句话"]

    assert index.query_many(texts) == [index.query(t) for t in texts]


def test_pairs_within_a_batch_include_a_forwarded_copy(index):
    index.add_many([("batch-1", TEXT), ("batch-2", COPY), ("batch-3", COMPLAINTS["ktv"])])

    pairs = index.pairs_within(["batch-1", "batch-2", "batch-3"])

    assert [(p.key, p.other_key) for p in pairs] == [("batch-1", "batch-2")]
    assert pairs[0].similarity > 0.7


def test_bands_must_divide_the_permutations():
    with pytest.raises(ValueError):
        RepeatIndex(num_perm=100, bands=32)
