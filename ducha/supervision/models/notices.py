"""Supervision notices (督办单) with their numbering and items, and bulletins (通报)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ducha.complaints.models import Complaint
from ducha.fields import PiiTextField
from ducha.inspections.models import Inspection
from ducha.org.models import Region, Unit
from ducha.rectification.models import Task


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
