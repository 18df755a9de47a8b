"""Complaint figures per control unit and per unit category (三线一单): the complaints
placed in a unit of the current edition, counted with the complaints area's own
definitions. Declared here, not in zoning, because zoning sits below complaints and
never reads them; complaints/figures.py adds these measures and figures to its own.

The figures say which edition they use: only placements in the current edition count
(a case placed in an older edition counts again once the office re-places the cases).
"""

from __future__ import annotations

from django.db.models import Count, F, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from ducha.complaints.models import ComplaintStatus, RecheckResult
from ducha.measures import LocalDate, Measure, end_of_day
from ducha.zoning import queries as zoning_queries
from ducha.zoning.models import Category, Location

KIND = "complaints.complaint"
COMPLAINT_LIST = {"model": "complaint", "order": ("due_on", "ref"), "related": ("region", "lead_unit")}


def placed_in(category: str | None = None, unit_ids=None):
    """The ids of complaints placed in the current edition (of one category / units)."""
    qs = Location.objects.filter(item_kind=KIND, edition__is_current=True, unit__isnull=False)
    if category:
        qs = qs.filter(unit__category=category)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    return qs.values("item_id")


def _closed(s) -> Q:
    if s.past:
        return Q(status__in=ComplaintStatus.CLOSED_STATES, closed_at__lt=end_of_day(s.today))
    return Q(status__in=ComplaintStatus.CLOSED_STATES)


def _relapsed(s) -> Q:
    """A look-back recheck found the problem back (问题反弹)."""
    return Q(rechecks__result=RecheckResult.RELAPSED)


CONDITIONS = {
    "received": (gettext_lazy("交办信访件"), lambda s: Q()),
    "closed": (gettext_lazy("已办结"), _closed),
    "on_time": (gettext_lazy("按时办结"), lambda s: _closed(s) & Q(closed_on__lte=F("due_on"))),
    "relapses": (gettext_lazy("问题反弹"), _relapsed),
}


def _rows(category: str, key: str):
    def rows(s):
        qs = s.complaints.filter(pk__in=placed_in(category)).annotate(closed_on=LocalDate("closed_at"))
        return qs.filter(CONDITIONS[key][1](s)).distinct()

    return rows


MEASURES = [
    Measure(
        f"zoning.{category.value}.{key}",
        format_lazy("{} · {}", category.label, label),
        gettext_lazy("落在当前版本该类管控单元内的信访件（按定位落位）。"),
        rows=_rows(category.value, key),
        **COMPLAINT_LIST,
    )
    for category in Category
    for key, (label, _condition) in CONDITIONS.items()
]


def by_unit(s) -> dict:
    """{"edition", "by_category": {category: {measure: n}}, "by_unit": {code: {measure: n}}}"""
    edition = zoning_queries.current_edition()
    out_categories = {c.value: dict.fromkeys(CONDITIONS, 0) for c in Category}
    out = {"edition": edition.name if edition else "", "by_category": out_categories, "by_unit": {}}
    if edition is None:
        return out
    located = Location.objects.filter(item_kind=KIND, edition=edition, unit__isnull=False)
    per_item = {
        item: (code, category)
        for item, code, category in located.filter(item_id__in=s.complaints.values("pk")).values_list(
            "item_id", "unit__code", "unit__category"
        )
    }
    if not per_item:
        return out
    counts = {key: Count("pk", filter=cond(s), distinct=True) for key, (_label, cond) in CONDITIONS.items()}
    qs = s.complaints.filter(pk__in=list(per_item)).annotate(closed_on=LocalDate("closed_at"))
    for row in qs.values("pk").annotate(**counts):
        code, category = per_item[row.pop("pk")]
        target = out["by_unit"].setdefault(code, dict.fromkeys(CONDITIONS, 0))
        for key, value in row.items():
            target[key] += value
            out_categories[category][key] += value
    return out
