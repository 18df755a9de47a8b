"""None of a complaint's suggestions is a repeat: rejected together, one audit event."""

from decimal import Decimal

from ducha.audit.models import AuditEvent
from ducha.complaints.models import RepeatSuggestion
from ducha.complaints.services import repeats
from ducha.complaints.tests.test_pages_handling import HandlingPageTestCase
from ducha.errors import NotPermitted


class RejectRepeatsTests(HandlingPageTestCase):
    def suggest(self, complaint, candidate, score):
        return RepeatSuggestion.objects.create(
            complaint=complaint, candidate=candidate, score=Decimal(score), reasons=["同一村"]
        )

    def test_every_open_suggestion_is_rejected_with_one_event_naming_them(self):
        complaint = self.named(2)
        self.suggest(complaint, self.named(0), "0.91")
        self.suggest(complaint, self.named(1), "0.55")
        self.assertEqual(repeats.reject_repeats(complaint, actor=self.office), 2)
        self.assertEqual(set(complaint.repeat_suggestions.values_list("status", flat=True)), {"rejected"})
        event = AuditEvent.objects.get(action="complaints.repeat.reject", object_id=str(complaint.pk))
        self.assertEqual(event.after["candidates"], [self.named(0).ref, self.named(1).ref])

    def test_nothing_open_writes_nothing(self):
        self.assertEqual(repeats.reject_repeats(self.named(2), actor=self.office), 0)
        self.assertFalse(AuditEvent.objects.filter(action="complaints.repeat.reject").exists())

    def test_a_handler_may_not_reject(self):
        complaint = self.named(2)
        self.suggest(complaint, self.named(0), "0.91")
        with self.assertRaises(NotPermitted):
            repeats.reject_repeats(complaint, actor=self.handler)
