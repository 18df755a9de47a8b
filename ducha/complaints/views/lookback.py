"""Look-back (回头看): drawing a sample of closed complaints and recording rechecks."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ducha.complaints import queries
from ducha.complaints.forms import (
    RecheckSampleForm,
)
from ducha.complaints.models import (
    Complaint,
    Recheck,
    RecheckResult,
)
from ducha.complaints.services import lookback
from ducha.org import scoping
from ducha.web import apply_service, scoped


@scoped(Complaint, "recheck")
def lookback_page(request):
    form = RecheckSampleForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        drawn = apply_service(
            form, lambda: lookback.sample_for_recheck(actor=request.user, inspection=d["inspection"], count=d["count"])
        )
        if drawn is not None:
            messages.success(request, _("已抽取 %(n)s 件已办结信访件待复核。") % {"n": len(drawn)})
            return redirect("complaints:lookback")
    rechecks = (
        scoping.visible_to(request.user, Recheck)
        .select_related("complaint", "complaint__region", "checked_by")
        .order_by("-id")
    )
    result = request.GET.get("result", "")
    if result in RecheckResult.values:
        rechecks = rechecks.filter(result=result)
    after = request.GET.get("after", "")
    if after.isdigit():
        rechecks = rechecks.filter(id__lt=int(after))
    rows = list(rechecks[: queries.PAGE_SIZE + 1])
    context = {
        "form": form,
        "rows": rows[: queries.PAGE_SIZE],
        "next_after": rows[queries.PAGE_SIZE - 1].pk if len(rows) > queries.PAGE_SIZE else "",
        "results": RecheckResult.choices,
        "result": result,
    }
    return render(request, "complaints/handling/lookback.html", context, status=400 if form.errors else 200)
