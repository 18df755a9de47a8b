from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "ducha.places"
    label = "places"
    verbose_name = _("地名库")

    def ready(self):
        from ducha.places import events  # noqa: F401  (registers audit event types)
