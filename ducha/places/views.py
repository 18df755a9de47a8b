"""The gazetteer page (a tree with search; the office adds places under a parent and
edits aliases) and the site-kind page (families and their synonyms)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha.errors import DomainError
from ducha.org import scoping
from ducha.places import forms, queries
from ducha.places.models import Place, SiteFamily
from ducha.places.services import places as place_services
from ducha.places.services import site_kinds
from ducha.web import apply_service, scoped


def _hint() -> str:
    return _("重新计算重复线索后，新的地名与场所类别用于重复件比对。")


@scoped(Place, "view")
def place_list(request, add_form=None, edit_form=None):
    at = _place_at(request)
    q = request.GET.get("q", "").strip()
    user = request.user
    context = {
        "at": at,
        "q": q,
        "lineage": queries.lineage(at) if at else [],
        "children": list(queries.children(user, at)) if not q else [],
        "found": queries.search(user, q) if q else [],
        "can_add": at is not None and scoping.can(user, "create", at),
        "can_edit": at is not None and scoping.can(user, "change", at),
        "can_recompute": scoping.can(user, "create", Place),
    }
    if context["can_add"]:
        context["add_form"] = add_form or forms.AddPlaceForm(rivers=queries.rivers(user))
    if context["can_edit"]:
        initial = {"name": at.name, "aliases": "、".join(at.aliases)}
        context["edit_form"] = edit_form or forms.EditPlaceForm(initial=initial)
        context["edit_form"].fields["name"].disabled = at.is_division  # the statistics bureau's name
    status = 400 if (add_form or edit_form) else 200
    return render(request, "places/place_list.html", context, status=status)


def _place_at(request) -> Place | None:
    at = request.GET.get("at", "")
    if not at:
        return None
    if not at.isdigit():
        raise Http404
    return scoping.get_for(request.user, Place, int(at))


def _back(place: Place):
    return redirect(reverse("places:place_list") + f"?at={place.pk}")


@scoped(Place, "create")
@require_POST
def place_add(request, place):
    form = forms.AddPlaceForm(request.POST, rivers=queries.rivers(request.user))
    if form.is_valid():
        data = form.cleaned_data
        added = apply_service(
            form,
            lambda: place_services.add_place(
                place,
                actor=request.user,
                kind=data["kind"],
                name=data["name"],
                aliases=data["aliases"],
                river=data["river"],
            ),
        )
        if added is not None:
            messages.success(request, _("已新增地名：%(name)s。") % {"name": added.name} + _hint())
            return _back(place)
    request.GET = request.GET.copy()
    request.GET["at"] = str(place.pk)
    return place_list.__wrapped__(request, add_form=form)


@scoped(Place, "change")
@require_POST
def place_edit(request, place):
    form = forms.EditPlaceForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        name = data["name"] if not place.is_division and data["name"] else None
        done = apply_service(
            form, lambda: place_services.update_place(place, actor=request.user, name=name, aliases=data["aliases"])
        )
        if done is not None:
            messages.success(request, _("已保存地名：%(name)s。") % {"name": done.name} + _hint())
            return _back(place)
    request.GET = request.GET.copy()
    request.GET["at"] = str(place.pk)
    return place_list.__wrapped__(request, edit_form=form)


@scoped(Place, "change")
@require_POST
def place_remove(request, place):
    parent = place.parent
    try:
        place_services.remove_place(place, actor=request.user)
    except DomainError as exc:  # a division, or places still under it: said on the page
        messages.error(request, str(exc.message))
        return _back(place)
    messages.success(request, _("已删除地名：%(name)s。") % {"name": place.name} + _hint())
    return _back(parent) if parent else redirect("places:place_list")


@scoped(SiteFamily, "view")
def site_kind_list(request, word_form=None, family_form=None, remove_form=None):
    families, from_table = queries.families(request.user)
    context = {
        "families": families,
        "from_table": from_table,
        "can_change": scoping.can(request.user, "change", SiteFamily),
        "can_recompute": scoping.can(request.user, "create", Place),
        "word_form": word_form,
        "family_form": family_form or forms.AddSiteFamilyForm(),
        "remove_form": remove_form or forms.RemoveSiteWordForm(),
    }
    refused = word_form or family_form or remove_form
    return render(request, "places/site_kinds.html", context, status=400 if refused else 200)


@scoped(SiteFamily, "change")
@require_POST
def site_word_add(request):
    form = forms.AddSiteWordForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        word = apply_service(
            form, lambda: site_kinds.add_site_word(data["family"], actor=request.user, word=data["word"])
        )
        if word is not None:
            messages.success(
                request, _("已为“%(f)s”新增同义词：%(w)s。") % {"f": word.family.label, "w": word.word} + _hint()
            )
            return redirect("places:site_kinds")
    return site_kind_list.__wrapped__(request, word_form=form)


@scoped(SiteFamily, "create")
@require_POST
def site_family_add(request):
    form = forms.AddSiteFamilyForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        family = apply_service(
            form, lambda: site_kinds.add_site_family(actor=request.user, label=data["label"], words=data["words"])
        )
        if family is not None:
            messages.success(request, _("已新增场所类别：%(f)s。") % {"f": family.label} + _hint())
            return redirect("places:site_kinds")
    return site_kind_list.__wrapped__(request, family_form=form)


@scoped(SiteFamily, "change")
@require_POST
def site_word_remove(request):
    form = forms.RemoveSiteWordForm(request.POST)
    if form.is_valid():
        word = form.cleaned_data["word"]
        label = apply_service(form, lambda: site_kinds.remove_site_word(word, actor=request.user))
        if label is not None:
            messages.success(request, _("已从“%(f)s”删除同义词：%(w)s。") % {"f": label, "w": word} + _hint())
            return redirect("places:site_kinds")
    return site_kind_list.__wrapped__(request, remove_form=form)
