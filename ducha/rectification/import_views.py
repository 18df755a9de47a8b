"""Rectification's task-list import pages: upload, check, confirm, and a unit name
resolved on the spot."""

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha import store
from ducha.org import services as org_services
from ducha.org.models import Region, Unit
from ducha.rectification import forms
from ducha.rectification.models import Finding
from ducha.rectification.services import task_list
from ducha.uploads import failure_problem
from ducha.web import apply_service, scoped


@scoped(Finding, "import")
def import_upload(request):
    form = forms.ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        inspection = form.cleaned_data["inspection"]
        name = Path(upload.name).name
        try:
            # the working copy waits in the store, named by its content, until confirmed
            stored = store.save(upload, kind=store.UPLOADS, suffix=Path(upload.name).suffix)
            with store.local_path(stored) as path:
                result = apply_service(
                    form,
                    lambda: task_list.import_tasks(
                        path,
                        actor=request.user,
                        inspection=inspection,
                        dry_run=True,
                        source_name=name,
                        wait_seconds=settings.IMPORT_PAGE_WAIT_SECONDS,
                    ),
                )
        except OSError as exc:  # a full disk: said on the form, never a 500
            form.add_error("file", failure_problem(name, exc)["message"])
            result = None
        if result is not None:
            context = _check_context(request, result, inspection, stored.path, name)
            return render(request, "rectification/import_check.html", context)
    return render(request, "rectification/import_upload.html", {"form": form}, status=400 if form.is_bound else 200)


@scoped(Finding, "import")
@require_POST
def import_confirm(request):
    form = forms.ConfirmImportForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("导入请求无效，请重新上传。"))
        return redirect("rectification:import_upload")
    stored = store.StoredFile(form.cleaned_data["token"])
    if not store.exists(stored):
        messages.error(request, _("上传的文件已失效，请重新上传。"))
        return redirect("rectification:import_upload")
    inspection = form.cleaned_data["inspection"]
    with store.local_path(stored) as path:
        result = apply_service(
            form,
            lambda: task_list.import_tasks(
                path,
                actor=request.user,
                inspection=inspection,
                source_name=form.cleaned_data["name"],
                wait_seconds=settings.IMPORT_PAGE_WAIT_SECONDS,
            ),
        )
    if result is None or not result.ok:
        context = {"result": result, "inspection": inspection, "name": form.cleaned_data["name"], "confirm": None}
        return render(request, "rectification/import_check.html", context, status=400)
    store.delete(stored)
    messages.success(
        request,
        _("已导入整改任务清单：问题%(f)s个，任务%(t)s项（新增%(c)s，更新%(u)s，未变%(n)s）。")
        % {"f": result.findings, "t": result.tasks, "c": result.created, "u": result.updated, "n": result.unchanged},
    )
    return redirect(f"{_list_url()}?inspection={inspection.code}")


@scoped(Finding, "import")
@require_POST
def import_resolve_unit(request):
    """One unknown unit name settled from the preview, by the office, in one action:
    another name of one of its closest known units, or a new department of the list's
    city (org.services.resolve_unit_name, audited). The preview then checks again."""
    form = forms.ResolveUnitForm(request.POST, user=request.user)
    stored = store.StoredFile(form.data.get("token", ""))
    if not form.is_valid() or not store.exists(stored):
        messages.error(request, _("上传的文件已失效，请重新上传。"))
        return redirect("rectification:import_upload")
    data = form.cleaned_data
    inspection, name = data["inspection"], data["name"]
    with store.local_path(stored) as path:

        def check():
            return task_list.import_tasks(
                path,
                actor=request.user,
                inspection=inspection,
                dry_run=True,
                source_name=name,
                wait_seconds=settings.IMPORT_PAGE_WAIT_SECONDS,
            )

        result = check()
        unknown = next((u for u in result.unknown_units if u["name"] == data["written"]), None)
        if unknown is None:
            form.add_error(None, _("“%(name)s”已不是未知单位。") % {"name": data["written"]})
        elif data["action"] == "map" and data["unit"] not in {s["id"] for s in unknown["suggestions"]}:
            form.add_error("unit", _("请从列出的相近单位中选择。"))
        elif apply_service(
            form,
            lambda: org_services.resolve_unit_name(
                data["written"],
                actor=request.user,
                region=Region.objects.get(code=result.region),
                unit=Unit.objects.get(pk=data["unit"]) if data["action"] == "map" else None,
                source=name,
            ),
        ):
            result = check()
    context = _check_context(request, result, inspection, stored.path, name)
    context["resolve_errors"] = [e for errors in form.errors.values() for e in errors]
    if request.htmx:  # htmx swaps only a success: the refusal is shown in the fragment
        return render(request, "rectification/_import_check.html", context)
    return render(request, "rectification/import_check.html", context, status=400 if form.errors else 200)


def _check_context(request, result, inspection, token: str, name: str) -> dict:
    confirm = forms.ConfirmImportForm(
        initial={"inspection": inspection.pk, "token": token, "name": name}, user=request.user
    )
    city = Region.objects.filter(code=result.region).first() if result.region else None
    return {"result": result, "inspection": inspection, "name": name, "confirm": confirm, "city": city}


def _list_url():
    from django.urls import reverse

    return reverse("rectification:finding_list")
