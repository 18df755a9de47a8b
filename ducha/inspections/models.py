"""The inspection (督察): the round every area's records belong to.

It sits below the areas: complaints, rectification, supervision and the dashboard
name the round through this app and never through each other. The table keeps the
name it was created with in the complaints app, so moving the model copied nothing.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InspectionKind(models.TextChoices):
    REGULAR = "regular", _("例行督察")
    LOOKBACK = "lookback", _("督察“回头看”")


class DueKind(models.TextChoices):
    WORKING = "working", _("工作日")
    NATURAL = "natural", _("自然日")


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
    # the shape of this round's 受理编号: a scheme (round1, lookback, round2, round3) or a
    # regular expression; a row whose code does not fit it is a located warning on import
    ref_pattern = models.CharField(_("受理编号格式"), max_length=200, blank=True)
    # the team's usual rule for 办理时限, the default when dispatching
    due_days = models.PositiveSmallIntegerField(_("默认办理时限（天）"), default=15)
    due_kind = models.CharField(_("时限计算方式"), max_length=8, choices=DueKind.choices, default=DueKind.NATURAL)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        db_table = "complaints_inspection"
        ordering = ["-start_date", "code"]
        verbose_name = _("督察")
        verbose_name_plural = _("督察")

    def __str__(self):
        return f"{self.team}（{self.start_date:%Y}年{self.get_kind_display()}）"
