"""Statutory clocks (法定时限): how long a step may take comes from the
StatutoryDeadline table, counted on the working-day calendar, and says why, like a
complaint's due date ("负责人作出是否批准移送的决定：3个工作日：跳过国庆节假期…；依据…第五条").

Days end at the end of the local day; hours run from the moment the clock starts.
A year nobody entered in the calendar is a DomainError with the calendar's message.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.core.workdays import WorkdaysError, format_day
from ducha.enforcement.choices import DeadlineUnit
from ducha.enforcement.models import CaseTransfer, StatutoryDeadline
from ducha.errors import DomainError
from ducha.org.calendar import due_date

SOON = dt.timedelta(hours=24)  # a clock with less than this left is soon overdue


@dataclass(frozen=True)
class Clock:
    step: str
    due_at: dt.datetime
    explanation: str


def _basis(article: str) -> str:
    """The law and article a deadline comes from, without the quoted text."""
    return article.split("：", 1)[0].strip()


def _moment(value: dt.datetime) -> str:
    local = timezone.localtime(value)
    return f"{format_day(local.date(), with_year=True)} {local:%H:%M}"


def start(step: str, at: dt.datetime) -> Clock:
    """The clock of `step` started at `at`, from the deadline table."""
    deadline = StatutoryDeadline.objects.get(step=step)
    local = timezone.localtime(at)
    if deadline.unit == DeadlineUnit.HOURS:
        due_at = local + dt.timedelta(hours=deadline.amount)
        how = _("%(n)d小时：自%(start)s起至%(end)s") % {
            "n": deadline.amount,
            "start": _moment(local),
            "end": _moment(due_at),
        }
    else:
        period = (
            {"working_days": deadline.amount} if deadline.unit == DeadlineUnit.WORKDAYS else {"days": deadline.amount}
        )
        try:
            due = due_date(local.date(), **period)
        except WorkdaysError as exc:
            raise DomainError(exc.message)
        end = dt.datetime.combine(due.date, dt.time(23, 59, 59))
        due_at = timezone.make_aware(end, timezone.get_current_timezone())
        how = _("%(explanation)s，截止%(day)s") % {
            "explanation": due.explanation,
            "day": format_day(due.date, with_year=True),
        }
    text = f"{deadline.get_step_display()}：{how}；{_('依据')}{_basis(deadline.article)}"
    return Clock(step=step, due_at=due_at, explanation=text[:300])


def is_overdue(case: CaseTransfer, now: dt.datetime | None = None) -> bool:
    return bool(case.clock and case.due_at and (now or timezone.now()) > case.due_at)


def is_soon(case: CaseTransfer, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return bool(case.clock and case.due_at and now <= case.due_at < now + SOON)
