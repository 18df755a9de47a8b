"""Identity written inside free text: found, replaced by placeholders, masked, restored.

The cases in data/pii_text_cases.json were written before the finder, as text people
write it (phones with spaces and dashes, landlines, ID numbers with X, full-width digits)
beside numbers that are not identity (acceptance refs, dates, amounts, 文号, coordinates,
emission figures, plates); they are the finder's specification and are not edited to
make it pass.
"""

import json
from pathlib import Path

import pytest

from ducha.core import pii_text

CASES = json.loads((Path(__file__).parent / "data" / "pii_text_cases.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_the_finder_finds_exactly_the_identity_in_the_text(case):
    text = case["text"]
    found = [[span.kind, text[span.start : span.end]] for span in pii_text.find(text, names=case["names"])]
    assert found == case["spans"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_placeholders_hold_no_identity_and_restore_the_text(case):
    text, names = case["text"], case["names"]
    template, originals = pii_text.extract(text, names=names)
    assert len(originals) == len(case["spans"])
    for _kind, value in case["spans"]:
        assert value not in template
    assert pii_text.restore(template, originals) == text


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_the_mask_shows_no_identity(case):
    template, originals = pii_text.extract(case["text"], names=case["names"])
    masked = pii_text.masked(template, originals)
    for _kind, value in case["spans"]:
        assert value not in masked
    if not case["spans"]:
        assert masked == case["text"]


def test_a_phone_is_masked_as_on_screen_elsewhere():
    template, originals = pii_text.extract("电话13812345678，身份证430302199001011234，张伟", names=["张伟"])
    assert template == "电话⟦pii:1⟧，身份证⟦pii:2⟧，⟦pii:3⟧"
    assert pii_text.masked(template, originals) == "电话138****5678，身份证430302********1234，张*"


def test_numbers_in_plain_text_are_masked_without_placeholders():
    assert (
        pii_text.mask_text("来电13812345678，受理编号X3HN202406070082") == "来电138****5678，受理编号X3HN202406070082"
    )


def test_a_placeholder_typed_by_a_person_is_not_taken_for_one():
    template, originals = pii_text.extract("见⟦pii:1⟧", names=[])
    assert originals == []
    assert pii_text.restore(template, originals) == pii_text.masked(template, originals)
    assert "⟦pii:1⟧" not in template
