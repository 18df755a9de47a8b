"""Handling: dispatch (assignments and the units' requests), handling reports with their
parts and evidence, review, repeat suggestions, disclosure and look-back rechecks."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ducha.complaints.models.intake import Batch, Complaint
from ducha.fields import PiiTextField


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("牵头单位")
    SUPPORT = "support", _("配合单位")


class Assignment(models.Model):
    """A complaint dispatched (转办) to a unit: one lead unit, any supporting units."""

    complaint = models.ForeignKey(Complaint, models.CASCADE, related_name="assignments", verbose_name=_("信访件"))
    unit = models.ForeignKey("org.Unit", models.PROTECT, related_name="assignments", verbose_name=_("承办单位"))
    role = models.CharField(_("角色"), max_length=8, choices=AssignmentRole.choices)
    is_active = models.BooleanField(_("有效"), default=True)
    assigned_at = models.DateTimeField(_("转办时间"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("转办人")
    )

    class Meta:
        ordering = ["complaint", "role", "id"]
        verbose_name = _("转办")
        verbose_name_plural = _("转办")
        indexes = [models.Index(fields=["unit", "is_active", "complaint"], name="assignment_unit_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "unit"], condition=models.Q(is_active=True), name="assignment_active_unique"
            ),
            models.UniqueConstraint(
                fields=["complaint"],
                condition=models.Q(is_active=True, role="lead"),
                name="assignment_one_active_lead",
            ),
        ]

    def __str__(self):
        return f"{self.complaint} → {self.unit}"


class RequestKind(models.TextChoices):
    EXTENSION = "extension", _("申请延期")
    REROUTE = "reroute", _("申请退回（非本单位职责）")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("待审批")
    APPROVED = "approved", _("已同意")
    REJECTED = "rejected", _("未同意")


class AssignmentRequest(models.Model):
    """A unit asks for more time or returns a wrongly routed case; the office decides."""

    assignment = models.ForeignKey(Assignment, models.CASCADE, related_name="requests", verbose_name=_("转办"))
    kind = models.CharField(_("类型"), max_length=16, choices=RequestKind.choices)
    reason = PiiTextField(_("理由"), names_from="assignment.complaint.complainant_name")
    extra_days = models.PositiveSmallIntegerField(_("延期天数"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    requested_at = models.DateTimeField(_("申请时间"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_note = PiiTextField(_("审批意见"), blank=True, names_from="assignment.complaint.complainant_name")

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("转办申请")
        verbose_name_plural = _("转办申请")

    def __str__(self):
        return f"{self.get_kind_display()} {self.assignment}"


class Veracity(models.TextChoices):
    TRUE = "true", _("属实")
    MOSTLY = "mostly", _("基本属实")
    PARTLY = "partly", _("部分属实")
    FALSE = "false", _("不属实")


class HandlingStatus(models.TextChoices):
    DRAFT = "draft", _("填报中")
    SUBMITTED = "submitted", _("待审核")
    ACCEPTED = "accepted", _("已通过")
    RETURNED = "returned", _("已退回")


class Handling(models.Model):
    """A handling report (办理情况), one row per version. A returned version stays as
    history; the unit's next change starts the next version as a copy of it (text,
    figures, parts and evidence), so nothing is typed twice. Enforcement figures are
    counts; fines are yuan."""

    complaint = models.ForeignKey(Complaint, models.CASCADE, related_name="handlings", verbose_name=_("信访件"))
    unit = models.ForeignKey("org.Unit", models.PROTECT, related_name="+", verbose_name=_("牵头单位"))
    number = models.PositiveSmallIntegerField(_("版本"), default=1)
    previous = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("上一版本")
    )
    status = models.CharField(_("状态"), max_length=16, choices=HandlingStatus.choices, default=HandlingStatus.DRAFT)
    findings = PiiTextField(_("调查核实情况"), blank=True, names_from="complaint.complainant_name")
    veracity = models.CharField(_("是否属实"), max_length=8, choices=Veracity.choices, blank=True)
    measures = PiiTextField(_("处理和整改情况"), blank=True, names_from="complaint.complainant_name")
    accountability_text = PiiTextField(_("责任人被处理情况"), blank=True, names_from="complaint.complainant_name")
    measures_running = models.BooleanField(_("整改措施仍在推进"), default=False)
    orders = models.PositiveIntegerField(_("责令整改（家）"), default=0)
    penalty_cases = models.PositiveIntegerField(_("立案处罚（家）"), default=0)
    fines = models.DecimalField(_("罚款（元）"), max_digits=14, decimal_places=2, default=0)
    criminal_cases = models.PositiveIntegerField(_("立案侦查（件）"), default=0)
    admin_detentions = models.PositiveIntegerField(_("行政拘留（人）"), default=0)
    criminal_detentions = models.PositiveIntegerField(_("刑事拘留（人）"), default=0)
    interviews = models.PositiveIntegerField(_("约谈（人）"), default=0)
    accountabilities = models.PositiveIntegerField(_("问责（人）"), default=0)
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("报送人")
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("审核人")
    )
    review_note = PiiTextField(_("审核意见"), blank=True, names_from="complaint.complainant_name")

    class Meta:
        ordering = ["complaint", "-id"]
        verbose_name = _("办理情况")
        verbose_name_plural = _("办理情况")

    def __str__(self):
        return f"{self.complaint} {self.get_status_display()}"


class HandlingPart(models.Model):
    """What a supporting unit adds to the lead unit's report."""

    handling = models.ForeignKey(Handling, models.CASCADE, related_name="parts", verbose_name=_("办理情况"))
    unit = models.ForeignKey("org.Unit", models.PROTECT, related_name="+", verbose_name=_("配合单位"))
    text = PiiTextField(_("配合办理情况"), names_from="handling.complaint.complainant_name")
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    written_at = models.DateTimeField(_("填报时间"))

    class Meta:
        verbose_name = _("配合办理情况")
        verbose_name_plural = _("配合办理情况")

    def __str__(self):
        return f"{self.unit}：{self.text[:20]}"


