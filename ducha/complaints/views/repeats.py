"""The repeat queue's actions: decide several suggestions at once (htmx swaps the
queue), and compare every complaint again after the places or site kinds changed."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha.complaints import queries
from ducha.complaints.models import Complaint, RepeatSuggestion
from ducha.complaints.services import repeat_queue
from ducha.errors import DomainError
from ducha.org import scoping
from ducha.web import scoped

QUEUE = "complaints:queue"


def repeats_context(user, after: str = "") -> dict:
    page = queries.office_rows(user, "repeats", None, after)
    page.rows = queries.repeat_rows(page.rows)
    return {"page": page, "tab": "repeats"}


@scoped(Complaint, "confirm_repeat")
@require_POST
def decide_repeats(request):
    ids = [int(i) for i in request.POST.getlist("suggestions") if i.isdigit()]
    visible = scoping.visible_to(request.user, Complaint)
    chosen = list(RepeatSuggestion.objects.filter(pk__in=ids, complaint__in=visible).select_related("complaint"))
    decision = request.POST.get("decision", "")
    error, notice = "", ""
    try:
        if len(chosen) != len(set(ids)):
            raise DomainError(_("所选提示中有您无权处理或已不存在的，请刷新后重试。"))
        done = repeat_queue.decide_repeats(chosen, actor=request.user, decision=decision)
    except DomainError as exc:
        error = str(exc.message)
    else:
        if decision == repeat_queue.CONFIRM:
            notice = _("已确认 %(n)s 条重复件提示。") % {"n": len(done)}
        else:
            notice = _("已否定 %(n)s 条重复件提示。") % {"n": len(done)}
    if request.htmx:
        context = {**repeats_context(request.user), "error": error, "notice": notice, "selected": set(ids)}
        return render(request, "complaints/handling/_repeats.html", context, status=400 if error else 200)
    (messages.error if error else messages.success)(request, error or notice)
    return redirect(reverse(QUEUE) + "?tab=repeats")


@scoped(Complaint, "confirm_repeat")
@require_POST
def recompute_repeats(request):
    count = repeat_queue.recompute_repeats(actor=request.user)
    messages.success(request, _("已开始重新计算 %(n)s 件信访件的重复线索；已确认或否定的提示保持不变。") % {"n": count})
    return redirect(reverse(QUEUE) + "?tab=repeats")
