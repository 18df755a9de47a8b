from django.core.management.base import BaseCommand

from ducha.audit.verify import verify_chain


class Command(BaseCommand):
    help = "校验审计日志哈希链：完整时退出码 0 并打印条数，否则退出码 1 并指出第一条问题记录。"

    def handle(self, *args, **options):
        verdict = verify_chain()
        if verdict.ok:
            self.stdout.write(f"审计链完整：共 {verdict.count} 条记录。")
            return
        self.stderr.write(f"审计链被破坏：第 {verdict.bad_seq} 条记录：{verdict.reason}")
        raise SystemExit(1)
