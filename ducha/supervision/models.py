"""Supervision (督查督办): overdue alerts, supervision notices, accountability, meetings,
site visits, bulletins, and the frozen figures of the leaders' screen.

Rules are data (AlertRule rows the office edits); an Alert row says that one complaint
or rectification task is yellow (due within the rule's working days) or red (past its
due day), since when, and for which unit. A person held to account is a Person, so one
person interviewed twice is one Person with two Accountability records.
"""

from __future__ import annotations

import enum

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ducha.choices import ColouredChoices
from ducha.complaints.models import Complaint
from ducha.fields import PiiTextField
from ducha.inspections.models import Inspection
from ducha.org.models import Region, Unit
from ducha.rectification.models import Finding, Task


class ItemKind(models.TextChoices):
    COMPLAINT = "complaint", _("信访件")
    TASK = "task", _("整改任务")


class AlertLevel(ColouredChoices):
    YELLOW = "yellow", _("黄色预警")
    RED = "red", _("红色预警（逾期）")

    COLOURS = enum.nonmember({"yellow": "yellow", "red": "red"})


class AlertRule(models.Model):
    """How early an item turns yellow, who is told, and when a red alert escalates."""

    item_kind = models.CharField(_("事项类型"), max_length=16, choices=ItemKind.choices, unique=True)
    yellow_days = models.PositiveSmallIntegerField(_("黄色预警（到期前工作日）"), default=3)
    escalate_after_days = models.PositiveSmallIntegerField(_("逾期升级（红色预警后工作日）"), default=5)
    notify_handlers = models.BooleanField(_("通知承办单位"), default=True)
    notify_supervisors = models.BooleanField(_("通知督查人员"), default=True)
    notify_office = models.BooleanField(_("通知环委办"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["item_kind"]
        verbose_name = _("预警规则")
        verbose_name_plural = _("预警规则")

    def __str__(self):
        return f"{self.get_item_kind_display()}：{self.yellow_days}"


class Alert(models.Model):
    """One item's current warning. Cleared (cleared_on set) when the item is closed
    or no longer near its due day; a new warning is a new row."""

    item_kind = models.CharField(_("事项类型"), max_length=16, choices=ItemKind.choices)
    item_id = models.PositiveIntegerField(_("事项编号"))
    level = models.CharField(_("预警等级"), max_length=8, choices=AlertLevel.choices)
    since = models.DateField(_("起始日期"))
    due_on = models.DateField(_("办理时限"))
    unit = models.ForeignKey(Unit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("责任单位"))
    region = models.ForeignKey(
        Region, models.PROTECT, to_field="code", db_column="region_code", related_name="+", verbose_name=_("行政区域")
    )
    inspection = models.ForeignKey(
        Inspection, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("督察")
    )
    escalated_on = models.DateField(_("升级日期"), null=True, blank=True)
    cleared_on = models.DateField(_("解除日期"), null=True, blank=True)

    class Meta:
        ordering = ["-level", "due_on", "id"]
        verbose_name = _("预警")
        verbose_name_plural = _("预警")
        constraints = [
            models.UniqueConstraint(
                fields=["item_kind", "item_id"], condition=Q(cleared_on__isnull=True), name="alert_one_active"
            )
        ]
        indexes = [
            models.Index(fields=["cleared_on", "item_kind", "item_id"], name="alert_active_idx"),
            models.Index(fields=["inspection", "cleared_on", "unit"], name="alert_unit_idx"),
        ]

    def __str__(self):
        return f"{self.get_item_kind_display()}#{self.item_id} {self.get_level_display()}"


class NoticeLevel(models.TextChoices):
    SUPERVISE = "supervise", _("督办")
    KEY = "key", _("重点督办")
    LISTED = "listed", _("挂牌督办")


class NoticeStatus(models.TextChoices):
    DRAFT = "draft", _("待签发")
    ISSUED = "issued", _("待回复")
    REPLIED = "replied", _("已回复")


class BulletinStatus(models.TextChoices):
    DRAFT = "draft", _("待签发")
    ISSUED = "issued", _("已签发")


class NoticeSequence(models.Model):
    """The yearly document-number sequence of one prefix (湘环督〔2026〕12号)."""

    prefix = models.CharField(_("发文字号前缀"), max_length=16)
    year = models.PositiveSmallIntegerField(_("年度"))
    last = models.PositiveIntegerField(_("已用序号"), default=0)

    class Meta:
        verbose_name = _("督办单编号")
        verbose_name_plural = _("督办单编号")
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="notice_sequence_unique")]

    def __str__(self):
        return f"{self.prefix}〔{self.year}〕{self.last}"


