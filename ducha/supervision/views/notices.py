"""Supervision notices (督办单): the list, issuing one from alerts, the reply, the document."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha import exports
from ducha.complaints.models import Complaint
from ducha.org import scoping
from ducha.rectification.models import Task
from ducha.supervision import queries
from ducha.supervision.exports import notice_columns
from ducha.supervision.forms import (
    ConfirmForm,
    NoticeForm,
    ReplyForm,
)
from ducha.supervision.models import (
    ItemKind,
    NoticeStatus,
    SupervisionNotice,
)
from ducha.supervision.services import notices
from ducha.supervision.views.common import download
from ducha.web import apply_service, scoped


@scoped(SupervisionNotice, "view")
def notice_list(request):
    notices_ = queries.list_notices(request.user)
    if exports.wants_export(request):
        return exports.xlsx_response(title=_("督办单"), filter_text="", columns=notice_columns(), rows=notices_)
    context = {
        "notices": notices_[:500],
        "total": notices_.count(),
        "can_create": scoping.can(request.user, "create", SupervisionNotice),
    }
    return render(request, "supervision/notice_list.html", context)


def _alert_items(alerts):
    complaints = {
        c.pk: c
        for c in Complaint.objects.filter(pk__in=[a.item_id for a in alerts if a.item_kind == ItemKind.COMPLAINT])
    }
    tasks = {
        t.pk: t
        for t in Task.objects.filter(pk__in=[a.item_id for a in alerts if a.item_kind == ItemKind.TASK]).select_related(
            "finding"
        )
    }
    return [complaints.get(a.item_id) if a.item_kind == ItemKind.COMPLAINT else tasks.get(a.item_id) for a in alerts]


@scoped(SupervisionNotice, "create")
def notice_create(request):
    form = NoticeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        alerts = list(data["alerts"])
        notice = apply_service(
            form,
            lambda: notices.draft_notice(
                data["unit"],
                actor=request.user,
                level=data["level"],
                items=[i for i in _alert_items(alerts) if i is not None],
                reply_by=data["reply_by"],
                body=data["body"],
                inspection=alerts[0].inspection if alerts else None,
            ),
        )
        if notice:
            messages.success(request, _("督办单已起草，待签发。"))
            return redirect("supervision:notice_detail", pk=notice.pk)
    if not form.is_bound and request.GET.get("unit"):
        form.initial["unit"] = request.GET["unit"]
    status = 400 if form.is_bound else 200
    return render(request, "supervision/form.html", {"form": form, "title": _("下发督办单")}, status=status)


def _notice_context(request, notice, form=None):
    return {
        "notice": notice,
        "items": notice.items.select_related("complaint", "task"),
        "can_reply": scoping.can(request.user, "reply", notice) and notice.status == NoticeStatus.ISSUED,
        "can_issue": scoping.can(request.user, "issue", notice) and notice.status == NoticeStatus.DRAFT,
        "form": form or ReplyForm(),
    }


@scoped(SupervisionNotice, "view")
def notice_detail(request, notice):
    return render(request, "supervision/notice_detail.html", _notice_context(request, notice))


@scoped(SupervisionNotice, "issue")
@require_POST
def notice_issue(request, notice):
    """签发: the signer's signature; the notice takes its 文号 and goes to the unit."""
    form = ConfirmForm(request.POST)
    if apply_service(form, lambda: notices.issue_notice(notice, actor=request.user)):
        notice.refresh_from_db()
        messages.success(request, _("已签发督办单%(n)s。") % {"n": notice.number})
        return redirect("supervision:notice_detail", pk=notice.pk)
    messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("supervision:notice_detail", pk=notice.pk)


@require_POST
@scoped(SupervisionNotice, "reply")
def notice_reply(request, notice):
    form = ReplyForm(request.POST)
    if form.is_valid():
        if apply_service(
            form, lambda: notices.reply_notice(notice, actor=request.user, text=form.cleaned_data["reply"])
        ):
            messages.success(request, _("已回复。"))
            return redirect("supervision:notice_detail", pk=notice.pk)
    notice.refresh_from_db()
    return render(request, "supervision/notice_detail.html", _notice_context(request, notice, form), status=400)


@scoped(SupervisionNotice, "view")
def notice_download(request, notice):
    return download(request, notice, notice.document, f"{notice.number}.docx")
