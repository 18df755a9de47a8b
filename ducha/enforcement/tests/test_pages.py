from django.urls import reverse

from ducha.complaints.tests.test_pages_support import sample_complaint
from ducha.enforcement.choices import CaseState
from ducha.enforcement.models import CaseTransfer, ProcuratorateOpinion, StatutoryDeadline
from ducha.enforcement.services import cases, police
from ducha.enforcement.tests.support import EnforcementTestCase, moment, open_case, transferred_case


class PartyPagesTests(EnforcementTestCase):
    def test_the_police_queue_lists_the_case_transferred_to_them(self):
        case = transferred_case(self)
        open_case(self.handler, party_name="未移送的公司")
        page = self.login(self.police).get(reverse("enforcement:case_list") + "?queue=police")
        self.assertContains(page, case.number)
        self.assertNotContains(page, "未移送的公司")

    def test_the_police_record_filing_on_the_case_page(self):
        case = transferred_case(self)
        page = self.login(self.police).get(reverse("enforcement:case_detail", args=[case.pk]))
        self.assertContains(page, 'data-step="file"')
        response = self.client.post(
            reverse("enforcement:police_step", args=[case.pk]), {"step": "file", "text": "经审查，决定立案侦查。"}
        )
        self.assertRedirects(response, reverse("enforcement:case_detail", args=[case.pk]))
        self.assertEqual(CaseTransfer.objects.get(pk=case.pk).state, CaseState.FILED)

    def test_not_filing_without_reasons_is_refused_on_the_form(self):
        case = transferred_case(self)
        response = self.login(self.police).post(
            reverse("enforcement:police_step", args=[case.pk]), {"step": "refuse_filing", "text": ""}
        )
        self.assertContains(response, "请写明理由。", status_code=400)

    def test_the_procuratorate_issues_an_opinion_on_a_case_the_police_did_not_file(self):
        case = police.refuse_filing(transferred_case(self), actor=self.police, reasons="证据不足。")
        response = self.login(self.procuratorate).post(
            reverse("enforcement:procuratorate_step", args=[case.pk]),
            {"step": "opinion", "kind": "oversight", "text": "请说明不立案理由。"},
        )
        self.assertEqual(response.status_code, 302)
        opinion = ProcuratorateOpinion.objects.get(case=case)
        self.assertEqual((opinion.kind, CaseTransfer.objects.get(pk=case.pk).state), ("oversight", "oversight"))
        self.assertEqual(self.client.get(reverse("enforcement:opinion_download", args=[opinion.pk])).status_code, 200)

    def test_the_police_cannot_use_the_bureaus_steps(self):
        case = transferred_case(self)
        response = self.login(self.police).post(reverse("enforcement:bureau_step", args=[case.pk]), {"step": "report"})
        self.assertEqual(response.status_code, 403)

    def test_a_handler_of_another_district_gets_404(self):
        case = open_case(self.handler)
        self.assertEqual(
            self.login(self.handler2).get(reverse("enforcement:case_detail", args=[case.pk])).status_code, 404
        )

    def test_a_late_decision_shows_red_with_its_explanation(self):
        case = cases.report_case(open_case(self.handler), actor=self.handler, at=moment(2026, 9, 30, 10, 0))
        cases.approve_transfer(case, actor=self.office, at=moment(2026, 10, 12, 9, 0))
        page = self.login(self.office).get(reverse("enforcement:case_detail", args=[case.pk]))
        self.assertContains(page, '<tr class="late">')
        self.assertContains(page, "超过法定时限")
        self.assertContains(page, "跳过国庆节假期10月1日—7日，10月10日调休上班")

    def test_an_overdue_clock_is_red_in_the_list(self):
        cases.report_case(open_case(self.handler), actor=self.handler, at=moment(2026, 1, 5, 9, 0))
        page = self.login(self.office).get(reverse("enforcement:case_list") + "?overdue=1")
        self.assertContains(page, "已超过法定时限")
        self.assertContains(page, "负责人作出是否批准移送的决定：3个工作日")

    def test_a_new_case_from_a_complaint_is_flagged_and_never_shows_the_complainant(self):
        complaint = sample_complaint(self)
        response = self.login(self.office).post(
            reverse("enforcement:case_create"),
            {
                "party_kind": "unit",
                "party_name": "某冶炼厂",
                "offence": "pollution",
                "facts": "通过渗井排放含铅废水。",
                "prior_penalties": 0,
                "complaint_ref": complaint.ref,
            },
        )
        case = CaseTransfer.objects.get(party_name="某冶炼厂")
        self.assertRedirects(response, reverse("enforcement:case_detail", args=[case.pk]))
        self.assertEqual((case.complaint, case.source, case.flagged), (complaint, "complaint", True))
        for user in (self.office, self.procuratorate):
            page = self.login(user).get(reverse("enforcement:case_detail", args=[case.pk]))
            self.assertContains(page, complaint.ref)
            for secret in (complaint.complainant_name, complaint.complainant_phone):
                if secret:
                    self.assertNotContains(page, secret)

    def test_the_tables_are_pages_the_office_edits(self):
        self.assertContains(self.login(self.police).get(reverse("enforcement:deadline_list")), "第八条")
        edit = reverse("enforcement:deadline_edit", args=[StatutoryDeadline.objects.get(step="transfer").pk])
        self.assertNotContains(self.client.get(reverse("enforcement:deadline_list")), edit)
        self.assertContains(self.login(self.office).get(reverse("enforcement:deadline_list")), edit)
        self.assertContains(self.login(self.office).get(reverse("enforcement:criterion_list")), "暗管")


class LiaisonHomeTests(EnforcementTestCase):
    def test_the_police_home_card_counts_their_queue(self):
        transferred_case(self)
        page = self.login(self.police).get(reverse("home"))
        self.assertContains(page, "待公安机关办理")
        self.assertContains(page, reverse("enforcement:case_list") + "?queue=police")


class ReconciliationOnTheListTests(EnforcementTestCase):
    def test_the_office_sees_the_difference_with_the_complaint_reports(self):
        page = self.login(self.office).get(reverse("enforcement:case_list"))
        self.assertContains(page, 'id="reconciliation"')
        self.assertContains(page, "差额0件")

    def test_the_police_see_no_complaint_figures(self):
        self.assertNotContains(self.login(self.police).get(reverse("enforcement:case_list")), 'id="reconciliation"')

    def test_the_list_makes_the_same_queries_for_two_cases_as_for_six(self):
        for _ in range(2):
            transferred_case(self)
        self.login(self.office)
        url = reverse("enforcement:case_list")
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as few:
            self.client.get(url)
        for _ in range(4):
            transferred_case(self)
        with CaptureQueriesContext(connection) as many:
            self.client.get(url)
        self.assertEqual(len(many), len(few))
