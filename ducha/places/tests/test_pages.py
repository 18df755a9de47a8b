from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ducha.places.models import Place, PlaceKind, SiteWord
from ducha.places.services.places import add_place
from ducha.places.tests.support import load_small, place
from ducha.testing import CastTestCase

LIST = reverse("places:place_list")


class PlacePageTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        load_small()

    def test_the_tree_shows_a_place_its_path_and_its_children(self):
        town = place("430321112")
        page = self.login(self.office).get(LIST, {"at": town.pk})
        self.assertContains(page, "湘潭县</a> › <strong>石潭镇</strong>", html=False)
        self.assertContains(page, "古城村民委员会")
        self.assertContains(page, 'id="place-add"')

    def test_the_search_finds_a_place_by_alias_with_its_path(self):
        village = place("430321112237")
        village.aliases = ["古城老村"]
        village.set_search_text()
        village.save()
        page = self.login(self.handler).get(LIST, {"q": "古城老"})
        self.assertContains(page, "湖南省 › 湘潭市 › 湘潭县 › 石潭镇")

    def test_a_handler_reads_the_tree_but_sees_no_forms_and_may_not_add(self):
        town = place("430321112")
        client = self.login(self.handler)
        page = client.get(LIST, {"at": town.pk})
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, 'id="place-add"')
        response = client.post(reverse("places:place_add", args=[town.pk]), {"kind": "road", "name": "石潭大道"})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Place.objects.filter(name="石潭大道").exists())

    def test_the_office_adds_a_landmark_from_the_page(self):
        village = place("430321112237")
        response = self.login(self.office).post(
            reverse("places:place_add", args=[village.pk]),
            {"kind": "landmark", "name": "古城水库", "aliases": "古城坝、水库坝"},
        )
        self.assertRedirects(response, f"{LIST}?at={village.pk}")
        self.assertEqual(Place.objects.get(name="古城水库").aliases, ["古城坝", "水库坝"])

    def test_a_refused_addition_shows_the_reason_on_the_form(self):
        county = place("430321")
        response = self.login(self.office).post(
            reverse("places:place_add", args=[county.pk]), {"kind": "section", "name": "涓水湘潭县段"}
        )
        self.assertContains(response, "河段须选择所在河流。", status_code=400)

    def test_the_office_adds_an_old_village_name_as_an_alias(self):
        village = place("430321112237")
        self.login(self.office).post(reverse("places:place_edit", args=[village.pk]), {"aliases": "古城老村"})
        self.assertEqual(place("430321112237").aliases, ["古城老村"])

    def test_the_tree_and_search_queries_do_not_grow_with_the_rows(self):
        town = place("430321112")
        client = self.login(self.office)

        def count(params):
            with CaptureQueriesContext(connection) as queries:
                client.get(LIST, params)
            return len(queries)

        few = (count({"at": town.pk}), count({"q": "石潭"}))
        for n in range(5):
            add_place(town, actor=self.office, kind=PlaceKind.ROAD, name=f"石潭{n}号路", river=None)
        self.assertEqual((count({"at": town.pk}), count({"q": "石潭"})), few)

    def test_the_office_removes_a_place_it_added(self):
        town = place("430321112")
        road = add_place(town, actor=self.office, kind=PlaceKind.ROAD, name="石潭大道")
        response = self.login(self.office).post(reverse("places:place_remove", args=[road.pk]))
        self.assertRedirects(response, f"{LIST}?at={town.pk}")
        self.assertFalse(Place.objects.filter(pk=road.pk).exists())

    def test_a_refused_removal_says_why_on_the_page(self):
        village = place("430321112237")
        response = self.login(self.office).post(reverse("places:place_remove", args=[village.pk]), follow=True)
        self.assertContains(response, "区划以统计用区划代码为准，不能删除。")

    def test_the_office_of_another_city_cannot_open_the_forms_there(self):
        page = self.login(self.office).get(LIST, {"at": place("430203001").pk})
        self.assertNotContains(page, 'id="place-add"')


class SiteKindPageTests(CastTestCase):
    def test_the_page_lists_the_shipped_families_until_one_is_changed(self):
        page = self.login(self.handler).get(reverse("places:site_kinds"))
        self.assertContains(page, "小冶炼")
        self.assertNotContains(page, 'id="family-add"')

    def test_the_office_adds_a_synonym(self):
        response = self.login(self.office).post(
            reverse("places:site_word_add"), {"family": "smelting", "word": "提锌作坊"}
        )
        self.assertRedirects(response, reverse("places:site_kinds"))
        self.assertEqual(SiteWord.objects.get(word="提锌作坊").family.label, "冶炼")

    def test_a_handler_may_not_add_a_synonym(self):
        response = self.login(self.handler).post(
            reverse("places:site_word_add"), {"family": "smelting", "word": "提锌作坊"}
        )
        self.assertEqual(response.status_code, 403)

    def test_the_office_removes_a_synonym(self):
        response = self.login(self.office).post(reverse("places:site_word_remove"), {"word": "罐车"})
        self.assertRedirects(response, reverse("places:site_kinds"))
        self.assertFalse(SiteWord.objects.filter(word="罐车").exists())

    def test_a_word_of_another_family_is_refused_on_the_page(self):
        response = self.login(self.office).post(reverse("places:site_word_add"), {"family": "night", "word": "小冶炼"})
        self.assertContains(response, "同义词已属于其他类别：小冶炼（冶炼）。", status_code=400)
