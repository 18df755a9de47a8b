"""Every change to people, their passwords and memberships: check, write, audit, one transaction."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha import versions
from ducha.audit.services import diff, record, snapshot
from ducha.errors import DomainError, NotPermitted
from ducha.org import scoping
from ducha.org.models import Membership, Role, Unit, User

PERSON_FIELDS = ["full_name", "post", "phone", "is_active"]


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
