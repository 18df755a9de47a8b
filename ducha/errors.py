"""One family of domain errors, each with a Chinese message, a stable code and the
field it concerns. Views put them on the form (400); the API maps each to JSON."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    code = "invalid"
    default_message = _("操作无法完成。")

    def __init__(self, message=None, *, field: str | None = None, code: str | None = None):
        self.message = message or self.default_message
        self.field = field
        if code:
            self.code = code
        super().__init__(str(self.message))


class NotPermitted(DomainError):
    code = "not_permitted"
    default_message = _("您没有执行此操作的权限。")


class InvalidTransition(DomainError):
    code = "invalid_transition"
    default_message = _("当前状态下不能执行此操作。")


class Conflict(DomainError):
    """Someone else changed the record since it was shown: nothing was written."""

    code = "conflict"
    default_message = _("该记录已被他人修改，请刷新后重试。您的输入未丢失。")
