from ducha.audit.models import AuditEvent
from ducha.errors import DomainError, NotPermitted
from ducha.places.models import SiteFamily, SiteWord
from ducha.places.services.site_kinds import add_site_family, add_site_word, remove_site_word, shipped_kinds
from ducha.testing import CastTestCase


class SiteKindTests(CastTestCase):
    def test_the_first_synonym_copies_the_shipped_families_then_adds_the_word(self):
        word = add_site_word("smelting", actor=self.office, word="提锌作坊")
        self.assertEqual(SiteFamily.objects.count(), len(shipped_kinds()["families"]))
        self.assertEqual((word.family.label, word.word), ("冶炼", "提锌作坊"))
        self.assertTrue(SiteWord.objects.filter(family__key="smelting", word="小冶炼").exists())
        event = AuditEvent.objects.get(action="places.site_word.add")
        self.assertEqual(event.after, {"family": "冶炼", "word": "提锌作坊"})

    def test_a_word_of_another_family_is_refused(self):
        with self.assertRaises(DomainError) as caught:
            add_site_word("night", actor=self.office, word="小冶炼")
        self.assertEqual(caught.exception.message, "同义词已属于其他类别：小冶炼（冶炼）。")

    def test_a_new_family_with_its_words(self):
        family = add_site_family(actor=self.office, label="光伏", words=["光伏板厂", "光伏电站"])
        self.assertEqual(family.key, "office-1")
        self.assertEqual(list(family.words.values_list("word", flat=True)), ["光伏板厂", "光伏电站"])
        self.assertEqual(AuditEvent.objects.get(action="places.site_family.add").after["label"], "光伏")

    def test_a_family_label_in_use_is_refused(self):
        with self.assertRaises(DomainError) as caught:
            add_site_family(actor=self.office, label="冶炼", words=["炼铁"])
        self.assertEqual(caught.exception.message, "已有场所类别“冶炼”。")

    def test_a_handler_may_not_extend_the_site_kinds(self):
        with self.assertRaises(NotPermitted):
            add_site_word("smelting", actor=self.handler, word="提锌作坊")
        self.assertFalse(SiteFamily.objects.exists())

    def test_a_word_is_removed_from_its_family(self):
        self.assertEqual(remove_site_word("罐车", actor=self.office), "搅拌站")
        self.assertFalse(SiteWord.objects.filter(word="罐车").exists())
        self.assertEqual(
            AuditEvent.objects.get(action="places.site_word.remove").before, {"family": "搅拌站", "word": "罐车"}
        )

    def test_a_family_keeps_its_last_word(self):
        family = add_site_family(actor=self.office, label="光伏", words=["光伏板厂"])
        with self.assertRaises(DomainError) as caught:
            remove_site_word("光伏板厂", actor=self.office)
        self.assertEqual(caught.exception.message, "“光伏”只剩这一个同义词，不能删除。")
        self.assertEqual(family.words.count(), 1)

    def test_an_unknown_word_is_named(self):
        with self.assertRaises(DomainError) as caught:
            remove_site_word("不存在的词", actor=self.office)
        self.assertEqual(caught.exception.message, "没有同义词“不存在的词”。")
