from pathlib import Path

from django.core.management.base import BaseCommand

from ducha.org.scoping import system_user
from ducha.org.services import REGIONS_FILE, load_regions


class Command(BaseCommand):
    help = "从数据文件载入行政区划与区域别名（默认 ducha/org/data/regions.json）；可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(REGIONS_FILE))

    def handle(self, *args, path, **options):
        changed = load_regions(actor=system_user(), path=Path(path))
        self.stdout.write(f"已载入，变更 {changed} 项。")
