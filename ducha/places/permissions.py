"""Who sees and changes the place gazetteer and the site-kind lexicon.

- every role reads them (handlers see where a complaint is);
- the office (and admins) add and change places within their region (a city office
  edits its city's towns, villages, roads and landmarks, not another city's), and extend
  the site-kind families (the lexicon is one for the deployment).
"""

from ducha.org import scoping
from ducha.org.models import Role
from ducha.places.models import Place, SiteFamily


def _visible(p, qs):
    return qs if p.roles else qs.none()


def _place_can(p, action, place):
    if action == "view":
        return bool(p.roles)
    if action not in ("create", "change"):
        return False
    if p.is_admin:
        return True
    if not p.has(Role.OFFICE):
        return False
    return place is None or any(place.region_code.startswith(prefix) for prefix in p.prefixes(Role.OFFICE))


def _family_can(p, action, family):
    if action == "view":
        return bool(p.roles)
    return action in ("create", "change") and (p.is_admin or p.has(Role.OFFICE))


scoping.register(Place, visible=_visible, can=_place_can)
scoping.register(SiteFamily, visible=_visible, can=_family_can)
