"""locate LON LAT [--crs wgs84|gcj02|cgcs2000] [--edition NAME] [--json]

Prints the control units that cover the point ({"units": []} outside every unit).
Exit status: 0 answered, 2 usage (bad coordinates, unknown edition, nothing imported).
"""

import math

from django.core.management.base import BaseCommand, CommandError

from ducha.zoning import queries, services


class Command(BaseCommand):
    help = "查询一个坐标点所在的环境管控单元（默认用当前版本）。"

    def add_arguments(self, parser):
        parser.add_argument("lon", help="经度")
        parser.add_argument("lat", help="纬度")
        parser.add_argument(
            "--crs", choices=queries.CRS_CHOICES, default="wgs84", help="坐标系：wgs84、gcj02（手机地图）或 cgcs2000"
        )
        parser.add_argument("--edition", help="版本名称（默认当前版本）")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, lon, lat, crs, edition, json: bool, **options):
        try:
            x, y = float(lon), float(lat)
        except ValueError:
            raise CommandError(f"经纬度应为数字：{lon} {lat}", returncode=2)
        if not (math.isfinite(x) and math.isfinite(y) and -180 <= x <= 180 and -90 <= y <= 90):
            raise CommandError(f"不是有效的经纬度：{lon} {lat}", returncode=2)
        target = queries.edition_named(edition)
        if target is None:
            message = f"版本“{edition}”不存在。" if edition else "尚未导入环境管控单元：请先运行 import_control_units。"
            raise CommandError(message, returncode=2)
        wgs_lon, wgs_lat = queries.to_wgs84(x, y, crs)
        units = queries.locate(wgs_lon, wgs_lat, edition=target)
        if json:
            data = {
                "units": [
                    {"code": u.code, "name": u.name, "category": u.category, "category_label": u.get_category_display()}
                    for u in units
                ],
                "edition": target.name,
                "wgs84": [round(wgs_lon, 8), round(wgs_lat, 8)],
            }
            self.stdout.write(services.dumps(data))
            return
        if not units:
            self.stdout.write(f"（{wgs_lon:.6f}, {wgs_lat:.6f}）不在“{target.name}”的任何管控单元内。")
        for u in units:
            self.stdout.write(f"{u.code} {u.name}（{u.get_category_display()}）")
