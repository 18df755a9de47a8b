from django.http import Http404

from ducha.enforcement.models import CaseTransfer
from ducha.enforcement.services import cases
from ducha.enforcement.tests.support import EnforcementTestCase, open_case, transferred_case
from ducha.errors import NotPermitted
from ducha.org import scoping


def seen(user):
    return set(scoping.visible_to(user, CaseTransfer).values_list("pk", flat=True))


class EachPartyItsOwnViewTests(EnforcementTestCase):
    def test_the_bureau_sees_its_cases_and_another_district_gets_404(self):
        case = open_case(self.handler)
        self.assertEqual(seen(self.handler), {case.pk})
        with self.assertRaises(Http404):
            scoping.get_for(self.handler2, CaseTransfer, case.pk)

    def test_the_police_see_only_what_was_transferred_to_their_unit(self):
        kept = open_case(self.handler)
        sent = transferred_case(self)
        self.assertEqual(seen(self.police), {sent.pk})
        self.assertNotIn(kept.pk, seen(self.police))

    def test_the_procuratorate_sees_transfers_and_flagged_cases_the_bureau_kept(self):
        flagged = open_case(self.handler)
        plain = open_case(self.handler, facts="夜间施工噪声扰民。", pollutant="", exceedance_multiple=None)
        sent = transferred_case(self)
        self.assertTrue(flagged.flagged)
        self.assertFalse(plain.flagged)
        self.assertEqual(seen(self.procuratorate), {flagged.pk, sent.pk})

    def test_the_office_sees_every_case_of_its_region(self):
        a, b = open_case(self.handler), open_case(self.handler2)
        self.assertEqual(seen(self.office), {a.pk, b.pk})

    def test_a_handler_of_another_district_cannot_act_on_the_case(self):
        case = open_case(self.handler)
        with self.assertRaises(NotPermitted):
            cases.report_case(case, actor=self.handler2)

    def test_people_outside_the_area_see_nothing(self):
        open_case(self.handler)
        self.assertEqual(seen(self.auditor) | seen(self.stranger), set())
