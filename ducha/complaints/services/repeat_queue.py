"""The office's side of the repeat queue: several suggestions decided at once, and the
suggestions computed again after the places or site kinds changed.

Deciding stays one service call per suggestion (`repeats.confirm_repeat` /
`reject_repeat`, each audited); a bulk decision only puts them in one transaction, so
either every chosen suggestion is decided or none is. Nothing is merged or closed
without this decision by a person.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from ducha.audit.services import record
from ducha.complaints.models import Complaint, RepeatSuggestion
from ducha.complaints.services import repeat_index, repeats
from ducha.errors import DomainError
from ducha.org import scoping

CONFIRM, REJECT = "confirm", "reject"


def decide_repeats(suggestions: Sequence[RepeatSuggestion], *, actor, decision: str) -> list[RepeatSuggestion]:
    """Confirm or reject every suggestion given, all or none."""
    if decision not in (CONFIRM, REJECT):
        raise DomainError(_("请选择确认重复或不是重复。"), field="decision")
    if not suggestions:
        raise DomainError(_("请先勾选重复件提示。"), field="suggestions")
    chosen = sorted(suggestions, key=lambda s: s.pk)
    if decision == CONFIRM:
        twice = sorted({s.complaint.ref for s in chosen if sum(o.complaint_id == s.complaint_id for o in chosen) > 1})
        if twice:
            raise DomainError(
                _("一件信访件只能确认一个原件：%(refs)s。") % {"refs": "、".join(twice)}, field="suggestions"
            )
    call = repeats.confirm_repeat if decision == CONFIRM else repeats.reject_repeat
    with transaction.atomic(durable=True):
        return [call(s, actor=actor) for s in chosen]


def recompute_repeats(*, actor) -> int:
    """Every complaint is compared again (after the gazetteer or the site kinds
    changed): marked unchecked here, scanned by the worker after commit. Decided
    suggestions stay as decided; returns how many complaints will be compared."""
    scoping.require(actor, "confirm_repeat", Complaint)
    with transaction.atomic(durable=True):
        count = scoping.visible_to(actor, Complaint).update(repeats_checked=False)
        record(
            actor=actor,
            action="complaints.repeats.recompute",
            object_type="complaints.complaint",
            object_id="",
            object_repr=_("全部信访件"),
            after={"complaints": count},
        )
        transaction.on_commit(_enqueue)
    return count


def _enqueue() -> None:
    from ducha.complaints.tasks import recompute_repeats_task

    recompute_repeats_task.enqueue()


def rebuild_and_scan() -> int:
    """The worker's part: the candidate index rebuilt with today's places and site
    kinds, then every unchecked complaint scanned."""
    repeat_index.reindex()
    return repeats.scan_repeats()
