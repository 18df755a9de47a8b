"""The complaint page's actions. Each posts one form to one service and comes back to
the page: with a message when done, with the form and its error (400) when refused."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha.complaints import queries
from ducha.complaints.forms import (
    DecideForm,
    DispatchForm,
    EvidenceForm,
    HandlingForm,
    PartForm,
    RecheckForm,
    RequestForm,
    ReviewForm,
    SubmitForm,
)
from ducha.complaints.models import (
    Assignment,
    AssignmentRequest,
    Complaint,
    RecheckResult,
    RepeatSuggestion,
    RequestKind,
)
from ducha.complaints.services import dispatch as dispatching
from ducha.complaints.services import handling, lookback, repeats
from ducha.complaints.services import review as reviewing
from ducha.complaints.views import pending
from ducha.complaints.views.page import done, refused
from ducha.errors import DomainError
from ducha.web import apply_service, scoped


@scoped(Complaint, "dispatch")
@require_POST
def dispatch(request, complaint):
    form = DispatchForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        ok = apply_service(
            form,
            lambda: dispatching.dispatch_complaint(
                complaint,
                actor=request.user,
                lead_unit=d["lead_unit"],
                support_units=d["support_units"],
                due_days=d["due_days"],
                due_kind=d["due_kind"] or None,
                expected_version=d["version"],
            ),
        )
        if ok:
            return done(request, complaint, _("已转办，办理时限 %(due)s。") % {"due": ok.due_on.isoformat()})
    return refused(request, complaint, "dispatch", form)


def _my_assignment(user, complaint: Complaint) -> Assignment:
    assignment = (
        Assignment.objects.filter(complaint=complaint, is_active=True, unit_id__in=queries.handler_units(user))
        .order_by("role", "id")
        .first()
    )
    if assignment is None:
        raise PermissionDenied
    return assignment


@scoped(Complaint, "request")
@require_POST
def make_request(request, complaint):
    form = RequestForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        assignment = _my_assignment(request.user, complaint)
        if d["kind"] == RequestKind.EXTENSION:
            call = lambda: dispatching.request_extension(  # noqa: E731
                assignment, actor=request.user, extra_days=d["extra_days"], reason=d["reason"]
            )
        else:
            call = lambda: dispatching.request_reroute(assignment, actor=request.user, reason=d["reason"])  # noqa: E731
        if apply_service(form, call):
            return done(request, complaint, _("申请已提交，等待环委办审批。"))
    return refused(request, complaint, "request", form)


@scoped(Complaint, "dispatch")
@require_POST
def decide(request, complaint, request_id: int):
    req = get_object_or_404(AssignmentRequest, pk=request_id, assignment__complaint=complaint)
    form = DecideForm(request.POST)
    approve = request.POST.get("decision") == "approve"
    if form.is_valid() and apply_service(
        form,
        lambda: dispatching.decide_request(req, actor=request.user, approve=approve, note=form.cleaned_data["note"]),
    ):
        return done(request, complaint, _("已同意申请。") if approve else _("已驳回申请。"))
    return refused(request, complaint, "decide", form, decide_id=req.pk)


@scoped(Complaint, "handle")
@require_POST
def save_report(request, complaint):
    """The one report form: text, figures, new files and removals saved together;
    with action=submit it then goes to review. A refusal brings everything back: the
    typed text, the files (carried as tokens), and each missing field marked."""
    form = HandlingForm(request.POST, request.FILES)
    carried = pending.carried(complaint.pk, request.POST.getlist("pending"))
    if form.is_valid():
        files = [(f.name, f.read()) for f in form.cleaned_data["files"]] + [(p.name, p.content) for p in carried]
        saved = apply_service(
            form,
            lambda: handling.save_handling(
                complaint,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                files=files,
                remove_evidence=[pk for pk in request.POST.getlist("remove_evidence") if pk.isdigit()],
                **form.values(),
            ),
        )
        if saved and request.POST.get("action") != "submit":
            return done(request, complaint, _("办理情况已保存。"))
        if saved:
            if _submit(form, complaint, request.user):
                return done(request, complaint, _("办理情况已报送环委办审核。"))
            return refused(request, complaint, "handling", form)  # saved: the files are attached now
    form.pending = carried + pending.keep(complaint.pk, request.FILES.getlist("files"))
    return refused(request, complaint, "handling", form)


def _submit(form, complaint, user) -> bool:
    """Submit the saved report; when fields are missing, mark each one on the form."""
    try:
        handling.submit_handling(complaint, actor=user)
    except DomainError as exc:
        form.add_error(None, str(exc.message))
        for field, _label in handling.missing_for_submit(handling.current_handling(complaint)):
            form.add_error(field, _("报送前必须填写此项。"))
        return False
    return True


@scoped(Complaint, "support")
@require_POST
def add_part(request, complaint):
    """A supporting unit's part and its files, one form; a refusal carries the files back."""
    form = PartForm(request.POST, request.FILES)
    carried = pending.carried(complaint.pk, request.POST.getlist("pending"))
    if form.is_valid():
        files = [(f.name, f.read()) for f in form.cleaned_data["files"]] + [(p.name, p.content) for p in carried]
        if apply_service(
            form,
            lambda: handling.add_handling_part(
                complaint, actor=request.user, text=form.cleaned_data["text"], files=files
            ),
        ):
            return done(request, complaint, _("配合办理情况已保存。"))
    form.pending = carried + pending.keep(complaint.pk, request.FILES.getlist("files"))
    return refused(request, complaint, "part", form)


