"""The one place that decides what a user may see and do, and for whom they act.

    visible_to(user, Model_or_queryset) -> the rows this user may see
    can(user, action, Model_or_obj)     -> may this user do action on it
    require(actor, action, Model_or_obj) -> the same, raising NotPermitted (services)
    get_for(user, Model, pk, action)    -> the object, or 404 when not visible
    principal(user)                     -> roles, and the units and regions they act for
    system_user()                       -> the actor of background work (never None)

Each area registers a rule per model (see `register`) in its own `permissions.py`;
views, API routes, exports, searches and services all ask here, never elsewhere.
Not visible and not found are the same 404, so ids cannot be probed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from ducha.errors import NotPermitted
from ducha.org.models import PREFIX_LENGTH, Membership, Role, Unit, UnitKind, User

# The reserved login of the system user; no person can be created with it.
SYSTEM_USERNAME = "system"


@dataclass(frozen=True)
class Acting:
    """One membership in an active unit: the person acts for `unit_id` in `role`."""

    role: str
    unit_id: int
    region_code: str
    prefix: str  # the region's code prefix (省 2 digits, 市 4, 县 6)


@dataclass
class Principal:
    """What a signed-in user is: their roles, the units they act for and the regions
    those units cover. Only active units count. Read once per request."""

    user: object
    roles: set[str] = field(default_factory=set)
    acting: list[Acting] = field(default_factory=list)  # in membership order
    is_system: bool = False

    def has(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def is_admin(self) -> bool:
        return Role.ADMIN in self.roles

    def _of(self, roles) -> list[Acting]:
        return [a for a in self.acting if not roles or a.role in roles]

    @property
    def unit_ids(self) -> set[int]:
        return {a.unit_id for a in self.acting}

    @property
    def units_by_role(self) -> dict[str, set[int]]:
        out: dict[str, set[int]] = {}
        for a in self.acting:
            out.setdefault(a.role, set()).add(a.unit_id)
        return out

    @property
    def prefixes_by_role(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for a in self.acting:
            out.setdefault(a.role, set()).add(a.prefix)
        return out

    def units(self, *roles: str) -> set[int]:
        """The ids of the units the person acts for in any of `roles` (any role when none)."""
        return {a.unit_id for a in self._of(roles)}

    def prefixes(self, *roles: str) -> set[str]:
        """The region-code prefixes the person covers in any of `roles`."""
        return {a.prefix for a in self._of(roles)}

    def acting_for(self, *roles: str) -> Acting | None:
        """The membership the person acts through: the first of `roles` (in the order
        given) that they hold, their earliest membership in it; with no roles, their
        earliest membership."""
        if not roles:
            return self.acting[0] if self.acting else None
        for role in roles:
            for a in self.acting:
                if a.role == role:
                    return a
        return None

    def unit_for(self, *roles: str) -> Unit | None:
        """The unit the person acts for (see acting_for). The system acts for the office
        at the top of the region tree, the one that runs the deployment."""
        a = self.acting_for(*roles)
        if a is not None:
            return Unit.objects.select_related("region").get(pk=a.unit_id)
        if self.is_system:
            offices = Unit.objects.filter(kind=UnitKind.OFFICE, is_active=True).select_related("region")
            return offices.order_by("region__code", "pk").first()
        return None

    def region_q(self, lookup: str, *roles: str) -> Q:
        """Q matching rows whose region code (at `lookup`) lies in the user's regions."""
        q = Q(pk__in=[])
        for prefix in sorted(self.prefixes(*roles)) if roles else ():
            q |= Q(**{f"{lookup}__startswith": prefix})
        return q


def system_user() -> User:
    """The user background work acts as (scheduled scans, commands on the server, the
    demo): it holds the admin role, cannot sign in, and is named 系统 in the audit log."""
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"full_name": "系统", "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def is_system(user) -> bool:
    return user is not None and getattr(user, "username", None) == SYSTEM_USERNAME and not user.is_active


def principal(user) -> Principal:
    """Memberships of the user in active units, read once per request and kept on the user object."""
    cached = getattr(user, "_ducha_principal", None)
    if cached is not None:
        return cached
    p = Principal(user)
    if is_system(user):
        p.is_system = True
        p.roles.add(Role.ADMIN)
    elif user is not None and user.is_authenticated and user.is_active:
        rows = (
            Membership.objects.filter(user=user, unit__is_active=True)
            .order_by("pk")
            .values_list("role", "unit_id", "unit__region__code", "unit__region__level")
        )
        for role, unit_id, code, level in rows:
            p.roles.add(role)
            p.acting.append(Acting(role, unit_id, code, code[: PREFIX_LENGTH[level]]))
        if user.is_superuser:
            p.roles.add(Role.ADMIN)
    if user is not None:
        user._ducha_principal = p
    return p


@dataclass
class Rule:
    visible: Callable[[Principal, QuerySet], QuerySet]
    can: Callable[[Principal, str, Model | None], bool]


_RULES: dict[type[Model], Rule] = {}


def register(model: type[Model], *, visible, can) -> None:
    _RULES[model] = Rule(visible=visible, can=can)


def _rule(model: type[Model]) -> Rule:
    _load_rules()
    try:
        return _RULES[model]
    except KeyError:
        raise LookupError(f"no scoping rule for {model._meta.label}: register one in its app's permissions.py")


def visible_to(user, model_or_qs) -> QuerySet:
    qs = model_or_qs.all() if isinstance(model_or_qs, QuerySet) else model_or_qs._default_manager.all()
    p = principal(user)
    if not p.roles:
        return qs.none()
    return _rule(qs.model).visible(p, qs)


def can(user, action: str, target) -> bool:
    """target is a model class (may the user do this to any such object) or an object."""
    model = target if isinstance(target, type) else type(target)
    obj = None if isinstance(target, type) else target
    p = principal(user)
    if not p.roles:
        return False
    return _rule(model).can(p, action, obj)


def require(actor, action: str, target) -> None:
    """The permission check of every service: NotPermitted unless `can`. The actor is a
    person or system_user(); None is a mistake in the caller, never a pass."""
    if actor is None:
        raise TypeError("actor is required: background work passes scoping.system_user()")
    if not can(actor, action, target):
        raise NotPermitted()


def get_for(user, model: type[Model], pk, action: str = "view"):
    """The object if the user may see it, else 404 (the same whether absent or hidden)."""
    try:
        obj = visible_to(user, model).get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404
    return obj


def scoped_models() -> list[type[Model]]:
    _load_rules()
    return list(_RULES)


_loaded = False


def _load_rules() -> None:
    """Import every app's permissions module once, so its rules are registered."""
    global _loaded
    if _loaded:
        return
    from importlib import import_module

    from django.apps import apps

    for config in apps.get_app_configs():
        if config.name.startswith("ducha."):
            try:
                import_module(f"{config.name}.permissions")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.permissions":
                    raise
    _loaded = True
