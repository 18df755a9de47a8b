"""The figure engine: scopes, the areas' measures and figures, the headline, the board.

Every area declares its figures in its own `figures.py` (see ducha.measures); this
module reads those declarations once, in app order, the way org.scoping reads the
areas' permission rules. A scope is one queryset per declared source, for one
inspection, as of one day: what a user may see (`scope_for_user`) or a region's
(`scope_for_region`). Each figure is one aggregate query over a scope; each measure's
list is the same rows, so a figure's link always leads to a list of its length.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from importlib import import_module

from django.apps import apps
from django.db.models import QuerySet

from ducha.inspections.models import Inspection
from ducha.measures import Measure, Source
from ducha.org import scoping


@dataclass
class Registry:
    sources: dict[str, Source] = field(default_factory=dict)
    measures: dict[str, Measure] = field(default_factory=dict)
    figures: dict = field(default_factory=dict)  # key -> fn(scope) -> dict, in app order


_registry: Registry | None = None


def registry() -> Registry:
    """Every area's declarations, read once per process."""
    global _registry
    if _registry is not None:
        return _registry
    found = Registry()
    for config in apps.get_app_configs():
        if not config.name.startswith("ducha.") or config.name == "ducha.dashboard":
            continue
        try:
            module = import_module(f"{config.name}.figures")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.figures":
                raise
            continue
        for source in getattr(module, "SOURCES", ()):
            _add(found.sources, source.key, source, config.name)
        for measure in getattr(module, "MEASURES", ()):
            _add(found.measures, measure.key, measure, config.name)
        for key, provide in getattr(module, "FIGURES", {}).items():
            _add(found.figures, key, provide, config.name)
    _registry = found
    return found


def _add(into: dict, key: str, value, app: str) -> None:
    if key in into:
        raise RuntimeError(f"figure key {key!r} declared twice (again in {app}.figures)")
    into[key] = value


def measures() -> dict[str, Measure]:
    return registry().measures


# --- scopes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """The rows an inspection's figures count, per source, as of `today`."""

    inspection: Inspection
    today: dt.date
    rows: dict[str, QuerySet]
    region_code: str = ""
    past: bool = False  # the figures as they stood at the end of `today`, from the rows' dates

    def __getattr__(self, name: str) -> QuerySet:
        try:
            return self.__dict__["rows"][name]
        except KeyError:
            raise AttributeError(name) from None

    def narrowed(self, *, region_code: str = "", unit_id: int | None = None) -> Scope:
        """The same scope within one region (a district bar) or for one unit (an overdue row)."""
        sources = registry().sources
        rows = dict(self.rows)
        if region_code:
            rows = {k: qs.filter(**{f"{sources[k].region}__startswith": region_code}) for k, qs in rows.items()}
        if unit_id:
            rows = {k: _of_unit(sources[k], qs, unit_id) for k, qs in rows.items()}
        return replace(self, rows=rows, region_code=region_code or self.region_code)


def _of_unit(source: Source, qs: QuerySet, unit_id: int) -> QuerySet:
    if source.unit is None:
        return qs.none()
    qs = qs.filter(**{source.unit: unit_id})
    return qs.distinct() if source.distinct else qs


def _scope(inspection: Inspection, today: dt.date, base_of, past: bool) -> Scope:
    rows = {}
    for key, source in registry().sources.items():
        qs = base_of(source).filter(**{source.inspection: inspection})
        if past and source.as_of is not None:
            qs = source.as_of(qs, today)
        elif source.base is not None:
            qs = source.base(qs)
        rows[key] = qs
    return Scope(inspection, today, rows, past=past)


def scope_for_user(user, inspection: Inspection, today: dt.date, *, past: bool = False) -> Scope:
    """What the user may see of the inspection: now, with `today` as the day overdue is
    judged by; or with `past`, as it stood at the end of `today`."""
    return _scope(inspection, today, lambda source: scoping.visible_to(user, source.model), past)


def scope_for_region(inspection: Inspection, today: dt.date, region_code: str = "", *, past: bool = False) -> Scope:
    """Everything of the inspection within a region (the whole inspection without one)."""
    scope = _scope(inspection, today, lambda source: source.model._default_manager.all(), past)
    return scope.narrowed(region_code=region_code)


def measure_rows(key: str, scope: Scope) -> QuerySet:
    return measures()[key].rows(scope)


def figures(scope: Scope) -> dict:
    """Every area's figures of the scope, keyed as declared, in app order."""
    return {key: provide(scope) for key, provide in registry().figures.items()}
