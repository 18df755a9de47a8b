"""Editions: the list, choosing the current one, importing a new layer (check, then confirm)."""

from pathlib import Path

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha import store
from ducha.errors import DomainError
from ducha.org import scoping
from ducha.web import apply_service, scoped
from ducha.zoning import forms, services
from ducha.zoning.models import ControlUnitEdition
from ducha.zoning.services import placement, publishing


@scoped(ControlUnitEdition, "view")
def edition_list(request):
    editions = list(scoping.visible_to(request.user, ControlUnitEdition).select_related("imported_by"))
    for e in editions:
        e.last_run = placement.latest_replacement(e)
    context = {"editions": editions, "can_change": scoping.can(request.user, "change", ControlUnitEdition)}
    # while a re-placement runs the table refreshes itself (htmx), showing its progress
    context["running"] = any(e.last_run and e.last_run.status in ("queued", "running") for e in editions)
    return render(request, "zoning/edition_list.html", context)


@scoped(ControlUnitEdition, "change")
@require_POST
def edition_replace(request, edition):
    """Place every located case again in this edition, in the background."""
    try:
        placement.request_replacement(edition, actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("已开始按版本“%(name)s”重新落位，进度见下表。") % {"name": edition.name})
    return redirect("zoning:edition_list")


@scoped(ControlUnitEdition, "publish")
@require_POST
def edition_publish(request, edition):
    """Publish this edition's unit layer on the public map, or withdraw it."""
    published = request.POST.get("published") == "1"
    publishing.set_published(edition, published=published, actor=request.user)
    if published:
        messages.success(request, _("版本“%(name)s”的管控单元图层已向公众公开。") % {"name": edition.name})
    else:
        messages.success(request, _("已撤回公开的管控单元图层。"))
    return redirect("zoning:edition_list")


@scoped(ControlUnitEdition, "change")
@require_POST
def edition_make_current(request, edition):
    services.make_edition_current(edition, actor=request.user)
    messages.success(request, _("新的落位将使用版本“%(name)s”。") % {"name": edition.name})
    return redirect("zoning:edition_list")


@scoped(ControlUnitEdition, "import")
def import_upload(request):
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        stored = store.save(upload, kind=store.UPLOADS, suffix=Path(upload.name).suffix)
        name, edition = Path(upload.name).name, form.cleaned_data["edition"]
        with store.local_path(stored) as path:
            result = apply_service(
                form,
                lambda: services.import_control_units(
                    path, actor=request.user, edition=edition or None, source_name=name, dry_run=True
                ),
            )
        if result is not None:
            confirm = forms.ConfirmImportForm(initial={"token": stored.path, "name": name, "edition": edition})
            context = {"result": result, "name": name, "confirm": confirm if result.ok else None}
            return render(request, "zoning/import_check.html", context, status=200 if result.ok else 400)
        store.delete(stored)
    return render(request, "zoning/import_upload.html", {"form": form}, status=400 if form.is_bound else 200)


@scoped(ControlUnitEdition, "import")
@require_POST
def import_confirm(request):
    form = forms.ConfirmImportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("导入请求无效，请重新上传。"))
        return redirect("zoning:import_upload")
    stored = store.StoredFile(form.cleaned_data["token"])
    if not store.exists(stored):
        messages.error(request, _("上传的文件已失效，请重新上传。"))
        return redirect("zoning:import_upload")
    name, edition = form.cleaned_data["name"], form.cleaned_data["edition"]
    with store.local_path(stored) as path:
        result = apply_service(
            form,
            lambda: services.import_control_units(path, actor=request.user, edition=edition or None, source_name=name),
        )
    if result is None or not result.ok:
        return render(
            request, "zoning/import_check.html", {"result": result, "name": name, "confirm": None}, status=400
        )
    store.delete(stored)
    messages.success(
        request,
        _("已导入版本“%(e)s”：单元%(n)s个（新增%(c)s，更新%(u)s，未变%(s)s，删除%(r)s）。")
        % {"e": result.edition, "n": result.units, "c": result.created, "u": result.updated, "s": result.unchanged,
           "r": result.removed},
    )  # fmt: skip
    return redirect("zoning:edition_list")