@scoped(Complaint, "request")  # the lead or a supporting unit; the service tells them apart
@require_POST
def upload_evidence(request, complaint):
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        if apply_service(
            form, lambda: handling.add_evidence(complaint, actor=request.user, name=upload.name, content=content)
        ):
            return done(request, complaint, _("已上传证明材料“%(name)s”。") % {"name": upload.name})
    return refused(request, complaint, "evidence", form)


@scoped(Complaint, "handle")
@require_POST
def submit(request, complaint):
    form = SubmitForm(request.POST)
    if form.is_valid() and apply_service(
        form,
        lambda: handling.submit_handling(complaint, actor=request.user, expected_version=form.cleaned_data["version"]),
    ):
        return done(request, complaint, _("办理情况已报送环委办审核。"))
    return refused(request, complaint, "submit", form)


@scoped(Complaint, "review")
@require_POST
def review(request, complaint):
    form = ReviewForm(request.POST)
    accept = request.POST.get("decision") == "accept"
    if form.is_valid():
        d = form.cleaned_data
        if accept:
            call = lambda: reviewing.accept_handling(  # noqa: E731
                complaint, actor=request.user, expected_version=d["version"], note=d["note"]
            )
        else:
            call = lambda: reviewing.return_handling(  # noqa: E731
                complaint, actor=request.user, expected_version=d["version"], reason=d["note"]
            )
        if apply_service(form, call):
            return done(request, complaint, _("审核通过，已办结。") if accept else _("已退回承办单位。"))
    return refused(request, complaint, "review", form)


@scoped(Complaint, "confirm_repeat")
@require_POST
def decide_repeat(request, complaint, suggestion_id: int):
    suggestion = get_object_or_404(RepeatSuggestion, pk=suggestion_id, complaint=complaint)
    confirm = request.POST.get("decision") == "confirm"
    form = DecideForm(request.POST)
    form.is_valid()
    call = repeats.confirm_repeat if confirm else repeats.reject_repeat
    if apply_service(form, lambda: call(suggestion, actor=request.user)):
        return done(request, complaint, _("已确认为重复件。") if confirm else _("已否定重复件提示。"))
    errors = [str(e) for e in form.non_field_errors()]
    return refused(request, complaint, "repeat", form, repeat_error=" ".join(errors))


@scoped(Complaint, "recheck")
@require_POST
def record_recheck(request, complaint):
    recheck = complaint.rechecks.filter(result=RecheckResult.PENDING).order_by("-sampled_at").first()
    if recheck is None:
        raise Http404
    form = RecheckForm(request.POST)
    if form.is_valid() and apply_service(
        form,
        lambda: lookback.record_recheck(
            recheck, actor=request.user, result=form.cleaned_data["result"], note=form.cleaned_data["note"]
        ),
    ):
        return done(request, complaint, _("复核结果已记录。"))
    return refused(request, complaint, "recheck", form)
