from django.test import TestCase

from ducha.enforcement.choices import DeadlineStep
from ducha.enforcement.models import StatutoryDeadline, ThresholdCriterion


class SeededTablesTests(TestCase):
    def test_the_six_statutory_deadlines_are_rows_with_their_article(self):
        rows = {d.step: d for d in StatutoryDeadline.objects.all()}
        self.assertEqual(set(rows), set(DeadlineStep.values))
        self.assertEqual((rows["transfer"].amount, rows["transfer"].unit), (24, "hours"))
        self.assertIn("第五条", rows["head_decision"].article)

    def test_the_criteria_include_heavy_metals_over_three_times_the_standard(self):
        criterion = ThresholdCriterion.objects.get(code="heavy-metal-3x")
        self.assertIn("镉", criterion.terms("pollutants"))
        self.assertEqual(str(criterion.min_multiple), "3.00")
