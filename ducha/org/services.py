"""Every change to regions, units and people: check, write, audit, one transaction."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha import versions
from ducha.audit.services import diff, record, snapshot
from ducha.errors import DomainError, NotPermitted
from ducha.org import scoping
from ducha.org.models import Membership, Region, RegionAlias, Role, Unit, UnitAlias, UnitKind, User

REGIONS_FILE = Path(__file__).parent / "data" / "regions.json"
DIRECTORY_FILES = sorted((Path(__file__).parent / "data").glob("units_*.json"))
UNIT_FIELDS = ["name", "short_name", "kind", "region", "parent", "is_active"]
PERSON_FIELDS = ["full_name", "post", "phone", "is_active"]


# --- regions -------------------------------------------------------------------


def load_regions(*, actor, path: Path = REGIONS_FILE) -> int:
    """Create or update the regions and aliases in the data file; idempotent.

    At set-up (load_demo, tests, the command) the actor is the system user: the data
    file, not a person, is the source, and the audit record says so.
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    changed = 0
    with transaction.atomic():
        by_code = {}
        for row in data["regions"]:
            defaults = {
                "name": row["name"],
                "level": row["level"],
                "kind": row["kind"],
                "parent": by_code.get(row["parent"]) if row["parent"] else None,
            }
            region, created = Region.objects.get_or_create(code=row["code"], defaults=defaults)
            if not created and any(getattr(region, k) != v for k, v in defaults.items()):
                for k, v in defaults.items():
                    setattr(region, k, v)
                region.save(update_fields=list(defaults))
                created = True
            changed += created
            by_code[row["code"]] = region
        for alias, code in data["aliases"].items():
            region = by_code.get(code) or Region.objects.get(code=code)
            _, created = RegionAlias.objects.get_or_create(alias=alias, defaults={"region": region})
            changed += created
        if changed:
            record(
                actor=actor,
                action="org.regions.load",
                object_type="org.region",
                object_id=str(path.name),
                object_repr=data.get("source", path.name),
                after={"regions": len(data["regions"]), "aliases": len(data["aliases"]), "changed": changed},
            )
    return changed


def add_region_alias(*, actor, alias: str, region: Region) -> RegionAlias:
    scoping.require(actor, "create", RegionAlias)
    alias = alias.strip()
    if not alias:
        raise DomainError(_("别名不能为空。"), field="alias")
    with transaction.atomic(durable=True):
        if RegionAlias.objects.filter(alias=alias).exists() or Region.objects.filter(name=alias).exists():
            raise DomainError(_("“%(alias)s”已被使用。") % {"alias": alias}, field="alias")
        obj = RegionAlias.objects.create(alias=alias, region=region)
        record(actor=actor, action="org.region_alias.add", obj=obj, after=snapshot(obj))
    return obj


def remove_region_alias(alias: RegionAlias, *, actor) -> None:
    scoping.require(actor, "change", alias)
    with transaction.atomic(durable=True):
        before = snapshot(alias)
        record(actor=actor, action="org.region_alias.remove", obj=alias, before=before)
        alias.delete()


# --- units ---------------------------------------------------------------------


def _check_unit_region(actor, region: Region) -> None:
    p = scoping.principal(actor)
    if not p.is_admin and not any(region.code.startswith(x) for x in p.prefixes_by_role.get(Role.OFFICE, ())):
        raise NotPermitted(_("只能在本辖区内设置单位。"))


def create_unit(
    *, actor, name: str, kind: str, region: Region, short_name: str = "", parent: Unit | None = None
) -> Unit:
    scoping.require(actor, "create", Unit)
    _check_unit_region(actor, region)
    name = name.strip()
    with transaction.atomic(durable=True):
        if Unit.objects.filter(name=name).exists():
            raise DomainError(_("单位“%(name)s”已存在。") % {"name": name}, field="name")
        unit = Unit.objects.create(name=name, short_name=short_name.strip(), kind=kind, region=region, parent=parent)
        record(actor=actor, action="org.unit.create", obj=unit, after=snapshot(unit))
    return unit


def update_unit(unit: Unit, *, actor, version: str | None = None, **changes) -> Unit:
    """`version`: the unit as its edit form showed it (ducha.versions); changed since → Conflict."""
    unknown = set(changes) - set(UNIT_FIELDS)
    if unknown:
        raise ValueError(f"not unit fields: {sorted(unknown)}")
    with transaction.atomic(durable=True):
        unit = Unit.objects.select_for_update().get(pk=unit.pk)
        scoping.require(actor, "change", unit)
        versions.check(unit, UNIT_FIELDS, version)
        if "region" in changes:
            _check_unit_region(actor, changes["region"])
        if changes.get("parent") is not None and changes["parent"].pk == unit.pk:
            raise DomainError(_("上级单位不能是本单位。"), field="parent")
        before = snapshot(unit)
        for key, value in changes.items():
            setattr(unit, key, value.strip() if isinstance(value, str) else value)
        try:
            with transaction.atomic():
                unit.save(update_fields=list(changes))
        except IntegrityError:
            raise DomainError(_("单位“%(name)s”已存在。") % {"name": unit.name}, field="name")
        b, a = diff(before, snapshot(unit))
        if a:
            record(actor=actor, action="org.unit.update", obj=unit, before=b, after=a)
    return unit


