"""The rectification of the inspection's feedback findings (反馈问题整改).

A city receives the feedback report, writes a plan and its task list, reports progress
every month, has each finding accepted (验收), publishes a notice (公示) and signs the
finding off (销号). Facts are stored; states a person reads (已完成, 达到序时进度, 逾期…)
are derived from them on the day they are read (`Task.state`, `queries.task_state`).
"""

from __future__ import annotations

import datetime as dt
import enum

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ducha.choices import ColouredChoices
from ducha.fields import PiiTextField
from ducha.inspections.models import Inspection
from ducha.org.models import Region, Unit


class FindingStatus(models.TextChoices):
    OPEN = "open", _("整改中")
    SIGNED_OFF = "signed_off", _("已销号")


class RectificationPlan(models.Model):
    """整改方案: one per inspection and city; its task list is imported into it."""

    inspection = models.ForeignKey(Inspection, models.PROTECT, related_name="plans", verbose_name=_("督察"))
    region = models.ForeignKey(
        Region, models.PROTECT, to_field="code", db_column="region_code", related_name="+", verbose_name=_("行政区域")
    )
    title = models.CharField(_("方案名称"), max_length=200, blank=True)
    issued_on = models.DateField(_("印发日期"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["-issued_on"]
        verbose_name = _("整改方案")
        verbose_name_plural = _("整改方案")
        constraints = [models.UniqueConstraint(fields=["inspection", "region"], name="plan_unique_city")]

    def __str__(self):
        return self.title or f"{self.region}整改方案"


class Finding(models.Model):
    """反馈问题: one problem of the feedback report, numbered as the task list numbers it."""

    plan = models.ForeignKey(RectificationPlan, models.PROTECT, related_name="findings", verbose_name=_("整改方案"))
    inspection = models.ForeignKey(Inspection, models.PROTECT, related_name="findings", verbose_name=_("督察"))
    # the city, by code: scoping by code prefix needs no join
    region = models.ForeignKey(
        Region, models.PROTECT, to_field="code", db_column="region_code", related_name="+", verbose_name=_("行政区域")
    )
    number = models.PositiveIntegerField(_("序号"))
    title = models.CharField(_("问题"), max_length=100)
    text = models.TextField(_("反馈问题"))
    leader_names = models.CharField(_("责任领导"), max_length=200, blank=True)
    leaders = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="led_findings", verbose_name=_("责任领导（人员）")
    )
    status = models.CharField(_("状态"), max_length=16, choices=FindingStatus.choices, default=FindingStatus.OPEN)
    signed_off_at = models.DateTimeField(_("销号时间"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("销号人")
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["inspection", "region", "number"]
        verbose_name = _("反馈问题")
        verbose_name_plural = _("反馈问题")
        constraints = [
            models.UniqueConstraint(fields=["inspection", "region", "number"], name="finding_unique_number"),
        ]
        indexes = [models.Index(fields=["region", "inspection", "status"], name="finding_scope_idx")]

    def __str__(self):
        return _("问题%(n)s：%(t)s") % {"n": self.number, "t": self.title}

    @property
    def is_signed_off(self) -> bool:
        return self.status == FindingStatus.SIGNED_OFF


class TaskState(ColouredChoices):
    """A task's state on a given day: derived, never stored."""

    DONE = "done", _("已完成")
    ONGOING = "ongoing", _("长期坚持")
    ON_SCHEDULE = "on_schedule", _("达到序时进度")
    BEHIND = "behind", _("未达到序时进度")
    OVERDUE = "overdue", _("逾期")
    REVIEW = "review", _("时限待确认")

    COLOURS = enum.nonmember(
        {
            "done": "green",
            "ongoing": "teal",
            "on_schedule": "blue",
            "behind": "orange",
            "overdue": "red",
            "review": "grey",
        }
    )
    # a finding with a task in one of these is behind (滞后)
    LATE_STATES = enum.nonmember(("behind", "overdue"))


class FindingState(ColouredChoices):
    """The four kinds of finding a leader reads on a given day: derived, never stored
    (queries.finding_conditions has the rule of each); together they are all findings."""

    SIGNED_OFF = "signed_off", _("已销号")
    RECTIFIED = "rectified_not_signed_off", _("已整改待销号")
    BEHIND = "behind", _("滞后")
    ON_SCHEDULE = "on_schedule", _("序时推进")

    COLOURS = enum.nonmember(
        {"signed_off": "green", "rectified_not_signed_off": "blue", "behind": "red", "on_schedule": "teal"}
    )


class Task(models.Model):
    """整改任务: one row of the task list. Its kinds may combine (立行立改，长期坚持)."""

    finding = models.ForeignKey(Finding, models.CASCADE, related_name="tasks", verbose_name=_("反馈问题"))
    number = models.PositiveIntegerField(_("任务序号"))
    target = models.TextField(_("整改目标"), blank=True)
    measures = models.TextField(_("整改措施"), blank=True)
    is_immediate = models.BooleanField(_("立行立改"), default=False)
    is_deadline = models.BooleanField(_("限期整改"), default=False)
    is_ongoing = models.BooleanField(_("长期坚持"), default=False)
    due_date = models.DateField(_("整改时限"), null=True, blank=True)
    deadline_text = models.CharField(_("整改时限（原文）"), max_length=200, blank=True)
    needs_review = models.BooleanField(_("时限待确认"), default=False)
    # the day the schedule (序时进度) counts from: the plan's date
    start_date = models.DateField(_("起算日期"))
    leader = models.CharField(_("责任领导"), max_length=200, blank=True)
    lead_unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("牵头单位"))
    units = models.ManyToManyField(
        Unit, through="TaskUnit", related_name="rectification_tasks", verbose_name=_("责任单位")
    )
    units_text = models.CharField(_("责任单位（原文）"), max_length=500, blank=True)
    # the passed acceptance that accepted this task (a fact, set by accept_finding)
    acceptance = models.ForeignKey(
        "Acceptance", models.SET_NULL, null=True, blank=True, related_name="accepted_tasks", verbose_name=_("验收")
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["finding", "number"]
        verbose_name = _("整改任务")
        verbose_name_plural = _("整改任务")
        constraints = [models.UniqueConstraint(fields=["finding", "number"], name="task_unique_number")]

    def __str__(self):
        return _("任务%(f)s-%(n)s") % {"f": self.finding.number, "n": self.number}

    @property
    def kinds_display(self) -> str:
        names = [
            str(label)
            for flag, label in (
                (self.is_immediate, _("立行立改")),
                (self.is_deadline, _("限期整改")),
                (self.is_ongoing, _("长期坚持")),
            )
            if flag
        ]
        return "，".join(names)

    @property
    def is_accepted(self) -> bool:
        return self.acceptance_id is not None

    def latest_percent(self) -> int | None:
        if hasattr(self, "latest_percent_value"):  # annotated by queries.with_state
            return self.latest_percent_value
        report = self.reports.order_by("-period", "-id").first()
        return report.percent if report else None

    def state(self, today: dt.date) -> str:
        """The state on `today`; queries.task_state is the same rule in SQL."""
        if self.acceptance_id is not None:
            return TaskState.ONGOING if self.is_ongoing else TaskState.DONE
        if self.due_date is not None:
            if self.due_date < today:
                return TaskState.OVERDUE
            percent = self.latest_percent() or 0
            span = (self.due_date - self.start_date).days
            elapsed = (today - self.start_date).days
            if span <= 0:
                return TaskState.ON_SCHEDULE if percent >= 100 else TaskState.BEHIND
            return TaskState.ON_SCHEDULE if percent * span >= 100 * elapsed else TaskState.BEHIND
        if not (self.is_immediate or self.is_deadline or self.is_ongoing):
            return TaskState.REVIEW
        percent = self.latest_percent()
        if self.is_immediate:
            return TaskState.ON_SCHEDULE if (percent or 0) >= 100 else TaskState.BEHIND
        return TaskState.ON_SCHEDULE if percent is not None else TaskState.BEHIND

    def days_to_due(self, today: dt.date) -> int | None:
        return (self.due_date - today).days if self.due_date else None


class UnitRole(models.TextChoices):
    LEAD = "lead", _("牵头单位")
    SUPPORT = "support", _("配合单位")


class TaskUnit(models.Model):
    task = models.ForeignKey(Task, models.CASCADE, related_name="task_units")
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+")
    role = models.CharField(_("角色"), max_length=16, choices=UnitRole.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["task", "position"]
        verbose_name = _("责任单位")
        verbose_name_plural = _("责任单位")
        constraints = [models.UniqueConstraint(fields=["task", "unit"], name="task_unit_unique")]

    def __str__(self):
        return f"{self.unit} · {self.get_role_display()}"


class ProgressStage(models.TextChoices):
    NOT_STARTED = "not_started", _("未启动")
    UNDERWAY = "underway", _("推进中")
    COMPLETED = "completed", _("已完成")


class ProgressReport(models.Model):
    """调度: a responsible unit's report on one task for one period (a month by default)."""

    task = models.ForeignKey(Task, models.CASCADE, related_name="reports", verbose_name=_("整改任务"))
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("报送单位"))
    period = models.DateField(_("报送期"))  # the first day of the month
    text = PiiTextField(_("进展情况"))
    percent = models.PositiveSmallIntegerField(_("完成进度（%）"))
    stage = models.CharField(_("阶段"), max_length=16, choices=ProgressStage.choices)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("报送人")
    )
    reported_at = models.DateTimeField(_("报送时间"))

    class Meta:
        ordering = ["task", "-period", "-id"]
        verbose_name = _("整改进展")
        verbose_name_plural = _("整改进展")
        constraints = [
            models.UniqueConstraint(fields=["task", "unit", "period"], name="report_unique_period"),
            models.CheckConstraint(condition=Q(percent__lte=100), name="report_percent_max_100"),
        ]
        indexes = [models.Index(fields=["task", "period"], name="report_task_period_idx")]

    def __str__(self):
        return f"{self.task} {self.period:%Y-%m} {self.unit}"


class AcceptanceResult(models.TextChoices):
    PASSED = "passed", _("通过")
    FAILED = "failed", _("不通过")


class Acceptance(models.Model):
    """验收: the check that a finding's rectification (some or all of its tasks) is done."""

    finding = models.ForeignKey(Finding, models.CASCADE, related_name="acceptances", verbose_name=_("反馈问题"))
    date = models.DateField(_("验收日期"))
    team = models.CharField(_("验收组"), max_length=200)
    result = models.CharField(_("验收结论"), max_length=16, choices=AcceptanceResult.choices)
    opinion = models.TextField(_("验收意见"))
    tasks = models.ManyToManyField(Task, related_name="acceptances", verbose_name=_("验收任务"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(_("登记时间"))

    class Meta:
        ordering = ["finding", "-date", "-id"]
        verbose_name = _("验收")
        verbose_name_plural = _("验收")

    def __str__(self):
        return f"{self.finding.number} {self.date} {self.get_result_display()}"


class PublicNotice(models.Model):
    """公示: the notice period before sign-off. It has ended on the day after its last day."""

    finding = models.ForeignKey(Finding, models.CASCADE, related_name="notices", verbose_name=_("反馈问题"))
    start_date = models.DateField(_("公示开始日期"))
    days = models.PositiveSmallIntegerField(_("公示天数"))
    channel = models.CharField(_("公示媒体"), max_length=200)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        ordering = ["finding", "-start_date", "-id"]
        verbose_name = _("公示")
        verbose_name_plural = _("公示")
        constraints = [models.CheckConstraint(condition=Q(days__gte=1), name="notice_days_positive")]

    def __str__(self):
        return f"{self.finding.number} {self.start_date}+{self.days}"

    @property
    def last_day(self) -> dt.date:
        return self.start_date + dt.timedelta(days=self.days - 1)

    def has_ended(self, today: dt.date) -> bool:
        return today > self.last_day


class Objection(models.Model):
    """公示异议: an objection received during a notice, and how it was resolved."""

    notice = models.ForeignKey(PublicNotice, models.CASCADE, related_name="objections", verbose_name=_("公示"))
    received_on = models.DateField(_("收到日期"))
    text = PiiTextField(_("异议内容"))
    resolution = PiiTextField(_("处理结果"), blank=True)
    resolved_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["notice", "received_on", "id"]
        verbose_name = _("公示异议")
        verbose_name_plural = _("公示异议")

    def __str__(self):
        return f"{self.received_on} {self.text[:20]}"

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None


class EvidenceKind(models.TextChoices):
    IMAGE = "image", _("图片")
    PDF = "pdf", _("PDF")
    WORD = "word", _("Word")
    EXCEL = "excel", _("Excel")


class Evidence(models.Model):
    """A file that shows the work: on a progress report or an acceptance (验收材料)."""

    report = models.ForeignKey(
        ProgressReport, models.CASCADE, null=True, blank=True, related_name="evidence", verbose_name=_("整改进展")
    )
    acceptance = models.ForeignKey(
        Acceptance, models.CASCADE, null=True, blank=True, related_name="documents", verbose_name=_("验收")
    )
    name = models.CharField(_("文件名"), max_length=255)
    path = models.CharField(_("存储位置"), max_length=255)  # a path in ducha.store, named by its hash
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField(_("大小（字节）"))
    kind = models.CharField(_("类型"), max_length=16, choices=EvidenceKind.choices)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("整改佐证材料")
        verbose_name_plural = _("整改佐证材料")
        constraints = [
            models.CheckConstraint(
                condition=Q(report__isnull=False, acceptance__isnull=True)
                | Q(report__isnull=True, acceptance__isnull=False),
                name="evidence_has_one_owner",
            )
        ]

    def __str__(self):
        return self.name
