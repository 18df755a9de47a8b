"""Sign-ins, sign-outs, failures and refusals are in the audit log; passwords never."""

from django.urls import reverse

from ducha.audit.models import AuditEvent
from ducha.org.scoping import system_user
from ducha.testing import PASSWORD, CastTestCase


class SignInAuditTests(CastTestCase):
    def test_a_sign_in_is_audited_with_the_address(self):
        self.client.post(reverse("login"), {"username": "office", "password": PASSWORD}, REMOTE_ADDR="10.0.0.7")
        event = AuditEvent.objects.get(action="auth.login")
        self.assertEqual(
            (event.actor_name, event.object_id, event.after), ("李明", str(self.office.pk), {"address": "10.0.0.7"})
        )

    def test_a_failed_sign_in_records_the_name_as_typed_and_never_the_password(self):
        self.client.post(
            reverse("login"), {"username": "offfice", "password": "Secret#guess-1"}, REMOTE_ADDR="10.0.0.8"
        )
        event = AuditEvent.objects.get(action="auth.login_failed")
        self.assertEqual(event.after, {"username": "offfice", "address": "10.0.0.8"})
        self.assertEqual((event.actor_id, event.actor_name), (system_user().pk, "系统"))  # nobody signed in
        self.assertNotIn("Secret#guess-1", str(event.chained_fields()))

    def test_a_sign_out_is_audited(self):
        self.login(self.office).post(reverse("logout"))
        event = AuditEvent.objects.get(action="auth.logout")
        self.assertEqual(event.actor_id, self.office.pk)


class RefusalAuditTests(CastTestCase):
    def test_a_hidden_object_answered_404_is_audited_with_its_path(self):
        response = self.login(self.handler).get(reverse("org:unit_edit", args=[self.units["procuratorate"].pk]))
        self.assertEqual(response.status_code, 404)
        event = AuditEvent.objects.get(action="auth.refused")
        path = reverse("org:unit_edit", args=[self.units["procuratorate"].pk])
        self.assertEqual(event.after, {"path": path, "method": "GET", "status": 404, "address": "127.0.0.1"})
        self.assertEqual((event.actor_id, event.object_type), (self.handler.pk, "org.unit"))

    def test_a_forbidden_action_answered_403_is_audited(self):
        response = self.login(self.stranger).get(reverse("org:unit_list"))
        self.assertEqual(response.status_code, 403)
        event = AuditEvent.objects.get(action="auth.refused")
        self.assertEqual(event.after["status"], 403)
        self.assertEqual(event.object_repr, reverse("org:unit_list"))

    def test_a_query_string_never_reaches_the_log(self):
        self.login(self.stranger).get(reverse("org:unit_list") + "?q=13912345678")
        event = AuditEvent.objects.get(action="auth.refused")
        self.assertNotIn("13912345678", str(event.chained_fields()))
