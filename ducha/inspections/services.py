"""Opening an inspection: check, write, audit, one transaction."""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction
from django.utils.translation import gettext as _

from ducha.audit.services import record, snapshot
from ducha.core.parsing import values as parsing
from ducha.errors import DomainError
from ducha.inspections.models import Inspection, InspectionKind
from ducha.org import scoping


def create_inspection(
    *,
    actor,
    code: str,
    team: str,
    province: str,
    start_date: dt.date,
    kind: str = InspectionKind.REGULAR,
    round: str = "",
    end_date: dt.date | None = None,
    ref_pattern: str = "",
) -> Inspection:
    scoping.require(actor, "create", Inspection)
    ref_pattern = (ref_pattern or "").strip()
    try:
        parsing.ref_pattern(ref_pattern or None)
    except re.error:
        raise DomainError(
            _("受理编号格式应为 round1、lookback、round2、round3 或一个正则表达式。"), field="ref_pattern"
        )
    if kind not in InspectionKind.values:
        raise DomainError(_("督察类型应为 regular（例行督察）或 lookback（回头看）。"), field="kind")
    if end_date and end_date < start_date:
        raise DomainError(_("结束日期不能早于进驻日期。"), field="end_date")
    with transaction.atomic(durable=True):
        if Inspection.objects.filter(code=code).exists():
            raise DomainError(_("督察代码“%(code)s”已存在。") % {"code": code}, field="code")
        inspection = Inspection.objects.create(
            code=code,
            team=team.strip(),
            province=province.strip(),
            start_date=start_date,
            kind=kind,
            round=round.strip(),
            end_date=end_date,
            ref_pattern=ref_pattern,
        )
        record(actor=actor, action="complaints.inspection.create", obj=inspection, after=snapshot(inspection))
    return inspection
