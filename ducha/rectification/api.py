"""Findings (反馈问题) and their tasks (整改任务) in the API, as the user may see them,
with each task's state as of today (the same rule as the pages); a responsible unit
reports progress through the progress service."""

import datetime as dt
from typing import Annotated

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema

from ducha.api_auth import AUTH
from ducha.api_errors import ERRORS
from ducha.errors import DomainError
from ducha.inspections.models import Inspection
from ducha.org import scoping
from ducha.org.models import Unit
from ducha.rectification import queries
from ducha.rectification.models import Finding, ProgressStage, Task
from ducha.rectification.services import progress

router = Router(auth=AUTH, tags=["rectification"])

PK = Annotated[int, Path(ge=1, le=2**31 - 1)]


class FindingOut(Schema):
    id: int
    inspection: str
    region: str
    number: int
    title: str
    text: str
    leader_names: str
    status: str
    state: str
    tasks_total: int
    tasks_done: int
    next_due: dt.date | None
    signed_off_at: dt.datetime | None


class TaskOut(Schema):
    id: int
    finding: int
    number: int
    target: str
    measures: str
    kinds: str
    due_date: dt.date | None
    deadline_text: str
    leader: str
    lead_unit: str
    state: str
    latest_percent: int | None
    accepted: bool


class FindingFilters(Schema):
    inspection: str = Field("", max_length=32, pattern=r"^[-a-zA-Z0-9_]*$", description="督察代码")


def finding_out(f: Finding) -> dict:
    return {
        "id": f.pk,
        "inspection": f.inspection.code,
        "region": f.region_id,
        "number": f.number,
        "title": f.title,
        "text": f.text,
        "leader_names": f.leader_names,
        "status": f.status,
        "state": f.state,
        "tasks_total": f.tasks_total,
        "tasks_done": f.tasks_done,
        "next_due": f.next_due,
        "signed_off_at": f.signed_off_at,
    }


def task_out(t: Task) -> dict:
    return {
        "id": t.pk,
        "finding": t.finding_id,
        "number": t.number,
        "target": t.target,
        "measures": t.measures,
        "kinds": t.kinds_display,
        "due_date": t.due_date,
        "deadline_text": t.deadline_text,
        "leader": t.leader,
        "lead_unit": t.lead_unit.name,
        "state": t.state_value,
        "latest_percent": t.latest_percent_value,
        "accepted": t.acceptance_id is not None,
    }


def _findings(user, code: str = ""):
    inspection = get_object_or_404(Inspection, code=code) if code else None
    return queries.list_findings(user, inspection, timezone.localdate()).select_related("inspection")


@router.get("/findings", response={200: list[FindingOut], **ERRORS}, summary="反馈问题列表")
def list_findings(request, filters: Query[FindingFilters]):
    return [finding_out(f) for f in _findings(request.user, filters.inspection)]


@router.get("/findings/{finding_id}", response={200: FindingOut, **ERRORS}, summary="反馈问题")
def get_finding(request, finding_id: PK):
    return finding_out(get_object_or_404(_findings(request.user), pk=finding_id))


@router.get("/findings/{finding_id}/tasks", response={200: list[TaskOut], **ERRORS}, summary="反馈问题的整改任务")
def list_tasks(request, finding_id: PK):
    finding = scoping.get_for(request.user, Finding, finding_id)
    return [task_out(t) for t in queries.tasks_of(finding, timezone.localdate())]


class ProgressIn(Schema):
    period: dt.date = Field(..., description="报送期（该月任一天）")
    text: str = Field(..., max_length=5000, pattern=r"^[^\x00]*$", description="进展情况")
    percent: int = Field(..., ge=0, le=100, description="完成进度（%）")
    stage: ProgressStage | None = None
    unit: int | None = Field(None, ge=1, le=2**31 - 1, description="报送单位 id（默认本人所在责任单位）")


class ProgressOut(Schema):
    id: int
    task: int
    unit: str
    period: dt.date
    percent: int
    stage: str
    reported_at: dt.datetime


@router.post("/tasks/{task_id}/progress", response={200: ProgressOut, **ERRORS}, summary="报送整改进展")
def report_progress(request, task_id: PK, data: ProgressIn):
    task = scoping.get_for(request.user, Task, task_id)
    unit = None
    if data.unit is not None:
        unit = Unit.objects.filter(is_active=True, pk=data.unit).first()
        if unit is None:
            raise DomainError(_("单位不存在或已停用。"), field="unit", code="invalid")
    report = progress.report_progress(
        task,
        actor=request.user,
        period=data.period,
        text=data.text,
        percent=data.percent,
        stage=data.stage.value if data.stage else "",
        unit=unit,
    )
    return {
        "id": report.pk,
        "task": report.task_id,
        "unit": report.unit.name,
        "period": report.period,
        "percent": report.percent,
        "stage": report.stage,
        "reported_at": report.reported_at,
    }
