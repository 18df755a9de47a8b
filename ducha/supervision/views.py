"""Supervision pages: alerts and what turns red soon, notices, accountability, meetings,
site visits, bulletins, and the list behind each headline figure."""

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha.complaints.models import Complaint
from ducha.core.workdays import WorkdaysError
from ducha.inspections.models import Inspection
from ducha.org import scoping
from ducha.rectification.models import Task
from ducha.supervision import queries, services
from ducha.supervision.forms import (
    AccountabilityForm,
    AlertRuleForm,
    BulletinForm,
    MeetingForm,
    NoticeForm,
    PersonForm,
    ReplyForm,
    VisitFindingForm,
    VisitForm,
    VisitToComplaintForm,
    VisitToTaskForm,
)
from ducha.supervision.models import (
    Accountability,
    Alert,
    AlertLevel,
    AlertRule,
    Bulletin,
    FigureSnapshot,
    ItemKind,
    Meeting,
    Notification,
    Person,
    SiteVisit,
    SupervisionNotice,
)
from ducha.web import apply_service, scoped

LIST_PAGE = 200


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _inspection(request):
    inspections = scoping.visible_to(request.user, Inspection).order_by("-start_date", "code")
    code = request.GET.get("inspection", "")
    chosen = inspections.filter(code=code).first() if code else inspections.first()
    return chosen, inspections


def _own_region(user):
    unit = scoping.principal(user).unit_for()
    return unit.region if unit else None


def _download(relative: str, name: str):
    path = (Path(settings.MEDIA_ROOT) / relative).resolve()
    if not relative or not path.is_file() or Path(settings.MEDIA_ROOT).resolve() not in path.parents:
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)


# --- the list behind a figure ---------------------------------------------------------


@scoped(FigureSnapshot, "view")
def figure_list(request):
    """The exact rows a dashboard figure counts: its length is the figure."""
    measure = queries.MEASURES.get(request.GET.get("measure", ""))
    inspection, _inspections = _inspection(request)
    if measure is None or inspection is None:
        raise Http404
    scope = queries.scope_for_user(request.user, inspection, timezone.localdate())
    scope = scope.narrowed(region_code=request.GET.get("region", "")[:6], unit_id=_int(request.GET.get("unit")))
    rows = queries.measure_rows(measure.key, scope)
    if measure.model == "complaint":
        rows = rows.select_related("region", "lead_unit").order_by("due_on", "ref")
    elif measure.model == "finding":
        rows = rows.select_related("region").order_by("number")
    elif measure.model == "person":
        rows = rows.select_related("unit").order_by("name", "pk")
    elif measure.model == "accountability":
        rows = rows.select_related("person", "person__unit").order_by("-date", "pk")
    elif measure.model == "alert":
        rows = rows.select_related("unit").order_by("due_on", "pk")
    else:
        rows = rows.order_by("date", "pk")
    page = Paginator(rows, LIST_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "measure": measure,
        "inspection": inspection,
        "page": page,
        "total": page.paginator.count,
        "query": query.urlencode(),
        "region": request.GET.get("region", ""),
    }
    return render(request, "supervision/figure_list.html", context)


# --- alerts ----------------------------------------------------------------------------


@scoped(Alert, "view")
def alert_list(request):
    level = request.GET.get("level", "")
    alerts = list(
        queries.list_alerts(
            request.user, level=level if level in AlertLevel.values else "", unit_id=_int(request.GET.get("unit"))
        )[:1000]
    )
    targets = queries.alert_targets(alerts)
    for a in alerts:
        a.target = targets.get((a.item_kind, a.item_id))
    context = {
        "alerts": alerts,
        "level": level,
        "Level": AlertLevel,
        "Kind": ItemKind,
        "can_scan": scoping.can(request.user, "create", Alert),
        "can_notice": scoping.can(request.user, "create", SupervisionNotice),
        "rules": AlertRule.objects.order_by("item_kind"),
    }
    return render(request, "supervision/alert_list.html", context)


