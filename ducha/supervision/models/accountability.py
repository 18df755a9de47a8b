"""A person held to account (Person, Accountability) and the meetings (约谈, 会议) recorded."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ducha.complaints.models import Complaint
from ducha.inspections.models import Inspection
from ducha.org.models import Region, Unit
from ducha.rectification.models import Finding

from .notices import SupervisionNotice


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
