"""Units are created and changed by admin and office, within the office's city."""

from ducha.audit.models import AuditEvent
from ducha.errors import DomainError, NotPermitted
from ducha.org import services
from ducha.org.models import Region, Unit, UnitKind
from ducha.testing import CastTestCase


class CreateUnitTests(CastTestCase):
    def test_office_creates_a_unit_in_its_city_and_it_is_audited(self):
        unit = services.create_unit(
            actor=self.office, name="湘潭市水利局", kind=UnitKind.DEPARTMENT, region=Region.objects.get(code="430300")
        )
        event = AuditEvent.objects.get(action="org.unit.create", object_id=str(unit.pk))
        self.assertEqual(event.actor_name, "李明")
        self.assertEqual(event.after["name"], "湘潭市水利局")

    def test_office_may_not_create_a_unit_outside_its_city(self):
        hunan = Region.objects.get(code="430000")
        with self.assertRaises(NotPermitted):
            services.create_unit(actor=self.office, name="长沙市某局", kind=UnitKind.DEPARTMENT, region=hunan)

    def test_handler_may_not_create_units(self):
        with self.assertRaises(NotPermitted):
            services.create_unit(
                actor=self.handler, name="某局", kind=UnitKind.DEPARTMENT, region=Region.objects.get(code="430302")
            )

    def test_duplicate_name_is_refused_in_chinese(self):
        with self.assertRaisesMessage(DomainError, "单位“雨湖区人民政府”已存在。"):
            services.create_unit(
                actor=self.office, name="雨湖区人民政府", kind=UnitKind.GOVERNMENT, region=self.unit_yuhu.region
            )


class UpdateUnitTests(CastTestCase):
    def test_update_records_only_the_changed_fields(self):
        services.update_unit(self.unit_yuhu, actor=self.office, short_name="雨湖", name="雨湖区人民政府")
        event = AuditEvent.objects.filter(action="org.unit.update").latest("seq")
        self.assertEqual(event.before, {"short_name": "雨湖区"})
        self.assertEqual(event.after, {"short_name": "雨湖"})

    def test_update_without_change_writes_no_audit_record(self):
        count = AuditEvent.objects.count()
        services.update_unit(self.unit_yuhu, actor=self.office, short_name="雨湖区")
        self.assertEqual(AuditEvent.objects.count(), count)

    def test_unit_cannot_be_its_own_parent(self):
        with self.assertRaisesMessage(DomainError, "上级单位不能是本单位。"):
            services.update_unit(self.unit_yuhu, actor=self.office, parent=self.unit_yuhu)

    def test_renaming_onto_another_unit_is_refused(self):
        with self.assertRaises(DomainError):
            services.update_unit(self.unit_yuhu, actor=self.office, name="岳塘区人民政府")
        self.assertEqual(Unit.objects.get(pk=self.unit_yuhu.pk).name, "雨湖区人民政府")


class UnitPageTests(CastTestCase):
    def test_office_adds_a_unit_through_the_page(self):
        self.login(self.office)
        response = self.client.post(
            "/org/units/new/",
            {
                "name": "湘潭市林业局",
                "short_name": "市林业局",
                "kind": "department",
                "region": Region.objects.get(code="430300").pk,
                "is_active": "on",
            },
        )
        self.assertRedirects(response, "/org/units/")
        self.assertTrue(Unit.objects.filter(name="湘潭市林业局").exists())

    def test_refused_unit_is_shown_on_the_form_with_400(self):
        self.login(self.office)
        response = self.client.post(
            "/org/units/new/",
            {"name": "雨湖区人民政府", "kind": "government", "region": self.unit_yuhu.region.pk},
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "已存在", status_code=400)

    def test_handler_sees_only_own_unit(self):
        self.login(self.handler)
        response = self.client.get("/org/units/")
        self.assertEqual([u.name for u in response.context["units"]], ["雨湖区人民政府"])

    def test_office_sees_every_unit_of_the_city(self):
        self.login(self.office)
        response = self.client.get("/org/units/")
        self.assertEqual(len(response.context["units"]), Unit.objects.count())
