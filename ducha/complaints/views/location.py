"""The complaint's location: typed in or read from a photo, placed in its control unit
by zoning's placement service (which asks the complaint's `locate` permission)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha.complaints.models import Complaint
from ducha.complaints.views.page import done, refused
from ducha.web import apply_service, scoped
from ducha.zoning.forms import LocationForm
from ducha.zoning.services import placement


@scoped(Complaint, "locate")
@require_POST
def locate(request, complaint):
    form = LocationForm(request.POST, request.FILES)
    if form.is_valid():
        d = form.cleaned_data
        location = apply_service(
            form,
            lambda: placement.place(
                complaint,
                lon=d["lon"],
                lat=d["lat"],
                crs=d["crs"],
                source=d["source"],
                region_code=complaint.region_id,
                actor=request.user,
            ),
        )
        if location:
            return done(request, complaint, placed_message(location))
    return refused(request, complaint, "locate", form)


def placed_message(location) -> str:
    if location.unit_id:
        return _("已定位，落在管控单元 %(code)s %(name)s。") % {"code": location.unit.code, "name": location.unit.name}
    return _("已定位；该点不在当前版本的任何管控单元内。")
