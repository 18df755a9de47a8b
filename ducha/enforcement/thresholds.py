"""Threshold hints (可能涉嫌犯罪): which of the office's criteria a penalty case meets,
each with the reason in words. A hint for the bureau to consider; nothing is ever
transferred because of it."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext as _

from ducha.enforcement.choices import CriterionKind
from ducha.enforcement.models import CaseTransfer, ThresholdCriterion


def _exceedance(criterion: ThresholdCriterion, case: CaseTransfer) -> str | None:
    multiple = case.exceedance_multiple
    if multiple is None or criterion.min_multiple is None or not case.pollutant:
        return None
    named = [p for p in criterion.terms("pollutants") if p in case.pollutant]
    if named and Decimal(multiple) >= criterion.min_multiple:
        return _("%(pollutant)s超标%(n)s倍（标准：%(min)s倍以上）") % {
            "pollutant": case.pollutant,
            "n": f"{Decimal(multiple).normalize():f}",
            "min": f"{criterion.min_multiple.normalize():f}",
        }
    return None


def _keywords(criterion: ThresholdCriterion, case: CaseTransfer) -> str | None:
    found = [k for k in criterion.terms("keywords") if k in case.facts]
    return _("案情写明“%(words)s”") % {"words": "、".join(found)} if found else None


def _repeat(criterion: ThresholdCriterion, case: CaseTransfer) -> str | None:
    if criterion.min_count and case.prior_penalties >= criterion.min_count:
        return _("两年内已受行政处罚%(n)d次（标准：%(min)d次以上）") % {
            "n": case.prior_penalties,
            "min": criterion.min_count,
        }
    return None


CHECKS = {CriterionKind.EXCEEDANCE: _exceedance, CriterionKind.KEYWORDS: _keywords, CriterionKind.REPEAT: _repeat}


def hits(case: CaseTransfer, criteria: Iterable[ThresholdCriterion] | None = None) -> list[dict]:
    """The criteria the case meets: [{"code", "name", "reason"}], in the table's order."""
    if criteria is None:
        criteria = ThresholdCriterion.objects.filter(active=True)
    out = []
    for criterion in criteria:
        reason = CHECKS[criterion.kind](criterion, case)
        if reason:
            out.append({"code": criterion.code, "name": criterion.name, "reason": reason})
    return out
