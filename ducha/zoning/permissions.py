"""Who sees and does what in zoning (三线一单).

- the office (环委办) and admins: the units of their city; they import editions, choose
  the current one, extend the field map and run 准入 checks;
- leaders and supervisors: read the units of their city and run 准入 checks;
- a district's handlers: the units of their district (the map, the lists);
- the public and roles outside the area (police, procuratorate): nothing.
"""

from ducha.org import scoping
from ducha.org.models import Role
from ducha.zoning.models import ControlUnit, ControlUnitEdition, FieldMapping, Location, Replacement

READERS = (Role.OFFICE, Role.LEADER, Role.SUPERVISOR, Role.HANDLER)
CHECKERS = (Role.OFFICE, Role.LEADER, Role.SUPERVISOR)


def _units_visible(p, qs):
    if p.is_admin or p.has(Role.AUDITOR):
        return qs
    return qs.filter(p.region_q("region_code", *READERS))


def _unit_can(p, action, unit):
    if action == "view":
        if unit is None:
            return p.is_admin or p.has(Role.AUDITOR, *READERS)
        return _units_visible(p, ControlUnit.objects.filter(pk=unit.pk)).exists()
    if action == "check":  # the 准入 check of a project site
        return p.is_admin or p.has(*CHECKERS)
    if action == "import":
        return p.is_admin or p.has(Role.OFFICE)
    return False


def _editions_visible(p, qs):
    if p.is_admin or p.has(Role.AUDITOR, *READERS):
        return qs
    return qs.none()


def _edition_can(p, action, edition):
    if action == "view":
        return p.is_admin or p.has(Role.AUDITOR, *READERS)
    if action in ("import", "change", "publish"):
        return p.is_admin or p.has(Role.OFFICE)
    return False


def _mappings_visible(p, qs):
    return qs if p.is_admin or p.has(Role.OFFICE, Role.AUDITOR) else qs.none()


def _mapping_can(p, action, mapping):
    if action == "view":
        return p.is_admin or p.has(Role.OFFICE, Role.AUDITOR)
    return action in ("create", "delete") and (p.is_admin or p.has(Role.OFFICE))


scoping.register(ControlUnit, visible=_units_visible, can=_unit_can)
scoping.register(ControlUnitEdition, visible=_editions_visible, can=_edition_can)
scoping.register(FieldMapping, visible=_mappings_visible, can=_mapping_can)


def _locations_visible(p, qs):
    """A case's location is read with its case (the complaint or task page asks the case);
    listed on its own, by the region copied at placement."""
    if p.is_admin or p.has(Role.AUDITOR):
        return qs
    return qs.filter(p.region_q("region_code", *READERS))


def _location_can(p, action, location):
    return action == "view" and (p.is_admin or p.has(Role.AUDITOR, *READERS))


def _replacements_visible(p, qs):
    return qs if p.is_admin or p.has(Role.OFFICE, Role.AUDITOR) else qs.none()


def _replacement_can(p, action, run):
    return action == "view" and (p.is_admin or p.has(Role.OFFICE, Role.AUDITOR))


scoping.register(Location, visible=_locations_visible, can=_location_can)
scoping.register(Replacement, visible=_replacements_visible, can=_replacement_can)
