"""Enforcement (两法衔接): a case the environment bureau hands to the police
(CaseTransfer), the materials that travel with it, its steps, the procuratorate's
opinions, and two tables the office edits: the statutory deadlines and the criteria
that flag a penalty case as possibly criminal (可能涉嫌犯罪).

A case is one row from the bureau's first record to its end; its state moves only
through ducha.enforcement.services, each move a TransferStep carrying the deadline it
answered, so a late step stays red with its explanation.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ducha.complaints.models import Complaint
from ducha.enforcement.choices import (
    CaseState,
    CriterionKind,
    DeadlineStep,
    DeadlineUnit,
    MaterialKind,
    Offence,
    OpinionKind,
    OpinionOutcome,
    Party,
    PartyKind,
    SourceKind,
)
from ducha.inspections.models import Inspection
from ducha.org.models import Region, Unit
from ducha.supervision.models import SiteVisit


class CaseTransfer(models.Model):
    """移送案件: one penalty case the bureau considers handing to the police."""

    inspection = models.ForeignKey(
        Inspection, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("督察")
    )
    region = models.ForeignKey(
        Region, models.PROTECT, to_field="code", db_column="region_code", related_name="+", verbose_name=_("行政区域")
    )
    bureau = models.ForeignKey(Unit, models.PROTECT, related_name="case_transfers", verbose_name=_("移送机关"))
    police_unit = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="received_transfers", verbose_name=_("接收公安机关")
    )
    procuratorate = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="copied_transfers", verbose_name=_("抄送检察机关")
    )
    source = models.CharField(_("案件来源"), max_length=16, choices=SourceKind.choices, default=SourceKind.NONE)
    complaint = models.ForeignKey(
        Complaint, models.PROTECT, null=True, blank=True, related_name="case_transfers", verbose_name=_("信访件")
    )
    visit = models.ForeignKey(
        SiteVisit, models.PROTECT, null=True, blank=True, related_name="case_transfers", verbose_name=_("督查")
    )
    party_kind = models.CharField(_("当事人类型"), max_length=8, choices=PartyKind.choices)
    party_name = models.CharField(_("当事人"), max_length=128)
    offence = models.CharField(_("涉嫌罪名"), max_length=24, choices=Offence.choices)
    facts = models.TextField(_("涉嫌犯罪事实"))
    penalty_case_number = models.CharField(_("行政处罚案件编号"), max_length=64, blank=True)
    # what the threshold criteria read (entered by the bureau from its case file)
    pollutant = models.CharField(_("超标污染物"), max_length=64, blank=True)
    exceedance_multiple = models.DecimalField(_("超标倍数"), max_digits=8, decimal_places=2, null=True, blank=True)
    prior_penalties = models.PositiveSmallIntegerField(_("两年内受行政处罚次数"), default=0)
    flagged = models.BooleanField(_("可能涉嫌犯罪"), default=False)
    threshold_hits = models.JSONField(_("达到的入罪标准"), default=list, blank=True)  # [{"code", "name", "reason"}]
    state = models.CharField(_("状态"), max_length=16, choices=CaseState.choices, default=CaseState.DRAFT)
    # the statutory clock now running (a DeadlineStep), its due moment and why
    clock = models.CharField(_("计时环节"), max_length=32, choices=DeadlineStep.choices, blank=True)
    due_at = models.DateTimeField(_("法定时限"), null=True, blank=True)
    due_explanation = models.CharField(_("时限说明"), max_length=300, blank=True)
    # the 移送书's number (湘环移〔2026〕3号), taken at the transfer
    number = models.CharField(_("移送书文号"), max_length=40, blank=True)
    document = models.CharField(_("移送书文件"), max_length=255, blank=True)  # a path in ducha.store
    document_sha256 = models.CharField(_("移送书SHA-256"), max_length=64, blank=True)
    refusal_reason = models.TextField(_("不批准移送理由"), blank=True)
    police_reasons = models.TextField(_("不予立案理由"), blank=True)
    materials_returned = models.BooleanField(_("材料已退回"), default=False)
    outcome = models.TextField(_("处理结果"), blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    opened_at = models.DateTimeField(_("登记时间"))
    reported_at = models.DateTimeField(_("报批时间"), null=True, blank=True)
    transferred_at = models.DateTimeField(_("移送时间"), null=True, blank=True)
    filing_decided_at = models.DateTimeField(_("立案决定时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("移送案件")
        verbose_name_plural = _("移送案件")
        indexes = [
            models.Index(fields=["bureau", "state"], name="transfer_bureau_idx"),
            models.Index(fields=["police_unit", "state"], name="transfer_police_idx"),
            models.Index(fields=["region", "state"], name="transfer_region_idx"),
            models.Index(fields=["state", "due_at"], name="transfer_due_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="refused") | ~Q(refusal_reason=""), name="transfer_refusal_has_reason"
            ),
            models.CheckConstraint(
                condition=~Q(state="not_filed") | ~Q(police_reasons=""), name="transfer_not_filed_has_reasons"
            ),
        ]

    def __str__(self):
        return self.number or f"{self.party_name}（{self.get_offence_display()}）"

    @property
    def state_colour(self) -> str:
        return CaseState.colour_of(self.state)


class TransferMaterial(models.Model):
    """A file that travels with the case (移送材料), kept once in the store by its hash."""

    case = models.ForeignKey(CaseTransfer, models.CASCADE, related_name="materials", verbose_name=_("移送案件"))
    kind = models.CharField(_("材料类型"), max_length=24, choices=MaterialKind.choices)
    name = models.CharField(_("文件名"), max_length=255)
    path = models.CharField(_("存储位置"), max_length=255)  # a path in ducha.store, named by its hash
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"))

    class Meta:
        ordering = ["case", "id"]
        verbose_name = _("移送材料")
        verbose_name_plural = _("移送材料")

    def __str__(self):
        return self.name


class TransferStep(models.Model):
    """One move of a case (its history), with the deadline it answered, if any."""

    case = models.ForeignKey(CaseTransfer, models.CASCADE, related_name="steps", verbose_name=_("移送案件"))
    action = models.CharField(_("环节"), max_length=48)  # the audit event type
    from_state = models.CharField(_("原状态"), max_length=16, choices=CaseState.choices, blank=True)
    to_state = models.CharField(_("新状态"), max_length=16, choices=CaseState.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    actor_name = models.CharField(_("经办人"), max_length=64)
    unit = models.ForeignKey(Unit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("单位"))
    at = models.DateTimeField(_("时间"))
    note = models.TextField(_("说明"), blank=True)
    deadline = models.CharField(_("计时环节"), max_length=32, choices=DeadlineStep.choices, blank=True)
    due_at = models.DateTimeField(_("法定时限"), null=True, blank=True)
    due_explanation = models.CharField(_("时限说明"), max_length=300, blank=True)
    late = models.BooleanField(_("超过法定时限"), default=False)

    class Meta:
        ordering = ["case", "at", "id"]
        verbose_name = _("移送环节")
        verbose_name_plural = _("移送环节")

    def __str__(self):
        return f"{self.case_id} {self.action}"


class StatutoryDeadline(models.Model):
    """How long a step may take and the article it comes from: data, so a province's
    own rules can be entered."""

    step = models.CharField(_("环节"), max_length=32, choices=DeadlineStep.choices, unique=True)
    amount = models.PositiveSmallIntegerField(_("时限"))
    unit = models.CharField(_("单位"), max_length=8, choices=DeadlineUnit.choices)
    party = models.CharField(_("责任方"), max_length=16, choices=Party.choices)
    starts = models.CharField(_("起算"), max_length=64)
    article = models.TextField(_("依据"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("法定时限")
        verbose_name_plural = _("法定时限")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="deadline_positive")]

    def __str__(self):
        return f"{self.get_step_display()}：{self.amount}{self.get_unit_display()}"


class ProcuratorateOpinion(models.Model):
    """检察意见: 建议移送 for a case the bureau kept, 立案监督 for one the police did not file."""

    case = models.ForeignKey(CaseTransfer, models.PROTECT, related_name="opinions", verbose_name=_("移送案件"))
    kind = models.CharField(_("意见类型"), max_length=24, choices=OpinionKind.choices)
    procuratorate = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("检察机关"))
    number = models.CharField(_("文号"), max_length=40, unique=True)
    text = models.TextField(_("意见内容"))
    issued_on = models.DateField(_("发出日期"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    outcome = models.CharField(
        _("落实情况"), max_length=16, choices=OpinionOutcome.choices, default=OpinionOutcome.PENDING
    )
    outcome_note = models.TextField(_("落实说明"), blank=True)
    outcome_at = models.DateTimeField(_("落实时间"), null=True, blank=True)
    document = models.CharField(_("文件"), max_length=255, blank=True)  # a path in ducha.store
    document_sha256 = models.CharField(_("文件SHA-256"), max_length=64, blank=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("检察意见")
        verbose_name_plural = _("检察意见")
        indexes = [models.Index(fields=["case", "kind", "outcome"], name="opinion_case_idx")]

    def __str__(self):
        return self.number


class ThresholdCriterion(models.Model):
    """A criterion that flags a penalty case as possibly criminal (可能涉嫌犯罪):
    data the office edits. It only hints; nothing is transferred by it."""

    code = models.CharField(_("编号"), max_length=32, unique=True)
    name = models.CharField(_("标准"), max_length=200)
    kind = models.CharField(_("判断方式"), max_length=16, choices=CriterionKind.choices)
    pollutants = models.CharField(_("污染物（逗号分隔）"), max_length=300, blank=True)
    min_multiple = models.DecimalField(_("超标倍数不低于"), max_digits=8, decimal_places=2, null=True, blank=True)
    keywords = models.CharField(_("关键词（逗号分隔）"), max_length=300, blank=True)
    min_count = models.PositiveSmallIntegerField(_("受罚次数不低于"), null=True, blank=True)
    basis = models.TextField(_("依据"))
    active = models.BooleanField(_("启用"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("入罪标准")
        verbose_name_plural = _("入罪标准")

    def __str__(self):
        return self.name

    def terms(self, field: str) -> list[str]:
        raw = getattr(self, field) or ""
        return [t.strip() for t in raw.replace("，", ",").replace("、", ",").split(",") if t.strip()]