class SupervisionNotice(models.Model):
    """督办单: to one unit, about one or more items, with a reply deadline. Drafted by
    the office, it takes its 文号 and its document when it is signed (签发)."""

    number = models.CharField(_("文号"), max_length=40, blank=True)
    prefix = models.CharField(_("发文字号前缀"), max_length=16)
    year = models.PositiveSmallIntegerField(_("年度"))
    sequence = models.PositiveIntegerField(_("序号"), null=True, blank=True)
    inspection = models.ForeignKey(
        Inspection, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("督察")
    )
    level = models.CharField(_("督办等级"), max_length=16, choices=NoticeLevel.choices)
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="supervision_notices", verbose_name=_("督办单位"))
    region = models.ForeignKey(
        Region, models.PROTECT, to_field="code", db_column="region_code", related_name="+", verbose_name=_("行政区域")
    )
    issuer = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("发文单位"))
    body = PiiTextField(_("督办事项"))
    issued_on = models.DateField(_("下发日期"), null=True, blank=True)
    reply_by = models.DateField(_("回复时限"))
    status = models.CharField(_("状态"), max_length=16, choices=NoticeStatus.choices, default=NoticeStatus.DRAFT)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    document = models.CharField(_("文件"), max_length=255, blank=True)  # a path in ducha.store
    document_sha256 = models.CharField(_("文件SHA-256"), max_length=64, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    reply = PiiTextField(_("回复内容"), blank=True)
    replied_at = models.DateTimeField(_("回复时间"), null=True, blank=True)
    replied_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-year", "-sequence"]
        verbose_name = _("督办单")
        verbose_name_plural = _("督办单")
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year", "sequence"], name="notice_unique_sequence"),
            models.UniqueConstraint(fields=["number"], condition=~Q(number=""), name="notice_unique_number"),
        ]

    def __str__(self):
        return self.number or str(_("督办单（待签发）"))


class NoticeItem(models.Model):
    """One item a notice is about, linked both ways (complaint.supervision_items…)."""

    notice = models.ForeignKey(SupervisionNotice, models.CASCADE, related_name="items", verbose_name=_("督办单"))
    complaint = models.ForeignKey(
        Complaint, models.PROTECT, null=True, blank=True, related_name="supervision_items", verbose_name=_("信访件")
    )
    task = models.ForeignKey(
        Task, models.PROTECT, null=True, blank=True, related_name="supervision_items", verbose_name=_("整改任务")
    )
    # as the notice printed it
    title = models.CharField(_("事项"), max_length=300)
    ref = models.CharField(_("编号"), max_length=64)
    due = models.CharField(_("时限"), max_length=32)
    state = models.CharField(_("状态"), max_length=32)

    class Meta:
        ordering = ["notice", "id"]
        verbose_name = _("督办事项")
        verbose_name_plural = _("督办事项")
        constraints = [
            models.CheckConstraint(
                condition=Q(complaint__isnull=False, task__isnull=True) | Q(complaint__isnull=True, task__isnull=False),
                name="notice_item_one_target",
            )
        ]

    def __str__(self):
        return self.ref


# --- accountability and meetings ------------------------------------------------------


