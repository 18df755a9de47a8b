"""The enforcement API (django-ninja, session or token, see ducha.api_auth): each party reads its cases as the
pages show them, through org.scoping (a hidden case is 404, as on the pages)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.utils import timezone
from ninja import Field, Path, Router, Schema

from ducha.api_auth import AUTH
from ducha.api_errors import ERRORS
from ducha.enforcement import clocks, queries
from ducha.enforcement.models import CaseTransfer
from ducha.org import scoping

router = Router(auth=AUTH, tags=["enforcement"])


class CaseOut(Schema):
    id: int
    number: str
    party_name: str
    offence: str
    state: str
    state_label: str
    bureau: str
    police_unit: str | None
    flagged: bool
    clock: str
    due_at: dt.datetime | None
    due_explanation: str
    overdue: bool


class StepOut(Schema):
    action: str
    to_state: str
    actor_name: str
    at: dt.datetime
    note: str
    due_at: dt.datetime | None
    late: bool


class CaseDetailOut(CaseOut):
    facts: str
    steps: list[StepOut]


def _case(case: CaseTransfer, now) -> dict:
    return {
        "id": case.pk,
        "number": case.number,
        "party_name": case.party_name,
        "offence": case.offence,
        "state": case.state,
        "state_label": str(case.get_state_display()),
        "bureau": str(case.bureau),
        "police_unit": str(case.police_unit) if case.police_unit_id else None,
        "flagged": case.flagged,
        "clock": case.clock,
        "due_at": case.due_at,
        "due_explanation": case.due_explanation,
        "overdue": clocks.is_overdue(case, now),
    }


@router.get("/cases", response={200: list[CaseOut], **ERRORS})
def list_cases(request, queue: Annotated[str, Field(max_length=32, pattern=r"^[a-z_]*$")] = ""):
    """The cases the user sees; `queue` (bureau, head, police, procuratorate) narrows to
    what waits on that party."""
    qs = (
        queries.queue(request.user, queue)
        if queue in queries.parties(request.user)
        else queries.list_cases(request.user)
    )
    now = timezone.now()
    return [_case(c, now) for c in qs[:500]]


@router.get("/cases/{case_id}", response={200: CaseDetailOut, **ERRORS})
def get_case(request, case_id: Annotated[int, Path(ge=1, le=2**31 - 1)]):
    case = scoping.get_for(request.user, CaseTransfer, case_id)
    steps = [
        {
            "action": s.action,
            "to_state": s.to_state,
            "actor_name": s.actor_name,
            "at": s.at,
            "note": s.note,
            "due_at": s.due_at,
            "late": s.late,
        }
        for s in queries.steps(case)
    ]
    return _case(case, timezone.now()) | {"facts": case.facts, "steps": steps}
