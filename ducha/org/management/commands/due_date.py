"""`manage.py due_date 2026-09-24 --working-days 10`: a due date and its explanation."""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from ducha.core.workdays import WorkdaysError
from ducha.org.calendar import due_date


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期“{text}”无效，应写成 2026-09-24 的形式", returncode=2)


class Command(BaseCommand):
    help = (
        "计算办理时限的截止日期（起算日不计入）：第一行输出截止日期（ISO 格式），第二行输出说明。"
        "按工作日用 --working-days N，按自然日用 --days N（截止日为节假日的顺延至下一个工作日）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("start", help="起算日，例如 2026-09-24（交办当日，不计入期限）")
        parser.add_argument("--working-days", type=int, metavar="N", help="N 个工作日")
        parser.add_argument("--days", type=int, metavar="N", help="N 个自然日")
        parser.add_argument("--json", dest="as_json", action="store_true", help='输出 {"date": …, "explanation": …}')

    def handle(self, *args, start, working_days, days, as_json=False, **options):
        if (working_days is None) == (days is None):
            raise CommandError("请只填写 --working-days 或 --days 中的一个", returncode=2)
        try:
            due = due_date(_iso_date(start), working_days=working_days, days=days)
        except WorkdaysError as exc:
            raise CommandError(exc.message, returncode=1)
        if as_json:
            self.stdout.write(
                json.dumps({"date": due.date.isoformat(), "explanation": due.explanation}, ensure_ascii=False)
            )
        else:
            self.stdout.write(due.date.isoformat())
            self.stdout.write(due.explanation)
