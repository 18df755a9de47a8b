"""The repeat queue decided in bulk (all or none, one audited decision each), both texts
shown with the shared words marked, and every complaint compared again after the
office added a place."""

from decimal import Decimal

from django.urls import reverse

from ducha.audit.models import AuditEvent
from ducha.complaints.models import Complaint, RepeatSuggestion, SuggestionStatus
from ducha.complaints.services import repeat_queue, repeats, visits
from ducha.complaints.tests.test_pages_support import make_inspection
from ducha.errors import Conflict, DomainError
from ducha.org.models import Region
from ducha.places.models import PlaceKind
from ducha.places.services.places import add_place
from ducha.places.tests.support import load_small, place
from ducha.testing import CastTestCase

DECIDE = reverse("complaints:decide_repeats")
TEXTS = [
    "湘潭县金鸡岭水库边上有人晚上倾倒垃圾，臭气熏天",
    "金鸡岭坝那里经常有车来偷倒东西，污染水库",
    "雨湖区和平桥社区歌厅噪音扰民",
    "和平桥社区夜场晚上音乐太吵",
]


class RepeatQueueTestCase(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.inspection = make_inspection(cls.office)
        county, district = Region.objects.get(code="430321"), Region.objects.get(code="430302")
        cls.complaints = [
            visits.create_complaint_from_visit(
                actor=cls.supervisor, inspection=cls.inspection, text=text, region=county if n < 2 else district
            )
            for n, text in enumerate(TEXTS)
        ]

    def suggest(self, complaint, candidate, reasons=("同一村",)) -> RepeatSuggestion:
        return RepeatSuggestion.objects.create(
            complaint=complaint, candidate=candidate, score=Decimal("0.8"), reasons=list(reasons)
        )


class BulkDecisionTests(RepeatQueueTestCase):
    def test_two_suggestions_are_rejected_at_once_each_with_its_event(self):
        a, b, c, d = self.complaints
        first, second = self.suggest(b, a), self.suggest(d, c)
        repeat_queue.decide_repeats([first, second], actor=self.office, decision="reject")
        self.assertEqual(set(RepeatSuggestion.objects.values_list("status", flat=True)), {SuggestionStatus.REJECTED})
        self.assertEqual(AuditEvent.objects.filter(action="complaints.repeat.reject").count(), 2)
        self.assertIsNone(Complaint.objects.get(pk=b.pk).repeat_of)

    def test_one_suggestion_decided_elsewhere_leaves_all_undecided(self):
        a, b, c, d = self.complaints
        first, second = self.suggest(b, a), self.suggest(d, c)
        repeats.reject_repeat(second, actor=self.office)
        with self.assertRaises(Conflict):
            repeat_queue.decide_repeats([first, second], actor=self.office, decision="confirm")
        self.assertEqual(RepeatSuggestion.objects.get(pk=first.pk).status, SuggestionStatus.OPEN)
        self.assertIsNone(Complaint.objects.get(pk=b.pk).repeat_of)

    def test_one_complaint_is_confirmed_against_one_original_only(self):
        a, b, c, d = self.complaints
        with self.assertRaises(DomainError) as caught:
            repeat_queue.decide_repeats([self.suggest(d, a), self.suggest(d, c)], actor=self.office, decision="confirm")
        self.assertEqual(caught.exception.message, f"一件信访件只能确认一个原件：{d.ref}。")

    def test_the_page_confirms_the_ticked_suggestions_and_swaps_the_queue(self):
        a, b, c, d = self.complaints
        first, second = self.suggest(b, a), self.suggest(d, c)
        response = self.login(self.office).post(
            DECIDE, {"suggestions": [first.pk, second.pk], "decision": "confirm"}, HTTP_HX_REQUEST="true"
        )
        self.assertContains(response, "已确认 2 条重复件提示。")
        self.assertContains(response, "暂无待确认的重复件")
        self.assertEqual(Complaint.objects.get(pk=b.pk).repeat_of, a)
        self.assertEqual(Complaint.objects.get(pk=d.pk).repeat_of, c)

    def test_without_htmx_the_page_redirects_to_the_queue_with_the_outcome(self):
        a, b, *_ = self.complaints
        first = self.suggest(b, a)
        response = self.login(self.office).post(DECIDE, {"suggestions": [first.pk], "decision": "reject"}, follow=True)
        self.assertRedirects(response, reverse("complaints:queue") + "?tab=repeats")
        self.assertContains(response, "已否定 1 条重复件提示。")

    def test_nothing_ticked_is_refused_with_a_message(self):
        self.suggest(self.complaints[1], self.complaints[0])
        response = self.login(self.office).post(DECIDE, {"decision": "reject"}, HTTP_HX_REQUEST="true")
        self.assertContains(response, "请先勾选重复件提示。", status_code=400)

    def test_a_handler_may_not_decide(self):
        first = self.suggest(self.complaints[1], self.complaints[0])
        response = self.login(self.handler).post(DECIDE, {"suggestions": [first.pk], "decision": "reject"})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(RepeatSuggestion.objects.get(pk=first.pk).status, SuggestionStatus.OPEN)

    def test_the_queue_shows_both_texts_with_the_shared_words_marked_and_links_the_earlier_case(self):
        a, b, c, d = self.complaints
        self.suggest(d, c, reasons=["同一社区：和平桥社区", "同类场所：夜间娱乐"])
        page = self.login(self.office).get(reverse("complaints:queue") + "?tab=repeats")
        self.assertContains(page, "雨湖区<mark>和平桥社区歌厅</mark>噪音扰民", html=False)
        self.assertContains(page, "<mark>和平桥社区夜场</mark>晚上音乐太吵", html=False)
        self.assertContains(page, f'href="{reverse("complaints:complaint_detail", args=[c.pk])}" class="earlier"')


class RecomputeTests(RepeatQueueTestCase):
    def test_a_landmark_the_office_adds_brings_the_repeat_after_recomputing(self):
        a, b, *_ = self.complaints
        load_small()
        repeats.scan_repeats()
        self.assertFalse(RepeatSuggestion.objects.filter(complaint=b, candidate=a).exists())
        add_place(
            place("430321112"), actor=self.office, kind=PlaceKind.LANDMARK, name="金鸡岭水库", aliases=["金鸡岭坝"]
        )
        with self.captureOnCommitCallbacks(execute=True):  # the worker's scan, run here
            response = self.login(self.office).post(reverse("complaints:recompute_repeats"))
        self.assertRedirects(response, reverse("complaints:queue") + "?tab=repeats")
        suggestion = RepeatSuggestion.objects.get(complaint=b, candidate=a)
        self.assertIn("同一地点：金鸡岭坝", suggestion.reasons)  # as the later text writes it
        self.assertEqual(suggestion.status, SuggestionStatus.OPEN)  # suggested, never merged
        self.assertIsNone(Complaint.objects.get(pk=b.pk).repeat_of)
        event = AuditEvent.objects.get(action="complaints.repeats.recompute")
        self.assertEqual(event.after, {"complaints": 4})

    def test_decided_suggestions_stay_decided(self):
        a, b, *_ = self.complaints
        rejected = self.suggest(b, a)
        repeats.reject_repeat(rejected, actor=self.office)
        repeat_queue.recompute_repeats(actor=self.office)
        self.assertEqual(RepeatSuggestion.objects.get(pk=rejected.pk).status, SuggestionStatus.REJECTED)

    def test_a_handler_may_not_recompute(self):
        self.assertEqual(self.login(self.handler).post(reverse("complaints:recompute_repeats")).status_code, 403)
