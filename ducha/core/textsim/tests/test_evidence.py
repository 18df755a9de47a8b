import doctest
import unittest

from ducha.core.textsim import evidence
from ducha.core.textsim.evidence import marked


def words(pieces):
    return [w for w, m in pieces if m]


class EvidenceTests(unittest.TestCase):
    def test_the_pieces_join_back_into_each_text(self):
        a, b = marked("石潭镇古城村养猪场，电话13800000000", "古城村的养殖场", region_a="430321", region_b="430321")
        self.assertEqual("".join(w for w, _ in a), "石潭镇古城村养猪场，电话13800000000")
        self.assertEqual("".join(w for w, _ in b), "古城村的养殖场")

    def test_a_village_and_its_town_are_marked_in_both_texts(self):
        a, b = marked("石潭镇有家养猪场", "石潭镇古城村的养殖场", region_a="430321", region_b="430321")
        self.assertEqual(words(a), ["石潭镇", "养猪场"])
        self.assertEqual(words(b), ["石潭镇古城村", "养殖场"])

    def test_two_villages_of_one_town_are_not_marked(self):
        a, b = marked("石潭镇古城村噪音", "石潭镇新合村噪音", region_a="430321", region_b="430321")
        self.assertEqual(words(a), ["石潭镇"])
        self.assertEqual(words(b), ["石潭镇"])

    def test_the_same_company_under_two_names_is_marked(self):
        a, b = marked("宏达砂石有限公司噪音扰民", "宏达砂场晚上开工", region_a="430321", region_b="430321")
        self.assertIn("宏达砂石有限公司", "".join(words(a)))
        self.assertIn("宏达砂场", "".join(words(b)))

    def test_kinds_of_site_of_different_families_are_not_marked(self):
        a, b = marked("歌厅噪音", "养猪场臭味")
        self.assertEqual((words(a), words(b)), ([], []))

    def test_the_module_example_holds(self):
        self.assertEqual(doctest.testmod(evidence).failed, 0)


class UnlistedNameTests(unittest.TestCase):
    def test_a_village_the_gazetteer_does_not_list_still_disagrees_with_another_village(self):
        a, b = marked("石潭镇古城村砂场晚上噪音", "石潭镇长山村某采石场无证开采", region_a="430321", region_b="430321")
        self.assertEqual(words(a)[0], "石潭镇")
        self.assertNotIn("古城村", "".join(words(a)))
