from ducha.core.textsim import Gazetteer, default_gazetteer, default_lexicon, extract
from ducha.core.textsim.gazetteer import read_extra
from ducha.places import lexicon
from ducha.places.models import PlaceKind
from ducha.places.services.places import add_place
from ducha.places.services.site_kinds import add_site_word
from ducha.places.tests.support import ROWS, load_small, place
from ducha.testing import CastTestCase


class CurrentLexiconTests(CastTestCase):
    def test_empty_tables_give_the_shipped_gazetteer_and_site_kinds(self):
        now = lexicon.current()
        self.assertTrue(now.from_files)
        self.assertIs(now.gazetteer, default_gazetteer())
        self.assertIs(now.lexicon, default_lexicon())

    def test_the_loaded_places_build_the_gazetteer_the_core_builds_from_the_same_file(self):
        load_small()
        rows = [tuple(line.split(",")) for line in ROWS.strip().splitlines()[1:]]
        extra = read_extra()
        codes = dict(rows)
        extra["aliases"] = {c: a for c, a in extra["aliases"].items() if c in codes}
        # the shipped places within a division not loaded stay out of the table
        extra["places"] = [p for p in extra["places"] if set(p["within"]) & set(codes)]
        expected = Gazetteer.from_divisions(rows, extra)
        built = lexicon.current().gazetteer
        self.assertEqual(built.nodes, expected.nodes)
        self.assertEqual(built.surfaces, expected.surfaces)

    def test_one_build_per_stamp(self):
        load_small()
        first = lexicon.current()
        self.assertIs(lexicon.current(), first)
        add_place(place("430321112237"), actor=self.office, kind=PlaceKind.LANDMARK, name="古城水库")
        second = lexicon.current()
        self.assertIsNot(second, first)
        self.assertNotEqual(second.stamp, first.stamp)

    def test_an_added_landmark_is_found_in_a_text(self):
        load_small()
        add_place(
            place("430321112237"), actor=self.office, kind=PlaceKind.LANDMARK, name="古城水库", aliases=["古城坝"]
        )
        now = lexicon.current()
        f = extract("古城坝旁边有人倒垃圾", region="430321", gazetteer=now.gazetteer, lexicon=now.lexicon)
        landmark = place("430321112237").children.get().ref
        self.assertIn(landmark, {i for p in f.places for i in p.ids})

    def test_an_added_synonym_names_its_family(self):
        text = "村里有个提锌作坊晚上冒黑烟"
        self.assertNotIn("smelting", extract(text).kinds)
        add_site_word("smelting", actor=self.office, word="提锌作坊")
        now = lexicon.current()
        self.assertIn("smelting", extract(text, gazetteer=now.gazetteer, lexicon=now.lexicon).kinds)
