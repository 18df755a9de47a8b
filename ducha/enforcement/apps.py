from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "ducha.enforcement"
    label = "enforcement"
    verbose_name = _("两法衔接")

    def ready(self):
        from ducha.enforcement import events  # noqa: F401  (registers audit event types)
