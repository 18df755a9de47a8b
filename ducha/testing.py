"""The fixed cast of the test suite, built once per test class with setUpTestData.

office    市环委办, role office (the whole of 湘潭市)
handler   雨湖区人民政府, role handler
handler2  岳塘区人民政府, role handler
leader, supervisor, police, procuratorate, auditor: one each
admin     superuser with the admin role
stranger  signed in, no membership at all
"""

from django.test import TestCase, TransactionTestCase

from ducha.org import services as org
from ducha.org.models import Region, Role, UnitKind, User
from ducha.org.scoping import system_user

PASSWORD = "Cast-pass-2026"


def region(code: str) -> Region:
    return Region.objects.get(code=code)


def build_cast(cls) -> None:
    org.load_regions(actor=system_user())
    cls.admin = User.objects.create_user("admin", password=PASSWORD, full_name="管理员", is_superuser=True)
    city, yuhu, yuetang = region("430300"), region("430302"), region("430304")
    units = {
        "office": ("湘潭市生态环境保护委员会办公室", "市环委办", UnitKind.OFFICE, city),
        "city_gov": ("湘潭市人民政府", "市政府", UnitKind.GOVERNMENT, city),
        "yuhu": ("雨湖区人民政府", "雨湖区", UnitKind.GOVERNMENT, yuhu),
        "yuetang": ("岳塘区人民政府", "岳塘区", UnitKind.GOVERNMENT, yuetang),
        "supervision": ("湘潭市人民政府督查室", "市政府督查室", UnitKind.OFFICE, city),
        "police": ("湘潭市公安局环境违法侦察支队", "环侦支队", UnitKind.POLICE, city),
        "procuratorate": ("湘潭市人民检察院", "市检察院", UnitKind.PROCURATORATE, city),
        "bureau": ("湘潭市生态环境局", "市生态环境局", UnitKind.DEPARTMENT, city),
    }
    cls.units = {}
    for key, (name, short, kind, reg) in units.items():
        cls.units[key] = org.create_unit(actor=cls.admin, name=name, short_name=short, kind=kind, region=reg)
    cls.unit_office, cls.unit_yuhu, cls.unit_yuetang = cls.units["office"], cls.units["yuhu"], cls.units["yuetang"]
    org.add_membership(cls.admin, actor=cls.admin, unit=cls.unit_office, role=Role.ADMIN)
    people = {
        "office": ("office", Role.OFFICE, "李明"),
        "handler": ("yuhu", Role.HANDLER, "王芳"),
        "handler2": ("yuetang", Role.HANDLER, "张伟"),
        "leader": ("city_gov", Role.LEADER, "陈建国"),
        "supervisor": ("supervision", Role.SUPERVISOR, "赵强"),
        "police": ("police", Role.POLICE, "刘勇"),
        "procuratorate": ("procuratorate", Role.PROCURATORATE, "周静"),
        "auditor": ("bureau", Role.AUDITOR, "孙丽"),
    }
    for username, (unit_key, role, name) in people.items():
        person = org.create_person(
            actor=cls.admin,
            username=username,
            full_name=name,
            password=PASSWORD,
            unit=cls.units[unit_key],
            role=role,
            must_change_password=False,
        )
        setattr(cls, username, person)
    cls.stranger = User.objects.create_user("stranger", password=PASSWORD, full_name="路人")


class CastTestCase(TestCase):
    """A TestCase with the fixed cast; each test gets fresh Python objects."""

    @classmethod
    def setUpTestData(cls):
        build_cast(cls)

    def setUp(self):
        # The principal is cached on a user object; start each test from the database.
        for name in (
            "admin",
            "office",
            "handler",
            "handler2",
            "leader",
            "supervisor",
            "police",
            "procuratorate",
            "auditor",
            "stranger",
        ):
            setattr(self, name, User.objects.get(username=name))

    def login(self, user):
        self.client.force_login(user)
        return self.client


class CommittingTestCase(TransactionTestCase):
    """For tests that need real commits (two imports at once, several connections).

    TransactionTestCase empties every table after each test; the audit table's
    triggers refuse that by design, so they are lifted for the flush alone and put
    back, and the reference data seeded by migrations is seeded again.
    """

    def _fixture_teardown(self):
        from importlib import import_module

        from django.apps import apps
        from django.db import connection

        triggers = import_module("ducha.audit.migrations.0002_append_only_triggers")
        drop = {"sqlite": triggers.SQLITE_REVERSE, "postgresql": triggers.POSTGRES_REVERSE}[connection.vendor]
        create = {"sqlite": triggers.SQLITE, "postgresql": triggers.POSTGRES}[connection.vendor]
        with connection.cursor() as cursor:
            for sql in drop:
                cursor.execute(sql)
        try:
            super()._fixture_teardown()
        finally:
            with connection.cursor() as cursor:
                for sql in create:
                    cursor.execute(sql)
            for module in (
                "ducha.org.migrations.0002_seed_regions",
                "ducha.org.migrations.0004_seed_holiday_years",
                "ducha.complaints.migrations.0002_seed_pollution_types",
                "ducha.enforcement.migrations.0002_seed_tables",
            ):
                import_module(module).seed(apps, None)
