"""Who sees which complaints.

The office sees every complaint in its region subtree; leaders and supervisors read
their region's too. A handler unit sees only complaints dispatched to it (dispatch
comes with issue 4: until then, nothing). Complainant identity is for the office alone.
"""

from ducha.complaints.models import Batch, Complaint, ImportJob, Inspection, PollutionSynonym, PollutionType
from ducha.org import scoping
from ducha.org.models import Role

READERS = (Role.OFFICE, Role.LEADER, Role.SUPERVISOR)


def _complaints_visible(p, qs):
    if p.is_admin:
        return qs
    return qs.filter(p.region_q("region__code", *READERS))


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
    if action in ("import", "disclose"):
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


def _import_jobs_visible(p, qs):
    # an upload is the office's working copy: its own region's office (and admins) only
    if p.is_admin:
        return qs
    return qs.filter(p.region_q("region__code", Role.OFFICE))


def _import_job_can(p, action, job):
    if action not in ("view", "create", "confirm"):
        return False
    if p.is_admin:
        return True
    if not p.has(Role.OFFICE):
        return False
    return job is None or any((job.region_id or "").startswith(x) for x in p.prefixes_by_role[Role.OFFICE])


scoping.register(ImportJob, visible=_import_jobs_visible, can=_import_job_can)


# --- handling (issue 4): handler units see what was dispatched to them -------------

from django.db.models import Q  # noqa: E402

from ducha.complaints.models import (  # noqa: E402
    Assignment,
    AssignmentRequest,
    AssignmentRole,
    Handling,
    RepeatSuggestion,
)

OFFICE_ACTIONS = {"dispatch", "review", "disclose", "recheck", "confirm_repeat", "reveal_identity"}


def _handler_units(p) -> set[int]:
    return p.units_by_role.get(Role.HANDLER, set())


def _dispatched_to(unit_ids, role=None):
    qs = Assignment.objects.filter(is_active=True, unit_id__in=unit_ids)
    return qs.filter(role=role) if role else qs


def _complaints_visible_with_handlers(p, qs):
    if p.is_admin:
        return qs
    q = p.region_q("region__code", *READERS)
    units = _handler_units(p)
    if units:
        q |= Q(pk__in=_dispatched_to(units).values("complaint_id"))
    return qs.filter(q)


def _in_office_region(p, complaint) -> bool:
    return p.has(Role.OFFICE) and any(
        complaint.region_id.startswith(x) for x in p.prefixes_by_role.get(Role.OFFICE, ())
    )


def _complaint_can_with_handlers(p, action, complaint):
    if complaint is None:
        if action == "view":
            return p.is_admin or p.has(*READERS, Role.HANDLER)
        return p.has(Role.OFFICE) if action in OFFICE_ACTIONS else p.has(Role.HANDLER)
    if action == "view":
        return _complaints_visible_with_handlers(p, Complaint.objects.filter(pk=complaint.pk)).exists()
    if action in OFFICE_ACTIONS:
        return _in_office_region(p, complaint)
    units = _handler_units(p)
    if not units:
        return False
    if action == "handle":
        return _dispatched_to(units, AssignmentRole.LEAD).filter(complaint_id=complaint.pk).exists()
    if action == "support":
        return _dispatched_to(units, AssignmentRole.SUPPORT).filter(complaint_id=complaint.pk).exists()
    if action == "request":
        return _dispatched_to(units).filter(complaint_id=complaint.pk).exists()
    return False


def _through_complaint(lookup):
    def visible(p, qs):
        complaints = _complaints_visible_with_handlers(p, Complaint.objects.all())
        return qs.filter(**{f"{lookup}__in": complaints.values("pk")})

    return visible


def _child_can(path):
    def can(p, action, obj):
        if obj is None:
            return _complaint_can_with_handlers(p, action, None)
        complaint = obj
        for attr in path:
            complaint = getattr(complaint, attr)
        return _complaint_can_with_handlers(p, action, complaint)

    return can


scoping.register(Complaint, visible=_complaints_visible_with_handlers, can=_complaint_can_with_handlers)
scoping.register(Assignment, visible=_through_complaint("complaint"), can=_child_can(["complaint"]))
scoping.register(
    AssignmentRequest, visible=_through_complaint("assignment__complaint"), can=_child_can(["assignment", "complaint"])
)
scoping.register(Handling, visible=_through_complaint("complaint"), can=_child_can(["complaint"]))
scoping.register(RepeatSuggestion, visible=_through_complaint("complaint"), can=_child_can(["complaint"]))

from ducha.complaints.models import Disclosure, Evidence, HandlingPart, Recheck  # noqa: E402

scoping.register(
    HandlingPart, visible=_through_complaint("handling__complaint"), can=_child_can(["handling", "complaint"])
)
scoping.register(Evidence, visible=_through_complaint("handling__complaint"), can=_child_can(["handling", "complaint"]))
scoping.register(Recheck, visible=_through_complaint("complaint"), can=_child_can(["complaint"]))
scoping.register(
    Disclosure,
    visible=lambda p, qs: qs.filter(batch__in=scoping.visible_to(p.user, Batch)),
    can=lambda p, action, obj: action == "view" or p.has(Role.OFFICE),
)
