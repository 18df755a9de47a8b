"""The office's tables: a statutory deadline (how long, counted how, the article),
a threshold criterion (added, changed, switched off)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from ducha.audit.services import record, snapshot
from ducha.enforcement.choices import CriterionKind, DeadlineUnit
from ducha.enforcement.models import StatutoryDeadline, ThresholdCriterion
from ducha.enforcement.services.common import need_text
from ducha.errors import DomainError
from ducha.org import scoping

DEADLINE_FIELDS = ["amount", "unit", "starts", "article"]
CRITERION_FIELDS = ["name", "kind", "pollutants", "min_multiple", "keywords", "min_count", "basis", "active"]


def update_deadline(
    deadline: StatutoryDeadline, *, actor, amount: int, unit: str, starts: str, article: str
) -> StatutoryDeadline:
    with transaction.atomic(durable=True):
        deadline = StatutoryDeadline.objects.select_for_update().get(pk=deadline.pk)
        scoping.require(actor, "change", deadline)
        if not 0 < amount <= 720:
            raise DomainError(_("时限应在1至720之间。"), field="amount")
        if unit not in DeadlineUnit.values:
            raise DomainError(_("时限单位无效。"), field="unit")
        before = snapshot(deadline, DEADLINE_FIELDS)
        deadline.amount, deadline.unit = amount, unit
        deadline.starts, deadline.article = need_text(starts, "starts")[:64], need_text(article, "article")
        deadline.save(update_fields=[*DEADLINE_FIELDS, "updated_at"])
        record(
            actor=actor,
            action="enforcement.deadline.update",
            obj=deadline,
            before=before,
            after=snapshot(deadline, DEADLINE_FIELDS),
        )
    return deadline


def _check_criterion(criterion: ThresholdCriterion) -> None:
    need_text(criterion.name, "name")
    need_text(criterion.basis, "basis")
    if criterion.kind not in CriterionKind.values:
        raise DomainError(_("判断方式无效。"), field="kind")
    needs = {
        CriterionKind.EXCEEDANCE: ("min_multiple", bool(criterion.terms("pollutants")) and criterion.min_multiple),
        CriterionKind.KEYWORDS: ("keywords", bool(criterion.terms("keywords"))),
        CriterionKind.REPEAT: ("min_count", bool(criterion.min_count)),
    }
    field, ok = needs[criterion.kind]
    if not ok:
        raise DomainError(_("请填写该判断方式所需的条件。"), field=field)


def save_criterion(criterion: ThresholdCriterion, *, actor) -> ThresholdCriterion:
    """Add a criterion (no pk yet) or save the office's changes to one."""
    adding = criterion.pk is None
    with transaction.atomic(durable=True):
        scoping.require(actor, "create" if adding else "change", criterion if not adding else ThresholdCriterion)
        _check_criterion(criterion)
        if adding:
            if ThresholdCriterion.objects.filter(code=criterion.code).exists():
                raise DomainError(_("编号已存在。"), field="code")
            criterion.save()
            record(actor=actor, action="enforcement.criterion.add", obj=criterion, after=snapshot(criterion))
            return criterion
        before = snapshot(ThresholdCriterion.objects.select_for_update().get(pk=criterion.pk), CRITERION_FIELDS)
        criterion.save(update_fields=[*CRITERION_FIELDS, "updated_at"])
        record(
            actor=actor,
            action="enforcement.criterion.update",
            obj=criterion,
            before=before,
            after=snapshot(criterion, CRITERION_FIELDS),
        )
    return criterion
