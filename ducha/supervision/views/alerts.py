"""Alerts (预警) and what turns red soon, the scan on demand, alert rules."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha import exports, versions
from ducha.core.workdays import WorkdaysError
from ducha.org import scoping
from ducha.supervision import queries
from ducha.supervision.exports import alert_columns
from ducha.supervision.forms import (
    AlertRuleForm,
)
from ducha.supervision.models import (
    Alert,
    AlertLevel,
    AlertRule,
    ItemKind,
    SupervisionNotice,
)
from ducha.supervision.services import overdue
from ducha.supervision.views.common import int_param
from ducha.web import apply_service, scoped


@scoped(Alert, "view")
def alert_list(request):
    level = request.GET.get("level", "")
    level = level if level in AlertLevel.values else ""
    chosen = queries.list_alerts(request.user, level=level, unit_id=int_param(request.GET.get("unit")))
    export = exports.wants_export(request)
    alerts = list(chosen if export else chosen[:1000])
    targets = queries.alert_targets(alerts)
    for a in alerts:
        a.target = targets.get((a.item_kind, a.item_id))
    if export:
        shown = AlertLevel(level).label if level else ""
        return exports.xlsx_response(title=_("逾期预警"), filter_text=shown, columns=alert_columns(), rows=alerts)
    context = {
        "alerts": alerts,
        "total": chosen.count() if len(alerts) == 1000 else len(alerts),
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
        summary = overdue.scan_overdue(actor=request.user)
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
    days = max(0, min(int_param(request.GET.get("days"), 3), 60))
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
    shown = AlertRule.objects.get(pk=rule.pk)
    version = versions.of(shown, overdue.RULE_FIELDS)
    form = AlertRuleForm(request.POST or None, instance=shown, initial={"version": version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if apply_service(form, lambda: overdue.update_alert_rule(rule, actor=request.user, **data)):
            messages.success(request, _("预警规则已保存。"))
            return redirect("supervision:alert_list")
    status = 400 if form.is_bound else 200
    return render(
        request,
        "supervision/form.html",
        {"form": form, "title": _("预警规则：%(k)s") % {"k": rule.get_item_kind_display()}},
        status=status,
    )
