"""Every read of the gazetteer and the site kinds."""

from __future__ import annotations

from ducha.org import scoping
from ducha.places.models import Place, PlaceKind, SiteFamily
from ducha.places.services.site_kinds import shipped_kinds

SEARCH_LIMIT = 50


def places(user):
    return scoping.visible_to(user, Place)


def lineage(place: Place) -> list[Place]:
    """The place's ancestors, top first (a few queries: the tree is five deep)."""
    out = []
    while place.parent_id:
        place = Place.objects.only("pk", "name", "parent_id").get(pk=place.parent_id)
        out.append(place)
    return out[::-1]


def children(user, place: Place | None):
    qs = places(user).select_related("river")
    return qs.filter(parent=place) if place is not None else qs.filter(parent__isnull=True)


def search(user, q: str) -> list[tuple[Place, str]]:
    """Places whose name or alias contains `q`, each with its path (湘潭市 › 湘潭县 › …)."""
    found = list(places(user).filter(search_text__contains=q).order_by("code", "name")[:SEARCH_LIMIT])
    names = dict(Place.objects.filter(pk__in=_ancestor_ids(found)).values_list("pk", "name"))
    parents = dict(Place.objects.filter(pk__in=names).values_list("pk", "parent_id"))
    out = []
    for p in found:
        path, at = [], p.parent_id
        while at in names:
            path.append(names[at])
            at = parents.get(at)
        out.append((p, " › ".join(reversed(path))))
    return out


def _ancestor_ids(found: list[Place]) -> set[int]:
    ids, frontier = set(), {p.parent_id for p in found if p.parent_id}
    while frontier:
        ids |= frontier
        frontier = set(Place.objects.filter(pk__in=frontier, parent__isnull=False).values_list("parent_id", flat=True))
        frontier -= ids
    return ids


def rivers(user):
    return places(user).filter(kind=PlaceKind.RIVER).order_by("name")


def families(user) -> tuple[list[dict], bool]:
    """The site-kind families with their words, from the table or (while it is empty)
    the shipped file; and whether they come from the table."""
    rows = list(scoping.visible_to(user, SiteFamily).prefetch_related("words"))
    if rows:
        return [{"key": f.key, "label": f.label, "words": [w.word for w in f.words.all()]} for f in rows], True
    shipped = shipped_kinds()["families"]
    return [{"key": f["id"], "label": f["label"], "words": list(f["words"])} for f in shipped], False
