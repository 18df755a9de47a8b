"""figures [--inspection CODE] [--region CODE] [--date YYYY-MM-DD | --as-of YYYY-MM-DD] [--json]

Prints each area's figures for an inspection (every inspection without --inspection).
--date judges today's records by that day (what is overdue by then); --as-of gives the
figures as they stood at the end of that day, from the dates the records carry.
An area takes part by a `figures.py` with FIGURES = {key: fn(scope)} (see ducha.measures);
the report's sentences come last.
Exit status: 0 printed, 2 usage (unknown inspection, bad date).
"""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ducha.dashboard.engine import scope_for_region
from ducha.dashboard.headline import report
from ducha.inspections.models import Inspection


def figures_for(inspection: Inspection, today: dt.date, region_code: str = "", *, past: bool = False) -> dict:
    return report(scope_for_region(inspection, today, region_code, past=past))


class Command(BaseCommand):
    help = "输出督察的统计数字（反馈问题整改等）；不指定督察时输出每个督察。"

    def add_arguments(self, parser):
        parser.add_argument("--inspection", help="督察代码")
        parser.add_argument("--region", default="", help="行政区划代码前缀（如 4303 为湘潭市）")
        when = parser.add_mutually_exclusive_group()
        when.add_argument("--date", help="按哪一天计算（默认今天），YYYY-MM-DD")
        when.add_argument("--as-of", dest="as_of", help="截至某日结束时的统计数字（按记录中的日期计算），YYYY-MM-DD")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, inspection, region, date, as_of, json: bool, **options):
        given = as_of or date
        try:
            today = dt.date.fromisoformat(given) if given else timezone.localdate()
        except ValueError:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{given}", returncode=2)
        if len(region) == 6:  # a region code: its prefix (430300 → 4303)
            region = region[:2] if region[2:] == "0000" else region[:4] if region[4:] == "00" else region
        if inspection:
            try:
                targets = [Inspection.objects.get(code=inspection)]
            except Inspection.DoesNotExist:
                raise CommandError(f"督察“{inspection}”不存在。", returncode=2)
        else:
            targets = list(Inspection.objects.order_by("start_date", "code"))
        data = [figures_for(i, today, region, past=bool(as_of)) for i in targets]
        if json:
            self.stdout.write(_dumps(data[0] if inspection else data))
            return
        for item in data:
            self.stdout.write(item["inspection"])
            for key, values in item.items():
                if key != "inspection":
                    self.stdout.write(f"  {key}: " + "，".join(f"{k} {v}" for k, v in values.items()))


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)
