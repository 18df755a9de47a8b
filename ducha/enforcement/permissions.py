"""Who sees and does what in enforcement (两法衔接); each party its own view.

- the bureau: handlers of the unit that opened a case see it and act for it (report,
  materials, the transfer, an objection to 不予立案); the office and leaders of the
  region see every case of their region, and they decide on the transfer (the head's
  approval or refusal);
- the police liaison: the cases transferred to its own unit, and records its
  decisions there (accept, 立案 / 不予立案, investigation, hand back);
- the procuratorate liaison: every transferred case of its region, and the cases the
  bureau kept that a criterion flags as possibly criminal (可能涉嫌犯罪); records its
  opinions and the prosecution's steps;
- the deadline and criterion tables: read by every party, edited by the office;
- nobody else: a handler of another district gets 404. No page of this area shows a
  complainant: a case names its complaint by reference only.
"""

from django.db.models import Q

from ducha.enforcement.choices import CaseState
from ducha.enforcement.models import (
    CaseTransfer,
    ProcuratorateOpinion,
    StatutoryDeadline,
    ThresholdCriterion,
    TransferMaterial,
)
from ducha.org import scoping
from ducha.org.models import Role

HEADS = (Role.OFFICE, Role.LEADER)
PARTIES = (Role.OFFICE, Role.LEADER, Role.HANDLER, Role.POLICE, Role.PROCURATORATE)


def _case_q(p, prefix: str = "") -> Q:
    """The cases a principal sees, as a Q over CaseTransfer (or a relation to it)."""
    f = (prefix + "__") if prefix else ""
    q = p.region_q(f"{f}region__code", *HEADS)
    bureaus = p.units(Role.HANDLER)
    if bureaus:
        q |= Q(**{f"{f}bureau__in": bureaus})
    police = p.units(Role.POLICE)
    if police:
        q |= Q(**{f"{f}police_unit__in": police, f"{f}state__in": CaseState.TRANSFERRED_STATES})
    if p.has(Role.PROCURATORATE):
        shown = Q(**{f"{f}state__in": CaseState.TRANSFERRED_STATES}) | Q(
            **{f"{f}flagged": True, f"{f}state__in": CaseState.KEPT_STATES}
        )
        q |= p.region_q(f"{f}region__code", Role.PROCURATORATE) & shown
    return q


def _in_region(p, case, *roles) -> bool:
    return any(case.region_id.startswith(prefix) for prefix in p.prefixes(*roles))


def _case_visible(p, qs):
    return qs if p.is_admin else qs.filter(_case_q(p))


def _case_can(p, action, case):
    if action == "view":
        if case is None:
            return p.is_admin or p.has(*PARTIES)
        return _case_visible(p, CaseTransfer.objects.filter(pk=case.pk)).exists()
    if p.is_admin:
        return True
    if action == "create":
        return p.has(Role.HANDLER, Role.OFFICE)
    if case is None:
        return {
            "bureau": p.has(Role.HANDLER, Role.OFFICE),
            "approve": p.has(*HEADS),
            "police": p.has(Role.POLICE),
            "procuratorate": p.has(Role.PROCURATORATE),
        }.get(action, False)
    if action == "bureau":
        return case.bureau_id in p.units(Role.HANDLER, Role.OFFICE)
    if action == "approve":
        return _in_region(p, case, *HEADS)
    if action == "police":
        return case.police_unit_id in p.units(Role.POLICE) and case.state in CaseState.TRANSFERRED_STATES
    if action == "procuratorate":
        return (
            _in_region(p, case, Role.PROCURATORATE)
            and _case_visible(p, CaseTransfer.objects.filter(pk=case.pk)).exists()
        )
    return False


scoping.register(CaseTransfer, visible=_case_visible, can=_case_can)


def _material_visible(p, qs):
    return qs if p.is_admin else qs.filter(_case_q(p, "case"))


def _material_can(p, action, material):
    if material is None:
        return _case_can(p, "bureau" if action != "view" else "view", None)
    return _case_can(p, "view" if action == "view" else "bureau", material.case)


scoping.register(TransferMaterial, visible=_material_visible, can=_material_can)


def _opinion_can(p, action, opinion):
    if opinion is None:
        return _case_can(p, "procuratorate" if action != "view" else "view", None)
    return _case_can(p, "view" if action == "view" else "procuratorate", opinion.case)


scoping.register(ProcuratorateOpinion, visible=_material_visible, can=_opinion_can)


def _table_visible(p, qs):
    return qs if (p.is_admin or p.has(*PARTIES)) else qs.none()


def _table_can(p, action, row):
    if action == "view":
        return p.is_admin or p.has(*PARTIES)
    return action in ("change", "create") and (p.is_admin or p.has(Role.OFFICE))


scoping.register(StatutoryDeadline, visible=_table_visible, can=_table_can)
scoping.register(ThresholdCriterion, visible=_table_visible, can=_table_can)
