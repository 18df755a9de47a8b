from ducha.enforcement.services import police
from ducha.enforcement.tests.support import EnforcementTestCase, transferred_case
from ducha.notifications.models import Notification


class PartiesAreToldTests(EnforcementTestCase):
    def test_a_transfer_is_told_to_the_police_and_copied_to_the_procuratorate(self):
        with self.captureOnCommitCallbacks(execute=True):
            case = transferred_case(self)
        told = set(Notification.objects.values_list("user__username", flat=True))
        self.assertEqual(told, {"police", "procuratorate"})
        note = Notification.objects.get(user=self.police)
        self.assertEqual(note.link, f"/enforcement/{case.pk}/")
        self.assertIn("移送公安机关", note.text)

    def test_not_filing_is_told_to_the_bureau(self):
        case = transferred_case(self)
        with self.captureOnCommitCallbacks(execute=True):
            police.refuse_filing(case, actor=self.police, reasons="证据不足。")
        self.assertEqual(
            set(Notification.objects.values_list("user__username", flat=True)), {"handler", "procuratorate"}
        )
