"""api_tokens [--revoke ID]

Lists the API tokens (id, name, user, created, expires, last used, revoked; never the
token), or revokes one: from then on it is refused (401, audited).
Exit status: 0 done, 2 usage (no such token).
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ducha.org.models import ApiToken
from ducha.org.scoping import system_user
from ducha.org.tokens import revoke_token


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "-"


class Command(BaseCommand):
    help = "列出接口令牌，或撤销一个令牌（--revoke ID）。"

    def add_arguments(self, parser):
        parser.add_argument("--revoke", type=int, metavar="ID", help="撤销该编号的令牌")

    def handle(self, *args, revoke, **options):
        if revoke is not None:
            token = ApiToken.objects.filter(pk=revoke).first()
            if token is None:
                raise CommandError(f"接口令牌 {revoke} 不存在。", returncode=2)
            revoke_token(token, actor=system_user())
            self.stdout.write(f"已撤销：{token.pk} {token.name}")
            return
        self.stdout.write("编号\t名称\t人员\t创建\t有效期至\t最近使用\t撤销")
        for t in ApiToken.objects.select_related("user").order_by("pk"):
            cells = [t.pk, t.name, t.user.username, _when(t.created_at), _when(t.expires_at)]
            self.stdout.write("\t".join(map(str, cells + [_when(t.last_used_at), _when(t.revoked_at)])))
