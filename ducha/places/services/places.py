"""The office's places: roads, rivers, river sections, parks and landmarks added under
a parent, and the names (aliases) any place is also written as."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from ducha.audit.services import record
from ducha.errors import DomainError
from ducha.org import scoping
from ducha.places.models import Place, PlaceKind
from ducha.places.services.common import bump_stamp

MIN_NAME = 2


def add_place(
    parent: Place, *, actor, kind: str, name: str, aliases: list[str] = (), river: Place | None = None
) -> Place:
    """A road, river, section, park or landmark under `parent`; a section names its river."""
    with transaction.atomic(durable=True):
        parent = Place.objects.select_for_update().get(pk=parent.pk)
        scoping.require(actor, "create", parent)
        name = _check_name(name)
        if kind not in PlaceKind.ADDED:
            raise DomainError(_("只能新增道路、河流、湖库、河段、园区或地标。"), field="kind")
        if kind == PlaceKind.SECTION and (river is None or river.kind != PlaceKind.RIVER):
            raise DomainError(_("河段须选择所在河流。"), field="river")
        if kind != PlaceKind.SECTION:
            river = None
        if parent.children.filter(name=name).exists():
            raise DomainError(_("“%(parent)s”下已有“%(name)s”。") % {"parent": parent.name, "name": name}, field="name")
        place = Place(
            ref=f"x:{kind}:{uuid.uuid4().hex[:12]}",
            name=name,
            kind=kind,
            parent=parent,
            river=river,
            aliases=_check_aliases(aliases, name),
            region_code=parent.region_code,
        )
        place.set_search_text()
        place.save()
        bump_stamp()
        after = {"name": name, "kind": kind, "parent": parent.name, "aliases": place.aliases}
        if river is not None:
            after["river"] = river.name
        record(actor=actor, action="places.place.add", obj=place, after=after)
    return place


def update_place(place: Place, *, actor, name: str | None = None, aliases: list[str] | None = None) -> Place:
    """Rename a place the office added, or change any place's aliases (an old village
    name, a colloquial name); a division keeps the statistics bureau's name."""
    with transaction.atomic(durable=True):
        place = Place.objects.select_for_update().get(pk=place.pk)
        scoping.require(actor, "change", place)
        before = {"name": place.name, "aliases": place.aliases}
        if name is not None and name.strip() != place.name:
            if place.is_division:
                raise DomainError(_("区划名称以统计用区划代码为准，不能修改；可添加别名。"), field="name")
            place.name = _check_name(name)
        if aliases is not None:
            place.aliases = _check_aliases(aliases, place.name)
        after = {"name": place.name, "aliases": place.aliases}
        if after == before:
            return place
        place.set_search_text()
        place.save(update_fields=["name", "aliases", "search_text"])
        bump_stamp()
        record(actor=actor, action="places.place.update", obj=place, before=before, after=after)
    return place


def remove_place(place: Place, *, actor) -> None:
    """Remove a place the office added (a wrong or duplicate landmark); divisions stay,
    and a place with places under it, or a river with sections, is refused."""
    with transaction.atomic(durable=True):
        place = Place.objects.select_for_update().get(pk=place.pk)
        scoping.require(actor, "change", place)
        if place.is_division:
            raise DomainError(_("区划以统计用区划代码为准，不能删除。"))
        if place.children.exists() or place.sections.exists():
            raise DomainError(_("“%(name)s”下还有地名或河段，不能删除。") % {"name": place.name})
        before = {"name": place.name, "kind": place.kind, "parent": place.parent.name if place.parent_id else ""}
        record(actor=actor, action="places.place.remove", obj=place, before=before)
        place.delete()
        bump_stamp()


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if len(name) < MIN_NAME:
        raise DomainError(_("名称至少两个字。"), field="name")
    return name[:100]


def _check_aliases(aliases, name: str) -> list[str]:
    out = [a.strip()[:100] for a in aliases if a and a.strip() and a.strip() != name]
    short = [a for a in out if len(a) < MIN_NAME]
    if short:
        raise DomainError(_("别名至少两个字：%(a)s。") % {"a": "、".join(short)}, field="aliases")
    return list(dict.fromkeys(out))
