"""Who sees and freezes figure snapshots: readers of a region (office, leaders,
supervisors) see its snapshots; the office and leaders freeze them; admins everything."""

from ducha.dashboard.models import FigureSnapshot
from ducha.org import scoping
from ducha.org.models import Role

READERS = (Role.OFFICE, Role.LEADER, Role.SUPERVISOR)
WRITERS = (Role.OFFICE, Role.LEADER)


def _visible(p, qs):
    return qs if p.is_admin else qs.filter(p.region_q("region__code", *READERS))


def _in_region(p, snapshot) -> bool:
    code = snapshot.region_id or ""
    return any(code.startswith(prefix) for prefix in p.prefixes(*WRITERS))


def _can(p, action, snapshot):
    if action == "view":
        if snapshot is None:
            return p.is_admin or p.has(*READERS)
        return _visible(p, FigureSnapshot.objects.filter(pk=snapshot.pk)).exists()
    if action in ("create", "change"):
        return p.is_admin or (p.has(*WRITERS) and (snapshot is None or _in_region(p, snapshot)))
    return False


scoping.register(FigureSnapshot, visible=_visible, can=_can)
