"""The article's supervision story for the demo, through the real services: 约谈27人
(three of them twice, so 30 interviews), 问责59人, 31 meetings from August 2017, two
supervision notices, two site visits, and a scan of what is late today."""

from __future__ import annotations

import datetime as dt
import random

from ducha.complaints.models import Complaint
from ducha.inspections.models import Inspection
from ducha.org.models import Region, Role, Unit, User
from ducha.org.scoping import system_user
from ducha.rectification.models import Finding, Task
from ducha.supervision.models import (
    Accountability,
    AccountabilityKind,
    MeetingKind,
    NoticeLevel,
    SanctionForm,
    VisitKind,
)
from ducha.supervision.services import accountability, notices, overdue, visits

CODE = "2017-hunan"
INTERVIEWED, INTERVIEWED_TWICE, SANCTIONED = 27, 3, 59
MEETINGS = 31
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
GIVEN = ["建华", "志强", "国平", "海军", "晓东", "春生", "立新", "红梅", "卫东", "永刚", "德明", "小平", "桂林", "湘军"]
# posts that fit the kind of unit a person answers for
POSTS = {
    "county": ["副区长", "镇长", "镇党委书记", "分管副镇长", "街道办事处主任", "环保站站长", "村支部书记"],
    "department": ["局长", "副局长", "科长"],
    "environment": ["副局长", "执法支队支队长", "监测站站长"],
    "branch": ["分局局长", "分局副局长"],
    "park": ["管委会副主任", "环保局局长", "规划建设局局长", "安全环保部部长"],
}


# the bureaus whose officials the city held to account over environmental work
ACCOUNTABLE_BUREAUS = ("生态环境", "自然资源", "住房和城乡建设", "水利", "农业农村", "城市管理", "交通运输")


def accountable_units() -> list[Unit]:
    """Districts, counties and parks, and the bureaus that answer for environmental work."""
    units = Unit.objects.filter(region__code__startswith="4303", kind__in=["government", "department", "park"])
    return [
        u
        for u in units.select_related("region")
        if u.kind != "department" or (u.name.endswith(("局", "分局")) and any(b in u.name for b in ACCOUNTABLE_BUREAUS))
    ]


def post_for(rng: random.Random, unit: Unit) -> str:
    """A post in the unit: a district's 副区长 (a county's 副县长, a county-level city's
    副市长) or a town's officials; a bureau's 局长 and its sections; a park's committee."""
    if unit.kind == "park":
        return rng.choice(POSTS["park"])
    if unit.kind == "department":
        if unit.name.endswith("分局"):
            return rng.choice(POSTS["branch"])
        return rng.choice(POSTS["environment" if "生态环境" in unit.name else "department"])
    if unit.region.level != "county":
        return rng.choice(["副市长", "市政府副秘书长"])
    post = rng.choice(POSTS["county"])
    if post == "副区长" and unit.name.endswith("县人民政府"):
        return "副县长"
    if post == "副区长" and unit.name.endswith("市人民政府") and unit.region.level == "county":
        return "副市长"
    return post


AUTHORITY_INTERVIEW = "湘潭市人民政府"
AUTHORITY_SANCTION = "中共湘潭市纪律检查委员会"
SANCTION_FORMS = [
    SanctionForm.ADMONITION,
    SanctionForm.WARNING,
    SanctionForm.DEMERIT,
    SanctionForm.CRITICISM,
    SanctionForm.MAJOR_DEMERIT,
    SanctionForm.ORGANISATIONAL,
]
MEETING_TOPICS = [
    "传达学习中央环保督察反馈意见，研究部署整改工作",
    "听取信访件办理情况汇报，研究重点件办理",
    "审议湘潭市贯彻落实中央环保督察反馈意见整改方案",
    "调度反馈问题整改进展，研究竹埠港、锰矿区治理",
    "研究湘江保护和治理“一号重点工程”推进工作",
    "听取整改销号工作汇报，研究验收和公示安排",
]


def _unique_names(rng: random.Random, n: int) -> list[str]:
    names: list[str] = []
    while len(names) < n:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        if name not in names:
            names.append(name)
    return names


def load() -> list:
    inspection = Inspection.objects.filter(code=CODE).first()
    if inspection is None or Accountability.objects.filter(inspection=inspection).exists():
        return []
    office = User.objects.filter(username="office").first()
    supervisor = User.objects.filter(username="supervisor").first()
    city = Region.objects.get(code="430300")
    rng = random.Random(2017)
    complaints = list(Complaint.objects.filter(inspection=inspection).order_by("pk").values_list("pk", flat=True))
    findings = list(Finding.objects.filter(inspection=inspection).order_by("number"))
    units = accountable_units()
    _accountability(rng, inspection, office, units, complaints, findings)
    _meetings(rng, inspection, office, city, findings)
    _notices(inspection, supervisor, complaints)
    _visits(inspection, supervisor, city, units)
    overdue.scan_overdue(actor=system_user())
    return []


