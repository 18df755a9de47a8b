"""People and their roles, granted by admin and office."""

from ducha.audit.models import AuditEvent
from ducha.errors import DomainError, NotPermitted
from ducha.org import scoping, services
from ducha.org.models import Membership, Role, User
from ducha.testing import CastTestCase


class CreatePersonTests(CastTestCase):
    def test_office_creates_a_handler_with_a_role(self):
        person = services.create_person(
            actor=self.office,
            username="xtx",
            full_name="湘潭县干部",
            password="Strong-pass-1",
            unit=self.units["yuetang"],
            role=Role.HANDLER,
        )
        self.assertEqual(list(person.memberships.values_list("role", flat=True)), ["handler"])
        self.assertTrue(AuditEvent.objects.filter(action="org.person.create", object_id=str(person.pk)).exists())
        self.assertTrue(AuditEvent.objects.filter(action="org.membership.add").exists())

    def test_password_never_reaches_the_audit_log(self):
        services.create_person(
            actor=self.office,
            username="xtx",
            full_name="某人",
            password="Strong-pass-1",
            unit=self.unit_yuhu,
            role=Role.HANDLER,
        )
        event = AuditEvent.objects.get(action="org.person.create", object_repr="某人")
        self.assertNotIn("password", event.after)

    def test_office_may_not_grant_admin(self):
        with self.assertRaises(NotPermitted):
            services.create_person(
                actor=self.office,
                username="x",
                full_name="某人",
                password="Strong-pass-1",
                unit=self.unit_office,
                role=Role.ADMIN,
            )
        self.assertFalse(User.objects.filter(username="x").exists())

    def test_weak_password_is_refused_in_chinese(self):
        with self.assertRaises(DomainError) as ctx:
            services.create_person(
                actor=self.office,
                username="x",
                full_name="某人",
                password="12345678",
                unit=self.unit_yuhu,
                role=Role.HANDLER,
            )
        self.assertEqual(ctx.exception.field, "password")

    def test_username_taken_is_refused(self):
        with self.assertRaisesMessage(DomainError, "登录名“handler”已被使用。"):
            services.create_person(
                actor=self.office,
                username="handler",
                full_name="某人",
                password="Strong-pass-1",
                unit=self.unit_yuhu,
                role=Role.HANDLER,
            )


class MembershipTests(CastTestCase):
    def test_a_person_may_hold_roles_in_two_units(self):
        services.add_membership(self.handler, actor=self.office, unit=self.unit_yuetang, role=Role.HANDLER)
        self.assertEqual(
            scoping.principal(User.objects.get(pk=self.handler.pk)).unit_ids, {self.unit_yuhu.pk, self.unit_yuetang.pk}
        )

    def test_same_role_twice_is_refused(self):
        with self.assertRaises(DomainError):
            services.add_membership(self.handler, actor=self.office, unit=self.unit_yuhu, role=Role.HANDLER)

    def test_admin_may_not_remove_own_admin_role(self):
        own = self.admin.memberships.get(role=Role.ADMIN)
        with self.assertRaises(DomainError):
            services.remove_membership(own, actor=self.admin)

    def test_removed_role_is_audited_and_gone(self):
        m = self.handler2.memberships.get()
        services.remove_membership(m, actor=self.office)
        self.assertFalse(Membership.objects.filter(pk=m.pk).exists())
        self.assertEqual(AuditEvent.objects.filter(action="org.membership.remove").count(), 1)

    def test_handler_may_not_change_people(self):
        with self.assertRaises(NotPermitted):
            services.update_person(self.handler2, actor=self.handler, full_name="改名")


class PersonPageTests(CastTestCase):
    def test_office_creates_a_person_through_the_page(self):
        self.login(self.office)
        response = self.client.post(
            "/org/people/new/",
            {
                "username": "newbie",
                "full_name": "新同事",
                "unit": self.unit_yuhu.pk,
                "role": "handler",
                "password": "Strong-pass-1",
            },
        )
        person = User.objects.get(username="newbie")
        self.assertRedirects(response, f"/org/people/{person.pk}/")

    def test_office_deactivates_a_person(self):
        self.login(self.office)
        self.client.post(f"/org/people/{self.handler2.pk}/", {"full_name": "张伟"})
        self.assertFalse(User.objects.get(pk=self.handler2.pk).is_active)

    def test_handler_sees_only_self_in_people(self):
        self.login(self.handler)
        response = self.client.get("/org/people/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual([p.username for p in response.context["people"]], ["handler"])
