"""受理编号: the key of idempotent import, so its normalisation must be exact."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ducha.core.parsing import Ref, normalize_ref
from ducha.core.parsing.errors import (
    REF_BAD_CHARS,
    REF_NOT_TEXT,
    REF_PATTERN_MISMATCH,
    REF_SCIENTIFIC,
    REF_TOO_LONG,
    WARNING,
)
from ducha.core.parsing.tests.messy import parse_all, write_csv
from ducha.core.parsing.values import ref_pattern


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("D3HN202104130001", Ref("D3HN202104130001", False)),
        ("  D3HN 2021 0413 0001 ", Ref("D3HN202104130001", False)),
        ("Ｄ３ＨＮ２０２１０４１３０００１", Ref("D3HN202104130001", False)),
        ("D3HN202104130001*", Ref("D3HN202104130001", True)),
        ("D3HN202104130001＊", Ref("D3HN202104130001", True)),
        ("D3HN202104130001 *", Ref("D3HN202104130001", True)),
        ("XT-2021_001", Ref("XT-2021_001", False)),
        (12345.0, Ref("12345", False)),
        (12345, Ref("12345", False)),
        ("a" * 64, Ref("a" * 64, False)),
        # every round's scheme, and provincial ones
        ("D410000201806210057", Ref("D410000201806210057", False)),
        ("D2HN202104070061", Ref("D2HN202104070061", False)),
        ("X3HN202406070082*", Ref("X3HN202406070082", True)),
        ("BCD2022092601", Ref("BCD2022092601", False)),
        ("D1YU20200003", Ref("D1YU20200003", False)),
        ("访受〔2021〕0517031号", Ref("访受〔2021〕0517031号", False)),
        ("访受〔2021〕0517031号＊", Ref("访受〔2021〕0517031号", True)),
        # a code broken over two lines inside its cell
        ("D2HN2021\n04070061", Ref("D2HN202104070061", False)),
        ("X3HN202406070082\r\n*", Ref("X3HN202406070082", True)),
    ],
)
def test_normalises_refs_as_the_team_writes_them(raw, expected):
    assert normalize_ref(raw) == (expected, None)


@pytest.mark.parametrize("raw", ["", "   ", None, "*", "＊"])
def test_treats_a_blank_ref_as_missing_not_as_an_error_of_its_own(raw):
    assert normalize_ref(raw) == (None, None)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("a" * 65, REF_TOO_LONG.format(limit=64)),
        ("D3HN.0001", REF_BAD_CHARS),
        ("第3批第1号", REF_BAD_CHARS),
        (12345.5, REF_BAD_CHARS),
        ("2.02104E+11", REF_SCIENTIFIC),
        (True, REF_NOT_TEXT),
    ],
)
def test_refuses_refs_that_cannot_be_keys(raw, message):
    assert normalize_ref(raw) == (None, message)


@given(st.text(alphabet="ABCDEFGHXYZabc0123456789-_", min_size=1, max_size=64))
def test_a_full_width_ref_normalises_to_its_half_width_self(ref):
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in ref)
    assert normalize_ref(full_width) == (Ref(ref, False), None)
    assert normalize_ref(ref + "*") == (Ref(ref, True), None)


def test_long_numeric_ref_is_refused_because_excel_lost_its_last_digits():
    from ducha.core.parsing.errors import REF_PRECISION_LOST
    from ducha.core.parsing.values import normalize_ref

    assert normalize_ref(430000201705080003.0) == (None, REF_PRECISION_LOST)
    assert normalize_ref(20210413.0)[0].text == "20210413"


@pytest.mark.parametrize(
    ("scheme", "ref", "fits"),
    [
        ("round1", "430000201705080003", True),
        ("lookback", "D410000201806210057", True),
        ("round2", "D2HN202104070061", True),
        ("round3", "X3HN202406070082", True),
        ("round3", "D2HN202104070061", False),
        ("round2", "X3HN202406070082", False),
        ("lookback", "D2HN202104070061", False),
        (r"BCD\d{10}", "BCD2022092601", True),
    ],
)
def test_each_round_has_a_ref_scheme_an_inspection_can_expect(scheme, ref, fits):
    assert ref_pattern(scheme).fits(ref) is fits


def test_a_ref_that_does_not_fit_the_expected_scheme_is_a_located_warning(tmp_path):
    path = write_csv(
        tmp_path / "b.csv",
        [
            ["受理编号", "交办问题基本情况", "行政区域"],
            ["X3HN202406070082", "某厂排污", "雨湖区"],
            ["D2HN202104070061*", "某厂噪声", "雨湖区"],
        ],
    )
    records, parse = parse_all(path, ref_scheme="round3")
    assert [r.ref for r in records] == ["X3HN202406070082", "D2HN202104070061"]
    message = REF_PATTERN_MISMATCH.format(example="X3HN202406070082")
    assert [(p.row, p.column, p.value, p.message, p.level) for p in parse.problems] == [
        (3, "A", "D2HN202104070061*", message, WARNING)
    ]
