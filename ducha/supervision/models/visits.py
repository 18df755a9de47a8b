"""Site visits (督查) and what each found."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ducha.complaints.models import Complaint
from ducha.fields import PiiTextField
from ducha.inspections.models import Inspection
from ducha.org.models import Region, Unit
from ducha.rectification.models import Task


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
