"""Bulletins (通报): the list, publishing one, its page and its downloads."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha.org import scoping
from ducha.supervision.bulletins import RANK_RULE
from ducha.supervision.forms import (
    BulletinForm,
    ConfirmForm,
)
from ducha.supervision.models import (
    Bulletin,
    BulletinStatus,
)
from ducha.supervision.services import bulletins
from ducha.supervision.views.common import download, own_region
from ducha.web import apply_service, scoped


@scoped(Bulletin, "view")
def bulletin_list(request):
    form = BulletinForm(initial={"as_of": timezone.localdate()}, user=request.user)
    context = {
        "bulletins": scoping.visible_to(request.user, Bulletin)[:200],
        "form": form,
        "can_create": scoping.can(request.user, "create", Bulletin),
    }
    return render(request, "supervision/bulletin_list.html", context)


@scoped(Bulletin, "create")
@require_POST  # after scoping: a stranger gets 403, not 405
def bulletin_publish(request):
    form = BulletinForm(request.POST, user=request.user)
    if form.is_valid():
        region = own_region(request.user)
        bulletin = apply_service(
            form,
            lambda: bulletins.draft_bulletin(
                form.cleaned_data["inspection"], actor=request.user, region=region, as_of=form.cleaned_data["as_of"]
            ),
        )
        if bulletin:
            messages.success(request, _("通报已起草，待签发。"))
            return redirect("supervision:bulletin_detail", pk=bulletin.pk)
    messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs) or _("无法起草通报。"))
    return redirect("supervision:bulletin_list")


@scoped(Bulletin, "view")
def bulletin_detail(request, bulletin):
    context = {
        "bulletin": bulletin,
        "can_issue": bulletin.status == BulletinStatus.DRAFT and scoping.can(request.user, "issue", bulletin),
        "rank_rule": RANK_RULE,
    }
    return render(request, "supervision/bulletin_detail.html", context)


@scoped(Bulletin, "issue")
@require_POST
def bulletin_issue(request, bulletin):
    """签发: the bulletin takes its 文号, its Word and Excel files, and reaches the units."""
    form = ConfirmForm(request.POST)
    if apply_service(form, lambda: bulletins.issue_bulletin(bulletin, actor=request.user)):
        messages.success(request, _("通报已签发。"))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("supervision:bulletin_detail", pk=bulletin.pk)


def _issued(bulletin):
    if bulletin.status != BulletinStatus.ISSUED:
        raise Http404  # a draft has no files yet


@scoped(Bulletin, "view")
def bulletin_xlsx(request, bulletin):
    _issued(bulletin)
    return download(request, bulletin, bulletin.xlsx, f"{bulletin.title}.xlsx")


@scoped(Bulletin, "view")
def bulletin_docx(request, bulletin):
    _issued(bulletin)
    return download(request, bulletin, bulletin.docx, f"{bulletin.title}.docx")
