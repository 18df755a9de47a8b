from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "ducha.complaints"
    label = "complaints"
    verbose_name = _("信访件")

    def ready(self):
        from ducha.complaints import events  # noqa: F401  (registers audit event types)
