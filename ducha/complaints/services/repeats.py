"""Repeat complaints (重复件): suggest, confirm, reject.

Ducha only suggests; a person confirms or rejects each suggestion. A confirmed repeat
is linked to its original (`repeat_of`) and closes with it. A suggestion whose
earlier complaint is already closed is also a possible relapse (反弹), shown on both.

The similarity index lives in memory, built once per process and extended with the
complaints added since (a worker keeps it warm; a command builds it afresh).
"""

from __future__ import annotations

import threading
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from ducha.audit.services import record
from ducha.complaints.models import Complaint, ComplaintStatus, RepeatSuggestion, SuggestionStatus
from ducha.core.textsim import RepeatIndex, suggest_many
from ducha.errors import Conflict
from ducha.org import scoping
from ducha.places import lexicon

_lock = threading.Lock()
_index: RepeatIndex | None = None
_indexed_upto = 0
_stamped: list = [None]  # the _stamp of what the index holds


def _warm_index() -> RepeatIndex:
    """Every complaint's text, across inspections, keyed by id; extended incrementally."""
    global _index, _indexed_upto
    with _lock:
        # Rebuild when the table no longer matches what was indexed: rows rolled back
        # or deleted since (ids can even be reused), so no suggestion points at a ghost.
        now = lexicon.current()  # the office's places and site kinds; a change rebuilds
        if _index is not None and (_stamp(_indexed_upto) != _stamped[0] or _index.lexicon is not now.lexicon):
            _index = None
        if _index is None:
            _index, _indexed_upto = RepeatIndex(gazetteer=now.gazetteer, lexicon=now.lexicon), 0
        rows = Complaint.objects.filter(pk__gt=_indexed_upto).order_by("pk").values_list("pk", "text", "region__code")
        batch = []
        for pk, text, region in rows.iterator(chunk_size=5000):
            batch.append((pk, text, region or ""))
            if len(batch) == 5000:
                _index.add_many(batch)
                batch = []
        if batch:
            _index.add_many(batch)
        last = Complaint.objects.order_by("-pk").values_list("pk", flat=True).first()
        _indexed_upto = max(_indexed_upto, last or 0)
        _stamped[0] = _stamp(_indexed_upto)
        return _index


def _stamp(upto: int) -> tuple:
    """How many complaints up to `upto`, and the newest creation time among them."""
    row = Complaint.objects.filter(pk__lte=upto).aggregate(n=Count("pk"), last=Max("created_at"))
    return row["n"], row["last"]


def forget_index() -> None:
    """Drop the in-memory index (tests, or after complaints were removed)."""
    global _index, _indexed_upto
    with _lock:
        _index, _indexed_upto = None, 0
        _stamped[0] = None


def scan_repeats(*, inspection=None) -> int:
    """Suggest earlier complaints for every complaint not yet checked; returns how many
    suggestions were made. Earlier means a smaller id: imported before it."""
    targets = Complaint.objects.filter(repeats_checked=False)
    if inspection is not None:
        targets = targets.filter(inspection=inspection)
    items = [
        (pk, text, region or "")
        for pk, text, region in targets.order_by("pk").values_list("pk", "text", "region__code")
    ]
    if not items:
        return 0
    index = _warm_index()
    made = 0
    for start in range(0, len(items), 2000):
        chunk = items[start : start + 2000]
        found = suggest_many(index, chunk, earlier_only=True)
        pairs = [(s.key, s.candidate_key, s) for suggestions in found for s in suggestions if s.candidate_key < s.key]
        closed = set(
            Complaint.objects.filter(
                pk__in={c for _, c, _ in pairs}, status__in=ComplaintStatus.CLOSED_STATES
            ).values_list("pk", flat=True)
        )
        with transaction.atomic():
            RepeatSuggestion.objects.bulk_create(
                [
                    RepeatSuggestion(
                        complaint_id=key,
                        candidate_id=cand,
                        score=Decimal(str(round(s.score, 3))),
                        reasons=list(s.reasons),
                        relapse=cand in closed,
                    )
                    for key, cand, s in pairs
                ],
                ignore_conflicts=True,
            )
            Complaint.objects.filter(pk__in=[pk for pk, *_ in chunk]).update(repeats_checked=True)
        made += len(pairs)
    return made


def _decide(suggestion: RepeatSuggestion, *, actor, status: str) -> RepeatSuggestion:
    with transaction.atomic():
        suggestion = (
            RepeatSuggestion.objects.select_for_update().select_related("complaint", "candidate").get(pk=suggestion.pk)
        )
        scoping.require(actor, "confirm_repeat", suggestion.complaint)
        if suggestion.status != SuggestionStatus.OPEN:
            raise Conflict()
        suggestion.status, suggestion.decided_by, suggestion.decided_at = status, actor, timezone.now()
        suggestion.save(update_fields=["status", "decided_by", "decided_at"])
        complaint = Complaint.objects.select_for_update().get(pk=suggestion.complaint_id)
        after = {"candidate": suggestion.candidate.ref, "score": str(suggestion.score)}
        if status == SuggestionStatus.CONFIRMED:
            original = suggestion.candidate.repeat_of or suggestion.candidate  # link to the root
            complaint.repeat_of = original
            complaint.save(update_fields=["repeat_of", "updated_at"])
            after["repeat_of"] = original.ref
            action = "complaints.repeat.confirm"
        else:
            action = "complaints.repeat.reject"
        record(actor=actor, action=action, obj=complaint, after=after)
    return suggestion


def confirm_repeat(suggestion: RepeatSuggestion, *, actor) -> RepeatSuggestion:
    return _decide(suggestion, actor=actor, status=SuggestionStatus.CONFIRMED)


def reject_repeat(suggestion: RepeatSuggestion, *, actor) -> RepeatSuggestion:
    return _decide(suggestion, actor=actor, status=SuggestionStatus.REJECTED)
