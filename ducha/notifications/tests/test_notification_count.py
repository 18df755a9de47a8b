"""The 待办 count in the navigation of every page, and the notifications page."""

from django.core import mail
from django.test import override_settings

from ducha.notifications import services as notifications
from ducha.notifications.models import Notification
from ducha.testing import CastTestCase

BELL = (
    '<a class="notification-count{cls}" id="todo-count" href="/notifications/?unread=1" title="未读通知">'
    '待办 <span class="count">{n}</span></a>'
)


class NotificationCountTests(CastTestCase):
    def test_the_nav_shows_the_unread_count_linking_to_the_notifications(self):
        notifications.notify_users([self.office.pk], text="督办单已回复。", link="/supervision/notices/")
        notifications.notify_users([self.office.pk, self.handler.pk], text="已签发通报。")
        response = self.login(self.office).get("/home/")
        self.assertContains(response, BELL.format(cls=" unread", n=2), html=False)
        self.assertEqual(Notification.objects.filter(user=self.office, read_at__isnull=True).count(), 2)

    def test_reading_them_brings_the_count_to_nought(self):
        notifications.notify_users([self.office.pk], text="已签发通报。")
        client = self.login(self.office)
        client.post("/notifications/read/")
        self.assertFalse(Notification.objects.filter(user=self.office, read_at__isnull=True).exists())
        self.assertContains(client.get("/home/"), BELL.format(cls="", n=0))

    def test_opening_one_marks_it_read_and_goes_to_its_object(self):
        notifications.notify_users([self.office.pk], text="督办单已回复。", link="/supervision/notices/")
        note = Notification.objects.get(user=self.office)
        response = self.login(self.office).post(f"/notifications/{note.pk}/open/")
        self.assertRedirects(response, "/supervision/notices/", fetch_redirect_response=False)
        note.refresh_from_db()
        self.assertIsNotNone(note.read_at)

    def test_another_persons_notification_cannot_be_opened(self):
        notifications.notify_users([self.handler.pk], text="请回复督办单。")
        note = Notification.objects.get(user=self.handler)
        self.assertEqual(self.login(self.office).post(f"/notifications/{note.pk}/open/").status_code, 404)

    def test_another_persons_notifications_are_not_counted(self):
        notifications.notify_users([self.handler.pk], text="请回复督办单。")
        self.assertContains(self.login(self.office).get("/home/"), BELL.format(cls="", n=0))

    def test_the_notifications_page_lists_the_users_own(self):
        notifications.notify_users([self.office.pk], text="督办单已回复。")
        notifications.notify_users([self.handler.pk], text="请回复督办单。")
        response = self.login(self.office).get("/notifications/")
        self.assertContains(response, "督办单已回复。")
        self.assertNotContains(response, "请回复督办单。")

    def test_the_count_is_one_query_on_a_page(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client = self.login(self.office)
        client.get("/home/")
        notifications.notify_users([self.office.pk], text="已签发通报。")
        with CaptureQueriesContext(connection) as seen:
            self.assertContains(client.get("/home/"), BELL.format(cls=" unread", n=1))
        self.assertEqual(len([q for q in seen if "notifications_notification" in q["sql"]]), 1)

    def test_no_mail_goes_out_unless_smtp_is_configured(self):
        self.office.email = "office@example.org"
        self.office.save(update_fields=["email"])
        notifications.notify_users([self.office.pk], text="已签发通报。")
        self.assertEqual(mail.outbox, [])
        with override_settings(DUCHA_NOTIFY_BY_EMAIL=True):
            notifications.notify_users([self.office.pk, self.handler.pk], text="已签发通报。", link="/x/")
        self.assertEqual([m.to for m in mail.outbox], [["office@example.org"]])
        self.assertIn("已签发通报。", mail.outbox[0].body)
