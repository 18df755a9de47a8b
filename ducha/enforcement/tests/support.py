"""A case in each state, built through the real services on the fixed cast: the
雨湖区 handler's bureau opens it, the office approves, the city's police and
procuratorate receive it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from ducha.enforcement.choices import Offence, PartyKind
from ducha.enforcement.services import cases
from ducha.testing import CastTestCase

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def moment(*args) -> dt.datetime:
    """A local (Asia/Shanghai) moment."""
    return timezone.make_aware(dt.datetime(*args), timezone.get_current_timezone())


def open_case(actor, **over):
    fields = {
        "party_kind": PartyKind.UNIT,
        "party_name": "湘潭某化工有限公司",
        "offence": Offence.POLLUTION,
        "facts": "该公司通过暗管向雨湖区某河段排放含镉废水。",
        "penalty_case_number": "潭环罚〔2026〕41号",
        "pollutant": "镉",
        "exceedance_multiple": Decimal("5.2"),
    }
    return cases.open_case(actor=actor, **(fields | over))


def approved_case(cast, at=None):
    case = open_case(cast.handler)
    case = cases.report_case(case, actor=cast.handler, at=at)
    return cases.approve_transfer(case, actor=cast.office, at=at)


def transferred_case(cast, at=None):
    case = approved_case(cast, at=at)
    return cases.transfer_case(
        case,
        actor=cast.handler,
        police_unit=cast.units["police"],
        procuratorate=cast.units["procuratorate"],
        at=at,
    )


def sample_case(cast):
    """A transferred case of 岳塘区 with one material: the office sees it, a 雨湖区
    handler does not (URL walk)."""
    case = open_case(cast.handler2, party_name="岳塘某电镀厂")
    cases.add_material(case, actor=cast.handler2, kind="test_report", name="监测报告.pdf", content=PDF)
    case = cases.approve_transfer(cases.report_case(case, actor=cast.handler2), actor=cast.office)
    return cases.transfer_case(
        case, actor=cast.handler2, police_unit=cast.units["police"], procuratorate=cast.units["procuratorate"]
    )


def sample_material(cast):
    return sample_case(cast).materials.get()


def sample_opinion(cast):
    from ducha.enforcement.services import police, procuratorate

    case = police.refuse_filing(sample_case(cast), actor=cast.police, reasons="证据不足。")
    return procuratorate.issue_opinion(case, actor=cast.procuratorate, kind="oversight", text="应当立案。")


class EnforcementTestCase(CastTestCase):
    pass
