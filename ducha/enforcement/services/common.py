"""The move every transition makes: lock the case, check who and from which state,
answer the running clock (late or not), start the next one, write the step and the
audit record. Each public service is a few lines over `move`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit.events import EVENT_TYPES
from ducha.audit.services import record
from ducha.enforcement import clocks
from ducha.enforcement.choices import CaseState
from ducha.enforcement.models import CaseTransfer, TransferStep
from ducha.errors import DomainError, InvalidTransition
from ducha.notifications.services import notify_users
from ducha.org import scoping
from ducha.org.models import Membership, Role

MSG_REASON_REQUIRED = _("请写明理由。")
AUDITED = ["state", "clock", "due_at"]


def lock(case: CaseTransfer) -> CaseTransfer:
    return CaseTransfer.objects.select_for_update().get(pk=case.pk)


def expect(case: CaseTransfer, allowed: Iterable[str]) -> None:
    if case.state not in allowed:
        raise InvalidTransition(
            _("移送案件当前为“%(state)s”，不能办理此环节。") % {"state": CaseState(case.state).label}
        )


def need_text(value: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(MSG_REASON_REQUIRED, field=field)
    return value


def move(
    case: CaseTransfer,
    *,
    actor,
    action: str,
    event: str,
    allowed: Iterable[str],
    to: str | None = None,
    note: str = "",
    answers: bool = True,
    starts: str | None = None,
    at: dt.datetime | None = None,
    fields: dict | None = None,
    tell: Iterable[str] = (),
) -> CaseTransfer:
    """One transition inside the caller's transaction. `answers`: this step is what the
    running clock waited for (it stops, late or not); `starts`: the deadline step whose
    clock runs next; `fields`: other columns this step sets; `tell`: the parties
    ("bureau", "police", "procuratorate") whose people are notified after commit."""
    case = lock(case)
    scoping.require(actor, action, case)
    expect(case, allowed)
    at = at or timezone.now()
    before = {k: _plain(getattr(case, k)) for k in AUDITED + list(fields or {})}
    step = TransferStep(
        case=case,
        action=event,
        from_state=case.state,
        to_state=to or case.state,
        actor=actor,
        actor_name=str(actor)[:64],
        unit=scoping.principal(actor).unit_for(),
        at=at,
        note=note,
    )
    if answers and case.clock:
        step.deadline, step.due_at, step.due_explanation = case.clock, case.due_at, case.due_explanation
        step.late = at > case.due_at
        case.clock, case.due_at, case.due_explanation = "", None, ""
    if starts:
        clock = clocks.start(starts, at)
        case.clock, case.due_at, case.due_explanation = clock.step, clock.due_at, clock.explanation
    case.state = to or case.state
    for name, value in (fields or {}).items():
        setattr(case, name, value)
    case.save(update_fields=[*AUDITED, "due_explanation", *(fields or {}), "updated_at"])
    step.save()
    after = {k: _plain(getattr(case, k)) for k in before}
    if tell:
        _notify(case, event, tell)
    record(
        actor=actor,
        action=event,
        obj=case,
        before=before,
        after=after | ({"note": note} if note else {}) | ({"late": True} if step.late else {}),
    )
    return case


def _notify(case: CaseTransfer, event: str, parties: Iterable[str]) -> None:
    """The people of the parties told of a step, on the bell, once the step commits."""
    units = {"bureau": case.bureau_id, "police": case.police_unit_id, "procuratorate": case.procuratorate_id}
    roles = {"bureau": Role.HANDLER, "police": Role.POLICE, "procuratorate": Role.PROCURATORATE}
    q = Q(pk__in=[])
    for party in parties:
        if units.get(party):
            q |= Q(unit_id=units[party], role=roles[party])
    users = list(Membership.objects.filter(q).values_list("user_id", flat=True))
    text = _("移送案件“%(case)s”：%(step)s（%(state)s）。") % {
        "case": case,
        "step": EVENT_TYPES[event],
        "state": CaseState(case.state).label,
    }
    link = f"/enforcement/{case.pk}/"
    transaction.on_commit(lambda: notify_users(users, text=text, link=link))


def _plain(value):
    if isinstance(value, Model):
        return value.pk
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value