@scoped(Alert, "create")
@require_POST  # after scoping: a stranger gets 403, not 405
def alert_scan(request):
    from ducha.errors import DomainError

    try:
        summary = services.scan_overdue(actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(
            request,
            _("扫描完成：信访件红色%(cr)s、黄色%(cy)s；整改任务红色%(tr)s、黄色%(ty)s。")
            % {
                "cr": summary["complaint"]["red"],
                "cy": summary["complaint"]["yellow"],
                "tr": summary["task"]["red"],
                "ty": summary["task"]["yellow"],
            },
        )
    return redirect("supervision:alert_list")


@scoped(Alert, "view")
def upcoming(request):
    days = max(0, min(_int(request.GET.get("days"), 3), 60))
    try:
        complaints, tasks = queries.turning_red(request.user, timezone.localdate(), days)
        complaints, tasks = list(complaints[:1000]), list(tasks[:1000])
        error = ""
    except WorkdaysError as exc:  # a calendar year nobody entered
        complaints, tasks, error = [], [], str(exc.message)
    context = {"days": days, "complaints": complaints, "tasks": tasks, "error": error}
    return render(request, "supervision/upcoming.html", context)


@scoped(AlertRule, "change")
def rule_edit(request, rule):
    form = AlertRuleForm(request.POST or None, instance=AlertRule.objects.get(pk=rule.pk))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if apply_service(form, lambda: services.update_alert_rule(rule, actor=request.user, **data)):
            messages.success(request, _("预警规则已保存。"))
            return redirect("supervision:alert_list")
    status = 400 if form.is_bound else 200
    return render(
        request,
        "supervision/form.html",
        {"form": form, "title": _("预警规则：%(k)s") % {"k": rule.get_item_kind_display()}},
        status=status,
    )


# --- notifications ---------------------------------------------------------------------


@scoped(Notification, "view")
def notification_list(request):
    rows = list(scoping.visible_to(request.user, Notification)[:200])
    return render(request, "supervision/notification_list.html", {"notifications": rows})


@scoped(Notification, "change")
@require_POST  # after scoping: a stranger gets 403, not 405
def notification_read(request):
    services.mark_notifications_read(actor=request.user)
    return redirect("supervision:notification_list")


# --- notices ----------------------------------------------------------------------------


@scoped(SupervisionNotice, "view")
def notice_list(request):
    context = {
        "notices": queries.list_notices(request.user)[:500],
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
            lambda: services.issue_notice(
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
            messages.success(request, _("已下发督办单%(n)s。") % {"n": notice.number})
            return redirect("supervision:notice_detail", pk=notice.pk)
    if not form.is_bound and request.GET.get("unit"):
        form.initial["unit"] = request.GET["unit"]
    status = 400 if form.is_bound else 200
    return render(request, "supervision/form.html", {"form": form, "title": _("下发督办单")}, status=status)


def _notice_context(request, notice, form=None):
    return {
        "notice": notice,
        "items": notice.items.select_related("complaint", "task"),
        "can_reply": scoping.can(request.user, "reply", notice) and notice.status == "issued",
        "form": form or ReplyForm(),
    }


@scoped(SupervisionNotice, "view")
def notice_detail(request, notice):
    return render(request, "supervision/notice_detail.html", _notice_context(request, notice))


@require_POST
@scoped(SupervisionNotice, "reply")
def notice_reply(request, notice):
    form = ReplyForm(request.POST)
    if form.is_valid():
        if apply_service(
            form, lambda: services.reply_notice(notice, actor=request.user, text=form.cleaned_data["reply"])
        ):
            messages.success(request, _("已回复。"))
            return redirect("supervision:notice_detail", pk=notice.pk)
    notice.refresh_from_db()
    return render(request, "supervision/notice_detail.html", _notice_context(request, notice, form), status=400)


@scoped(SupervisionNotice, "view")
def notice_download(request, notice):
    return _download(notice.document, f"{notice.number}.docx")


# --- accountability and meetings ---------------------------------------------------


@scoped(Accountability, "view")
def accountability_list(request):
    rows = scoping.visible_to(request.user, Accountability).select_related("person", "person__unit", "inspection")
    kind = request.GET.get("kind", "")
    if kind:
        rows = rows.filter(kind=kind)
    page = Paginator(rows.order_by("-date", "-pk"), LIST_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "kind": kind, "can_create": scoping.can(request.user, "create", Accountability)}
    return render(request, "supervision/accountability_list.html", context)


@scoped(Accountability, "create")
def accountability_create(request):
    form = AccountabilityForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        entry = apply_service(
            form,
            lambda: services.record_accountability(
                d["person"],
                actor=request.user,
                inspection=d["inspection"],
                kind=d["kind"],
                form=d["form"],
                date=d["date"],
                authority=d["authority"],
                reason=d["reason"],
                complaints=d["complaints"],
                findings=d["findings"],
                notices=d["notices"],
                visits=d["visits"],
            ),
        )
        if entry:
            messages.success(request, _("已登记。"))
            return redirect("supervision:accountability_list")
    status = 400 if form.is_bound else 200
    return render(request, "supervision/form.html", {"form": form, "title": _("登记约谈问责")}, status=status)


@scoped(Person, "create")
def person_create(request):
    form = PersonForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        unit = d["unit"]
        region = unit.region if unit else _own_region(request.user)
        person = apply_service(
            form,
            lambda: services.create_person(
                actor=request.user, name=d["name"], post=d["post"], unit=unit, region=region
            ),
        )
        if person:
            messages.success(request, _("已新增责任人%(n)s。") % {"n": person.name})
            return redirect("supervision:accountability_create")
    status = 400 if form.is_bound else 200
    return render(request, "supervision/form.html", {"form": form, "title": _("新增责任人")}, status=status)


@scoped(Meeting, "view")
def meeting_list(request):
    rows = scoping.visible_to(request.user, Meeting).select_related("inspection").order_by("-date", "-pk")
    context = {"meetings": rows, "can_create": scoping.can(request.user, "create", Meeting)}
    return render(request, "supervision/meeting_list.html", context)


@scoped(Meeting, "create")
def meeting_create(request):
    form = MeetingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        inspection = d.pop("inspection")
        if apply_service(form, lambda: services.record_meeting(inspection, actor=request.user, **d)):
            messages.success(request, _("已登记。"))
            return redirect("supervision:meeting_list")
    status = 400 if form.is_bound else 200
    return render(request, "supervision/form.html", {"form": form, "title": _("登记研究部署会议")}, status=status)


# --- site visits -------------------------------------------------------------------


@scoped(SiteVisit, "view")
def visit_list(request):
    rows = scoping.visible_to(request.user, SiteVisit).order_by("-planned_on", "-pk")
    return render(
        request,
        "supervision/visit_list.html",
        {"visits": rows, "can_create": scoping.can(request.user, "create", SiteVisit)},
    )


@scoped(SiteVisit, "create")
def visit_create(request):
    form = VisitForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        inspection = d.pop("inspection")
        visit = apply_service(form, lambda: services.plan_visit(inspection, actor=request.user, **d))
        if visit:
            return redirect("supervision:visit_detail", pk=visit.pk)
    status = 400 if form.is_bound else 200
    return render(request, "supervision/form.html", {"form": form, "title": _("登记专项督查（暗访）")}, status=status)


def _visit_context(request, visit, **forms):
    can_change = scoping.can(request.user, "change", visit)
    context = {
        "visit": visit,
        "findings": visit.findings.select_related("unit", "task__finding", "complaint"),
        "can_change": can_change,
    }
    if can_change:
        context |= {
            "finding_form": forms.get("finding_form") or VisitFindingForm(user=request.user),
            "task_form": forms.get("task_form") or VisitToTaskForm(user=request.user, visit=visit),
            "complaint_form": forms.get("complaint_form") or VisitToComplaintForm(visit=visit),
        }
    return context


@scoped(SiteVisit, "view")
def visit_detail(request, visit):
    return render(request, "supervision/visit_detail.html", _visit_context(request, visit))


@scoped(SiteVisit, "change")
@require_POST  # after scoping: a stranger gets 404, not 405
def visit_finding_add(request, visit):
    form = VisitFindingForm(request.POST, request.FILES, user=request.user)
    if form.is_valid():
        d = form.cleaned_data
        photos = [(f.name, f.read()) for f in d["photos"]]
        if apply_service(
            form,
            lambda: services.add_visit_finding(
                visit, actor=request.user, text=d["text"], unit=d["unit"], photos=photos
            ),
        ):
            messages.success(request, _("已登记发现问题（照片%(n)s张）。") % {"n": len(photos)})
            return redirect("supervision:visit_detail", pk=visit.pk)
    context = _visit_context(request, visit, finding_form=form)
    return render(request, "supervision/visit_detail.html", context, status=400)


@scoped(SiteVisit, "change")
@require_POST  # after scoping: a stranger gets 404, not 405
def visit_to_task(request, visit):
    form = VisitToTaskForm(request.POST, user=request.user, visit=visit)
    if form.is_valid():
        d = form.cleaned_data
        task = apply_service(
            form,
            lambda: services.convert_to_task(
                d["visit_finding"], actor=request.user, finding=d["finding"], due_date=d["due_date"]
            ),
        )
        if task:
            messages.success(request, _("已转为整改任务（%(t)s）。") % {"t": task})
            return redirect("supervision:visit_detail", pk=visit.pk)
    context = _visit_context(request, visit, task_form=form)
    return render(request, "supervision/visit_detail.html", context, status=400)


@scoped(SiteVisit, "change")
@require_POST  # after scoping: a stranger gets 404, not 405
def visit_to_complaint(request, visit):
    form = VisitToComplaintForm(request.POST, visit=visit)
    if form.is_valid():
        d = form.cleaned_data
        complaint = apply_service(
            form,
            lambda: services.convert_to_complaint(
                d["visit_finding"], actor=request.user, pollution_codes=[p.code for p in d["pollution_types"]]
            ),
        )
        if complaint:
            messages.success(request, _("已转为信访件%(ref)s。") % {"ref": complaint.ref})
            return redirect("supervision:visit_detail", pk=visit.pk)
    context = _visit_context(request, visit, complaint_form=form)
    return render(request, "supervision/visit_detail.html", context, status=400)


# --- bulletins ---------------------------------------------------------------------


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
        region = _own_region(request.user)
        bulletin = apply_service(
            form,
            lambda: services.publish_bulletin(
                form.cleaned_data["inspection"], actor=request.user, region=region, as_of=form.cleaned_data["as_of"]
            ),
        )
        if bulletin:
            messages.success(request, _("已发布通报。"))
            return redirect("supervision:bulletin_detail", pk=bulletin.pk)
    messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs) or _("无法发布通报。"))
    return redirect("supervision:bulletin_list")


@scoped(Bulletin, "view")
def bulletin_detail(request, bulletin):
    return render(request, "supervision/bulletin_detail.html", {"bulletin": bulletin})


@scoped(Bulletin, "view")
def bulletin_xlsx(request, bulletin):
    return _download(bulletin.xlsx, f"{bulletin.title}.xlsx")


@scoped(Bulletin, "view")
def bulletin_docx(request, bulletin):
    return _download(bulletin.docx, f"{bulletin.title}.docx")
