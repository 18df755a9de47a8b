from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "ducha.dashboard"
    label = "dashboard"
    verbose_name = _("首页与驾驶舱")

    def ready(self):
        from ducha.dashboard import events  # noqa: F401  (registers audit event types)
