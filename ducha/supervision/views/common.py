"""What the supervision pages share: the inspection chosen, the user's own region, downloads."""

from django.http import FileResponse, Http404

from ducha import store
from ducha.inspections.models import Inspection
from ducha.org import scoping

LIST_PAGE = 200


def int_param(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def chosen_inspection(request):
    inspections = scoping.visible_to(request.user, Inspection).order_by("-start_date", "code")
    code = request.GET.get("inspection", "")
    chosen = inspections.filter(code=code).first() if code else inspections.first()
    return chosen, inspections


def own_region(user):
    unit = scoping.principal(user).unit_for()
    return unit.region if unit else None


def download(relative: str, name: str):
    """A kept file (notice, bulletin) as an attachment; 404 when it is not kept."""
    try:
        handle = store.open(relative)
    except FileNotFoundError:
        raise Http404
    return FileResponse(handle, as_attachment=True, filename=name)
