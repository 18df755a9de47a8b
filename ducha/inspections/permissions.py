"""Every signed-in reader or handler sees the inspections; the office opens them."""

from ducha.inspections.models import Inspection
from ducha.org import scoping
from ducha.org.models import Role

READERS = (Role.OFFICE, Role.LEADER, Role.SUPERVISOR, Role.HANDLER)


def _visible(p, qs):
    return qs if (p.is_admin or p.has(*READERS)) else qs.none()


def _can(p, action, inspection):
    if action == "view":
        return p.is_admin or p.has(*READERS)
    if action in ("create", "import"):
        return p.is_admin or p.has(Role.OFFICE)
    return False


scoping.register(Inspection, visible=_visible, can=_can)
