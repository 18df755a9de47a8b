"""Dispatch and return tell the units' handlers, each notification linking to the complaint."""

from ducha.complaints.services import dispatch, review
from ducha.complaints.tests.test_handling import DISPATCH_DAY, at
from ducha.complaints.tests.test_pages_support import import_messy, make_inspection
from ducha.notifications.models import Notification
from ducha.testing import CastTestCase


class WorkNotificationTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        import_messy(cls.office, make_inspection(cls.office), rows=3, seed=2)

    def test_dispatch_tells_the_lead_and_supporting_units(self):
        from ducha.complaints.models import Complaint

        complaint = Complaint.objects.order_by("pk").first()
        with self.captureOnCommitCallbacks(execute=True), at(DISPATCH_DAY):
            dispatch.dispatch_complaint(
                complaint, actor=self.office, lead_unit=self.unit_yuhu, support_units=[self.unit_yuetang]
            )
        for user in (self.handler, self.handler2):
            note = Notification.objects.get(user=user)
            self.assertEqual(note.link, f"/complaints/{complaint.pk}/")
            self.assertTrue(note.text.startswith(f"信访件{complaint.ref}已转办本单位，请于"))
        self.assertFalse(Notification.objects.filter(user=self.office).exists())

    def test_a_return_tells_the_lead_unit_with_the_reason(self):
        from ducha.complaints.models import Complaint
        from ducha.complaints.services import handling

        complaint = Complaint.objects.order_by("pk").first()
        with at(DISPATCH_DAY):
            dispatch.dispatch_complaint(complaint, actor=self.office, lead_unit=self.unit_yuhu)
        values = {"findings": "经现场核查，该场确有污水直排。", "veracity": "true", "measures": "责令停产整治。"}
        handling.save_handling(complaint, actor=self.handler, **values)
        handling.submit_handling(Complaint.objects.get(pk=complaint.pk), actor=self.handler)
        with self.captureOnCommitCallbacks(execute=True):
            review.return_handling(
                Complaint.objects.get(pk=complaint.pk), actor=self.office, reason="核查情况不全，请补充现场照片。"
            )
        note = Notification.objects.get(user=self.handler, text__contains="退回")
        self.assertEqual(note.text, f"信访件{complaint.ref}的办理结果被退回：核查情况不全，请补充现场照片。")
        self.assertEqual(note.link, f"/complaints/{complaint.pk}/")
