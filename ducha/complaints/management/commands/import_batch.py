"""import_batch PATH --inspection CODE [--batch N] [--dry-run] [--history] [--json]

With --history, PATH is an earlier round's published table (办理情况一览表 / 公开情况一览表):
each row becomes a closed complaint with its handling (services.history).

Exit status: 0 imported (or dry run clean), 1 any error (nothing written), 2 usage.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ducha.complaints.services import intake
from ducha.inspections.models import Inspection
from ducha.inspections.turns import WAITING
from ducha.org.scoping import system_user
from ducha.uploads import unexpected_failure


class Command(BaseCommand):
    help = "导入一个交办批次文件（xlsx/xls/csv）：全部成功才写入；同一受理编号重复导入不会产生重复件。"

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--inspection", required=True, help="督察代码")
        parser.add_argument("--batch", type=int, help="批次号（默认取文件标题中的“第N批”，否则顺延）")
        parser.add_argument("--dry-run", action="store_true", help="只校验并统计，不写入")
        parser.add_argument(
            "--history",
            action="store_true",
            help="文件是以往轮次公开的办理情况一览表：每行导入为已办结的信访件及其办理情况",
        )
        parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    def handle(self, *args, path, inspection, batch, dry_run, history, json: bool, **options):
        try:
            target = Inspection.objects.get(code=inspection)
        except Inspection.DoesNotExist:
            raise CommandError(f"督察“{inspection}”不存在：请先运行 create_inspection。", returncode=2)
        if not Path(path).is_file():
            raise CommandError(f"文件不存在：{path}", returncode=2)
        try:
            result = intake.import_batch(
                path,
                actor=system_user(),
                inspection=target,
                batch_number=batch,
                dry_run=dry_run,
                history=history,
                waiting=lambda: self.stderr.write(f"{WAITING}……"),
            )
        except Exception as exc:  # a fault of ours, not of the file: still a JSON answer, exit 1
            result = unexpected_failure("batch", Path(path).name, exc, dry_run=dry_run)
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
        verb = "校验通过（未写入）" if result.dry_run and result.ok else "已导入" if result.ok else "未导入任何数据"
        self.stdout.write(
            f"{verb}：第{result.batch}批，新增 {result.created}，更新 {result.updated}，"
            f"未变 {result.unchanged}，错误 {len(result.errors)}，警告 {len(result.warnings)}。"
        )


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, default=str)
