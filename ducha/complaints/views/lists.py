"""The complaint list: filters, sorting and keyset pages over what the user may see."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha import exports
from ducha.complaints import queries
from ducha.complaints.exports import complaint_columns
from ducha.complaints.forms import ComplaintFilter
from ducha.complaints.models import (
    Complaint,
)
from ducha.complaints.views.page import masked
from ducha.web import scoped


@scoped(Complaint, "view")
def complaint_list(request):
    form = ComplaintFilter(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    sort = request.GET.get("sort", queries.DEFAULT_SORT)
    if exports.wants_export(request):
        return exports.xlsx_response(
            title=_("信访件"),
            filter_text=exports.describe_filters(form),
            columns=complaint_columns(),
            rows=queries.sorted_complaints(request.user, filters, sort).iterator(chunk_size=2000),
        )
    printing = exports.wants_print(request)
    if printing:
        page = queries.Page(list(queries.sorted_complaints(request.user, filters, sort)), "", sort)
    else:
        page = queries.list_complaints(request.user, filters, sort=sort, after=request.GET.get("after", ""))
    rows = [(c, masked(c)) for c in page.complaints]
    query = request.GET.copy()
    query.pop("after", None)
    query.pop("sort", None)
    next_query = query.copy()
    next_query["sort"] = page.sort
    if page.next_cursor:
        next_query["after"] = page.next_cursor
    first_query = query.copy()
    first_query["sort"] = page.sort
    sorts = {}
    for key in queries.SORTS:
        q = query.copy()
        q["sort"] = key if page.sort == f"-{key}" else f"-{key}"
        arrow = "↓" if page.sort == f"-{key}" else "↑" if page.sort == key else ""
        sorts[key] = {"query": q.urlencode(), "arrow": arrow}
    context = {
        "form": form,
        "rows": rows,
        "sorts": sorts,
        "next_query": next_query.urlencode() if page.next_cursor else "",
        "first_query": first_query.urlencode() if request.GET.get("after") else "",
        "total": queries.filter_complaints(request.user, filters).count(),
        "printable": True,
        "printing": printing,
        "print_title": exports.title_line(
            _("信访件"), exports.describe_filters(form), len(page.complaints), timezone.localdate()
        )
        if printing
        else "",
    }
    return render(request, "complaints/complaint_list.html", context)
