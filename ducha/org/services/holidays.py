"""Every change to the working-day calendar (holiday years): check, write, audit, one transaction."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ducha import versions
from ducha.audit.services import record
from ducha.errors import DomainError
from ducha.org import scoping

# --- the working-day calendar --------------------------------------------------


def _holiday_year_snapshot(holiday_year) -> dict:
    days = {kind: {} for kind in ("holiday", "makeup_workday")}
    for day in holiday_year.days.order_by("date"):
        days[day.kind][day.date.isoformat()] = day.name
    return {
        "year": holiday_year.year,
        "source": holiday_year.source,
        "holidays": days["holiday"],
        "makeup_workdays": days["makeup_workday"],
    }


def _check_holiday_days(year: int, holidays, makeup_workdays) -> list:
    """Validate one notice's days; return HolidayDay rows (unsaved, without year)."""
    from ducha.core.workdays import format_day
    from ducha.core.workdays.arrangements import HOLIDAY_NAMES_ZH
    from ducha.org.models import HolidayDay, HolidayDayKind

    new_year_name = HOLIDAY_NAMES_ZH["New Year's Day"]
    if not holidays:
        raise DomainError(_("请至少录入一个放假日。"), field="holidays")
    rows, seen = [], {}
    for kind, days, field in (
        (HolidayDayKind.HOLIDAY, holidays, "holidays"),
        (HolidayDayKind.MAKEUP_WORKDAY, makeup_workdays, "makeup_workdays"),
    ):
        for day, name in days:
            name = (name or "").strip()
            label = format_day(day, with_year=True)
            if not name:
                raise DomainError(_("%(date)s缺少节日名称。") % {"date": label}, field=field)
            if len(name) > 32:
                raise DomainError(_("%(date)s的节日名称过长。") % {"date": label}, field=field)
            # Mirrors the core's seed: 元旦 days (off or make-up) in December belong to
            # the next year's notice; every other day lies inside the notice's year.
            in_previous_december = day.year == year - 1 and day.month == 12 and name.startswith(new_year_name)
            if day.year != year and not in_previous_december:
                raise DomainError(
                    _("%(date)s不在%(year)s年内（只有元旦假期及其调休可以在上一年12月）。")
                    % {"date": label, "year": year},
                    field=field,
                )
            if day in seen:
                if seen[day] == kind:
                    raise DomainError(_("%(date)s录入了两次。") % {"date": label}, field=field)
                raise DomainError(_("%(date)s同时被录入为放假日和调休上班日。") % {"date": label}, field=field)
            if kind == HolidayDayKind.MAKEUP_WORKDAY and day.weekday() < 5:
                raise DomainError(_("调休上班日%(date)s不是周六或周日，请核对。") % {"date": label}, field=field)
            seen[day] = kind
            rows.append(HolidayDay(date=day, kind=kind, name=name))
    return rows


# every replacement saves the year row, so its time stands for its days too
HOLIDAY_YEAR_FIELDS = ["source", "updated_at"]


def add_holiday_year(
    *,
    actor,
    year: int,
    source: str,
    holidays: list[tuple[dt.date, str]],
    makeup_workdays: list[tuple[dt.date, str]],
    replace: bool = False,
    version: str | None = None,
):
    """Enter one year's holiday arrangement from the State Council's notice.

    `source` names the notice (国务院办公厅关于2027年部分节假日安排的通知). A year
    already entered is refused unless `replace` is given (a corrected notice); then
    its days are replaced and both versions go to the audit record. `version`: the year
    as the replacing form showed it (ducha.versions); replaced by someone since → Conflict.
    """
    from ducha.core.workdays import Calendar, InvalidArrangement, YearArrangement
    from ducha.org import calendar
    from ducha.org.models import HolidayDay, HolidayYear

    scoping.require(actor, "create", HolidayYear)
    source = (source or "").strip()
    if not source:
        raise DomainError(_("请填写依据，即国务院办公厅通知的标题。"), field="source")
    if len(source) > 200:
        raise DomainError(_("依据过长，请只填写通知标题。"), field="source")
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise DomainError(_("年度%(year)s无效。") % {"year": year}, field="year")
    rows = _check_holiday_days(year, holidays, makeup_workdays)
    with transaction.atomic(durable=True):
        existing = HolidayYear.objects.select_for_update().filter(year=year).first()
        if existing is not None and not replace:
            raise DomainError(
                _("%(year)s年的节假日安排已录入（依据：%(source)s），如需更正请选择替换。")
                % {"year": year, "source": existing.source},
                field="year",
            )
        if existing is not None:
            scoping.require(actor, "change", existing)
            versions.check(existing, HOLIDAY_YEAR_FIELDS, version)
        taken = HolidayDay.objects.filter(date__in=[r.date for r in rows]).exclude(year__year=year)
        clash = taken.select_related("year").first()
        if clash is not None:
            raise DomainError(
                _("%(date)s已在%(year)s年的节假日安排中。") % {"date": clash.date.isoformat(), "year": clash.year.year},
                field="holidays",
            )
        # The core checks the whole calendar once more (e.g. a day off of one notice
        # that is a make-up day of another).
        others = [a for a in calendar.arrangements() if a.year != year]
        new = YearArrangement(
            year=year,
            holidays={r.date: r.name for r in rows if r.kind == "holiday"},
            workdays={r.date: r.name for r in rows if r.kind == "makeup_workday"},
            source=source,
        )
        try:
            Calendar([*others, new])
        except InvalidArrangement as exc:
            raise DomainError(exc.message, field=exc.field)

        if existing is None:
            try:
                with transaction.atomic():
                    holiday_year = HolidayYear.objects.create(year=year, source=source)
            except IntegrityError:
                raise DomainError(_("%(year)s年的节假日安排刚由他人录入。") % {"year": year}, field="year")
            before = None
        else:
            holiday_year = existing
            before = _holiday_year_snapshot(holiday_year)
            holiday_year.days.all().delete()
            holiday_year.source = source
            holiday_year.save(update_fields=["source", "updated_at"])
        for row in rows:
            row.year = holiday_year
        HolidayDay.objects.bulk_create(rows)
        record(
            actor=actor,
            action="org.holiday_year.replace" if before is not None else "org.holiday_year.add",
            obj=holiday_year,
            before=before,
            after=_holiday_year_snapshot(holiday_year),
        )
        # Dropped now (this process, this transaction) and again on commit (so a
        # request that rebuilt it meanwhile from the old rows does not keep it).
        calendar.clear_cache()
        transaction.on_commit(calendar.clear_cache)
    return holiday_year
