"""import_tasks PATH --inspection CODE [--region CODE] [--add-units] [--dry-run] [--json]

Exit status: 0 imported (or dry run clean), 1 any error (nothing written), 2 usage.
A deadline that cannot be read is no error: the task is listed in "needs_review".
A unit the directory lacks is an error naming the closest known units; with
--add-units the unknown names become departments of the list's city ("units_added").
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ducha.inspections.models import Inspection
from ducha.inspections.turns import WAITING
from ducha.org.models import Region
from ducha.org.scoping import system_user
from ducha.rectification.services import task_list
from ducha.uploads import unexpected_failure


class Command(BaseCommand):
    help = "导入整改任务清单（xlsx/xls/csv）：全部成功才写入；按问题序号和任务序号重复导入不会产生重复任务。"

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--inspection", required=True, help="督察代码")
        parser.add_argument("--region", help="所属市的行政区划代码（默认按责任单位判断）")
        parser.add_argument(
            "--add-units", action="store_true", help="把单位名录中没有的单位作为本市部门新增（列在 units_added 中）"
        )
        parser.add_argument("--dry-run", action="store_true", help="只校验并统计，不写入")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    def handle(self, *args, path, inspection, region, dry_run, json: bool, add_units: bool = False, **options):
        try:
            target = Inspection.objects.get(code=inspection)
        except Inspection.DoesNotExist:
            raise CommandError(f"督察“{inspection}”不存在：请先运行 create_inspection。", returncode=2)
        city = None
        if region:
            city = Region.objects.filter(code=region).first()
            if city is None:
                raise CommandError(f"行政区划代码“{region}”不存在。", returncode=2)
        if not Path(path).is_file():
            raise CommandError(f"文件不存在：{path}", returncode=2)
        try:
            result = task_list.import_tasks(
                path,
                actor=system_user(),
                inspection=target,
                region=city,
                dry_run=dry_run,
                add_units=add_units,
                waiting=lambda: self.stderr.write(f"{WAITING}……"),
            )
        except Exception as exc:  # a fault of ours, not of the file: still a JSON answer, exit 1
            result = unexpected_failure("task_list", Path(path).name, exc, dry_run=dry_run)
        if json:
            self.stdout.write(_dumps(result.as_json()))
        else:
            self._report(result)
        if not result.ok:
            sys.exit(1)

    def _report(self, result):
        for kind, problems in (("错误", result.errors), ("警告", result.warnings)):
            for p in problems:
                where = f"{p['sheet']} 第{p['row']}行 {p['column']}列（{p['header']}）" if p["row"] else p["sheet"]
                self.stdout.write(f"{kind}：{where} 值“{p['value']}”：{p['message']}")
        for u in result.unknown_units:
            closest = "、".join(s["name"] for s in u["suggestions"]) or "无"
            self.stdout.write(f"名录中没有的单位：“{u['name']}”（最接近：{closest}）")
        for name in result.units_added:
            self.stdout.write(f"已新增单位：{name}")
        for r in result.needs_review:
            self.stdout.write(f"待确认时限：问题{r['finding']} 任务{r['task']}（第{r['row']}行）“{r['raw']}”")
        verb = "校验通过（未写入）" if result.dry_run and result.ok else "已导入" if result.ok else "未导入任何数据"
        self.stdout.write(
            f"{verb}：问题 {result.findings} 个，任务 {result.tasks} 项；新增 {result.created}，更新 {result.updated}，"
            f"未变 {result.unchanged}，错误 {len(result.errors)}，警告 {len(result.warnings)}，"
            f"待确认时限 {len(result.needs_review)}。"
        )


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, default=str)
