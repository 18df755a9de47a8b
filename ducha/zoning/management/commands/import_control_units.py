"""import_control_units PATH [--edition NAME] [--dry-run] [--json]

Exit status: 0 imported (or dry run clean), 1 any error (nothing written), 2 usage.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ducha.org import scoping
from ducha.zoning import services


class Command(BaseCommand):
    help = (
        "导入环境管控单元图层（GeoJSON、Shapefile 压缩包或 .shp）为一个版本：全部无误才写入；"
        "新版本成为当前版本，同名版本再次导入按单元编码更新。"
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--edition", help="版本名称（默认用文件名）")
        parser.add_argument("--dry-run", action="store_true", help="只校验并统计，不写入")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    def handle(self, *args, path, edition, dry_run, json: bool, **options):
        if not Path(path).exists():
            raise CommandError(f"文件不存在：{path}", returncode=2)
        result = services.import_control_units(path, actor=scoping.system_user(), edition=edition, dry_run=dry_run)
        if json:
            self.stdout.write(services.dumps(result.as_json()))
        else:
            self._report(result)
        if not result.ok:
            sys.exit(1)

    def _report(self, result):
        for kind, problems in (("错误", result.errors), ("提示", result.warnings)):
            for p in problems:
                where = [p["file"]]
                if p["feature"]:
                    where.append(f"第{p['feature']}个要素")
                if p["code"]:
                    where.append(p["code"])
                if p["field"]:
                    where.append(f"字段 {p['field']}")
                if "lon" in p:
                    where.append(f"位置 {p['lon']}, {p['lat']}")
                self.stdout.write(f"{kind}：{' '.join(where)}：{p['message']}")
        verb = "校验通过（未写入）" if result.dry_run and result.ok else "已导入" if result.ok else "未导入任何数据"
        self.stdout.write(
            f"{verb}：版本“{result.edition}”，单元 {result.units} 个；新增 {result.created}，更新 {result.updated}，"
            f"未变 {result.unchanged}，删除 {result.removed}；坐标系 {result.crs}，属性编码 {result.encoding}；"
            f"错误 {len(result.errors)}，提示 {len(result.warnings)}。"
        )
