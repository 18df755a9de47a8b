"""Who sees which complaints.

The office sees every complaint in its region subtree; leaders and supervisors read
their region's too. A handler unit sees only complaints dispatched to it (dispatch
comes with issue 4: until then, nothing). Complainant identity is for the office alone.
"""

from ducha.complaints.models import Batch, Complaint, Inspection, PollutionSynonym, PollutionType
from ducha.org import scoping
from ducha.org.models import Role

READERS = (Role.OFFICE, Role.LEADER, Role.SUPERVISOR)


def _complaints_visible(p, qs):
    if p.is_admin:
        return qs
    return qs.filter(p.region_q("region_id", *READERS))


def _complaint_can(p, action, complaint):
    if action == "view":
        if complaint is None:
            return p.is_admin or p.has(*READERS)
        return _complaints_visible(p, Complaint.objects.filter(pk=complaint.pk)).exists()
    if action == "reveal_identity":
        # only the office of the complaint's own region, never the reported side
        if not p.has(Role.OFFICE):
            return False
        return complaint is None or any(complaint.region_id.startswith(x) for x in p.prefixes_by_role[Role.OFFICE])
    return False


def _inspections_visible(p, qs):
    return qs if (p.is_admin or p.has(*READERS, Role.HANDLER)) else qs.none()


def _inspection_can(p, action, inspection):
    if action == "view":
        return p.is_admin or p.has(*READERS, Role.HANDLER)
    if action in ("create", "import"):
        return p.is_admin or p.has(Role.OFFICE)
    return False


def _batches_visible(p, qs):
    return qs if (p.is_admin or p.has(*READERS)) else qs.none()


def _batch_can(p, action, batch):
    if action == "view":
        return p.is_admin or p.has(*READERS)
    if action == "import":
        return p.is_admin or p.has(Role.OFFICE)
    return False


def _reference_visible(p, qs):
    return qs


def _reference_can(p, action, obj):
    return action == "view" or p.is_admin or p.has(Role.OFFICE)


scoping.register(Complaint, visible=_complaints_visible, can=_complaint_can)
scoping.register(Inspection, visible=_inspections_visible, can=_inspection_can)
scoping.register(Batch, visible=_batches_visible, can=_batch_can)
scoping.register(PollutionType, visible=_reference_visible, can=_reference_can)
scoping.register(PollutionSynonym, visible=_reference_visible, can=_reference_can)
