from django.utils.translation import gettext_lazy as _

from ducha.audit.events import register

# The event keeps the name it was first written under, so the log reads as one history.
register({"complaints.inspection.create": _("新建督察")})
