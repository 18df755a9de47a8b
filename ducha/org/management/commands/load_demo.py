from django.core.management.base import BaseCommand
from django.utils import translation

from ducha import demo


class Command(BaseCommand):
    help = "载入演示数据（湘潭市的区域、单位、每个角色一个演示账号）；重复运行不会重复载入。"

    def handle(self, *args, **options):
        translation.activate("zh-hans")
        logins = demo.load()
        self.stdout.write("演示账号（用户名 / 密码 / 角色）：")
        for username, password, role in logins:
            self.stdout.write(f"  {username:<14} {password:<12} {role}")
