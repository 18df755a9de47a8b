from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZoningConfig(AppConfig):
    name = "ducha.zoning"
    label = "zoning"
    verbose_name = _("三线一单")

    def ready(self):
        from ducha.zoning import events  # noqa: F401  (registers audit event types)