def _accountability(rng, inspection, office, units, complaint_ids, findings) -> None:
    names = _unique_names(rng, INTERVIEWED + SANCTIONED)
    start = dt.date(2017, 6, 1)
    people = []
    for i, name in enumerate(names):
        unit = units[i % len(units)]
        people.append(
            accountability.create_person(
                actor=office, name=name, post=post_for(rng, unit), unit=unit, region=unit.region
            )
        )
    interviewed, sanctioned = people[:INTERVIEWED], people[INTERVIEWED:]
    twice = interviewed[:INTERVIEWED_TWICE]
    for n, person in enumerate(interviewed + twice):
        complaint = Complaint.objects.get(pk=rng.choice(complaint_ids))
        accountability.record_accountability(
            person,
            actor=office,
            inspection=inspection,
            kind=AccountabilityKind.INTERVIEW,
            date=start + dt.timedelta(days=7 * n),
            authority=AUTHORITY_INTERVIEW,
            reason=f"信访件{complaint.ref}反映问题整改不力，约谈提醒。",
            complaints=[complaint],
        )
    for n, person in enumerate(sanctioned):
        finding = findings[n % len(findings)] if findings else None
        accountability.record_accountability(
            person,
            actor=office,
            inspection=inspection,
            kind=AccountabilityKind.SANCTION,
            form=SANCTION_FORMS[n % len(SANCTION_FORMS)],
            date=start + dt.timedelta(days=5 * n + 30),
            authority=AUTHORITY_SANCTION,
            reason="在中央环保督察反馈问题整改中履职不力。",
            findings=[finding] if finding else [],
        )


def _meetings(rng, inspection, office, city, findings) -> None:
    day = dt.date(2017, 8, 4)
    for n in range(MEETINGS):
        kind = MeetingKind.STANDING_COMMITTEE if n % 3 == 0 else MeetingKind.SPECIAL
        title = (
            f"市委常委会会议（{day:%Y年%m月}）"
            if kind == MeetingKind.STANDING_COMMITTEE
            else f"中央环保督察整改专题会议（第{n + 1}次）"
        )
        accountability.record_meeting(
            inspection,
            actor=office,
            region=city,
            date=day,
            kind=kind,
            title=title,
            chair="市委书记" if kind == MeetingKind.STANDING_COMMITTEE else "市长",
            topics=MEETING_TOPICS[n % len(MEETING_TOPICS)],
            findings=findings[n % len(findings) : n % len(findings) + 1] if findings else [],
        )
        day += dt.timedelta(days=rng.randint(14, 24))


def _notices(inspection, supervisor, complaint_ids) -> None:
    complaint = Complaint.objects.filter(pk__in=complaint_ids, lead_unit__isnull=False).order_by("pk").first()
    if complaint is not None:
        notice = notices.draft_notice(
            complaint.lead_unit,
            actor=supervisor,
            level=NoticeLevel.SUPERVISE,
            items=[complaint],
            reply_by=dt.date(2017, 5, 25),
            body="该信访件群众反映强烈，请加快办理，按期报送办理结果。",
            inspection=inspection,
            drafted_on=dt.date(2017, 5, 17),
        )
        notice = notices.issue_notice(notice, actor=_signer(), issued_on=dt.date(2017, 5, 18))
        handler = User.objects.filter(memberships__unit=complaint.lead_unit, memberships__role=Role.HANDLER).first()
        if handler is not None:
            notices.reply_notice(notice, actor=handler, text="已组织现场核查并责令停产整治，整改情况已按期报送。")
    task = (
        Task.objects.filter(finding__inspection=inspection, acceptance__isnull=True, due_date__isnull=False)
        .order_by("due_date")
        .first()
    )
    if task is not None:
        draft = notices.draft_notice(
            task.lead_unit,
            actor=supervisor,
            level=NoticeLevel.LISTED,
            items=[task],
            reply_by=dt.date(2019, 4, 30),
            body="该整改任务已超过整改时限，现予挂牌督办，请制定整改计划并书面回复。",
            inspection=inspection,
            drafted_on=dt.date(2019, 4, 12),
        )
        notices.issue_notice(draft, actor=_signer(), issued_on=dt.date(2019, 4, 15))


def _signer():
    """A member of the first signing role (签发), else the system."""
    from django.conf import settings

    return (
        User.objects.filter(memberships__role=settings.DUCHA_SIGNING_ROLES[0], is_active=True).order_by("pk").first()
        or system_user()
    )


def _visits(inspection, supervisor, city, units) -> None:
    special = visits.plan_visit(
        inspection,
        actor=supervisor,
        region=city,
        kind=VisitKind.SPECIAL,
        title="湘江沿岸砂石码头专项督查",
        planned_on=dt.date(2017, 9, 12),
        visited_on=dt.date(2017, 9, 12),
        team="市政府督查室、市生态环境局联合督查组",
        summary="督查沿江砂石码头12处，发现扬尘防治措施不到位等问题。",
    )
    visits.add_visit_finding(special, actor=supervisor, text="某砂石码头未按要求覆盖砂堆，扬尘明显。", unit=units[0])
    hidden = visits.plan_visit(
        inspection,
        actor=supervisor,
        region=city,
        kind=VisitKind.UNANNOUNCED,
        title="锰矿区废渣整治暗访",
        planned_on=dt.date(2018, 3, 6),
        visited_on=dt.date(2018, 3, 6),
        team="市委督查室暗访组",
        summary="暗访锰矿区废渣堆场3处。",
    )
    visits.add_visit_finding(hidden, actor=supervisor, text="废渣堆场渗滤液收集池破损。", unit=units[-1])
