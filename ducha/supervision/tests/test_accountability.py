import datetime as dt

from ducha.audit.models import AuditEvent
from ducha.errors import DomainError
from ducha.supervision.models import AccountabilityKind, SanctionForm
from ducha.supervision.services import accountability
from ducha.supervision.tests.support import DispatchedTestCase


class AccountabilityTests(DispatchedTestCase):
    rows = 3

    def person(self, name="王建华"):
        return accountability.create_person(
            actor=self.office, name=name, post="镇长", unit=self.unit_yuhu, region=self.unit_yuhu.region
        )

    def interview(self, person, day):
        return accountability.record_accountability(
            person,
            actor=self.office,
            inspection=self.inspection,
            kind=AccountabilityKind.INTERVIEW,
            date=day,
            authority="湘潭市人民政府",
            reason="整改不力。",
            complaints=self.complaints()[:1],
        )

    def test_a_sanction_needs_its_form(self):
        with self.assertRaises(DomainError) as caught:
            accountability.record_accountability(
                self.person(),
                actor=self.office,
                inspection=self.inspection,
                kind=AccountabilityKind.SANCTION,
                date=dt.date(2021, 5, 1),
                authority="市纪委",
                reason="履职不力。",
            )
        self.assertEqual(str(caught.exception.message), "问责须选择问责方式（如诫勉、警告、记过）。")
        self.assertEqual(caught.exception.field, "form")

    def test_recording_is_audited_with_its_causes(self):
        entry = accountability.record_accountability(
            self.person(),
            actor=self.office,
            inspection=self.inspection,
            kind=AccountabilityKind.SANCTION,
            form=SanctionForm.DEMERIT,
            date=dt.date(2021, 5, 1),
            authority="市纪委",
            reason="履职不力。",
            complaints=self.complaints()[:2],
        )
        event = AuditEvent.objects.get(action="supervision.accountability.record")
        self.assertEqual(event.object_id, str(entry.pk))
        self.assertEqual(event.after["complaints"], [c.pk for c in self.complaints()[:2]])
        self.assertEqual(set(entry.complaints.all()), set(self.complaints()[:2]))

    def test_a_handler_may_not_record(self):
        from ducha.errors import NotPermitted

        with self.assertRaises(NotPermitted):
            accountability.create_person(actor=self.handler, name="张三", post="科长", region=self.unit_yuhu.region)
