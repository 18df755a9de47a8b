"""Overdue alerts: the rules the office edits and the yellow or red mark on one item."""

from __future__ import annotations

import enum

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ducha.choices import ColouredChoices
from ducha.inspections.models import Inspection
from ducha.org.models import Region, Unit


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
