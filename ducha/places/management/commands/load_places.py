import json
from dataclasses import asdict
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ducha.core.textsim.gazetteer import DIVISIONS_FILE
from ducha.errors import DomainError
from ducha.org.scoping import system_user
from ducha.places.services.loading import load_places


class Command(BaseCommand):
    help = (
        "从统计用区划代码 CSV（code,name 两列）载入区划地名，及随附的河流、湖库、河段与别名；"
        "默认载入随附的湖南省数据；可重复运行，输出 JSON 摘要。"
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DIVISIONS_FILE))
        parser.add_argument("--province", default="", help="只载入代码以此开头的区划（如 43、4303）")

    def handle(self, *args, path, province, **options):
        try:
            summary = load_places(actor=system_user(), path=Path(path), province=province)
        except DomainError as exc:
            raise CommandError(exc.message, returncode=2) from exc
        self.stdout.write(json.dumps(asdict(summary), ensure_ascii=False))
