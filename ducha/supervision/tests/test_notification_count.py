from ducha.supervision.models import Notification
from ducha.supervision.services import notifications
from ducha.testing import CastTestCase

BELL = '<a class="notification-count{cls}" href="/supervision/notifications/" title="未读通知">通知 <span class="count">{n}</span></a>'


class NotificationCountTests(CastTestCase):
    def test_the_nav_shows_the_unread_count_linking_to_the_notifications(self):
        notifications.notify_users([self.office.pk], text="督办单已回复。", link="/supervision/notices/")
        notifications.notify_users([self.office.pk, self.handler.pk], text="已发布通报。")
        response = self.login(self.office).get("/home/")
        self.assertContains(response, BELL.format(cls=" unread", n=2), html=False)
        self.assertEqual(Notification.objects.filter(user=self.office, read_at__isnull=True).count(), 2)

    def test_reading_them_brings_the_count_to_nought(self):
        notifications.notify_users([self.office.pk], text="已发布通报。")
        client = self.login(self.office)
        client.post("/supervision/notifications/read/")
        self.assertFalse(Notification.objects.filter(user=self.office, read_at__isnull=True).exists())
        self.assertContains(client.get("/home/"), BELL.format(cls="", n=0))

    def test_another_persons_notifications_are_not_counted(self):
        notifications.notify_users([self.handler.pk], text="请回复督办单。")
        self.assertContains(self.login(self.office).get("/home/"), BELL.format(cls="", n=0))

    def test_the_notifications_page_lists_the_users_own(self):
        notifications.notify_users([self.office.pk], text="督办单已回复。")
        notifications.notify_users([self.handler.pk], text="请回复督办单。")
        response = self.login(self.office).get("/supervision/notifications/")
        self.assertContains(response, "督办单已回复。")
        self.assertNotContains(response, "请回复督办单。")

    def test_the_count_is_one_query_on_a_page(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client = self.login(self.office)
        client.get("/home/")
        notifications.notify_users([self.office.pk], text="已发布通报。")
        with CaptureQueriesContext(connection) as seen:
            self.assertContains(client.get("/home/"), BELL.format(cls=" unread", n=1))
        self.assertEqual(len([q for q in seen if "supervision_notification" in q["sql"]]), 1)
