"""Regions, units and people: who is where, and in which role."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("省")
    CITY = "city", _("市")
    COUNTY = "county", _("县（市、区）")


class RegionKind(models.TextChoices):
    ADMIN = "admin", _("行政区")
    PARK = "park", _("园区（功能区）")


# How many leading digits of a GB/T 2260 code a region of each level owns: a city's
# subtree is every code that starts with its first four digits, parks included.
PREFIX_LENGTH = {RegionLevel.PROVINCE: 2, RegionLevel.CITY: 4, RegionLevel.COUNTY: 6}


class Region(models.Model):
    code = models.CharField(_("区划代码"), max_length=6, unique=True)
    name = models.CharField(_("名称"), max_length=64)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("上级")
    )
    level = models.CharField(_("级别"), max_length=16, choices=RegionLevel.choices)
    kind = models.CharField(_("类型"), max_length=16, choices=RegionKind.choices, default=RegionKind.ADMIN)

    class Meta:
        ordering = ["code"]
        verbose_name = _("行政区域")
        verbose_name_plural = _("行政区域")
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^[0-9]{6}$"), name="region_code_six_digits"),
        ]

    def __str__(self):
        return self.name

    @property
    def prefix(self) -> str:
        return self.code[: PREFIX_LENGTH[self.level]]


class RegionAlias(models.Model):
    """Another name people write for a region (高新区, 九华, 天易示范区): data, not code."""

    alias = models.CharField(_("别名"), max_length=64, unique=True)
    region = models.ForeignKey(Region, models.CASCADE, related_name="aliases", verbose_name=_("行政区域"))

    class Meta:
        ordering = ["alias"]
        verbose_name = _("区域别名")
        verbose_name_plural = _("区域别名")

    def __str__(self):
        return f"{self.alias} → {self.region.name}"


class UnitKind(models.TextChoices):
    OFFICE = "office", _("议事协调机构办公室")
    DEPARTMENT = "department", _("职能部门")
    GOVERNMENT = "government", _("县市区人民政府")
    PARK = "park", _("园区管委会")
    POLICE = "police", _("公安机关")
    PROCURATORATE = "procuratorate", _("检察机关")
    COURT = "court", _("审判机关")
    # 各县市区人民政府, 市直各相关部门: a name lists write for several units at once. A
    # task given to it stays with it (its lead unit is the collective, not its first
    # member) and reaches every member (ducha.org.names says who they are).
    COLLECTIVE = "collective", _("统称（多个单位）")


class Unit(models.Model):
    name = models.CharField(_("单位名称"), max_length=128, unique=True)
    short_name = models.CharField(_("简称"), max_length=32, blank=True)
    kind = models.CharField(_("单位类型"), max_length=16, choices=UnitKind.choices)
    region = models.ForeignKey(Region, models.PROTECT, related_name="units", verbose_name=_("所在区域"))
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("上级单位")
    )
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["region__code", "name"]
        verbose_name = _("单位")
        verbose_name_plural = _("单位")

    def __str__(self):
        return self.short_name or self.name


class UnitAlias(models.Model):
    """Another name a list writes for a unit (市发改委, 交警支队, 九华示范区管委会): data,
    not code. The office adds one when it maps an unknown name to a unit."""

    unit = models.ForeignKey(Unit, models.CASCADE, related_name="aliases", verbose_name=_("单位"))
    alias = models.CharField(_("别名"), max_length=128)

    class Meta:
        ordering = ["alias"]
        verbose_name = _("单位别名")
        verbose_name_plural = _("单位别名")
        constraints = [models.UniqueConstraint(fields=["unit", "alias"], name="unit_alias_unique")]

    def __str__(self):
        return f"{self.alias} → {self.unit.name}"


class Role(models.TextChoices):
    OFFICE = "office", _("环委办")
    HANDLER = "handler", _("承办人员")
    LEADER = "leader", _("领导")
    SUPERVISOR = "supervisor", _("督查人员")
    POLICE = "police", _("公安联络员")
    PROCURATORATE = "procuratorate", _("检察联络员")
    AUDITOR = "auditor", _("审计人员")
    ADMIN = "admin", _("系统管理员")


class User(AbstractUser):
    """A person who signs in. Chinese names are one field: no first/last split."""

    full_name = models.CharField(_("姓名"), max_length=64, blank=True)
    post = models.CharField(_("职务"), max_length=64, blank=True)
    phone = models.CharField(_("联系电话"), max_length=32, blank=True)
    # Set when someone else chose the password (an initial password from the people page,
    # a reset): the person is sent to the change page until they choose their own.
    must_change_password = models.BooleanField(_("须修改密码"), default=False)
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("人员")
        verbose_name_plural = _("人员")

    def __str__(self):
        return self.full_name or self.username


class PasswordHistory(models.Model):
    """Hashes of a person's recent passwords, so a change cannot go back to one of them.

    Written by the history validator's password_changed hook, which Django calls on
    every save after set_password (our services, createsuperuser, changepassword).
    """

    user = models.ForeignKey(User, models.CASCADE, related_name="password_history", verbose_name=_("人员"))
    password = models.CharField(_("密码摘要"), max_length=128)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("历史密码")
        verbose_name_plural = _("历史密码")

    def __str__(self):
        return f"{self.user_id} @ {self.created_at:%Y-%m-%d %H:%M}"


class Membership(models.Model):
    """A person's role in a unit; one person may hold several."""

    user = models.ForeignKey(User, models.CASCADE, related_name="memberships", verbose_name=_("人员"))
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="memberships", verbose_name=_("单位"))
    role = models.CharField(_("角色"), max_length=16, choices=Role.choices)

    class Meta:
        verbose_name = _("任职")
        verbose_name_plural = _("任职")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique"),
        ]

    def __str__(self):
        return f"{self.user} · {self.unit} · {self.get_role_display()}"


# --- the working-day calendar (工作日) ------------------------------------------------


class HolidayYear(models.Model):
    """One year's State Council notice on holidays (部分节假日安排的通知).

    Seeded from the `chinese_calendar` package; the office enters a later year from
    the notice itself, naming it as the source. ducha.org.calendar builds the
    working-day calendar from these rows.
    """

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    source = models.CharField(_("依据"), max_length=200)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("节假日安排")
        verbose_name_plural = _("节假日安排")

    def __str__(self):
        return f"{self.year}年节假日安排"


class HolidayDayKind(models.TextChoices):
    HOLIDAY = "holiday", _("放假")
    MAKEUP_WORKDAY = "makeup_workday", _("调休上班")


class HolidayDay(models.Model):
    """A day off (放假) or a make-up working day (调休上班) of one year's notice.

    A notice may list days of the previous December (元旦 often begins on 30 or 31
    December); the day still belongs to the notice's year.
    """

    year = models.ForeignKey(HolidayYear, models.CASCADE, related_name="days", verbose_name=_("年度"))
    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=HolidayDayKind.choices)
    name = models.CharField(_("节日"), max_length=32)

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日")
        verbose_name_plural = _("节假日")

    def __str__(self):
        return f"{self.date.isoformat()} {self.name} {self.get_kind_display()}"


class ApiToken(models.Model):
    """A token another system calls the API with, acting as `user` (so scoping and roles
    apply unchanged). Only the SHA-256 of the token is kept: it is shown once, at creation."""

    name = models.CharField(_("名称"), max_length=100)
    user = models.ForeignKey(User, models.CASCADE, related_name="api_tokens", verbose_name=_("人员"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    expires_at = models.DateTimeField(_("有效期至"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("最近使用时间"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")

    def __str__(self):
        return self.name