class Evidence(models.Model):
    handling = models.ForeignKey(Handling, models.CASCADE, related_name="evidence", verbose_name=_("办理情况"))
    file = models.FileField(_("文件"), upload_to="evidence/", max_length=255)
    name = models.CharField(_("文件名"), max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField(_("大小（字节）"))
    content_type = models.CharField(_("类型"), max_length=128)  # Office types run to 71 characters
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"))

    class Meta:
        verbose_name = _("证明材料")
        verbose_name_plural = _("证明材料")

    def __str__(self):
        return self.name


class SuggestionStatus(models.TextChoices):
    OPEN = "open", _("待确认")
    CONFIRMED = "confirmed", _("确认重复")
    REJECTED = "rejected", _("不是重复")


class RepeatSuggestion(models.Model):
    """Ducha's suggestion that `complaint` is about the same target as the earlier
    `candidate`. A person confirms or rejects; nothing is merged by itself. When the
    candidate is already closed, the pair is also a possible relapse (反弹)."""

    complaint = models.ForeignKey(Complaint, models.CASCADE, related_name="repeat_suggestions")
    candidate = models.ForeignKey(Complaint, models.CASCADE, related_name="+")
    score = models.DecimalField(_("相似度"), max_digits=4, decimal_places=3)
    reasons = models.JSONField(_("理由"), default=list)
    relapse = models.BooleanField(_("可能反弹"), default=False)
    status = models.CharField(_("状态"), max_length=16, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-score"]
        verbose_name = _("重复件提示")
        verbose_name_plural = _("重复件提示")
        constraints = [models.UniqueConstraint(fields=["complaint", "candidate"], name="repeat_pair_unique")]

    def __str__(self):
        return f"{self.complaint} ≈ {self.candidate}"


class RepeatProfile(models.Model):
    """What the repeat score compares of one complaint (`textsim.Features.to_dict`),
    written with the complaint so candidates are scored without extracting again."""

    complaint = models.OneToOneField(Complaint, models.CASCADE, primary_key=True, related_name="repeat_profile")
    features = models.JSONField()

    class Meta:
        verbose_name = _("重复件比对特征")
        verbose_name_plural = _("重复件比对特征")

    def __str__(self):
        return str(self.complaint_id)


class RepeatKey(models.Model):
    """One candidate key of a complaint (`textsim.keys`: a place, a company, a kind of
    site in a town, a MinHash band), written with the complaint. Complaints of one city
    (`scope`) sharing a key are candidates; the index answers "the latest complaints
    under this key before that one" by a range scan."""

    complaint = models.ForeignKey(Complaint, models.CASCADE, related_name="+")
    scope = models.CharField(max_length=6)  # the city's code: the first four digits of the region
    kind = models.CharField(max_length=1)  # p, n, r, k, s, w, c, m (see textsim.candidates)
    key = models.CharField(max_length=100)

    class Meta:
        verbose_name = _("重复件候选键")
        verbose_name_plural = _("重复件候选键")
        indexes = [models.Index(fields=["scope", "kind", "key", "complaint"], name="repeat_key_idx")]

    def __str__(self):
        return f"{self.kind}:{self.key}"


class DisclosureStatus(models.TextChoices):
    APPROVED = "approved", _("已公开")
    WITHDRAWN = "withdrawn", _("已撤回")


class Disclosure(models.Model):
    """A batch's one-glance table, approved for the public page."""

    batch = models.OneToOneField(Batch, models.CASCADE, related_name="disclosure", verbose_name=_("交办批次"))
    status = models.CharField(_("状态"), max_length=16, choices=DisclosureStatus.choices)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    approved_at = models.DateTimeField(_("公开时间"))

    class Meta:
        verbose_name = _("公开")
        verbose_name_plural = _("公开")

    def __str__(self):
        return f"{self.batch} {self.get_status_display()}"


class RecheckResult(models.TextChoices):
    PENDING = "pending", _("待复核")
    CONFIRMED = "confirmed", _("整改到位")
    RELAPSED = "relapsed", _("问题反弹")
    NOT_DONE = "not_done", _("整改未到位")


class Recheck(models.Model):
    """A look-back (回头看) recheck of a closed complaint."""

    complaint = models.ForeignKey(Complaint, models.CASCADE, related_name="rechecks", verbose_name=_("信访件"))
    sampled_at = models.DateTimeField(_("抽取时间"))
    sampled_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    result = models.CharField(
        _("复核结果"), max_length=16, choices=RecheckResult.choices, default=RecheckResult.PENDING
    )
    note = PiiTextField(_("复核情况"), blank=True, names_from="complaint.complainant_name")
    checked_at = models.DateTimeField(_("复核时间"), null=True, blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-sampled_at"]
        verbose_name = _("复核")
        verbose_name_plural = _("复核")

    def __str__(self):
        return f"{self.complaint} {self.get_result_display()}"
