"""create_api_token USERNAME --name NAME [--expires-days N]

Creates an API token acting as USERNAME (their roles and regions apply) and prints it
once: only its hash is kept. Use it as `Authorization: Bearer <token>`.
Exit status: 0 printed, 2 usage (unknown or inactive user, bad days).
"""

from django.core.management.base import BaseCommand, CommandError

from ducha.org.models import User
from ducha.org.scoping import system_user
from ducha.org.tokens import create_token


class Command(BaseCommand):
    help = "为人员创建接口令牌（只显示一次）。"

    def add_arguments(self, parser):
        parser.add_argument("username", help="令牌代表的人员用户名")
        parser.add_argument("--name", required=True, help="令牌名称（如 12345热线）")
        parser.add_argument("--expires-days", dest="expires_days", type=int, default=None, help="有效天数（默认长期）")

    def handle(self, *args, username, name, expires_days, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"人员“{username}”不存在或已停用。", returncode=2)
        if expires_days is not None and expires_days < 1:
            raise CommandError("有效天数应为正整数。", returncode=2)
        if not name.strip():
            raise CommandError("令牌名称不能为空。", returncode=2)
        _token, raw = create_token(user, actor=system_user(), name=name.strip()[:100], expires_days=expires_days)
        self.stdout.write(raw)
