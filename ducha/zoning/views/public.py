"""The public unit map (no sign-in): only an edition the office has published, and only
its units' names, categories and requirement lists; no cases, no figures, no regions'
scoping. With nothing published both answer 404, so the public sees nothing of zoning."""

from __future__ import annotations

import json

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ducha.web import public
from ducha.zoning.models import Category
from ducha.zoning.services.publishing import published_edition


def _published():
    edition = published_edition()
    if edition is None:
        raise Http404
    return edition


@public
@require_GET
def public_map(request):
    edition = _published()
    legend = [{"value": c.value, "label": c.label} for c in Category]
    return render(request, "zoning/public_map.html", {"edition": edition, "legend": legend})


@public
@require_GET
def public_units_geojson(request):
    edition = _published()
    units = edition.units.only(
        "code", "name", "category", "county", "map_geojson", "spatial_layout", "pollutant_discharge",
        "risk_prevention", "resource_efficiency",
    ).order_by("code")  # fmt: skip
    features = []
    for u in units:
        props = {
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
