"""The article's complaint story for the demo: the 2017 inspection of Hunan hands
湘潭市 312 complaints in 12 batches; every one is dispatched, handled, reviewed and
closed on time ("310余件信访件全部按时办结").

Everything goes through the real import and the real services, as the office would
have done it in 2017: the clock is set to each step's day while it runs, so the
audit log, due dates and on-time figures read as they would have then.
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import xlsxwriter
from django.utils import timezone

from ducha.complaints.models import Complaint, ComplaintStatus, RepeatSuggestion
from ducha.complaints.services import dispatch as dispatching
from ducha.complaints.services import handling, intake, repeats
from ducha.complaints.services import review as reviewing
from ducha.inspections import services as inspections
from ducha.inspections.models import Inspection
from ducha.org.models import Role, Unit, User

CODE = "2017-hunan"
DEMO_PASSWORD = "Ducha@2026"
TZ = dt.timezone(dt.timedelta(hours=8))
BATCH_SIZES = [18, 25, 31, 22, 27, 30, 24, 29, 26, 28, 27, 25]  # 312 in all
FIRST_DAY = dt.date(2017, 4, 28)
COUNTIES = [
    ("雨湖区", "雨湖区人民政府", ["长城乡", "姜畲镇", "鹤岭镇", "楠竹山镇", "窑湾街道"]),
    ("岳塘区", "岳塘区人民政府", ["荷塘乡", "霞城街道", "书院路街道", "板塘街道"]),
    ("湘潭县", "湘潭县人民政府", ["易俗河镇", "花石镇", "石潭镇", "河口镇", "中路铺镇"]),
    ("湘乡市", "湘乡市人民政府", ["东郊乡", "壶天镇", "毛田镇", "月山镇"]),
    ("韶山市", "韶山市人民政府", ["清溪镇", "银田镇"]),
    ("高新区", "湘潭高新区管委会", ["双马街道", "板塘铺"]),
    ("九华示范区", "湘潭经开区（九华示范区）管委会", ["九华街道", "响塘乡"]),
    ("昭山示范区", "湘潭昭山示范区管委会", ["昭山镇"]),
]
PROBLEMS = [
    ("养猪场", "粪污直排水塘，臭气熏天", "水、大气"),
    ("砂石场", "夜间作业噪声扰民，运砂车扬尘严重", "噪声、扬尘"),
    ("化工厂", "夜间偷排废气，周边居民闻到刺鼻气味", "大气"),
    ("搅拌站", "无防尘措施，粉尘污染严重", "大气"),
    ("码头", "露天堆放煤炭，扬尘污染湘江", "大气、水"),
    ("锰矿", "废渣随意堆放，雨后渗滤液流入农田", "土壤、固废"),
    ("餐馆", "油烟直排，噪音扰民", "油烟、噪声"),
    ("采石场", "无证开采，破坏山体植被", "生态"),
    ("冶炼厂", "烟囱冒黑烟，附近菜地受污染", "大气、土壤"),
    ("垃圾场", "垃圾渗滤液直排小河", "水、固废"),
]
FINDINGS = [
    "经现场核查，反映情况属实。该{site}未办理环评手续，污染防治设施不完善。",
    "经调查，反映问题基本属实。该{site}环保设施运行不正常，存在超标排放现象。",
    "经核查，反映问题部分属实。该{site}已停产，但现场仍有遗留污染物。",
]
MEASURES = [
    "责令立即停产整治，依法立案处罚，罚款{fine}元；已完成整改并经现场复核。",
    "责令限期整改，拆除违规设施，罚款{fine}元；整改情况已向举报人反馈。",
    "责令清理遗留污染物，纳入日常监管，整改到位。",
]


@contextmanager
def _at(moment: dt.datetime):
    with mock.patch.object(timezone, "now", return_value=moment):
        yield


def _write_batch(path: Path, number: int, day: dt.date, rows: list[tuple]) -> None:
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet(f"第{number}批")
    ws.merge_range(0, 0, 0, 8, f"中央第六环境保护督察组交办信访件（第{number}批）")
    ws.write(1, 0, f"交办单位：中央第六环境保护督察组    交办日期：{day.year}年{day.month}月{day.day}日")
    heads = [
        "序号",
        "受理编号",
        "交办问题基本情况",
        "行政区域",
        "污染类型",
        "信访方式",
        "受理时间",
        "举报人",
        "联系电话",
    ]
    for col, head in enumerate(heads):
        ws.write(2, col, head)
    for i, row in enumerate(rows, start=1):
        ws.write_row(2 + i, 0, [i, *row])
    book.close()


def _complaint_rows(rng: random.Random, number: int, day: dt.date, count: int, earlier: list[tuple]):
    rows = []
    for i in range(count):
        if earlier and rng.random() < 0.04:
            # someone complains again about a place already handed over
            county, town, village, site, what, pollution = rng.choice(earlier)
            text = f"{county}{town}{village}{site}{what}，此前已反映，至今仍未解决。"
        else:
            county, _unit, towns = rng.choice(COUNTIES)
            site, what, pollution = rng.choice(PROBLEMS)
            town, village = rng.choice(towns), f"{rng.choice('东西南北新金石长红')}{rng.choice('山塘湾冲岭桥')}村"
            earlier.append((county, town, village, site, what, pollution))
            text = f"{county}{town}{village}某{site}{what}。"
        channel = "来电" if rng.random() < 0.8 else "来信"
        accepted = dt.datetime.combine(day - dt.timedelta(days=1), dt.time(9)) + dt.timedelta(minutes=17 * i)
        ref = f"{'D' if channel == '来电' else 'X'}430000201704{number:02d}{i + 1:04d}"
        # most complainants leave a name and a number; some stay anonymous
        name = "" if rng.random() < 0.3 else rng.choice("张王李刘陈杨赵黄周吴") + rng.choice("伟芳娜敏静强磊军洋勇")
        phone = f"1{rng.choice('3589')}{rng.randrange(10**9):09d}" if name else ""
        rows.append((ref, text, county, pollution, channel, accepted.strftime("%Y年%m月%d日%H时%M分"), name, phone))
    return rows


def load() -> list:
    if Complaint.objects.filter(inspection__code=CODE).exists():
        return []
    office = User.objects.filter(memberships__role=Role.OFFICE).first()
    handlers = {u.unit.name: u for u in _handler_per_unit()}
    inspection = Inspection.objects.filter(code=CODE).first() or inspections.create_inspection(
        actor=office,
        code=CODE,
        team="中央第六环境保护督察组",
        province="湖南省",
        start_date=dt.date(2017, 4, 24),
        end_date=dt.date(2017, 5, 24),
        round="第三批",
    )
    inspection.due_days, inspection.due_kind = 15, "natural"
    inspection.save(update_fields=["due_days", "due_kind"])
    rng = random.Random(2017)
    earlier: list[tuple] = []
    work = Path(tempfile.mkdtemp(prefix="ducha-demo-"))
    for n, size in enumerate(BATCH_SIZES, start=1):
        day = FIRST_DAY + dt.timedelta(days=2 * (n - 1))
        path = work / f"第{n}批.xlsx"
        _write_batch(path, n, day, _complaint_rows(rng, n, day, size, earlier))
        with _at(dt.datetime.combine(day, dt.time(10), TZ)):
            result = intake.import_batch(path, actor=office, inspection=inspection, source_name=path.name)
            assert result.ok, result.errors[:3]
            repeats.scan_repeats(inspection=inspection)
        _handle_batch(rng, inspection, n, day, office, handlers)
    return []


class _Pick:
    def __init__(self, unit, user):
        self.unit, self.user = unit, user


def _handler_per_unit():
    """A handler in every district and park unit (雨湖区 has the demo login `handler`;
    the others get `handler-<code>` with the demo password)."""
    from ducha.demo import password_hash
    from ducha.org import services as org

    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    out = []
    for unit in Unit.objects.filter(name__in=[c[1] for c in COUNTIES]).select_related("region"):
        user = User.objects.filter(memberships__unit=unit, memberships__role=Role.HANDLER).first()
        if user is None:
            user = org.create_person(
                actor=admin,
                username=f"handler-{unit.region.code}",
                full_name=f"{unit.short_name}承办人",
                password=DEMO_PASSWORD,
                unit=unit,
                role=Role.HANDLER,
                must_change_password=False,
                password_hash=password_hash(DEMO_PASSWORD),
            )
        out.append(_Pick(unit, user))
    return out


def _handle_batch(rng, inspection, number, day, office, handlers) -> None:
    units = {county: name for county, name, _towns in COUNTIES}
    complaints = list(
        Complaint.objects.filter(batch__inspection=inspection, batch__number=number).select_related("region")
    )
    dispatch_at = dt.datetime.combine(day, dt.time(16), TZ)
    suggestions = RepeatSuggestion.objects.filter(complaint__in=complaints, status="open")
    best = {}
    for suggestion in suggestions.order_by("complaint_id", "-score", "pk"):
        best.setdefault(suggestion.complaint_id, suggestion)
    for _complaint, suggestion in sorted(best.items()):
        # a repeat of an open case is handled with its best suggestion (earlier complaints
        # first, so a link always reaches the root); one about a closed case is a possible
        # relapse and is handled afresh; the other suggestions are rejected all at once
        with _at(dispatch_at):
            if not suggestion.relapse:
                repeats.confirm_repeat(suggestion, actor=office)
            repeats.reject_repeats(suggestion.complaint, actor=office)
    for c in complaints:
        if Complaint.objects.get(pk=c.pk).repeat_of_id:
            continue  # handled with its original
        unit_name = units.get(_county_of(c.text), "雨湖区人民政府")
        pick = handlers[unit_name]
        actor = pick.user
        with _at(dispatch_at):
            c = dispatching.dispatch_complaint(c, actor=office, lead_unit=pick.unit)
        done = dispatch_at + dt.timedelta(days=rng.randint(4, 12), hours=rng.randint(0, 5))
        site = next((p[0] for p in PROBLEMS if p[0] in c.text), "企业")
        fine = rng.choice([0, 20000, 50000, 100000, 200000])
        with _at(done):
            handling.save_handling(
                c,
                actor=actor,
                findings=rng.choice(FINDINGS).format(site=site),
                veracity=rng.choice(["true", "mostly", "partly"]),
                measures=rng.choice(MEASURES).format(fine=fine),
                fines=fine,
                orders=1,
                penalty_cases=1 if fine else 0,
                measures_running=rng.random() < 0.08,
            )
            handling.submit_handling(Complaint.objects.get(pk=c.pk), actor=actor)
        with _at(done + dt.timedelta(hours=20)):
            reviewing.accept_handling(Complaint.objects.get(pk=c.pk), actor=office)
    assert (
        not Complaint.objects.filter(batch__inspection=inspection, batch__number=number)
        .exclude(status__in=[ComplaintStatus.CLOSED, ComplaintStatus.CLOSED_PENDING])
        .exists()
    )


def _county_of(text: str) -> str:
    return next((county for county, _unit, _towns in COUNTIES if text.startswith(county)), "")
