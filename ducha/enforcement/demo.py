"""The demo's transfer cases (两法衔接), made through the real services by the demo's
people: the 雨湖区 handler's bureau opens them, the office decides, the city's police
and procuratorate act. Dated in the past, so one is overdue; one carries a 检察意见.
Idempotent: nothing is added once a case exists."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from ducha.complaints.models import Complaint
from ducha.enforcement.choices import MaterialKind, Offence, OpinionKind, PartyKind
from ducha.enforcement.models import CaseTransfer
from ducha.enforcement.services import cases, police, procuratorate
from ducha.inspections.models import Inspection
from ducha.org import scoping
from ducha.org.models import Unit, UnitKind, User

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

CASES = [
    # (party, offence, facts, pollutant, multiple, prior penalties, how far it goes)
    (
        "湘潭某电镀有限公司",
        Offence.POLLUTION,
        "该公司通过暗管将未经处理的含镉电镀废水直接排入涟水支流。",
        "镉",
        "6.4",
        0,
        "overdue",
    ),
    ("湘潭某冶炼厂", Offence.POLLUTION, "厂区雨水排口外排废水铅浓度超标，现场发现渗坑。", "铅", "4.1", 1, "filed"),
    ("某危废运输个体户", Offence.POLLUTION, "非法倾倒废矿物油约3吨于雨湖区某废弃砖厂。", "", None, 0, "opinion"),
    (
        "湘潭某化工有限公司",
        Offence.MONITORING,
        "篡改自动监测数据，干扰自动监测设施排放化学需氧量。",
        "",
        None,
        2,
        "kept",
    ),
    ("湘潭某印染有限公司", Offence.POLLUTION, "印染废水超标排放，两年内曾受行政处罚。", "", None, 1, "reported"),
    ("湘潭某五金加工厂", Offence.POLLUTION, "酸洗废液经渗井排放。", "", None, 0, "transferred"),
]


def _people():
    return {u.username: u for u in User.objects.filter(username__in=("handler", "office", "police", "procuratorate"))}


def _units():
    return (
        Unit.objects.filter(kind=UnitKind.POLICE, name="湘潭市公安局环境违法侦察支队").first(),
        Unit.objects.filter(kind=UnitKind.PROCURATORATE, name="湘潭市人民检察院").first(),
    )


def _ago(days: int, hour: int = 10) -> dt.datetime:
    day = timezone.localdate() - dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)), timezone.get_current_timezone())


def _make(spec, people, units, inspection, complaint) -> None:
    party, offence, facts, pollutant, multiple, prior, goes = spec
    handler, office, police_user, proc = (people[k] for k in ("handler", "office", "police", "procuratorate"))
    start = 20 if goes in ("filed", "opinion") else 12
    case = cases.open_case(
        actor=handler,
        party_kind=PartyKind.PERSON if "个体户" in party else PartyKind.UNIT,
        party_name=party,
        offence=offence,
        facts=facts,
        penalty_case_number=f"潭环罚〔{timezone.localdate().year}〕{len(party)}号",
        source="complaint" if complaint and goes == "overdue" else "none",
        complaint=complaint if goes == "overdue" else None,
        pollutant=pollutant,
        exceedance_multiple=Decimal(multiple) if multiple else None,
        prior_penalties=prior,
        inspection=inspection,
        at=_ago(start + 1),
    )
    if goes == "kept":
        return
    cases.add_material(case, actor=handler, kind=MaterialKind.INVESTIGATION_REPORT, name="调查报告.pdf", content=PDF)
    report_day = 1 if goes == "reported" else start
    case = cases.report_case(case, actor=handler, at=_ago(report_day))
    if goes == "reported":
        return
    case = cases.approve_transfer(case, actor=office, at=_ago(start - 1))
    when = _ago(start - 1, 15) if goes != "transferred" else timezone.now() - dt.timedelta(hours=1)
    case = cases.transfer_case(case, actor=handler, police_unit=units[0], procuratorate=units[1], at=when)
    if goes in ("overdue", "transferred"):
        return  # the police's 3 working days: long past for one, running for the other
    case = police.accept_case(case, actor=police_user, at=_ago(start - 2))
    if goes == "filed":
        police.file_case(case, actor=police_user, note="经审查，决定立案侦查。", at=_ago(start - 3))
        return
    case = police.refuse_filing(case, actor=police_user, reasons="现有证据不足以证明倾倒数量。", at=_ago(start - 3))
    case = cases_objection(case, handler, _ago(start - 4))
    procuratorate.issue_opinion(
        case,
        actor=proc,
        kind=OpinionKind.OVERSIGHT,
        text="经审查，该案已达到污染环境罪立案追诉标准，请公安机关说明不予立案理由或依法立案。",
        at=_ago(start - 5),
    )


def cases_objection(case, handler, at):
    from ducha.enforcement.services import objections

    return objections.request_oversight(case, actor=handler, reason="倾倒数量有称重记录，建议检察院立案监督。", at=at)


def load() -> list:
    if CaseTransfer.objects.exists():
        return []
    people, units = _people(), _units()
    if len(people) < 4 or None in units:
        return []
    inspection = Inspection.objects.order_by("-start_date", "code").first()
    complaint = scoping.visible_to(people["handler"], Complaint).order_by("pk").first()
    for spec in CASES:
        _make(spec, people, units, inspection, complaint)
    return []
