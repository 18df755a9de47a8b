"""Org pages for admin and office: units, people and their roles, region aliases."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.password_validation import password_validators_help_texts
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha import versions
from ducha.org import scoping, services
from ducha.org.forms import (
    HolidayYearForm,
    MembershipForm,
    NewPersonForm,
    PasswordChangeForm,
    PasswordResetForm,
    PersonForm,
    RegionAliasForm,
    UnitForm,
)
from ducha.org.models import HolidayDayKind, HolidayYear, Membership, RegionAlias, Unit, User
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
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("is_active", "version")}
        unit = apply_service(form, lambda: services.create_unit(actor=request.user, **data))
        if unit:
            messages.success(request, _("已新增单位“%(name)s”。") % {"name": unit.name})
            return redirect("org:unit_list")
    status = 400 if form.is_bound else 200
    return render(request, "org/form.html", {"form": form, "title": _("新增单位")}, status=status)


@scoped(Unit, "change")
def unit_edit(request, unit):
    initial = {f: getattr(unit, f) for f in services.UNIT_FIELDS}
    form = UnitForm(
        request.POST or None, user=request.user, initial=initial | {"version": versions.of(unit, services.UNIT_FIELDS)}
    )
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data.pop("version")  # what the form showed: a change since is refused
        changes = {k: v for k, v in form.cleaned_data.items() if v != initial.get(k)}
        if apply_service(form, lambda: services.update_unit(unit, actor=request.user, version=version, **changes)):
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
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}  # nothing to compare when new
        person = apply_service(form, lambda: services.create_person(actor=request.user, **data))
        if person:
            messages.success(request, _("已新增人员“%(name)s”。") % {"name": person})
            return redirect("org:person_edit", pk=person.pk)
    status = 400 if form.is_bound else 200
    return render(request, "org/form.html", {"form": form, "title": _("新增人员")}, status=status)


@scoped(User, "change")
def person_edit(request, person):
    initial = {f: getattr(person, f) for f in services.PERSON_FIELDS}
    form = PersonForm(request.POST or None, initial=initial | {"version": versions.of(person, services.PERSON_FIELDS)})
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data.pop("version")
        changes = {k: v for k, v in form.cleaned_data.items() if v != initial.get(k)}
        if apply_service(form, lambda: services.update_person(person, actor=request.user, version=version, **changes)):
            messages.success(request, _("已保存。"))
            return redirect("org:person_edit", pk=person.pk)
    context = {
        "form": form,
        "person": person,
        "memberships": person.memberships.select_related("unit"),
        "membership_form": MembershipForm(user=request.user),
        # One's own password is changed on the 修改密码 page, never reset.
        "reset_form": PasswordResetForm()
        if person.pk != request.user.pk and scoping.can(request.user, "reset_password", person)
        else None,
    }
    return render(request, "org/person_edit.html", context, status=400 if form.is_bound else 200)


@require_POST
@scoped(User, "reset_password")
def person_password_reset(request, person):
    form = PasswordResetForm(request.POST)
    if form.is_valid() and apply_service(
        form, lambda: services.reset_password(person, actor=request.user, password=form.cleaned_data["password"])
    ):
        messages.success(request, _("已重置密码，%(name)s下次登录时须修改密码。") % {"name": person})
    else:
        messages.error(request, _form_errors(form))
    return redirect("org:person_edit", pk=person.pk)


@scoped()
def password_change(request):
    """Change your own password; where a forced change sends everyone who must."""
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = apply_service(
            form,
            lambda: services.change_password(
                request.user, actor=request.user, old_password=data["old_password"], new_password=data["new_password"]
            ),
        )
        if user:
            update_session_auth_hash(request, user)  # stay signed in with the new password
            messages.success(request, _("密码已修改。"))
            target = request.POST.get("next", "")
            if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
                target = ""
            return redirect(target or "home")
    context = {
        "form": form,
        "forced": request.user.must_change_password,
        "rules": password_validators_help_texts(),
        "next": request.GET.get("next") or request.POST.get("next", ""),
    }
    return render(request, "org/password_change.html", context, status=400 if form.is_bound else 200)


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


# --- the working-day calendar --------------------------------------------------


def _arrangement_lines(holiday_year) -> str:
    """A year's days as the lines the form reads back (to correct and replace them)."""
    return "\n".join(f"{d.date.isoformat()} {d.name} {d.get_kind_display()}" for d in holiday_year.days.all())


def _save_holiday_year(request, form):
    holiday_year = apply_service(
        form, lambda: services.add_holiday_year(actor=request.user, **form.service_arguments())
    )
    if holiday_year:
        messages.success(request, _("已录入%(year)s年节假日安排。") % {"year": holiday_year.year})
    return holiday_year


@scoped(HolidayYear, "view")
def holiday_year_list(request):
    can_create = scoping.can(request.user, "create", HolidayYear)
    if request.method == "POST" and not can_create:
        raise PermissionDenied
    form = HolidayYearForm(request.POST or None) if can_create else None
    if form is not None and form.is_bound and form.is_valid():
        holiday_year = _save_holiday_year(request, form)
        if holiday_year:
            return redirect("org:holiday_year_detail", pk=holiday_year.pk)
    years = scoping.visible_to(request.user, HolidayYear).annotate(
        holiday_count=Count("days", filter=Q(days__kind=HolidayDayKind.HOLIDAY)),
        makeup_count=Count("days", filter=Q(days__kind=HolidayDayKind.MAKEUP_WORKDAY)),
    )
    context = {"years": years, "form": form, "can_create": can_create}
    return render(request, "org/holiday_year_list.html", context, status=400 if form and form.is_bound else 200)


@scoped(HolidayYear, "change")
def holiday_year_detail(request, holiday_year):
    """One year's days, and a form to replace them when a corrected notice comes."""
    initial = {
        "year": holiday_year.year,
        "source": holiday_year.source,
        "lines": _arrangement_lines(holiday_year),
        "replace": True,
        "version": versions.of(holiday_year, services.HOLIDAY_YEAR_FIELDS),
    }
    form = HolidayYearForm(request.POST or None, initial=initial)
    if form.is_bound and form.is_valid():
        saved = _save_holiday_year(request, form)
        if saved:
            return redirect("org:holiday_year_detail", pk=saved.pk)
    context = {"holiday_year": holiday_year, "days": holiday_year.days.all(), "form": form}
    return render(request, "org/holiday_year_detail.html", context, status=400 if form.is_bound else 200)