class Person(models.Model):
    """A person held to account (not necessarily a user of Ducha)."""

    name = models.CharField(_("姓名"), max_length=64)
    post = models.CharField(_("职务"), max_length=128)
    unit = models.ForeignKey(Unit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("单位"))
    unit_text = models.CharField(_("单位（原文）"), max_length=128, blank=True)
    region = models.ForeignKey(
        Region, models.PROTECT, to_field="code", db_column="region_code", related_name="+", verbose_name=_("行政区域")
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("责任人")
        verbose_name_plural = _("责任人")

    def __str__(self):
        return f"{self.name}（{self.unit_text or self.unit or ''}{self.post}）"


class AccountabilityKind(models.TextChoices):
    INTERVIEW = "interview", _("约谈")
    SANCTION = "sanction", _("问责")


class SanctionForm(models.TextChoices):
    ADMONITION = "admonition", _("诫勉")
    CRITICISM = "criticism", _("通报批评")
    WARNING = "warning", _("警告")
    DEMERIT = "demerit", _("记过")
    MAJOR_DEMERIT = "major_demerit", _("记大过")
    DEMOTION = "demotion", _("降级")
    REMOVAL = "removal", _("撤职")
    DISMISSAL = "dismissal", _("开除")
    ORGANISATIONAL = "organisational", _("组织处理")


class Accountability(models.Model):
    """约谈 or 问责 of one person on one date, with the causes it links to."""

    person = models.ForeignKey(Person, models.PROTECT, related_name="records", verbose_name=_("责任人"))
    inspection = models.ForeignKey(Inspection, models.PROTECT, related_name="+", verbose_name=_("督察"))
    region = models.ForeignKey(
        Region, models.PROTECT, to_field="code", db_column="region_code", related_name="+", verbose_name=_("行政区域")
    )
    kind = models.CharField(_("类型"), max_length=16, choices=AccountabilityKind.choices)
    form = models.CharField(_("问责方式"), max_length=16, choices=SanctionForm.choices, blank=True)
    date = models.DateField(_("日期"))
    authority = models.CharField(_("决定机关"), max_length=128)
    reason = models.TextField(_("事由"))
    complaints = models.ManyToManyField(
        Complaint, blank=True, related_name="accountabilities", verbose_name=_("信访件")
    )
    findings = models.ManyToManyField(Finding, blank=True, related_name="accountabilities", verbose_name=_("反馈问题"))
    notices = models.ManyToManyField(
        SupervisionNotice, blank=True, related_name="accountabilities", verbose_name=_("督办单")
    )
    visits = models.ManyToManyField("SiteVisit", blank=True, related_name="accountabilities", verbose_name=_("督查"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("约谈问责")
        verbose_name_plural = _("约谈问责")
        indexes = [models.Index(fields=["inspection", "kind", "person"], name="accountability_kind_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="interview", form="") | Q(kind="sanction") & ~Q(form=""),
                name="accountability_form_for_sanction",
            )
        ]

    def __str__(self):
        return f"{self.person.name} {self.get_kind_display()} {self.date}"


class MeetingKind(models.TextChoices):
    STANDING_COMMITTEE = "standing_committee", _("常委会")
    EXECUTIVE = "executive", _("常务会")
    SPECIAL = "special", _("专题会")
    DISPATCH = "dispatch", _("调度会")


class Meeting(models.Model):
    """研究部署会议: a meeting that studied the rectification."""

    inspection = models.ForeignKey(Inspection, models.PROTECT, related_name="+", verbose_name=_("督察"))
    region = models.ForeignKey(
        Region, models.PROTECT, to_field="code", db_column="region_code", related_name="+", verbose_name=_("行政区域")
    )
    date = models.DateField(_("日期"))
    kind = models.CharField(_("会议类型"), max_length=24, choices=MeetingKind.choices)
    title = models.CharField(_("会议名称"), max_length=200)
    chair = models.CharField(_("主持人"), max_length=64)
    topics = models.TextField(_("研究议题"))
    findings = models.ManyToManyField(Finding, blank=True, related_name="meetings", verbose_name=_("反馈问题"))
    complaints = models.ManyToManyField(Complaint, blank=True, related_name="meetings", verbose_name=_("信访件"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("研究部署会议")
        verbose_name_plural = _("研究部署会议")
        indexes = [models.Index(fields=["inspection", "date"], name="meeting_date_idx")]

    def __str__(self):
        return self.title


# --- site visits -------------------------------------------------------------------


class VisitKind(models.TextChoices):
    SPECIAL = "special", _("专项督查")
    UNANNOUNCED = "unannounced", _("暗访")


class SiteVisit(models.Model):
    inspection = models.ForeignKey(Inspection, models.PROTECT, related_name="+", verbose_name=_("督察"))
    region = models.ForeignKey(
        Region, models.PROTECT, to_field="code", db_column="region_code", related_name="+", verbose_name=_("行政区域")
    )
    kind = models.CharField(_("督查方式"), max_length=16, choices=VisitKind.choices)
    title = models.CharField(_("督查名称"), max_length=200)
    planned_on = models.DateField(_("计划日期"))
    visited_on = models.DateField(_("实施日期"), null=True, blank=True)
    team = models.CharField(_("督查组"), max_length=200)
    summary = models.TextField(_("督查情况"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        ordering = ["-planned_on", "-id"]
        verbose_name = _("专项督查（暗访）")
        verbose_name_plural = _("专项督查（暗访）")

    def __str__(self):
        return self.title


class VisitFinding(models.Model):
    """A problem a visit found; it becomes a rectification task or a complaint."""

    visit = models.ForeignKey(SiteVisit, models.CASCADE, related_name="findings", verbose_name=_("督查"))
    text = PiiTextField(_("发现问题"))
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("责任单位"))
    photos = models.JSONField(_("照片"), default=list)  # [{"name", "path", "sha256"}]
    task = models.OneToOneField(
        Task, models.PROTECT, null=True, blank=True, related_name="visit_finding", verbose_name=_("整改任务")
    )
    complaint = models.OneToOneField(
        Complaint, models.PROTECT, null=True, blank=True, related_name="visit_finding", verbose_name=_("信访件")
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        ordering = ["visit", "id"]
        verbose_name = _("督查发现问题")
        verbose_name_plural = _("督查发现问题")

    def __str__(self):
        return self.text[:30]


# --- bulletins and frozen figures --------------------------------------------------


class Bulletin(models.Model):
    """通报: the ranking of districts and units on one day, as xlsx and Word."""

    inspection = models.ForeignKey(Inspection, models.PROTECT, related_name="+", verbose_name=_("督察"))
    region = models.ForeignKey(
        Region, models.PROTECT, to_field="code", db_column="region_code", related_name="+", verbose_name=_("行政区域")
    )
    title = models.CharField(_("标题"), max_length=200)
    as_of = models.DateField(_("统计截至"))
    data = models.JSONField(_("数据"))
    xlsx = models.CharField(_("Excel文件"), max_length=255, blank=True)
    docx = models.CharField(_("Word文件"), max_length=255, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    published_at = models.DateTimeField(_("起草时间"))
    status = models.CharField(
        _("状态"), max_length=16, choices=BulletinStatus.choices, default=BulletinStatus.DRAFT, db_default="issued"
    )
    number = models.CharField(_("文号"), max_length=40, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    issued_at = models.DateTimeField(_("签发时间"), null=True, blank=True)
    # the ISO week (2026-W10) of a weekly bulletin; blank for one published on demand
    week = models.CharField(_("周次"), max_length=8, blank=True, default="")

    class Meta:
        ordering = ["-as_of", "-id"]
        verbose_name = _("通报")
        verbose_name_plural = _("通报")
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "region", "week"], condition=~Q(week=""), name="bulletin_one_per_week"
            )
        ]

    def __str__(self):
        return self.title
