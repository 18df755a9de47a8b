"""Intake: the batches an inspection hands over, the complaint cases in them, pollution
types and their synonyms, and the import jobs of uploaded batch files."""

import enum

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ducha.choices import ColouredChoices
from ducha.fields import EncryptedTextField, PiiTextField
from ducha.inspections.models import Inspection
from ducha.org.models import Region


class Batch(models.Model):
    """One hand-over (交办, 第N批): the file as it arrived, kept with its hash."""

    inspection = models.ForeignKey(Inspection, models.PROTECT, related_name="batches", verbose_name=_("督察"))
    number = models.PositiveIntegerField(_("批次"))
    handed_over_on = models.DateField(_("交办日期"))
    source_name = models.CharField(_("原始文件名"), max_length=255)
    source_file = models.FileField(_("原始文件"), upload_to="batches/", max_length=255)
    source_sha256 = models.CharField(_("文件SHA-256"), max_length=64)
    # an earlier round's published results (办理情况一览表), imported closed as they were
    history = models.BooleanField(_("历史办理结果"), default=False)
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


class ComplaintStatus(ColouredChoices):
    RECEIVED = "received", _("待转办")
    DISPATCHED = "dispatched", _("办理中")
    SUBMITTED = "submitted", _("待审核")
    RETURNED = "returned", _("已退回")
    CLOSED = "closed", _("已办结")
    CLOSED_PENDING = "closed_pending", _("阶段性办结")

    COLOURS = enum.nonmember(
        {
            "received": "grey",
            "dispatched": "blue",
            "submitted": "teal",
            "returned": "orange",
            "closed": "green",
            "closed_pending": "green",
        }
    )
    # closed (办结) counts both kinds of closing; open means in a unit's hands or under review
    CLOSED_STATES = enum.nonmember(("closed", "closed_pending"))
    OPEN_STATES = enum.nonmember(("dispatched", "returned", "submitted"))
    IN_HAND_STATES = enum.nonmember(("dispatched", "returned"))


class Complaint(models.Model):
    inspection = models.ForeignKey(Inspection, models.PROTECT, related_name="complaints", verbose_name=_("督察"))
    batch = models.ForeignKey(Batch, models.PROTECT, related_name="complaints", verbose_name=_("交办批次"))
    ref = models.CharField(_("受理编号"), max_length=64)
    # the team's 序号 in the batch file: the disclosure table keeps the team's order
    serial = models.PositiveIntegerField(_("序号"), null=True, blank=True)
    channel = models.CharField(_("信访方式"), max_length=16, choices=Channel.choices, blank=True)
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    text = PiiTextField(_("交办问题基本情况"), names_from="complainant_name")
    # Keyed by the region code itself, so scoping by code prefix needs no join.
    region = models.ForeignKey(
        Region, models.PROTECT, to_field="code", db_column="region_code", related_name="+", verbose_name=_("行政区域")
    )
    pollution_types = models.ManyToManyField(
        PollutionType, through="ComplaintPollution", related_name="complaints", verbose_name=_("污染类型")
    )
    is_key = models.BooleanField(_("重点件"), default=False)
    team_repeat = models.BooleanField(_("督察组标注重复件"), null=True, blank=True)
    # what closing the case means, as the team wrote it (third round's 办结目标)
    target = models.TextField(_("办结目标"), blank=True)
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
    # bumped by every change; a form posts the version it showed, and a stale one is
    # refused as a conflict instead of overwriting someone else's work
    version = models.PositiveIntegerField(default=1, editable=False)
    lead_unit = models.ForeignKey(
        "org.Unit", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("牵头单位")
    )
    dispatched_at = models.DateTimeField(_("转办时间"), null=True, blank=True)
    due_on = models.DateField(_("办理时限"), null=True, blank=True)
    due_explanation = models.CharField(_("时限说明"), max_length=300, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    closure_note = models.CharField(_("办结说明"), max_length=300, blank=True)
    repeat_of = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="repeats", verbose_name=_("重复件原件")
    )
    repeats_checked = models.BooleanField(default=False, editable=False)
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
            models.Index(fields=["inspection", "status", "due_on"], name="complaint_due_idx"),
            models.Index(fields=["lead_unit", "status"], name="complaint_unit_idx"),
            # covers the dashboard's and the figures' group-bys without touching rows
            models.Index(
                fields=["inspection", "region", "status", "due_on", "closed_at"], name="complaint_figures_idx"
            ),
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


class ImportJobStatus(models.TextChoices):
    CHECKED = "checked", _("已校验，待确认")
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("导入中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class ImportJob(models.Model):
    """One uploaded batch file on its way in: checked (dry run), then imported, inline
    or by the task worker. The page reads this row, so progress survives a reload."""

    inspection = models.ForeignKey(Inspection, models.PROTECT, related_name="import_jobs", verbose_name=_("督察"))
    batch_number = models.PositiveIntegerField(_("批次"), null=True, blank=True)
    # an earlier round's published results (services.history), not a new hand-over
    history = models.BooleanField(_("历史办理结果"), default=False)
    # the uploader's office region: jobs are seen by the office of that region
    region = models.ForeignKey(
        Region,
        models.PROTECT,
        to_field="code",
        db_column="region_code",
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("行政区域"),
    )
    upload = models.CharField(_("上传文件"), max_length=255)  # a path in ducha.store
    file_name = models.CharField(_("原始文件名"), max_length=255)
    status = models.CharField(
        _("状态"), max_length=16, choices=ImportJobStatus.choices, default=ImportJobStatus.CHECKED
    )
    rows_total = models.PositiveIntegerField(_("数据行数"), default=0)
    rows_done = models.PositiveIntegerField(_("已处理行数"), default=0)
    preview = models.JSONField(_("校验结果"), default=dict)
    result = models.JSONField(_("导入结果"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("上传人")
    )
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    # when the worker took the job; the worker's heartbeat after that is a file's
    # mtime (services.import_jobs.last_heartbeat): the import's own transaction holds
    # SQLite's write lock, so the row itself cannot be touched while it runs
    heartbeat_at = models.DateTimeField(_("心跳时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")

    def __str__(self):
        return self.file_name

    @property
    def is_active(self) -> bool:
        return self.status in (ImportJobStatus.QUEUED, ImportJobStatus.RUNNING)

    @property
    def outcome(self) -> dict:
        """The newest word on the file: the import's result once run, else the check."""
        return self.result if self.result is not None else self.preview
