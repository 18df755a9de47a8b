"""The work queues: the office's tabs (to dispatch, to review, due soon, requests,
repeats) with bulk dispatch, and a handler unit's tabs."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha import exports
from ducha.complaints import queries, routing
from ducha.complaints.exports import queue_columns
from ducha.complaints.forms import (
    BulkDispatchForm,
)
from ducha.complaints.models import (
    Complaint,
)
from ducha.complaints.services import dispatch as dispatching
from ducha.web import apply_service, scoped


@scoped(Complaint, "dispatch")
def office_queue(request, bulk_form=None):
    tab = request.GET.get("tab", "received")
    if tab not in dict(queries.OFFICE_TABS):
        tab = "received"
    today = timezone.localdate()
    if exports.wants_export(request) and tab not in ("requests", "repeats"):
        qs = queries.office_tab(request.user, tab, today)
        return queue_xlsx(dict(queries.OFFICE_TABS)[tab], qs.order_by(*queue_order(tab)), today)
    counts = queries.office_counts(request.user, today)
    page = queries.office_rows(request.user, tab, today, request.GET.get("after", ""))
    if tab == "repeats":
        page.rows = queries.repeat_rows(page.rows)  # both texts, the shared words marked
    elif tab != "requests":
        page.rows = [(c, queries.days_left(c, today)) for c in page.rows]
    selected = set(request.POST.getlist("complaints")) if bulk_form is not None else set()
    context = {
        "tab": tab,
        "tabs": [(key, label, counts[key]) for key, label in queries.OFFICE_TABS],
        "page": page,
        "bulk_form": bulk_form or BulkDispatchForm(user=request.user),
        "selected": selected,
        "region_rule": routing.region_rule() if tab == "received" else {},
        "today": today,
    }
    return render(request, "complaints/handling/queue.html", context, status=400 if bulk_form else 200)


@scoped(Complaint, "dispatch")
@require_POST
def bulk_dispatch(request):
    form = BulkDispatchForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        chosen = list(data["complaints"].order_by("id"))
        kw = {"due_days": data["due_days"], "due_kind": data["due_kind"] or None}

        def call():
            if data["mode"] == BulkDispatchForm.MODE_REGION:
                return dispatching.dispatch_by_region(
                    chosen, actor=request.user, unit_for_region=routing.region_rule(), **kw
                )
            with transaction.atomic():  # all or none
                return [
                    dispatching.dispatch_complaint(
                        c, actor=request.user, lead_unit=data["lead_unit"], support_units=data["support_units"], **kw
                    )
                    for c in chosen
                ]

        done = apply_service(form, call)
        if done is not None:
            messages.success(request, _("已转办 %(n)s 件信访件。") % {"n": len(done)})
            return redirect(reverse("complaints:queue") + "?tab=received")
    return office_queue.__wrapped__(request, bulk_form=form)


def queue_order(tab: str) -> tuple[str, ...]:
    return ("id",) if tab == "received" else ("due_on", "id")


def queue_xlsx(tab_label, qs, today):
    """A tab's whole list, in the tab's order, as 导出Excel."""
    columns = queue_columns(days_left=lambda c: queries.days_left(c, today))
    title = _("信访件办理：%(tab)s") % {"tab": tab_label}
    return exports.xlsx_response(title=title, filter_text="", columns=columns, rows=qs.iterator(chunk_size=2000))


@scoped(Complaint, "handle")
def handler_queue(request):
    tab = request.GET.get("tab", "todo")
    if tab not in dict(queries.HANDLER_TABS):
        tab = "todo"
    today = timezone.localdate()
    qs = queries.handler_tab(request.user, tab)
    if exports.wants_export(request):
        return queue_xlsx(dict(queries.HANDLER_TABS)[tab], qs.order_by("due_on", "id"), today)
    page = queries.keyset_page(qs, by_due=True, after=request.GET.get("after", ""))
    page.rows = [(c, queries.days_left(c, today)) for c in page.rows]
    counts = queries.handler_counts(request.user)
    context = {
        "tab": tab,
        "tabs": [(key, label, counts[key]) for key, label in queries.HANDLER_TABS],
        "page": page,
        "show_overdue": tab != "closed",
    }
    return render(request, "complaints/handling/mine.html", context)
