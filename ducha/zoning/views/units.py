"""The units of an edition: the list, one unit with its 准入清单, the offline map."""

import json

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ducha.org import scoping
from ducha.web import scoped
from ducha.zoning import queries
from ducha.zoning.models import CATEGORY_COLOURS, Category, ControlUnit, ControlUnitEdition

PAGE = 100


def _edition(request) -> tuple[ControlUnitEdition | None, list[ControlUnitEdition]]:
    editions = list(scoping.visible_to(request.user, ControlUnitEdition))
    name = request.GET.get("edition")
    chosen = next((e for e in editions if e.name == name), None) if name else None
    return chosen or next((e for e in editions if e.is_current), None), editions


def _legend():
    return [{"value": c.value, "label": c.label, "colour": CATEGORY_COLOURS[c]} for c in Category]


@scoped(ControlUnit, "view")
def unit_list(request):
    edition, editions = _edition(request)
    q, category, county = (request.GET.get(k, "").strip() for k in ("q", "category", "county"))
    units = queries.list_units(request.user, edition=edition, q=q, category=category, county=county)
    after = request.GET.get("after", "")
    page = list(units.filter(code__gt=after)[: PAGE + 1]) if after else list(units[: PAGE + 1])
    more = len(page) > PAGE
    page = page[:PAGE]
    context = {
        "edition": edition,
        "editions": editions,
        "units": page,
        "next_after": page[-1].code if more else "",
        "q": q,
        "category": category,
        "county": county,
        "categories": Category.choices,
        "counties": queries.counties(request.user, edition),
        "legend": _legend(),
        "total": units.count(),
        "can_import": scoping.can(request.user, "import", ControlUnitEdition),
        "can_check": scoping.can(request.user, "check", ControlUnit),
    }
    return render(request, "zoning/unit_list.html", context)


@scoped(ControlUnit, "view")
def unit_detail(request, unit):
    unit = ControlUnit.objects.select_related("edition").get(pk=unit.pk)
    attributes = sorted(unit.attributes.items())
    feature = {"type": "Feature", "geometry": json.loads(unit.map_geojson), "properties": {"colour": unit.colour}}
    context = {"unit": unit, "attributes": attributes, "feature": feature, "area_km2": unit.area_m2 / 1e6}
    context["placed"] = queries.placed_counts(request.user, unit)
    return render(request, "zoning/unit_detail.html", context)


@scoped(ControlUnit, "view")
def unit_map(request):
    edition, editions = _edition(request)
    context = {"edition": edition, "editions": editions, "legend": _legend()}
    return render(request, "zoning/map.html", context)


@scoped(ControlUnit, "view")
@require_GET
def units_geojson(request):
    """The visible units of an edition as GeoJSON for the map: the simplified boundaries,
    built as text so a thousand units are not parsed and dumped again."""
    edition, _editions = _edition(request)
    units = queries.list_units(request.user, edition=edition).defer(None).only(
        "pk", "code", "name", "category", "county", "map_geojson", "spatial_layout", "pollutant_discharge",
        "risk_prevention", "resource_efficiency",
    )  # fmt: skip
    placed = queries.placed_counts_by_unit(request.user, edition)
    features = []
    for u in units:
        props = {
            "id": u.pk,
            "placed": placed.get(u.pk, {"complaints": 0, "tasks": 0}),
            "code": u.code,
            "name": u.name,
            "category": u.get_category_display(),
            "colour": u.colour,
            "county": u.county,
            "requirements": [[str(label), text] for label, text in u.requirements],
        }
        features.append(
            f'{{"type":"Feature","properties":{json.dumps(props, ensure_ascii=False)},"geometry":{u.map_geojson}}}'
        )
    body = '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"
    return HttpResponse(body, content_type="application/geo+json; charset=utf-8")
