from django.urls import reverse
from django.utils import timezone

from ducha.complaints.tests.test_pages_support import make_inspection
from ducha.dashboard.engine import measures, registry, scope_for_region, scope_for_user
from ducha.enforcement.services import cases, police, procuratorate
from ducha.enforcement.tests.support import EnforcementTestCase, moment, open_case, transferred_case


class EnforcementFiguresTests(EnforcementTestCase):
    def setUp(self):
        super().setUp()
        self.inspection = make_inspection(self.office)

    def case(self, **over):
        return open_case(self.handler, inspection=self.inspection, **over)

    def transferred(self, at=None):
        case = cases.approve_transfer(
            cases.report_case(self.case(), actor=self.handler, at=at), actor=self.office, at=at
        )
        return cases.transfer_case(
            case, actor=self.handler, police_unit=self.units["police"], procuratorate=self.units["procuratorate"], at=at
        )

    def test_transfers_accepted_filed_and_not_filed_are_counted(self):
        police.file_case(police.accept_case(self.transferred(), actor=self.police), actor=self.police)
        case = police.refuse_filing(self.transferred(), actor=self.police, reasons="证据不足。")
        procuratorate.issue_opinion(case, actor=self.procuratorate, kind="oversight", text="应当立案。")
        self.case()  # flagged, kept
        scope = scope_for_region(self.inspection, timezone.localdate())
        figures = registry().figures["enforcement"](scope)
        self.assertEqual(
            {k: figures[k] for k in ("cases", "transferred", "accepted", "filed", "not_filed", "flagged_kept")},
            # a decision on filing implies the case was received: both count as accepted
            {"cases": 3, "transferred": 2, "accepted": 2, "filed": 1, "not_filed": 1, "flagged_kept": 1},
        )
        self.assertEqual(registry().figures["enforcement_opinions"](scope)["pending"], 1)

    def test_each_figure_is_the_length_of_its_list(self):
        self.transferred(at=moment(2026, 1, 5, 9, 0))  # the police's 3 days long past
        scope = scope_for_user(self.office, self.inspection, timezone.localdate())
        figures = registry().figures["enforcement"](scope)
        self.assertEqual(figures["overdue"], 1)
        self.assertEqual(measures()["enforcement.overdue"].rows(scope).count(), 1)
        page = self.login(self.office).get(
            reverse("figure_list") + f"?measure=enforcement.overdue&inspection={self.inspection.code}"
        )
        self.assertContains(page, 'data-total="1"')

    def test_the_reconciliation_shows_the_difference(self):
        scope = scope_for_region(self.inspection, timezone.localdate())
        figures = registry().figures["enforcement_reconciliation"](scope)
        self.assertEqual(figures["difference"], figures["complaint_criminal_cases"] - figures["filed_from_complaints"])

    def test_a_case_without_an_inspection_is_not_on_the_board(self):
        transferred_case(self)
        scope = scope_for_region(self.inspection, timezone.localdate())
        self.assertEqual(registry().figures["enforcement"](scope)["cases"], 0)
