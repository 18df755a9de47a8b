"""Org pages for admin and office: units, people and their roles, region aliases."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha.org import scoping, services
from ducha.org.forms import MembershipForm, NewPersonForm, PersonForm, RegionAliasForm, UnitForm
from ducha.org.models import Membership, RegionAlias, Unit, User
from ducha.web import apply_service, scoped


def _form_errors(form) -> str:
    return " ".join(str(e) for errs in form.errors.values() for e in errs)


@scoped(Unit, "view")
def unit_list(request):
    units = scoping.visible_to(request.user, Unit).select_related("region", "parent")
    return render(
        request,
        "org/unit_list.html",
        {"units": units, "can_create": scoping.can(request.user, "create", Unit)},
    )


@scoped(Unit, "create")
def unit_create(request):
    form = UnitForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "is_active"}
        unit = apply_service(form, lambda: services.create_unit(actor=request.user, **data))
        if unit:
            messages.success(request, _("已新增单位“%(name)s”。") % {"name": unit.name})
            return redirect("org:unit_list")
    status = 400 if form.is_bound else 200
    return render(request, "org/form.html", {"form": form, "title": _("新增单位")}, status=status)


@scoped(Unit, "change")
def unit_edit(request, unit):
    initial = {f: getattr(unit, f) for f in services.UNIT_FIELDS}
    form = UnitForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if v != initial.get(k)}
        if apply_service(form, lambda: services.update_unit(unit, actor=request.user, **changes)):
            messages.success(request, _("已保存。"))
            return redirect("org:unit_list")
    status = 400 if form.is_bound else 200
    return render(request, "org/form.html", {"form": form, "title": unit.name}, status=status)


@scoped(User, "view")
def person_list(request):
    people = scoping.visible_to(request.user, User).prefetch_related("memberships__unit").order_by("username")
    return render(
        request,
        "org/person_list.html",
        {"people": people, "can_create": scoping.can(request.user, "create", User)},
    )


@scoped(User, "create")
def person_create(request):
    form = NewPersonForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        person = apply_service(form, lambda: services.create_person(actor=request.user, **form.cleaned_data))
        if person:
            messages.success(request, _("已新增人员“%(name)s”。") % {"name": person})
            return redirect("org:person_edit", pk=person.pk)
    status = 400 if form.is_bound else 200
    return render(request, "org/form.html", {"form": form, "title": _("新增人员")}, status=status)


@scoped(User, "change")
def person_edit(request, person):
    initial = {f: getattr(person, f) for f in services.PERSON_FIELDS}
    form = PersonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if v != initial.get(k)}
        if apply_service(form, lambda: services.update_person(person, actor=request.user, **changes)):
            messages.success(request, _("已保存。"))
            return redirect("org:person_edit", pk=person.pk)
    context = {
        "form": form,
        "person": person,
        "memberships": person.memberships.select_related("unit"),
        "membership_form": MembershipForm(user=request.user),
    }
    return render(request, "org/person_edit.html", context, status=400 if form.is_bound else 200)


@require_POST
@scoped(User, "change")
def membership_add(request, person):
    form = MembershipForm(request.POST, user=request.user)
    if form.is_valid() and apply_service(
        form, lambda: services.add_membership(person, actor=request.user, **form.cleaned_data)
    ):
        messages.success(request, _("已授予角色。"))
    else:
        messages.error(request, _form_errors(form))
    return redirect("org:person_edit", pk=person.pk)


@require_POST
@scoped(Membership, "change")
def membership_remove(request, membership):
    person_pk = membership.user_id
    form = MembershipForm(user=request.user)
    apply_service(form, lambda: services.remove_membership(membership, actor=request.user))
    if form.errors:
        messages.error(request, _form_errors(form))
    else:
        messages.success(request, _("已撤销角色。"))
    return redirect("org:person_edit", pk=person_pk)


@scoped(RegionAlias, "view")
def alias_list(request):
    form = RegionAliasForm(request.POST or None)
    can_change = scoping.can(request.user, "create", RegionAlias)
    if request.method == "POST" and can_change and form.is_valid():
        if apply_service(form, lambda: services.add_region_alias(actor=request.user, **form.cleaned_data)):
            messages.success(request, _("已新增别名。"))
            return redirect("org:alias_list")
    aliases = scoping.visible_to(request.user, RegionAlias).select_related("region")
    context = {"aliases": aliases, "form": form, "can_change": can_change}
    return render(request, "org/alias_list.html", context, status=400 if form.is_bound else 200)


@require_POST
@scoped(RegionAlias, "change")
def alias_remove(request, alias):
    form = RegionAliasForm()
    apply_service(form, lambda: services.remove_region_alias(alias, actor=request.user))
    if form.errors:
        messages.error(request, _form_errors(form))
    return redirect("org:alias_list")
