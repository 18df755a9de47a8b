"""scan_overdue [--date YYYY-MM-DD] [--json]

Marks open complaints and rectification tasks yellow or red by the alert rules and
notifies the units concerned. Exit status: 0 done, 2 usage (bad date, missing calendar year).
"""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from ducha.errors import DomainError
from ducha.org.scoping import system_user
from ducha.supervision.services.overdue import scan_overdue


class Command(BaseCommand):
    help = "逾期预警扫描：按预警规则标记黄色、红色预警并通知责任单位。"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按哪一天扫描（默认今天），YYYY-MM-DD")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, date, json: bool, **options):
        try:
            today = dt.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{date}", returncode=2)
        try:
            summary = scan_overdue(actor=system_user(), today=today)
        except DomainError as exc:
            raise CommandError(str(exc.message), returncode=2)
        if json:
            self.stdout.write(_dumps(summary))
            return
        for kind in ("complaint", "task"):
            s = summary[kind]
            self.stdout.write(
                f"{kind}: 红色 {s['red']}，黄色 {s['yellow']}，新增 {s['new']}，升级 {s['escalated']}，解除 {s['cleared']}"
            )
        self.stdout.write(f"通知 {summary['notified']} 人")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)
