"""Regions come from a data file; aliases are data the office edits."""

from ducha.audit.models import AuditEvent
from ducha.errors import DomainError, NotPermitted
from ducha.org import services
from ducha.org.models import Region, RegionAlias
from ducha.org.scoping import system_user
from ducha.testing import CastTestCase


class RegionDataTests(CastTestCase):
    def test_parks_have_statistics_bureau_codes(self):
        parks = dict(Region.objects.filter(kind="park").values_list("code", "name"))
        self.assertEqual(set(parks), {"430371", "430372", "430373"})

    def test_aliases_resolve_to_their_regions(self):
        expected = {
            "高新区": "430371",
            "九华": "430373",
            "湘潭经开区": "430373",
            "昭山": "430372",
            "天易示范区": "430321",
        }
        for alias, code in expected.items():
            with self.subTest(alias=alias):
                self.assertEqual(RegionAlias.objects.get(alias=alias).region.code, code)

    def test_loading_twice_changes_nothing(self):
        count = AuditEvent.objects.count()
        self.assertEqual(services.load_regions(actor=system_user()), 0)
        self.assertEqual(AuditEvent.objects.count(), count)

    def test_prefix_covers_the_subtree(self):
        city = Region.objects.get(code="430300")
        self.assertEqual(city.prefix, "4303")
        self.assertTrue(all(r.code.startswith(city.prefix) for r in Region.objects.filter(parent=city)))


class AliasTests(CastTestCase):
    def test_office_adds_an_alias(self):
        services.add_region_alias(actor=self.office, alias="九华经济区", region=Region.objects.get(code="430373"))
        self.assertTrue(AuditEvent.objects.filter(action="org.region_alias.add").exists())

    def test_alias_that_is_a_region_name_is_refused(self):
        with self.assertRaises(DomainError):
            services.add_region_alias(actor=self.office, alias="雨湖区", region=Region.objects.get(code="430304"))

    def test_handler_may_not_add_aliases(self):
        with self.assertRaises(NotPermitted):
            services.add_region_alias(actor=self.handler, alias="某地", region=Region.objects.get(code="430304"))
