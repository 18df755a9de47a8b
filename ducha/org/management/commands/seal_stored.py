"""Seal what was kept before sealing: files under DUCHA_HOME/files, identity inside free
text in the database; modes under DUCHA_HOME made private."""

import json

from django.conf import settings
from django.core.management.base import BaseCommand

from ducha import store
from ducha.fields import seal_rows
from ducha.home import make_private


class Command(BaseCommand):
    help = "加密保存此前明文保存的文件和自由文本中的身份信息（可重复运行），并将 DUCHA_HOME 下的权限设为仅本用户可读写；以 JSON 报告数量。"

    def handle(self, *args, **options):
        files = store.seal_kept()
        rows = seal_rows()
        modes = make_private(settings.DUCHA_HOME)
        report = {"files": files, "rows": rows, "rows_sealed": sum(rows.values()), "modes_fixed": modes}
        self.stdout.write(json.dumps(report, ensure_ascii=False))
