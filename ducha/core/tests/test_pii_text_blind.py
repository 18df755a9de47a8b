"""Identity in free text, on cases written by someone who never read the finder
(data/pii_text_blind_cases.json, not edited): every identity string is masked, every
number that is not identity (case codes, amounts, 文号, codes, coordinates) stays."""

import json
from pathlib import Path

import pytest

from ducha.core import pii_text

CASES = json.loads((Path(__file__).parent / "data" / "pii_text_blind_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_the_mask_hides_the_identity_and_keeps_the_rest(case):
    names = [case["name"]] if case["name"] else []
    masked = pii_text.mask_text(case["text"], names=names)
    for identity in case["pii"]:
        assert identity not in masked
    for visible in case["not_pii"]:
        assert visible in masked


@pytest.mark.parametrize("case", CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_the_text_restores_as_written(case):
    names = [case["name"]] if case["name"] else []
    template, originals = pii_text.extract(case["text"], names=names)
    assert pii_text.restore(template, originals) == case["text"]
