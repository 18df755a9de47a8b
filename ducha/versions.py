"""No lost edits: an edit form carries the version of the row it showed, the service
refuses to save over a row that changed since (`Conflict`, the form keeps what was typed).

A complaint keeps an integer `version` column that its transitions bump. The other
important objects (units, people, findings, tasks, notices, alert rules, holiday years)
need no column: their version is a digest of the fields their edit form shows, read
from the row under its lock. Any service that changes one of those fields changes the
version, with no bump to forget, and no migration was needed to add it.

    form = UnitForm(initial={..., "version": versions.of(unit, UNIT_FIELDS)})       showing
    services.update_unit(unit, actor=..., version=form.cleaned_data["version"], ...)  saving
      locked = Unit.objects.select_for_update().get(pk=unit.pk)
      versions.check(locked, UNIT_FIELDS, version)                               else Conflict
"""

from __future__ import annotations

import hashlib
import json

from django import forms

from ducha.errors import Conflict


def of(obj, fields) -> str:
    """The version of a row as far as `fields` go (foreign keys by id)."""
    values = []
    for name in fields:
        field = obj._meta.get_field(name)
        value = getattr(obj, field.attname)
        values.append(value.revealed() if hasattr(value, "revealed") else value)
    data = json.dumps(values, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:16]


def check(locked, fields, expected: str | None) -> None:
    """Refuse when the row (re-read under its lock) is not the version the form showed.
    `expected` None: a caller without a form (a command, a test) saves as before."""
    if expected is not None and of(locked, fields) != expected:
        raise Conflict()


class VersionField(forms.CharField):
    """The hidden version an edit form carries back."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 64)
        super().__init__(**kwargs)

    def clean(self, value):
        return super().clean(value) or None
