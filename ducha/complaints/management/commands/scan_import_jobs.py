"""scan_import_jobs [--json]: mark background imports whose worker died failed.

A running import job whose heartbeat is older than DUCHA_IMPORT_STALL_MINUTES is marked
failed with a message (nothing of it was written: its transaction died with the
worker); the office retries it from the job's page. Run every few minutes by the
deployment's scheduler, e.g. `*/5 * * * * … manage.py scan_import_jobs`. Exit 0.
"""

import json

from django.core.management.base import BaseCommand

from ducha.complaints.services.import_recovery import fail_stalled_imports
from ducha.org.scoping import system_user


class Command(BaseCommand):
    help = "把工作进程已停止（没有心跳）的后台导入标记为失败，以便重新导入。"

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    def handle(self, *args, json: bool = False, **options):
        failed = fail_stalled_imports(actor=system_user())
        if json:
            self.stdout.write(_dumps({"failed": failed}))
        else:
            self.stdout.write(f"停止响应并标记为失败的导入：{len(failed)} 个。")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)
