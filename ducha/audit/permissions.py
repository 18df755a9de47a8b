"""Only auditors and admins read the audit log; nobody changes it."""

from ducha.audit.models import AuditEvent
from ducha.org import scoping
from ducha.org.models import Role


def _visible(p, qs):
    return qs if p.has(Role.AUDITOR, Role.ADMIN) else qs.none()


def _can(p, action, event):
    return action == "view" and p.has(Role.AUDITOR, Role.ADMIN)


scoping.register(AuditEvent, visible=_visible, can=_can)
