"""Choices that carry a colour besides their value and label, so a state looks the same
on every page (NetBox's choice sets), and the groups of states a rule speaks of, written
once on the choices instead of in every module that needs them.

    class ComplaintStatus(ColouredChoices):
        RECEIVED = "received", _("待转办")
        ...
        COLOURS = enum.nonmember({"received": "grey", ...})
        CLOSED_STATES = enum.nonmember(("closed", "closed_pending"))

    ComplaintStatus.CLOSED.colour            -> "green"
    ComplaintStatus.colour_of("closed")      -> "green" (a value read from a row)
    status__in=ComplaintStatus.CLOSED_STATES

Colours are the CSS classes of ducha.css: green, teal, blue, yellow, orange, red, grey.
"""

from __future__ import annotations

from django.db import models

COLOURS = ("green", "teal", "blue", "yellow", "orange", "red", "grey")


class ColouredChoices(models.TextChoices):
    """TextChoices whose members each have a colour (COLOURS maps a value to it)."""

    @property
    def colour(self) -> str:
        return type(self).colour_of(self.value)

    @classmethod
    def colour_of(cls, value) -> str:
        return getattr(cls, "COLOURS", {}).get(str(value), "grey")

    @classmethod
    def label_of(cls, value) -> str:
        return cls(value).label if value in cls.values else ""
