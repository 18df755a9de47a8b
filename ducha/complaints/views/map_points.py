"""The complaints on the zoning map: each located complaint the user may see, as a
GeoJSON point coloured by its status (the map page of zoning loads it)."""

from __future__ import annotations

import json

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from ducha.complaints.models import Complaint, ComplaintStatus
from ducha.org import scoping
from ducha.web import scoped
from ducha.zoning.models import Location

# the status colours of the lists, as the map draws them
HEX = {"green": "#2e7d32", "red": "#c62828", "yellow": "#f9a825", "blue": "#1565c0", "orange": "#ef6c00"}
KIND = "complaints.complaint"


@scoped(Complaint, "view")
@require_GET
def complaint_points(request):
    visible = scoping.visible_to(request.user, Complaint)
    rows = visible.filter(pk__in=Location.objects.filter(item_kind=KIND).values("item_id")).values_list(
        "pk", "ref", "status"
    )
    info = {pk: (ref, status) for pk, ref, status in rows}
    located = Location.objects.filter(item_kind=KIND, item_id__in=list(info)).values_list("item_id", "lon", "lat")
    labels = {s.value: str(s.label) for s in ComplaintStatus}
    features = []
    for item_id, lon, lat in located:
        ref, status = info[item_id]
        props = {
            "id": item_id,
            "ref": ref,
            "status": labels.get(status, status),
            "colour": HEX.get(ComplaintStatus.colour_of(status), "#616161"),
        }
        features.append(
            f'{{"type":"Feature","properties":{json.dumps(props, ensure_ascii=False)},'
            f'"geometry":{{"type":"Point","coordinates":[{lon:.7f},{lat:.7f}]}}}}'
        )
    body = '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"
    return HttpResponse(body, content_type="application/geo+json; charset=utf-8")