# --- unit aliases and the directory -------------------------------------------


def add_unit_alias(unit: Unit, *, actor, alias: str) -> UnitAlias:
    """Another name for `unit` (市发改委): a list that writes it now finds the unit."""
    alias = " ".join(alias.split())
    if not alias:
        raise DomainError(_("别名不能为空。"), field="alias")
    if len(alias) > 128:
        raise DomainError(_("别名过长。"), field="alias")
    with transaction.atomic(durable=True):
        unit = Unit.objects.select_for_update().get(pk=unit.pk)
        scoping.require(actor, "change", unit)
        if UnitAlias.objects.filter(unit=unit, alias=alias).exists() or alias == unit.name:
            raise DomainError(_("“%(alias)s”已是该单位的名称或别名。") % {"alias": alias}, field="alias")
        obj = UnitAlias.objects.create(unit=unit, alias=alias)
        record(actor=actor, action="org.unit_alias.add", obj=obj, after=snapshot(obj))
    return obj


def remove_unit_alias(alias: UnitAlias, *, actor) -> None:
    with transaction.atomic(durable=True):
        alias = UnitAlias.objects.select_for_update().select_related("unit").get(pk=alias.pk)
        scoping.require(actor, "change", alias.unit)
        record(actor=actor, action="org.unit_alias.remove", obj=alias, before=snapshot(alias))
        alias.delete()


def add_list_units(names: list[str], *, actor, region: Region, source: str = "") -> list[Unit]:
    """Add the units a list names that the directory lacks, as departments of its city.

    Runs inside the caller's transaction (an import: all or nothing with it), so it is
    not durable. A command on the server acts as the system user; a person needs the
    right to create units in that city. A name another city already uses gets the city's
    name in front."""
    scoping.require(actor, "create", Unit)
    _check_unit_region(actor, region)
    added = []
    with transaction.atomic():
        for written in names:
            name = " ".join(written.split())
            if Unit.objects.filter(name=name).exists():
                name = region.name + name.removeprefix("市")
            if Unit.objects.filter(name=name).exists():
                raise DomainError(_("单位“%(name)s”已存在。") % {"name": name}, field="name")
            unit = Unit.objects.create(name=name, kind=UnitKind.DEPARTMENT, region=region)
            after = snapshot(unit) | ({"source": source} if source else {})
            record(actor=actor, action="org.unit.create", obj=unit, after=after)
            added.append(unit)
    return added


def resolve_unit_name(written: str, *, actor, region: Region, unit: Unit | None = None, source: str = "") -> Unit:
    """An unknown name a list wrote, settled by the office in one action: another name of
    `unit` (a UnitAlias), or, without one, a new department of the list's city `region`.
    Audited either way; the import that met the name re-checks afterwards."""
    if unit is not None:
        add_unit_alias(unit, actor=actor, alias=written)
        return unit
    with transaction.atomic(durable=True):
        return add_list_units([written], actor=actor, region=region, source=source)[0]


