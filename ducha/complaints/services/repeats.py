"""Repeat complaints (重复件): suggest, confirm, reject.

Ducha only suggests; a person confirms or rejects each suggestion. A confirmed repeat
is linked to its original (`repeat_of`) and closes with it. A suggestion whose
earlier complaint is already closed is also a possible relapse (反弹), shown on both:
relapse flags come from the same candidates and the same floor, never from another rule.

Candidates come from the index in the database (`repeat_index`): keys written with
each complaint, shared by every process; nothing is kept in memory between calls.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ducha.audit.services import record
from ducha.complaints.models import Complaint, ComplaintStatus, RepeatSuggestion, SuggestionStatus
from ducha.complaints.services import repeat_index
from ducha.core.textsim import best
from ducha.errors import Conflict
from ducha.org import scoping
from ducha.places import lexicon

SCAN_CHUNK = 250  # complaints whose candidates are fetched in one round


def scan_repeats(*, inspection=None) -> int:
    """Suggest earlier complaints for every complaint not yet checked; returns how many
    suggestions were made. Earlier means a smaller id: imported before it. Suggestions
    only: nothing is merged, linked or closed here."""
    repeat_index.index_missing()
    targets = Complaint.objects.filter(repeats_checked=False)
    if inspection is not None:
        targets = targets.filter(inspection=inspection)
    ids = list(targets.order_by("pk").values_list("pk", flat=True))
    cache = repeat_index.FeatureCache()
    made = 0
    with repeat_index.no_cycle_collection():
        for start in range(0, len(ids), SCAN_CHUNK):
            made += _scan_chunk(ids[start : start + SCAN_CHUNK], cache)
    return made


def suggestions_for(ids, cache: repeat_index.FeatureCache | None = None) -> list:
    """The suggestions the scan would make for these complaints (`textsim.Suggestion`s,
    best first, for each id in order): candidates from the keys, scored in Python."""
    cache = cache or repeat_index.FeatureCache()
    targets = cache.get_many(ids)
    ranked = repeat_index.candidates_for(targets)
    features = {pk: f for pk, (_, f) in targets.items()}
    others = cache.get_many(c for cands in ranked.values() for c in cands if c not in features)
    features.update((pk, f) for pk, (_, f) in others.items())
    now = lexicon.current()  # the office's places and site kinds
    return [
        best(
            features[pk],
            ((c, features[c]) for c in ranked[pk] if c in features),
            key=pk,
            gazetteer=now.gazetteer,
            lexicon=now.lexicon,
        )
        if pk in targets
        else []
        for pk in ids
    ]


def _scan_chunk(chunk: list[int], cache) -> int:
    found = suggestions_for(chunk, cache)
    pairs = _oriented(
        [(s.key, s.candidate_key, s) for suggestions in found for s in suggestions if s.candidate_key < s.key]
    )
    closed = set(
        Complaint.objects.filter(pk__in={c for _, c, _ in pairs}, status__in=ComplaintStatus.CLOSED_STATES).values_list(
            "pk", flat=True
        )
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
        Complaint.objects.filter(pk__in=chunk).update(repeats_checked=True)
    return len(pairs)


def _oriented(pairs: list[tuple]) -> list[tuple]:
    """(later, earlier, suggestion): imported later is not always later. An earlier round's
    results imported as history come after the complaints they precede, and a new complaint
    about a target they closed is the possible relapse, so order by hand-over day first."""
    ids = {pk for key, cand, _ in pairs for pk in (key, cand)}
    day = dict(Complaint.objects.filter(pk__in=ids).values_list("pk", "batch__handed_over_on"))

    def when(pk):
        return (day.get(pk) or dt.date.max, pk)

    return [(key, cand, s) if when(cand) < when(key) else (cand, key, s) for key, cand, s in pairs]


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


def reject_repeats(complaint: Complaint, *, actor) -> int:
    """None of the complaint's open suggestions is a repeat: all rejected at once, one
    audit event naming every candidate (a look-alike text can draw dozens)."""
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        scoping.require(actor, "confirm_repeat", complaint)
        open_ = list(
            RepeatSuggestion.objects.select_for_update()
            .filter(complaint=complaint, status=SuggestionStatus.OPEN)
            .select_related("candidate")
            .order_by("-score", "pk")
        )
        if not open_:
            return 0
        RepeatSuggestion.objects.filter(pk__in=[s.pk for s in open_]).update(
            status=SuggestionStatus.REJECTED, decided_by=actor, decided_at=timezone.now()
        )
        after = {"candidates": [s.candidate.ref for s in open_]}
        record(actor=actor, action="complaints.repeat.reject", obj=complaint, after=after)
    return len(open_)
