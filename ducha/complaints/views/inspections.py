"""The inspections the office works on, and opening one."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ducha.complaints import queries
from ducha.complaints.forms import InspectionForm
from ducha.inspections import services as inspections
from ducha.inspections.models import Inspection
from ducha.org import scoping
from ducha.web import apply_service, scoped


@scoped(Inspection, "view")
def inspection_list(request):
    context = {
        "inspections": queries.list_inspections(request.user),
        "can_create": scoping.can(request.user, "create", Inspection),
    }
    return render(request, "complaints/inspection_list.html", context)


@scoped(Inspection, "create")
def inspection_create(request):
    form = InspectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        inspection = apply_service(form, lambda: inspections.create_inspection(actor=request.user, **form.cleaned_data))
        if inspection:
            messages.success(request, _("已新建督察“%(name)s”。") % {"name": inspection})
            return redirect("complaints:inspection_list")
    status = 400 if form.is_bound else 200
    return render(request, "complaints/form.html", {"form": form, "title": _("新建督察")}, status=status)
