"""The demo's rectification: the 2017 inspection's 14 feedback findings for 湘潭市, each
with its tasks, 13 of them accepted, noticed and signed off ("反馈的14个问题已完成整改
并销号13个"). Built through the real services from a task list written at load time;
idempotent: a second run finds the findings and changes nothing."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from unittest import mock

import xlsxwriter
from django.utils import timezone

from ducha.inspections.models import Inspection
from ducha.org.models import Region, User
from ducha.org.scoping import system_user
from ducha.rectification.models import AcceptanceResult, Finding
from ducha.rectification.services import acceptance, task_list

CODE = "2017-hunan"
PLAN_DATE = dt.date(2017, 11, 20)
LEADER = "陈建国"

# (反馈问题, 整改目标, 责任领导, [(整改措施, 责任单位, 整改时限)])
FINDINGS = [
    ("竹埠港地区重金属污染历史遗留问题突出，污染地块治理修复滞后。", "完成竹埠港片区污染地块治理修复", LEADER,
     [("编制并实施竹埠港片区土壤污染治理修复方案", "岳塘区、市生态环境局", "2018年12月底前"),
      ("建立污染地块开发利用联动监管机制", "市自然资源和规划局、市生态环境局、市住建局", "立行立改，长期坚持")]),
    ("城区黑臭水体整治推进缓慢，污水管网建设滞后。", "城市建成区黑臭水体基本消除", LEADER,
     [("实施雨湖区、岳塘区截污纳管工程", "市住建局、雨湖区、岳塘区", "2018年6月30日"),
      ("加强黑臭水体长效管护", "市城管执法局", "长期坚持")]),
    ("部分污水处理厂超标排放，提标改造进展迟缓。", "污水处理厂全部达到一级A排放标准", "胡为东",
     [("完成河东、河西污水处理厂提标改造", "市住建局", "2018年底前")]),
    ("湘潭高新区、经开区工业集聚区污水集中处理设施建设滞后。", "工业集聚区污水全部集中处理", "胡为东",
     [("建成园区污水集中处理设施并安装在线监控", "高新区、湘潭经开区、市生态环境局", "2017年12月底前")]),
    ("畜禽养殖污染问题突出，禁养区内养殖场未按期退出。", "禁养区内规模养殖场全部关闭退出", "刘新华",
     [("关闭退出禁养区内养殖场", "市农业农村局、湘潭县、湘乡市、韶山市", "2018年6月底前"),
      ("开展畜禽养殖废弃物资源化利用", "市农业农村局", "长期坚持")]),
    ("饮用水水源保护区内违法建筑和排污口清理不彻底。", "饮用水水源保护区环境问题全部整治到位", LEADER,
     [("拆除保护区内违法建筑，关闭排污口", "市水利局、雨湖区、岳塘区、湘潭县", "2018年3月底前")]),
    ("湘乡市锰矿开采造成生态破坏，矿区生态修复滞后。", "完成历史遗留矿山生态修复", "刘新华",
     [("实施锰矿区生态修复工程", "湘乡市、市自然资源和规划局", "2018年12月底前")]),
    ("电解锰渣等工业固体废物堆存不规范，环境风险较大。", "锰渣库规范化整治到位", "胡为东",
     [("完成锰渣库防渗和渗滤液收集处理", "市工信局、市生态环境局、湘乡市", "2018年9月30日")]),
    ("生活垃圾填埋场渗滤液处理能力不足，存在超标排放。", "渗滤液全部达标处理", LEADER,
     [("扩建垃圾填埋场渗滤液处理设施", "市城管执法局", "2018年10月底前")]),
    ("湘江干流及支流非法采砂问题屡禁不止。", "非法采砂行为得到有效遏制", "刘新华",
     [("开展非法采砂专项整治", "市水利局、市交通运输局、市公安局环侦支队", "立行立改"),
      ("建立河道采砂日常巡查制度", "市水利局", "长期坚持")]),
    ("湘江沿岸非法砂石码头未按要求取缔。", "非法砂石码头全部取缔并复绿", "刘新华",
     [("取缔非法砂石码头并实施复绿", "市交通运输局、雨湖区、岳塘区、湘潭县", "2018年6月30日")]),
    ("城区建筑工地扬尘管控不到位，大气污染防治任务落实不力。", "PM2.5年均浓度完成省定目标", LEADER,
     [("落实建筑工地扬尘防治“六个100%”", "市住建局、市城管执法局", "立行立改，长期坚持")]),
    ("重点工业企业超标排放问题未得到有效解决。", "重点企业稳定达标排放", "胡为东",
     [("督促重点企业完成超低排放改造", "市生态环境局、市工信局", "2018年12月31日")]),
    ("自然保护区内违规开发建设问题整改不到位。", "保护区内违规项目全部清理整治", LEADER,
     [("清理整治保护区内违规项目", "市自然资源和规划局、韶山市、昭山示范区", "2019年底前"),
      ("完成保护区勘界立标", "市自然资源和规划局", "2019年汛期前")]),
]  # fmt: skip
SIGNED_OFF = 13  # the first 13


def write_task_list(path: Path) -> Path:
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    sheet = book.add_worksheet("整改任务清单")
    wrap = book.add_format({"text_wrap": True, "valign": "vcenter", "border": 1})
    headers = ["序号", "反馈问题", "整改目标", "整改措施", "责任领导", "责任单位（排在第一位的为牵头单位）", "整改时限"]
    sheet.merge_range(0, 0, 0, 6, "", wrap)
    sheet.write_string(0, 0, "湘潭市贯彻落实中央第六环境保护督察组督察反馈意见整改任务清单", wrap)
    for c, h in enumerate(headers):
        sheet.write_string(1, c, h, wrap)
    r = 2
    for number, (text, target, leader, tasks) in enumerate(FINDINGS, start=1):
        first, last = r, r + len(tasks) - 1
        for measures, units, deadline in tasks:
            for c, v in ((3, measures), (5, units), (6, deadline)):
                sheet.write_string(r, c, v, wrap)
            r += 1
        for c, v in ((0, str(number)), (1, text), (2, target), (4, leader)):
            if last > first:
                sheet.merge_range(first, c, last, c, "", wrap)
            sheet.write_string(first, c, v, wrap)
    book.close()
    return path


def load_rectification() -> list:
    from ducha.inspections.services import create_inspection

    inspection = Inspection.objects.filter(code=CODE).first() or create_inspection(
        actor=system_user(),
        code=CODE,
        team="中央第六环境保护督察组",
        province="湖南省",
        start_date=dt.date(2017, 4, 24),
    )
    city = Region.objects.get(code="430300")
    if Finding.objects.filter(inspection=inspection, region=city).exists():
        return []
    office = User.objects.filter(username="office").first()
    with tempfile.TemporaryDirectory() as folder:
        path = write_task_list(Path(folder) / "湘潭市整改任务清单.xlsx")
        result = task_list.import_tasks(
            path, actor=system_user(), inspection=inspection, region=city, plan_date=PLAN_DATE
        )
    if not result.ok:
        raise RuntimeError(f"demo task list did not import: {result.errors[:3]}")
    findings = Finding.objects.filter(inspection=inspection, region=city).order_by("number")[:SIGNED_OFF]
    for finding, accepted in zip(findings, _acceptance_days(), strict=False):
        acceptance.accept_finding(
            finding, actor=office, date=accepted, team="湘潭市生态环境保护委员会办公室验收组",
            result=AcceptanceResult.PASSED, opinion="整改任务已完成，达到整改目标，同意通过验收。",
        )  # fmt: skip
        notice_day = accepted + dt.timedelta(days=3)
        acceptance.start_notice(finding, actor=office, start_date=notice_day, days=7, channel="湘潭日报")
        # signed off the working day after the notice ends, as the office would have
        with mock.patch.object(timezone, "now", return_value=_morning(notice_day + dt.timedelta(days=8))):
            acceptance.sign_off_finding(finding, actor=office)
    return []


def _acceptance_days() -> list[dt.date]:
    """The 13 acceptances spread from December 2017 to December 2018, as the city
    reported them (立行立改 first, the long works last), on weekdays."""
    days = []
    for i in range(SIGNED_OFF):
        day = dt.date(2017, 12, 12) + dt.timedelta(days=30 * i)
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        days.append(day)
    return days


def _morning(day: dt.date) -> dt.datetime:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(10), tzinfo=timezone.get_default_timezone())
