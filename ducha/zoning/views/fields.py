"""The field map the office extends: attribute names its province uses, and what they hold."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha.core.geo import fields as geo_fields
from ducha.org import scoping
from ducha.web import apply_service, scoped
from ducha.zoning import forms, services
from ducha.zoning.models import FieldMapping


@scoped(FieldMapping, "view")
def field_list(request):
    can_create = scoping.can(request.user, "create", FieldMapping)
    form = forms.FieldMappingForm(request.POST or None)
    if request.method == "POST":
        if not can_create:
            return render(request, "403.html", status=403)
        if form.is_valid():
            mapping = apply_service(form, lambda: services.add_field_mapping(actor=request.user, **form.cleaned_data))
            if mapping is not None:
                messages.success(request, _("已新增字段对照：%(m)s。") % {"m": mapping})
                return redirect("zoning:field_list")
    labels = dict(FieldMapping.Target.choices)
    built_in = [(labels[t], names) for t, names in geo_fields.BUILT_IN.items()]
    context = {
        "mappings": scoping.visible_to(request.user, FieldMapping),
        "form": form,
        "can_create": can_create,
        "built_in": built_in,
    }
    return render(request, "zoning/field_list.html", context, status=400 if form.is_bound and form.errors else 200)


@scoped(FieldMapping, "delete")
@require_POST
def field_remove(request, mapping):
    services.remove_field_mapping(mapping, actor=request.user)
    messages.success(request, _("已删除字段对照：%(m)s。") % {"m": mapping})
    return redirect("zoning:field_list")
