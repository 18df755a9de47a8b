"""Repeated wrong passwords lock the user name, and many from one address lock the address."""

from django.test import override_settings
from django.urls import reverse

from ducha.audit.models import AuditEvent
from ducha.testing import PASSWORD, CastTestCase


class LockoutTests(CastTestCase):
    def _try(self, username, password="wrong-password", address="10.1.1.1"):
        return self.client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)

    def test_twelve_wrong_passwords_then_the_right_one_is_refused(self):
        for _ in range(12):
            self._try("handler")
        response = self._try("handler", PASSWORD)
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "登录失败次数过多，该账号或本机地址已被锁定30分钟", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_four_wrong_passwords_then_the_right_one_signs_in(self):
        for _ in range(4):
            self._try("handler")
        self.assertRedirects(self._try("handler", PASSWORD), reverse("home"), fetch_redirect_response=False)

    def test_the_lockout_holds_from_another_address(self):
        for _ in range(5):
            self._try("handler")
        self.assertEqual(self._try("handler", PASSWORD, address="10.2.2.2").status_code, 429)

    def test_a_locked_user_name_does_not_lock_others_on_the_same_address(self):
        for _ in range(5):
            self._try("handler")
        self.assertEqual(self._try("office", PASSWORD).status_code, 302)

    @override_settings(LOGIN_ADDRESS_FAILURE_LIMIT=8)
    def test_an_address_guessing_many_user_names_is_locked(self):
        for name in ("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"):
            self._try(name)
        self.assertEqual(self._try("office", PASSWORD).status_code, 429)
        self.assertEqual(self._try("office", PASSWORD, address="10.3.3.3").status_code, 302)

    def test_signing_in_forgets_only_ones_own_failures(self):
        for _ in range(4):
            self._try("handler")
        office = self.client_class()
        office.post(reverse("login"), {"username": "office", "password": PASSWORD}, REMOTE_ADDR="10.1.1.1")
        self.assertIn("_auth_user_id", office.session)
        self._try("handler")
        self.assertEqual(self._try("handler", PASSWORD).status_code, 429)

    def test_the_lockout_is_audited_with_user_name_and_address(self):
        for _ in range(5):
            self._try("handler")
        event = AuditEvent.objects.get(action="auth.lockout")
        self.assertEqual(event.after, {"username": "handler", "address": "10.1.1.1", "failures": 5})

    def test_an_attempt_during_the_lockout_is_audited_once_as_a_lockout(self):
        for _ in range(5):
            self._try("handler")
        self._try("handler", PASSWORD)
        self.assertEqual(AuditEvent.objects.filter(action="auth.login_failed").count(), 4)
        self.assertEqual(AuditEvent.objects.filter(action="auth.lockout").count(), 2)
