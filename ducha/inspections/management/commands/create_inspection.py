import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from ducha.errors import DomainError
from ducha.inspections import services
from ducha.inspections.models import InspectionKind
from ducha.org.scoping import system_user


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"日期格式应为 YYYY-MM-DD：{value}")


class Command(BaseCommand):
    help = "新建一次督察（例行督察或回头看），供导入交办批次时引用。"

    def add_arguments(self, parser):
        parser.add_argument("code", help="督察代码，如 2017-hunan")
        parser.add_argument("--team", required=True, help="督察组，如 中央第六环境保护督察组")
        parser.add_argument("--province", required=True, help="被督察省份，如 湖南省")
        parser.add_argument("--start", required=True, help="进驻日期 YYYY-MM-DD")
        parser.add_argument("--end", help="结束日期 YYYY-MM-DD")
        parser.add_argument("--kind", choices=InspectionKind.values, default=InspectionKind.REGULAR)
        parser.add_argument("--round", default="", help="轮次，如 第一轮第四批")
        parser.add_argument(
            "--ref-pattern",
            default="",
            help="受理编号格式：round1、lookback、round2、round3 或正则表达式；不符的编号导入时给出警告",
        )

    def handle(self, *args, code, team, province, start, end, kind, round, ref_pattern, **options):
        try:
            inspection = services.create_inspection(
                actor=system_user(),
                code=code,
                team=team,
                province=province,
                start_date=_date(start),
                end_date=_date(end) if end else None,
                kind=kind,
                round=round,
                ref_pattern=ref_pattern,
            )
        except DomainError as exc:
            raise CommandError(str(exc.message))
        self.stdout.write(f"已新建督察 {inspection.code}：{inspection}")
