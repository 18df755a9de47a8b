"""Inspections, the batches they hand over, and the complaint cases in them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ducha.fields import EncryptedTextField
from ducha.org.models import Region


class InspectionKind(models.TextChoices):
    REGULAR = "regular", _("例行督察")
    LOOKBACK = "lookback", _("督察“回头看”")


class Inspection(models.Model):
    code = models.SlugField(_("督察代码"), max_length=32, unique=True)
    team = models.CharField(_("督察组"), max_length=64)
    province = models.CharField(_("被督察省份"), max_length=32)
    round = models.CharField(_("批次/轮次"), max_length=32, blank=True)
    kind = models.CharField(
        _("督察类型"), max_length=16, choices=InspectionKind.choices, default=InspectionKind.REGULAR
    )
    start_date = models.DateField(_("进驻日期"))
    end_date = models.DateField(_("结束日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "code"]
        verbose_name = _("督察")
        verbose_name_plural = _("督察")

    def __str__(self):
        return f"{self.team}（{self.start_date:%Y}年{self.get_kind_display()}）"


class Batch(models.Model):
    """One hand-over (交办, 第N批): the file as it arrived, kept with its hash."""

    inspection = models.ForeignKey(Inspection, models.PROTECT, related_name="batches", verbose_name=_("督察"))
    number = models.PositiveIntegerField(_("批次"))
    handed_over_on = models.DateField(_("交办日期"))
    source_name = models.CharField(_("原始文件名"), max_length=255)
    source_file = models.FileField(_("原始文件"), upload_to="batches/", max_length=255)
    source_sha256 = models.CharField(_("文件SHA-256"), max_length=64)
    imported_at = models.DateTimeField(_("导入时间"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("导入人")
    )

    class Meta:
        ordering = ["inspection", "number"]
        verbose_name = _("交办批次")
        verbose_name_plural = _("交办批次")
        constraints = [models.UniqueConstraint(fields=["inspection", "number"], name="batch_unique_number")]

    def __str__(self):
        return _("第%(n)s批") % {"n": self.number}


class PollutionType(models.Model):
    code = models.CharField(_("代码"), max_length=16, primary_key=True)
    name = models.CharField(_("名称"), max_length=16, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("污染类型")
        verbose_name_plural = _("污染类型")

    def __str__(self):
        return self.name


class PollutionSynonym(models.Model):
    """Another word a file uses for a pollution type (扬尘 → 大气): data the office edits."""

    text = models.CharField(_("写法"), max_length=32, unique=True)
    pollution_type = models.ForeignKey(
        PollutionType, models.CASCADE, related_name="synonyms", verbose_name=_("污染类型")
    )

    class Meta:
        ordering = ["pollution_type", "text"]
        verbose_name = _("污染类型同义词")
        verbose_name_plural = _("污染类型同义词")

    def __str__(self):
        return f"{self.text} → {self.pollution_type}"


class Channel(models.TextChoices):
    PHONE = "phone", _("来电")
    LETTER = "letter", _("来信")
    VISIT = "visit", _("来访")
    ONLINE = "online", _("网络")


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("待转办")
    DISPATCHED = "dispatched", _("办理中")
    SUBMITTED = "submitted", _("待审核")
    RETURNED = "returned", _("已退回")
    CLOSED = "closed", _("已办结")
    CLOSED_PENDING = "closed_pending", _("阶段性办结")


class Complaint(models.Model):
    inspection = models.ForeignKey(Inspection, models.PROTECT, related_name="complaints", verbose_name=_("督察"))
    batch = models.ForeignKey(Batch, models.PROTECT, related_name="complaints", verbose_name=_("交办批次"))
    ref = models.CharField(_("受理编号"), max_length=64)
    channel = models.CharField(_("信访方式"), max_length=16, choices=Channel.choices, blank=True)
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    text = models.TextField(_("交办问题基本情况"))
    # Keyed by the region code itself, so scoping by code prefix needs no join.
    region = models.ForeignKey(
        Region, models.PROTECT, to_field="code", db_column="region_code", related_name="+", verbose_name=_("行政区域")
    )
    pollution_types = models.ManyToManyField(
        PollutionType, through="ComplaintPollution", related_name="complaints", verbose_name=_("污染类型")
    )
    is_key = models.BooleanField(_("重点件"), default=False)
    team_repeat = models.BooleanField(_("督察组标注重复件"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED
    )
    complainant_name = EncryptedTextField(_("举报人"), mask="name")
    complainant_phone = EncryptedTextField(_("联系电话"), mask="phone")
    complainant_id_number = EncryptedTextField(_("身份证号"), mask="id_number")
    complainant_address = EncryptedTextField(_("举报人地址"), mask="address")
    # Keyed digest of the imported content: a re-import compares digests instead of
    # opening every sealed field. Keyed (HMAC) so it cannot be brute-forced for phones.
    content_digest = models.CharField(max_length=64, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-accepted_at", "-id"]
        verbose_name = _("信访件")
        verbose_name_plural = _("信访件")
        constraints = [models.UniqueConstraint(fields=["inspection", "ref"], name="complaint_unique_ref")]
        indexes = [
            models.Index(fields=["inspection", "region", "status"], name="complaint_scope_idx"),
            models.Index(fields=["batch", "id"], name="complaint_batch_idx"),
            models.Index(fields=["region", "id"], name="complaint_region_idx"),
        ]

    def __str__(self):
        return self.ref


class ComplaintPollution(models.Model):
    complaint = models.ForeignKey(Complaint, models.CASCADE, related_name="+")
    pollution_type = models.ForeignKey(PollutionType, models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["complaint", "pollution_type"], name="complaint_pollution_unique")
        ]
        indexes = [models.Index(fields=["pollution_type", "complaint"], name="pollution_complaint_idx")]

    def __str__(self):
        return f"{self.complaint_id}:{self.pollution_type_id}"
