"""What the supervision pages share: the inspection chosen, the user's own region, downloads."""

from ducha.inspections.models import Inspection
from ducha.org import scoping
from ducha.web import send_file

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


def download(request, obj, relative: str, name: str):
    """A kept file (notice, bulletin) as an attachment, audited; 404 when it is not kept."""
    return send_file(request, obj, relative, name=name)
