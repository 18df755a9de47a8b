"""issue_bulletins [--inspection CODE] [--week YYYY-Www] [--json]

Issues the weekly bulletin (通报) of each inspection and office region once per ISO
week: a second run in the same week issues nothing. Exit status: 0 done, 2 usage
(bad week, unknown inspection).
"""

import json

from django.core.management.base import BaseCommand, CommandError

from ducha.errors import DomainError
from ducha.inspections.models import Inspection
from ducha.org.scoping import system_user
from ducha.supervision.services.bulletins import issue_weekly_bulletins

SCHEDULE = "0 7 * * 1  cd /srv/ducha && .venv/bin/python manage.py issue_bulletins"


class Command(BaseCommand):
    help = (
        "发布每周通报：每个督察、每个环委办所在区域每个自然周（ISO周）一期，重复运行不重复发布。"
        f"由部署环境的定时任务（cron 或 systemd timer）每周运行，例如：{SCHEDULE}"
    )

    def add_arguments(self, parser):
        parser.add_argument("--inspection", help="只发布该督察代码的通报（默认全部督察）")
        parser.add_argument("--week", help="ISO 周次 YYYY-Www（默认本周），如 2026-W10")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, inspection, week, json: bool, **options):
        chosen = None
        if inspection:
            chosen = Inspection.objects.filter(code=inspection).first()
            if chosen is None:
                raise CommandError(f"没有督察代码为 {inspection} 的督察。", returncode=2)
        try:
            summary = issue_weekly_bulletins(actor=system_user(), week=week, inspection=chosen)
        except DomainError as exc:
            raise CommandError(str(exc.message), returncode=2)
        if json:
            self.stdout.write(_dumps(summary))
            return
        for row in summary["issued"]:
            self.stdout.write(f"已发布 {row['inspection']} {row['region']}：{row['title']}")
        for row in summary["already"]:
            self.stdout.write(f"本周已发布，跳过 {row['inspection']} {row['region']}")
        self.stdout.write(
            f"{summary['week']}（截至{summary['as_of']}）：发布 {len(summary['issued'])} 期，"
            f"已有 {len(summary['already'])} 期，无数据 {len(summary['empty'])} 个"
        )


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)
