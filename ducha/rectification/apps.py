from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RectificationConfig(AppConfig):
    name = "ducha.rectification"
    label = "rectification"
    verbose_name = _("问题整改")

    def ready(self):
        from ducha.rectification import events  # noqa: F401  (registers audit event types)
