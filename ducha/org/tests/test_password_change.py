"""A person changes their own password; an initial or reset password must be changed."""

from axes.models import AccessAttempt
from django.urls import reverse

from ducha.audit.models import AuditEvent
from ducha.errors import DomainError, NotPermitted
from ducha.org import services
from ducha.org.models import Role, User
from ducha.testing import PASSWORD, CastTestCase

NEW = "Fresh#pass-2026"


def _change(client, old=PASSWORD, new=NEW, again=None, **extra):
    data = {"old_password": old, "new_password": new, "new_password_again": again or new, **extra}
    return client.post(reverse("password_change"), data)


class ChangeOwnPasswordTests(CastTestCase):
    def test_the_user_menu_links_to_the_change_page(self):
        response = self.login(self.handler).get(reverse("home"))
        self.assertContains(response, f'href="{reverse("password_change")}"')

    def test_a_person_changes_their_password_and_stays_signed_in(self):
        client = self.login(self.handler)
        response = _change(client)
        self.assertRedirects(response, reverse("home"), fetch_redirect_response=False)
        self.assertTrue(User.objects.get(pk=self.handler.pk).check_password(NEW))
        self.assertEqual(client.get(reverse("home")).status_code, 200)

    def test_the_change_is_audited_without_the_password(self):
        _change(self.login(self.handler))
        event = AuditEvent.objects.get(action="org.person.password_change", object_id=str(self.handler.pk))
        self.assertEqual(event.after, {"forced": False})
        self.assertNotIn(NEW, str(event.before) + str(event.after) + event.object_repr)

    def test_a_wrong_current_password_is_refused_in_chinese(self):
        response = _change(self.login(self.handler), old="not-the-password")
        self.assertContains(response, "当前密码不正确。", status_code=400)
        self.assertTrue(User.objects.get(pk=self.handler.pk).check_password(PASSWORD))

    def test_a_weak_new_password_is_refused_with_the_rule(self):
        response = _change(self.login(self.handler), new="weak2weak2weak")
        self.assertContains(response, "密码须包含大写字母、小写字母、数字、符号中的至少3类。", status_code=400)

    def test_two_different_entries_are_refused(self):
        response = _change(self.login(self.handler), again="Other#pass-2026")
        self.assertContains(response, "两次输入的新密码不一致。", status_code=400)

    def test_nobody_changes_another_persons_password_here(self):
        with self.assertRaises(NotPermitted):
            services.change_password(self.handler, actor=self.office, old_password=PASSWORD, new_password=NEW)


class ForcedChangeTests(CastTestCase):
    def _new_person(self):
        return services.create_person(
            actor=self.office,
            username="newcomer",
            full_name="新同事",
            password="Initial#pass-2026",
            unit=self.unit_yuhu,
            role=Role.HANDLER,
        )

    def test_a_person_created_on_the_people_page_must_change_the_initial_password(self):
        self.assertTrue(self._new_person().must_change_password)

    def test_every_page_sends_them_to_the_change_page(self):
        client = self.login(self._new_person())
        response = client.get("/complaints/")
        self.assertRedirects(
            response, reverse("password_change") + "?next=%2Fcomplaints%2F", fetch_redirect_response=False
        )

    def test_the_change_page_itself_opens_and_says_why(self):
        response = self.login(self._new_person()).get(reverse("password_change"))
        self.assertContains(response, "请先设置自己的新密码")

    def test_htmx_requests_are_redirected_by_header(self):
        response = self.login(self._new_person()).get("/complaints/", HTTP_HX_REQUEST="true")
        self.assertEqual(response.status_code, 204)
        self.assertTrue(response["HX-Redirect"].startswith(reverse("password_change")))

    def test_the_api_refuses_until_the_password_is_changed(self):
        response = self.login(self._new_person()).get("/api/me")
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.json()["message"], "首次登录或密码被重置后，须先修改密码。")

    def test_after_the_change_the_pages_open_again(self):
        person = self._new_person()
        client = self.login(person)
        response = _change(client, old="Initial#pass-2026", next="/complaints/")
        self.assertRedirects(response, "/complaints/", fetch_redirect_response=False)
        self.assertFalse(User.objects.get(pk=person.pk).must_change_password)
        self.assertEqual(client.get("/complaints/").status_code, 200)
        event = AuditEvent.objects.get(action="org.person.password_change", object_id=str(person.pk))
        self.assertEqual(event.after, {"forced": True})

    def test_a_next_address_on_another_site_is_ignored(self):
        response = _change(self.login(self.handler), next="https://evil.example/")
        self.assertRedirects(response, reverse("home"), fetch_redirect_response=False)


class ResetPasswordTests(CastTestCase):
    def test_office_resets_a_handlers_password_and_the_handler_must_change_it(self):
        response = self.login(self.office).post(
            reverse("org:person_password_reset", args=[self.handler.pk]), {"password": "Temporary#2026x"}
        )
        self.assertRedirects(
            response, reverse("org:person_edit", args=[self.handler.pk]), fetch_redirect_response=False
        )
        handler = User.objects.get(pk=self.handler.pk)
        self.assertTrue(handler.check_password("Temporary#2026x"))
        self.assertTrue(handler.must_change_password)
        self.assertTrue(
            AuditEvent.objects.filter(action="org.person.password_reset", object_id=str(handler.pk)).exists()
        )

    def test_a_reset_ends_the_persons_lockout(self):
        AccessAttempt.objects.create(
            username="handler", ip_address="10.0.0.9", user_agent="x", failures_since_start=9, get_data="", post_data=""
        )
        services.reset_password(self.handler, actor=self.office, password="Temporary#2026x")
        self.assertFalse(AccessAttempt.objects.filter(username="handler").exists())

    def test_office_may_not_reset_an_administrators_password(self):
        with self.assertRaises(NotPermitted):
            services.reset_password(self.admin, actor=self.office, password="Temporary#2026x")

    def test_a_handler_may_not_reset_anyones_password(self):
        response = self.login(self.handler).post(
            reverse("org:person_password_reset", args=[self.handler2.pk]), {"password": "Temporary#2026x"}
        )
        self.assertEqual(response.status_code, 404)

    def test_the_reset_form_shows_only_to_those_who_may_reset(self):
        page = self.login(self.office).get(reverse("org:person_edit", args=[self.admin.pk]))
        self.assertNotContains(page, 'id="password-reset"')
        page = self.login(self.office).get(reverse("org:person_edit", args=[self.handler.pk]))
        self.assertContains(page, 'id="password-reset"')

    def test_no_reset_form_on_ones_own_page(self):
        page = self.login(self.office).get(reverse("org:person_edit", args=[self.office.pk]))
        self.assertNotContains(page, 'id="password-reset"')

    def test_nobody_resets_their_own_password(self):
        with self.assertRaisesMessage(DomainError, "请在“修改密码”页修改自己的密码。"):
            services.reset_password(self.office, actor=self.office, password="Temporary#2026x")
