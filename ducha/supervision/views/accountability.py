"""Accountability (约谈、问责), the people it names, and the meetings (研究部署会议)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ducha import exports
from ducha.org import scoping
from ducha.supervision.exports import accountability_columns, meeting_columns
from ducha.supervision.forms import (
    AccountabilityForm,
    MeetingForm,
    PersonForm,
)
from ducha.supervision.models import (
    Accountability,
    AccountabilityKind,
    Meeting,
    Person,
)
from ducha.supervision.services import accountability
from ducha.supervision.views.common import LIST_PAGE, own_region
from ducha.web import apply_service, scoped


@scoped(Accountability, "view")
def accountability_list(request):
    rows = scoping.visible_to(request.user, Accountability).select_related("person", "person__unit", "inspection")
    kind = request.GET.get("kind", "")
    if kind:
        rows = rows.filter(kind=kind)
    rows = rows.order_by("-date", "-pk")
    if exports.wants_export(request):
        shown = AccountabilityKind(kind).label if kind in AccountabilityKind.values else ""
        return exports.xlsx_response(
            title=_("约谈问责"),
            filter_text=shown,
            columns=accountability_columns(),
            rows=rows.iterator(chunk_size=2000),
        )
    page = Paginator(rows, LIST_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "kind": kind,
        "total": page.paginator.count,
        "can_create": scoping.can(request.user, "create", Accountability),
    }
    return render(request, "supervision/accountability_list.html", context)


@scoped(Accountability, "create")
def accountability_create(request):
    form = AccountabilityForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        entry = apply_service(
            form,
            lambda: accountability.record_accountability(
                d["person"],
                actor=request.user,
                inspection=d["inspection"],
                kind=d["kind"],
                form=d["form"],
                date=d["date"],
                authority=d["authority"],
                reason=d["reason"],
                complaints=d["complaints"],
                findings=d["findings"],
                notices=d["notices"],
                visits=d["visits"],
            ),
        )
        if entry:
            messages.success(request, _("已登记。"))
            return redirect("supervision:accountability_list")
    status = 400 if form.is_bound else 200
    return render(request, "supervision/form.html", {"form": form, "title": _("登记约谈问责")}, status=status)


@scoped(Person, "create")
def person_create(request):
    form = PersonForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        unit = d["unit"]
        region = unit.region if unit else own_region(request.user)
        person = apply_service(
            form,
            lambda: accountability.create_person(
                actor=request.user, name=d["name"], post=d["post"], unit=unit, region=region
            ),
        )
        if person:
            messages.success(request, _("已新增责任人%(n)s。") % {"n": person.name})
            return redirect("supervision:accountability_create")
    status = 400 if form.is_bound else 200
    return render(request, "supervision/form.html", {"form": form, "title": _("新增责任人")}, status=status)


@scoped(Meeting, "view")
def meeting_list(request):
    rows = scoping.visible_to(request.user, Meeting).select_related("inspection").order_by("-date", "-pk")
    if exports.wants_export(request):
        return exports.xlsx_response(title=_("研究部署会议"), filter_text="", columns=meeting_columns(), rows=rows)
    context = {"meetings": rows, "total": rows.count(), "can_create": scoping.can(request.user, "create", Meeting)}
    return render(request, "supervision/meeting_list.html", context)


@scoped(Meeting, "create")
def meeting_create(request):
    form = MeetingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        inspection = d.pop("inspection")
        if apply_service(form, lambda: accountability.record_meeting(inspection, actor=request.user, **d)):
            messages.success(request, _("已登记。"))
            return redirect("supervision:meeting_list")
    status = 400 if form.is_bound else 200
    return render(request, "supervision/form.html", {"form": form, "title": _("登记研究部署会议")}, status=status)
