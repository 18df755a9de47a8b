"""Who sees which complaints, and who may act on them.

- The office sees every complaint in its region subtree and does the office's work on
  them (dispatch, review, disclosure, rechecks, repeats) and alone may reveal the
  complainant's identity. Leaders and supervisors read their region's complaints.
- A handler unit sees only complaints dispatched to it (an active Assignment): the lead
  unit handles, supporting units add their part, either may ask for more time or
  return a wrongly routed case. Handlers never see the complainant.
- Records hanging off a complaint (assignments, reports, evidence, suggestions,
  rechecks) are visible exactly when their complaint is.
"""

from django.db.models import Q

from ducha.complaints.models import (
    Assignment,
    AssignmentRequest,
    AssignmentRole,
    Batch,
    Complaint,
    Disclosure,
    Evidence,
    Handling,
    HandlingPart,
    ImportJob,
    PollutionSynonym,
    PollutionType,
    Recheck,
    RepeatSuggestion,
)
from ducha.org import scoping
from ducha.org.models import Role

READERS = (Role.OFFICE, Role.LEADER, Role.SUPERVISOR)
OFFICE_ACTIONS = {"dispatch", "review", "disclose", "recheck", "confirm_repeat", "reveal_identity"}


# --- complaints ------------------------------------------------------------------


def _handler_units(p) -> set[int]:
    return p.units_by_role.get(Role.HANDLER, set())


def _dispatched_to(unit_ids, role=None):
    qs = Assignment.objects.filter(is_active=True, unit_id__in=unit_ids)
    return qs.filter(role=role) if role else qs


def _complaints_visible(p, qs):
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


def _complaint_can(p, action, complaint):
    if complaint is None:
        if action == "view":
            return p.is_admin or p.has(*READERS, Role.HANDLER)
        return p.has(Role.OFFICE) if action in OFFICE_ACTIONS else p.has(Role.HANDLER)
    if action == "view":
        return _complaints_visible(p, Complaint.objects.filter(pk=complaint.pk)).exists()
    if action in OFFICE_ACTIONS:
        return _in_office_region(p, complaint)
    if action == "locate":  # the office, or the lead unit that went to the site
        return _in_office_region(p, complaint) or _complaint_can(p, "handle", complaint)
    units = _handler_units(p)
    if not units:
        return False
    roles = {"handle": AssignmentRole.LEAD, "support": AssignmentRole.SUPPORT, "request": None}
    if action not in roles:
        return False
    return _dispatched_to(units, roles[action]).filter(complaint_id=complaint.pk).exists()


def _through_complaint(lookup):
    def visible(p, qs):
        complaints = _complaints_visible(p, Complaint.objects.all())
        return qs.filter(**{f"{lookup}__in": complaints.values("pk")})

    return visible


def _child_can(path):
    def can(p, action, obj):
        if obj is None:
            return _complaint_can(p, action, None)
        complaint = obj
        for attr in path:
            complaint = getattr(complaint, attr)
        return _complaint_can(p, action, complaint)

    return can


# --- inspections, batches, reference data ----------------------------------------------


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


scoping.register(Complaint, visible=_complaints_visible, can=_complaint_can)
scoping.register(Assignment, visible=_through_complaint("complaint"), can=_child_can(["complaint"]))
scoping.register(
    AssignmentRequest, visible=_through_complaint("assignment__complaint"), can=_child_can(["assignment", "complaint"])
)
scoping.register(Handling, visible=_through_complaint("complaint"), can=_child_can(["complaint"]))
scoping.register(
    HandlingPart, visible=_through_complaint("handling__complaint"), can=_child_can(["handling", "complaint"])
)
scoping.register(Evidence, visible=_through_complaint("handling__complaint"), can=_child_can(["handling", "complaint"]))
scoping.register(RepeatSuggestion, visible=_through_complaint("complaint"), can=_child_can(["complaint"]))
scoping.register(Recheck, visible=_through_complaint("complaint"), can=_child_can(["complaint"]))
scoping.register(Batch, visible=_batches_visible, can=_batch_can)
scoping.register(
    Disclosure,
    visible=lambda p, qs: qs.filter(batch__in=scoping.visible_to(p.user, Batch)),
    can=lambda p, action, obj: action == "view" or p.has(Role.OFFICE),
)
scoping.register(ImportJob, visible=_import_jobs_visible, can=_import_job_can)
scoping.register(PollutionType, visible=_reference_visible, can=_reference_can)
scoping.register(PollutionSynonym, visible=_reference_visible, can=_reference_can)
