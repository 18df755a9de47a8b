from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "ducha.org"
    label = "org"
    verbose_name = _("组织与人员")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from ducha.middleware import SessionTimeoutMiddleware
        from ducha.org import signins  # noqa: F401  (connects the audit receivers)

        user_logged_in.connect(SessionTimeoutMiddleware.start_clock, dispatch_uid="ducha.session_clock")
