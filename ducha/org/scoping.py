"""The one place that decides what a user may see and do.

    visible_to(user, Model_or_queryset) -> the rows this user may see
    can(user, action, Model_or_obj)     -> may this user do action on it
    get_for(user, Model, pk, action)    -> the object, or 404 when not visible

Each area registers a rule per model (see `register`) in its own `permissions.py`;
views, API routes, exports, searches and services all ask here, never elsewhere.
Not visible and not found are the same 404, so ids cannot be probed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from ducha.org.models import Membership, Role


@dataclass
class Principal:
    """What a signed-in user is: their roles, their units, and the regions they cover."""

    user: object
    roles: set[str] = field(default_factory=set)
    unit_ids: set[int] = field(default_factory=set)
    units_by_role: dict[str, set[int]] = field(default_factory=dict)
    prefixes_by_role: dict[str, set[str]] = field(default_factory=dict)

    def has(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def is_admin(self) -> bool:
        return Role.ADMIN in self.roles

    def region_q(self, lookup: str, *roles: str) -> Q:
        """Q matching rows whose region code (at `lookup`) lies in the user's regions."""
        q = Q(pk__in=[])
        for role in roles:
            for prefix in self.prefixes_by_role.get(role, ()):
                q |= Q(**{f"{lookup}__startswith": prefix})
        return q


def principal(user) -> Principal:
    """Memberships of the user, read once per request and kept on the user object."""
    cached = getattr(user, "_ducha_principal", None)
    if cached is not None:
        return cached
    p = Principal(user)
    if user is not None and user.is_authenticated and user.is_active:
        rows = Membership.objects.filter(user=user, unit__is_active=True).values_list(
            "role", "unit_id", "unit__region__code", "unit__region__level"
        )
        from ducha.org.models import PREFIX_LENGTH

        for role, unit_id, code, level in rows:
            p.roles.add(role)
            p.unit_ids.add(unit_id)
            p.units_by_role.setdefault(role, set()).add(unit_id)
            p.prefixes_by_role.setdefault(role, set()).add(code[: PREFIX_LENGTH[level]])
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
