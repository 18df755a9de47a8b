"""The frozen figures: a FigureSnapshot keeps the board's figures and sentences as of a
day, never changed once written. The table keeps the name it was created with in
supervision, so moving the model copied nothing."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ducha.inspections.models import Inspection
from ducha.org.models import Region


class FrozenError(Exception):
    pass


class FigureSnapshot(models.Model):
    """The headline figures and sentences as of a date. Never changes once written."""

    inspection = models.ForeignKey(Inspection, models.PROTECT, related_name="+", verbose_name=_("督察"))
    region = models.ForeignKey(
        Region, models.PROTECT, to_field="code", db_column="region_code", related_name="+", verbose_name=_("行政区域")
    )
    as_of = models.DateField(_("统计截至"))
    data = models.JSONField(_("数字"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("冻结时间"))

    class Meta:
        db_table = "supervision_figuresnapshot"
        ordering = ["-as_of", "-id"]
        verbose_name = _("冻结统计数字")
        verbose_name_plural = _("冻结统计数字")

    def __str__(self):
        return f"{self.inspection.code} {self.as_of}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise FrozenError("a frozen figure snapshot never changes")
        super().save(*args, **kwargs)
