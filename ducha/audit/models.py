"""The audit log: append-only, hash-chained, guarded by database triggers."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ducha.audit.events import label


class AuditEvent(models.Model):
    # seq is contiguous (head.seq + 1 under a row lock): a gap means a deleted record.
    seq = models.BigIntegerField(_("序号"), unique=True)
    at = models.DateTimeField(_("时间"), db_index=True)
    # No foreign key: removing a user must never touch (and so never be blocked by,
    # or silently rewrite) the log. The name is kept as it was at the time.
    actor_id = models.BigIntegerField(_("操作人ID"), null=True, db_index=True)
    actor_name = models.CharField(_("操作人"), max_length=150)
    action = models.CharField(_("操作"), max_length=64, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=64)
    object_id = models.CharField(_("对象ID"), max_length=64)
    object_repr = models.CharField(_("对象"), max_length=200)
    before = models.JSONField(_("变更前"), null=True)
    after = models.JSONField(_("变更后"), null=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)
    hash_alg = models.CharField(_("摘要算法"), max_length=16)

    class Meta:
        ordering = ["-seq"]
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self):
        return f"#{self.seq} {self.action_label} {self.object_repr}"

    @property
    def action_label(self) -> str:
        return label(self.action)

    def chained_fields(self) -> dict:
        """The fields the hash covers, as JSON-ready values."""
        return {
            "seq": self.seq,
            "at": self.at.isoformat(timespec="microseconds"),
            "actor_id": self.actor_id,
            "actor_name": self.actor_name,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "before": self.before,
            "after": self.after,
        }


class AuditHead(models.Model):
    """One row: the newest record's seq and hash. Locking it serialises writers, and
    verify_audit checks the chain ends here, so cutting off the tail shows too."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("审计链头")

    def __str__(self):
        return f"#{self.seq} {self.hash[:12]}"