def load_directory(*, actor, path: Path) -> int:
    """Create the units, aliases and collectives of a city's directory file that are
    missing; idempotent (a unit already there keeps what the office made of it, and
    only gains the aliases it lacks). Returns the number of units and aliases added."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    city = Region.objects.get(code=data["city"])
    changed = 0
    specs = [(u, u.get("kind", UnitKind.DEPARTMENT)) for u in data["units"]]
    specs += [(c, UnitKind.COLLECTIVE) for c in data.get("collectives", [])]
    for spec, kind in specs:
        unit = Unit.objects.filter(name=spec["name"]).first()
        if unit is None:
            parent = Unit.objects.get(name=spec["parent"]) if spec.get("parent") else None
            region = Region.objects.get(code=spec["region"]) if spec.get("region") else city
            unit = create_unit(
                actor=actor,
                name=spec["name"],
                short_name=spec.get("short_name", ""),
                kind=kind,
                region=region,
                parent=parent,
            )
            changed += 1
        have = set(unit.aliases.values_list("alias", flat=True))
        for alias in spec.get("aliases", []):
            if alias not in have and alias != unit.name:
                add_unit_alias(unit, actor=actor, alias=alias)
                changed += 1
    return changed


# --- people --------------------------------------------------------------------


def _check_password(password: str, person: User, *, field: str) -> None:
    try:
        validate_password(password, person)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field=field)


def create_person(
    *,
    actor,
    username: str,
    full_name: str,
    password: str,
    unit: Unit,
    role: str,
    post: str = "",
    phone: str = "",
    must_change_password: bool = True,
    password_hash: str = "",
) -> User:
    """A new person with an initial password chosen by someone else, which they must
    change at their first sign-in (`must_change_password=False` only for the demo's
    and the test cast's known logins). `password_hash` is the demo's: the hash of
    `password`, made once for all its people (argon2 takes a good part of a second)."""
    scoping.require(actor, "create", User)
    username = username.strip()
    person = User(username=username, full_name=full_name.strip(), post=post.strip(), phone=phone.strip())
    _check_password(password, person, field="password")
    with transaction.atomic(durable=True):
        if User.objects.filter(username=username).exists():
            raise DomainError(_("登录名“%(username)s”已被使用。") % {"username": username}, field="username")
        if password_hash:
            person.password = password_hash
        else:
            person.set_password(password)
        person.must_change_password = must_change_password
        person.save()
        record(actor=actor, action="org.person.create", obj=person, after=snapshot(person))
        _grant(actor, person, unit, role)
    return person


def update_person(person: User, *, actor, version: str | None = None, **changes) -> User:
    """`version`: the person as the edit form showed them (ducha.versions)."""
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise ValueError(f"not person fields: {sorted(unknown)}")
    with transaction.atomic(durable=True):
        person = User.objects.select_for_update().get(pk=person.pk)
        scoping.require(actor, "change", person)
        versions.check(person, PERSON_FIELDS, version)
        if person.pk == actor.pk and changes.get("is_active") is False:
            raise DomainError(_("不能停用自己的账号。"), field="is_active")
        before = snapshot(person)
        for key, value in changes.items():
            setattr(person, key, value.strip() if isinstance(value, str) else value)
        person.save(update_fields=list(changes))
        b, a = diff(before, snapshot(person))
        if a:
            record(actor=actor, action="org.person.update", obj=person, before=b, after=a)
    return person


def change_password(person: User, *, actor, old_password: str, new_password: str) -> User:
    """A person chooses their own password; this ends a forced change."""
    if actor is None or actor.pk != person.pk:
        raise NotPermitted(_("只能修改自己的密码。"))
    with transaction.atomic(durable=True):
        person = User.objects.select_for_update().get(pk=person.pk)
        if not person.check_password(old_password):
            raise DomainError(_("当前密码不正确。"), field="old_password")
        _check_password(new_password, person, field="new_password")
        forced = person.must_change_password
        person.set_password(new_password)
        person.must_change_password = False
        person.password_changed_at = timezone.now()
        person.save(update_fields=["password", "must_change_password", "password_changed_at"])
        record(actor=actor, action="org.person.password_change", obj=person, after={"forced": forced})
    return person


def reset_password(person: User, *, actor, password: str) -> User:
    """Someone else sets a temporary password: the person must change it at the next
    sign-in, and a lockout of their user name ends."""
    from axes.models import AccessAttempt

    if actor is not None and actor.pk == person.pk:
        raise DomainError(_("请在“修改密码”页修改自己的密码。"), field="password")
    with transaction.atomic(durable=True):
        person = User.objects.select_for_update().get(pk=person.pk)
        scoping.require(actor, "reset_password", person)
        _check_password(password, person, field="password")
        person.set_password(password)
        person.must_change_password = True
        person.password_changed_at = timezone.now()
        person.save(update_fields=["password", "must_change_password", "password_changed_at"])
        unlocked, _deleted = AccessAttempt.objects.filter(username=person.username).delete()
        record(actor=actor, action="org.person.password_reset", obj=person, after={"unlocked": unlocked > 0})
    return person


def _grant(actor, person: User, unit: Unit, role: str) -> Membership:
    membership = Membership(user=person, unit=unit, role=role)
    scoping.require(actor, "create", membership)
    if Membership.objects.filter(user=person, unit=unit, role=role).exists():
        raise DomainError(_("该人员在此单位已有此角色。"), field="role")
    membership.save()
    record(actor=actor, action="org.membership.add", obj=membership, after=snapshot(membership))
    return membership


def add_membership(person: User, *, actor, unit: Unit, role: str) -> Membership:
    scoping.require(actor, "change", person)
    with transaction.atomic(durable=True):
        return _grant(actor, person, unit, role)


def remove_membership(membership: Membership, *, actor) -> None:
    with transaction.atomic(durable=True):
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        scoping.require(actor, "change", membership)
        if membership.user_id == actor.pk and membership.role in (Role.ADMIN, Role.OFFICE):
            raise DomainError(_("不能撤销自己的管理角色。"), field="role")
        record(actor=actor, action="org.membership.remove", obj=membership, before=snapshot(membership))
        membership.delete()


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
