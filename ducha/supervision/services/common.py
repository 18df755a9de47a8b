"""What the supervision services share: the unit an actor writes for, the date guard."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.errors import DomainError
from ducha.org import scoping
from ducha.org.models import Role, Unit

MSG_FUTURE_DATE = _("日期不能晚于今天。")


def writer_unit(actor) -> Unit | None:
    """The unit an office or supervisor acts for (the issuer of a notice)."""
    return scoping.principal(actor).unit_for(Role.ADMIN, Role.OFFICE, Role.SUPERVISOR)


def check_date_not_future(day: dt.date, field: str = "date") -> None:
    if day > timezone.localdate():
        raise DomainError(MSG_FUTURE_DATE, field=field)
