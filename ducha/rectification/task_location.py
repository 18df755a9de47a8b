"""A rectification task's site: its location page (typed coordinates or a photo's EXIF
GPS), placed in its control unit by zoning's placement service."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ducha.org import scoping
from ducha.rectification.models import Task
from ducha.web import apply_service, scoped
from ducha.zoning.forms import LocationForm
from ducha.zoning.services import placement


@scoped(Task, "view")
def task_location(request, task):
    can = scoping.can(request.user, "locate", task)
    form = LocationForm(request.POST or None, request.FILES or None) if can else None
    if request.method == "POST":
        if not can:
            raise PermissionDenied
        if form.is_valid() and apply_service(form, lambda: _place(request, task, form.cleaned_data)):
            messages.success(request, _("已保存整改点位。"))
            return redirect("rectification:task_location", pk=task.pk)
    context = {"task": task, "location": placement.location_of(task), "can": can, "form": form}
    return render(request, "rectification/task_location.html", context, status=400 if form and form.is_bound else 200)


def _place(request, task, d):
    region = task.finding.region_id
    return placement.place(
        task, lon=d["lon"], lat=d["lat"], crs=d["crs"], source=d["source"], region_code=region, actor=request.user
    )
