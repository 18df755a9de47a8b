from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "ducha.inspections"
    label = "inspections"
    verbose_name = _("督察")

    def ready(self):
        from ducha.inspections import events  # noqa: F401  (registers audit event types)
