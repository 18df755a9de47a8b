"""A session ends after 30 idle minutes, and 8 hours after signing in in any case."""

import time

from django.urls import reverse

from ducha.audit.models import AuditEvent
from ducha.middleware import SessionTimeoutMiddleware as Timeout
from ducha.testing import CastTestCase


class SessionTimeoutTests(CastTestCase):
    def _signed_in(self, *, signed_in_ago: int, seen_ago: int):
        client = self.login(self.office)
        session = client.session
        now = int(time.time())
        session[Timeout.SIGNED_IN_AT] = now - signed_in_ago
        session[Timeout.SEEN_AT] = now - seen_ago
        session.save()
        return client

    def test_thirty_one_idle_minutes_sign_the_person_out(self):
        client = self._signed_in(signed_in_ago=3600, seen_ago=31 * 60)
        response = client.get(reverse("home"))
        self.assertTrue(response["Location"].startswith(reverse("login")))
        event = AuditEvent.objects.get(action="auth.logout")
        self.assertEqual(event.after["reason"], "idle")

    def test_the_login_page_then_says_why(self):
        client = self._signed_in(signed_in_ago=3600, seen_ago=31 * 60)
        response = client.get(reverse("home"), follow=True)
        self.assertContains(response, "长时间未操作或登录已超时，已自动退出，请重新登录。")

    def test_twenty_nine_idle_minutes_keep_the_session(self):
        client = self._signed_in(signed_in_ago=3600, seen_ago=29 * 60)
        self.assertEqual(client.get(reverse("home")).status_code, 200)

    def test_eight_hours_after_signing_in_the_session_ends_however_active(self):
        client = self._signed_in(signed_in_ago=8 * 3600 + 60, seen_ago=10)
        response = client.get(reverse("home"))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(AuditEvent.objects.get(action="auth.logout").after["reason"], "expired")

    def test_an_htmx_request_after_the_timeout_is_sent_to_the_login_page(self):
        client = self._signed_in(signed_in_ago=3600, seen_ago=31 * 60)
        response = client.get(reverse("home"), HTTP_HX_REQUEST="true")
        self.assertEqual((response.status_code, response["HX-Redirect"]), (204, reverse("login")))
