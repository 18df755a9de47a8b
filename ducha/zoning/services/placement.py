"""Placing cases in their control unit: a complaint or a rectification task gets a
location (typed in, picked on the map, or read from a photo's EXIF GPS) and is placed in
the unit of the current edition that covers it; after a new edition every located case
can be placed again, as a background task with progress.

Zoning sits below complaints and rectification and never imports them: a case is named
by its model label and primary key, and permission is asked of the case itself through
org.scoping (`locate`), whose rule lives in the case's own area.
"""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit.services import record
from ducha.errors import DomainError
from ducha.org import scoping
from ducha.zoning import queries
from ducha.zoning.models import ControlUnitEdition, Location, Replacement

# Mainland China with its islands, generously: a point outside is a typing mistake
# (latitude and longitude swapped, a missing digit), not a place a case can be.
CHINA_BOX = (73.0, 3.0, 136.0, 54.0)
BATCH = 2000


def kind_of(obj) -> str:
    return obj._meta.label_lower


def location_of(obj) -> Location | None:
    return Location.objects.filter(item_kind=kind_of(obj), item_id=obj.pk).select_related("unit", "edition").first()


def _checked_point(lon, lat, crs: str) -> tuple[float, float]:
    if crs not in queries.CRS_CHOICES:
        raise DomainError(_("请选择坐标系。"), field="crs")
    try:
        lon, lat = float(lon), float(lat)
    except (TypeError, ValueError):
        raise DomainError(_("经纬度须为数字（十进制度）。"), field="lon") from None
    minx, miny, maxx, maxy = CHINA_BOX
    if not (minx <= lon <= maxx and miny <= lat <= maxy):
        raise DomainError(
            _("坐标（经度%(lon)s，纬度%(lat)s）不在中国境内：请检查经纬度是否填反。") % {"lon": lon, "lat": lat},
            field="lon",
        )
    return lon, lat


def place(obj, *, lon, lat, crs: str, actor, region_code: str = "", source: str = Location.Source.TYPED) -> Location:
    """Give a case its location and place it in the current edition's unit (audited).
    The numbers are kept as typed; the point is stored in WGS84."""
    typed_lon, typed_lat = _checked_point(lon, lat, crs)
    if source not in Location.Source.values:
        raise DomainError(_("位置来源无效。"), field="source")
    wgs_lon, wgs_lat = queries.to_wgs84(typed_lon, typed_lat, crs)
    with transaction.atomic(durable=True):
        scoping.require(actor, "locate", obj)
        edition = queries.current_edition()
        units = queries.locate(wgs_lon, wgs_lat, edition=edition) if edition else []
        unit = units[0] if units else None
        location = Location.objects.select_for_update().filter(
            item_kind=kind_of(obj), item_id=obj.pk
        ).first() or Location(item_kind=kind_of(obj), item_id=obj.pk)
        before = _snapshot(location) if location.pk else None
        location.region_code = (region_code or "")[:6]
        location.lon, location.lat = wgs_lon, wgs_lat
        location.typed_lon, location.typed_lat, location.typed_crs = typed_lon, typed_lat, crs
        location.source = source
        location.unit, location.edition = unit, edition
        location.placed_at, location.placed_by = timezone.now(), actor
        location.save()
        record(actor=actor, action="zoning.location.place", obj=obj, before=before, after=_snapshot(location))
    return location


def _snapshot(location: Location) -> dict:
    return {
        "lon": round(location.lon, 7),
        "lat": round(location.lat, 7),
        "typed": [location.typed_lon, location.typed_lat, location.typed_crs],
        "source": location.source,
        "unit": location.unit.code if location.unit_id else "",
        "edition": location.edition.name if location.edition_id else "",
    }


# --- re-placement after a new edition ----------------------------------------------------


def request_replacement(edition: ControlUnitEdition, *, actor) -> Replacement:
    """Queue placing every located case again in this edition (audited); the task runs it."""
    with transaction.atomic(durable=True):
        edition = ControlUnitEdition.objects.select_for_update().get(pk=edition.pk)
        scoping.require(actor, "change", edition)
        if edition.replacements.filter(status__in=[Replacement.Status.QUEUED, Replacement.Status.RUNNING]).exists():
            raise DomainError(_("该版本的重新落位正在进行。"))
        run = Replacement.objects.create(
            edition=edition, requested_at=timezone.now(), requested_by=actor, total=Location.objects.count()
        )
        record(actor=actor, action="zoning.locations.replace_request", obj=edition, after={"run": run.pk})
        transaction.on_commit(partial(_enqueue, run.pk))
    return run


def _enqueue(run_id: int) -> None:
    from ducha.zoning.tasks import replace_locations_task

    replace_locations_task.enqueue(run_id)


def latest_replacement(edition: ControlUnitEdition) -> Replacement | None:
    return edition.replacements.first()


def run_replacement(run_id: int, *, actor) -> Replacement:
    """Place every located case in the run's edition, a batch per transaction so the
    progress shows while it runs; the run's end is audited as the system user."""
    run = Replacement.objects.select_related("edition").get(pk=run_id)
    if run.status != Replacement.Status.QUEUED:
        return run
    Replacement.objects.filter(pk=run.pk).update(status=Replacement.Status.RUNNING, total=Location.objects.count())
    index, pks = queries.placement_index(run.edition)
    done = moved = 0
    try:
        ids = list(Location.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            with transaction.atomic():
                rows = list(Location.objects.select_for_update().filter(pk__in=ids[start : start + BATCH]))
                codes = index.first_codes([r.lon for r in rows], [r.lat for r in rows])
                for row, code in zip(rows, codes, strict=True):
                    unit_id = pks.get(code) if code is not None else None
                    moved += unit_id != row.unit_id
                    row.unit_id, row.edition_id = unit_id, run.edition_id
                Location.objects.bulk_update(rows, ["unit", "edition"], batch_size=500)
                done += len(rows)
                Replacement.objects.filter(pk=run.pk).update(done=done, moved=moved)
    except Exception as exc:  # the run's row says what failed; the worker logs the trace
        Replacement.objects.filter(pk=run.pk).update(
            status=Replacement.Status.FAILED, message=str(exc)[:255], finished_at=timezone.now()
        )
        raise
    with transaction.atomic():
        Replacement.objects.filter(pk=run.pk).update(status=Replacement.Status.DONE, finished_at=timezone.now())
        record(
            actor=actor,
            action="zoning.locations.replace",
            obj=run.edition,
            after={"run": run.pk, "placed": done, "moved": moved},
        )
    run.refresh_from_db()
    return run
