from django.apps import AppConfig
from django.core.checks import Tags, Warning, register
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
        register(files_sealed, Tags.security, deploy=True)


def files_sealed(app_configs=None, **kwargs):
    """`manage.py check --deploy`: no file kept plain under DUCHA_HOME/files (walks the
    store, so only with --deploy, not at every start)."""
    from ducha import store

    plain = store.plain_kept()
    if not plain:
        return []
    return [
        Warning(
            f"{len(plain)} files under DUCHA_HOME/files are kept plain (e.g. {plain[0]})",
            hint="Run `python manage.py seal_stored` to seal them in place.",
            id="ducha.W001",
        )
    ]
