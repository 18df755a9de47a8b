from ducha.audit.models import AuditEvent
from ducha.errors import DomainError, NotPermitted
from ducha.places.models import LexiconStamp, Place, PlaceKind
from ducha.places.services.places import add_place, remove_place, update_place
from ducha.places.tests.support import load_small, place
from ducha.testing import CastTestCase


class PlaceServiceTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        load_small()

    def test_the_office_adds_a_landmark_under_a_village_and_it_is_audited(self):
        stamp = LexiconStamp.objects.get().stamp
        village = place("430321112237")
        added = add_place(village, actor=self.office, kind=PlaceKind.LANDMARK, name="古城水库", aliases=["古城坝"])
        self.assertEqual((added.parent, added.region_code, added.aliases), (village, "430321112237", ["古城坝"]))
        self.assertTrue(added.ref.startswith("x:landmark:"))
        self.assertNotEqual(LexiconStamp.objects.get().stamp, stamp)
        event = AuditEvent.objects.get(action="places.place.add")
        self.assertEqual(
            event.after,
            {"name": "古城水库", "kind": "landmark", "parent": "古城村民委员会", "aliases": ["古城坝"]},
        )

    def test_a_handler_may_not_add_a_place(self):
        with self.assertRaises(NotPermitted):
            add_place(place("430321112"), actor=self.handler, kind=PlaceKind.ROAD, name="石潭大道")

    def test_the_office_may_not_add_a_place_in_another_city(self):
        with self.assertRaises(NotPermitted):
            add_place(place("430203001"), actor=self.office, kind=PlaceKind.ROAD, name="建设中路")

    def test_a_section_names_its_river(self):
        with self.assertRaises(DomainError) as caught:
            add_place(place("430321"), actor=self.office, kind=PlaceKind.SECTION, name="涓水湘潭县段")
        self.assertEqual((caught.exception.message, caught.exception.field), ("河段须选择所在河流。", "river"))
        section = add_place(
            place("430321"), actor=self.office, kind=PlaceKind.SECTION, name="湘江湘潭县段", river=place("x:river:湘江")
        )
        self.assertEqual(section.river, place("x:river:湘江"))

    def test_only_roads_rivers_sections_parks_and_landmarks_are_added(self):
        with self.assertRaises(DomainError) as caught:
            add_place(place("430321112"), actor=self.office, kind=PlaceKind.VILLAGE, name="新村")
        self.assertEqual(caught.exception.message, "只能新增道路、河流、湖库、河段、园区或地标。")

    def test_two_places_of_one_name_under_one_parent_are_refused(self):
        add_place(place("430321112"), actor=self.office, kind=PlaceKind.ROAD, name="石潭大道")
        with self.assertRaises(DomainError) as caught:
            add_place(place("430321112"), actor=self.office, kind=PlaceKind.ROAD, name="石潭大道")
        self.assertEqual(caught.exception.message, "“石潭镇”下已有“石潭大道”。")

    def test_a_division_gets_aliases_but_keeps_its_official_name(self):
        village = update_place(place("430321112237"), actor=self.office, aliases=["古城老村", "古城片"])
        self.assertEqual(village.aliases, ["古城老村", "古城片"])
        self.assertIn("古城老村", village.search_text)
        event = AuditEvent.objects.get(action="places.place.update")
        self.assertEqual(event.before["aliases"], [])
        with self.assertRaises(DomainError) as caught:
            update_place(village, actor=self.office, name="古城村")
        self.assertEqual(caught.exception.message, "区划名称以统计用区划代码为准，不能修改；可添加别名。")

    def test_an_added_place_is_renamed(self):
        road = add_place(place("430321112"), actor=self.office, kind=PlaceKind.ROAD, name="石潭大道")
        self.assertEqual(update_place(road, actor=self.office, name="石潭大街").name, "石潭大街")

    def test_an_unchanged_save_writes_no_event(self):
        update_place(place("430321112"), actor=self.office, aliases=[])
        self.assertFalse(AuditEvent.objects.filter(action="places.place.update").exists())


class RemovePlaceTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        load_small()

    def test_an_added_place_is_removed_and_it_is_audited(self):
        road = add_place(place("430321112"), actor=self.office, kind=PlaceKind.ROAD, name="石潭大道")
        stamp = LexiconStamp.objects.get().stamp
        remove_place(road, actor=self.office)
        self.assertFalse(Place.objects.filter(name="石潭大道").exists())
        self.assertNotEqual(LexiconStamp.objects.get().stamp, stamp)
        self.assertEqual(
            AuditEvent.objects.get(action="places.place.remove").before,
            {"name": "石潭大道", "kind": "road", "parent": "石潭镇"},
        )

    def test_a_division_is_not_removed(self):
        with self.assertRaises(DomainError) as caught:
            remove_place(place("430321112237"), actor=self.office)
        self.assertEqual(caught.exception.message, "区划以统计用区划代码为准，不能删除。")

    def test_a_river_with_sections_is_not_removed(self):
        river = add_place(place("4303"), actor=self.office, kind=PlaceKind.RIVER, name="涓水")
        add_place(place("430321"), actor=self.office, kind=PlaceKind.SECTION, name="涓水花石段", river=river)
        with self.assertRaises(DomainError) as caught:
            remove_place(river, actor=self.office)
        self.assertEqual(caught.exception.message, "“涓水”下还有地名或河段，不能删除。")

    def test_a_handler_may_not_remove_a_place(self):
        road = add_place(place("430321112"), actor=self.office, kind=PlaceKind.ROAD, name="石潭大道")
        with self.assertRaises(NotPermitted):
            remove_place(road, actor=self.handler)
