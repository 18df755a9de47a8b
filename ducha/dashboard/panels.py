"""The cards of each role's home page: real counts, each a link to the list it counts.

Most cards are figures of the board (the areas' measures): the count is the length of
the measure's list and the link opens that list, so a card and its list cannot
disagree. The rest are the next things to do: the queues (complaints' own panels), the
notices and bulletins awaiting 签发 or a reply, a unit's late tasks."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from ducha.complaints.panels import home_panels as complaint_panels
from ducha.dashboard.engine import measures, scope_for_user
from ducha.enforcement import queries as enforcement
from ducha.inspections.models import Inspection
from ducha.org import scoping
from ducha.org.models import Role
from ducha.rectification import queries as rectification
from ducha.rectification.models import Task, TaskState
from ducha.supervision.models import Bulletin, NoticeStatus, SiteVisit, SupervisionNotice

Row = tuple[str, int, str]


def _figures(user, inspection: Inspection | None, today: dt.date, keys: list[str]) -> list[Row]:
    """(label, count, link) of board measures: one count each over the user's scope."""
    if inspection is None:
        return []
    scope = scope_for_user(user, inspection, today)
    known = measures()
    rows = []
    for key in keys:
        measure = known[key]
        link = reverse("figure_list") + "?" + urlencode({"measure": key, "inspection": inspection.code})
        rows.append((str(measure.label), measure.rows(scope).count(), link))
    return rows


def _to_sign(user) -> list[Row]:
    """Drafts the user may sign (签发)."""
    rows = []
    if scoping.can(user, "issue", SupervisionNotice):
        drafts = scoping.visible_to(user, SupervisionNotice).filter(status=NoticeStatus.DRAFT)
        rows.append((_("督办单待签发"), drafts.count(), reverse("supervision:notice_list")))
    if scoping.can(user, "issue", Bulletin):
        drafts = scoping.visible_to(user, Bulletin).filter(status="draft")
        rows.append((_("通报待签发"), drafts.count(), reverse("supervision:bulletin_list")))
    return rows


def _notices(user) -> list[Row]:
    counts = scoping.visible_to(user, SupervisionNotice).aggregate(
        **{s: Count("pk", filter=Q(status=s)) for s in NoticeStatus.values}
    )
    link = reverse("supervision:notice_list")
    return [(str(label), counts[value], link) for value, label in NoticeStatus.choices]


def _unit_tasks(user, today: dt.date) -> list[Row]:
    """A handler unit's tasks that are late or behind, and those still open."""
    units = scoping.principal(user).units(Role.HANDLER)
    tasks = (
        scoping.visible_to(user, Task)
        .filter(task_units__unit_id__in=units)
        .distinct()
        .annotate(state_value=rectification.task_state(today))
    )
    counts = tasks.aggregate(
        overdue=Count("pk", filter=Q(state_value=TaskState.OVERDUE), distinct=True),
        behind=Count("pk", filter=Q(state_value=TaskState.BEHIND), distinct=True),
        open=Count("pk", filter=~Q(state_value__in=[TaskState.DONE, TaskState.ONGOING]), distinct=True),
    )
    link = reverse("rectification:finding_list")
    return [
        (str(TaskState.OVERDUE.label), counts["overdue"], link),
        (str(TaskState.BEHIND.label), counts["behind"], link),
        (_("未完成整改任务"), counts["open"], link),
    ]


def home_panels(user, role: str | None, inspection: Inspection | None, today: dt.date) -> dict[str, list[Row]]:
    """Rows by panel title (the titles of dashboard.views.PANELS)."""
    panels: dict[str, list[Row]] = dict(complaint_panels(user, role)) if role else {}
    if role == Role.OFFICE:
        panels[_("整改任务进度")] = _figures(
            user, inspection, today, ["findings.total", "findings.rectified", "findings.signed_off", "overdue.red"]
        )
    elif role == Role.LEADER:
        complaints = ["complaints.received", "complaints.closed", "complaints.on_time", "complaints.overdue_open"]
        panels[_("信访件办结情况")] = _figures(user, inspection, today, complaints)
        findings = ["findings.total", "findings.rectified", "findings.signed_off"]
        panels[_("反馈问题整改情况")] = _figures(user, inspection, today, findings)
        people = ["accountability.interviewed_people", "accountability.sanctioned_people", "meetings.held"]
        panels[_("问责情况")] = _figures(user, inspection, today, people)
    elif role == Role.SUPERVISOR:
        overdue = _figures(user, inspection, today, ["overdue.red", "overdue.yellow"])
        panels[_("逾期事项")] = overdue
        panels[_("督办单")] = _notices(user)
        visits = scoping.visible_to(user, SiteVisit).count()
        panels[_("专项督查")] = [(_("专项督查（暗访）"), visits, reverse("supervision:visit_list"))]
    elif role == Role.HANDLER:
        panels[_("本单位整改任务")] = _unit_tasks(user, today)
    elif role == Role.POLICE:
        panels[_("移送案件")] = enforcement.home_counts(user)  # the queue, and what is past its day
    elif role == Role.PROCURATORATE:
        panels[_("移送案件监督")] = enforcement.home_counts(user)
    if sign := _to_sign(user):
        panels[_("待签发")] = sign  # whichever role the office named to sign
    return panels
