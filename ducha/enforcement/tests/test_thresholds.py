from decimal import Decimal

from ducha.enforcement.models import ThresholdCriterion
from ducha.enforcement.services import tables
from ducha.enforcement.tests.support import EnforcementTestCase, open_case


class ThresholdHintTests(EnforcementTestCase):
    def test_cadmium_over_three_times_the_standard_is_flagged_with_its_criterion(self):
        case = open_case(self.handler, facts="超标排放。", pollutant="镉", exceedance_multiple=Decimal("3.5"))
        self.assertTrue(case.flagged)
        self.assertEqual(
            case.threshold_hits,
            [
                {
                    "code": "heavy-metal-3x",
                    "name": "排放重金属超过标准三倍以上",
                    "reason": "镉超标3.5倍（标准：3倍以上）",
                }
            ],
        )

    def test_a_hidden_pipe_in_the_facts_meets_the_hidden_discharge_criterion(self):
        case = open_case(self.handler, facts="企业私设暗管排放废水。", pollutant="", exceedance_multiple=None)
        self.assertEqual([h["code"] for h in case.threshold_hits], ["hidden-pipe"])

    def test_a_repeat_offender_with_two_penalties_in_two_years_is_flagged(self):
        case = open_case(self.handler, facts="超标排放。", pollutant="", exceedance_multiple=None, prior_penalties=2)
        self.assertEqual([h["reason"] for h in case.threshold_hits], ["两年内已受行政处罚2次（标准：2次以上）"])

    def test_a_case_below_every_criterion_is_not_flagged_and_stays_a_draft(self):
        case = open_case(self.handler, facts="超标排放。", pollutant="镉", exceedance_multiple=Decimal("1.2"))
        self.assertEqual((case.flagged, case.state), (False, "draft"))

    def test_the_office_adds_a_criterion(self):
        criterion = ThresholdCriterion(
            code="fuel", name="倾倒危险废物", kind="keywords", keywords="危险废物", basis="法释"
        )
        tables.save_criterion(criterion, actor=self.office)
        case = open_case(self.handler, facts="倾倒危险废物三吨。", pollutant="", exceedance_multiple=None)
        self.assertIn("fuel", [h["code"] for h in case.threshold_hits])
