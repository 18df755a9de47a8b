from ducha.audit.models import AuditEvent
from ducha.enforcement.choices import CaseState, MaterialKind, OpinionKind, OpinionOutcome
from ducha.enforcement.models import CaseTransfer, TransferStep
from ducha.enforcement.services import cases, objections, police, procuratorate
from ducha.enforcement.tests.support import PDF, EnforcementTestCase, approved_case, open_case, transferred_case
from ducha.errors import DomainError, InvalidTransition, NotPermitted


class BureauStepsTests(EnforcementTestCase):
    def test_a_case_opened_by_a_handler_belongs_to_its_unit_and_region(self):
        case = open_case(self.handler)
        self.assertEqual((case.bureau, case.region_id, case.state), (self.unit_yuhu, "430302", CaseState.DRAFT))

    def test_reporting_starts_the_heads_three_days(self):
        case = cases.report_case(open_case(self.handler), actor=self.handler)
        self.assertEqual((case.state, case.clock), (CaseState.REPORTED, "head_decision"))
        self.assertIn("负责人作出是否批准移送的决定：3个工作日", case.due_explanation)

    def test_refusal_needs_its_reason_on_record(self):
        case = cases.report_case(open_case(self.handler), actor=self.handler)
        with self.assertRaises(DomainError) as caught:
            cases.refuse_transfer(case, actor=self.office, reason="  ")
        self.assertEqual(str(caught.exception.message), "请写明理由。")
        case = cases.refuse_transfer(case, actor=self.office, reason="情节轻微，给予行政处罚。")
        self.assertEqual((case.state, case.refusal_reason), (CaseState.REFUSED, "情节轻微，给予行政处罚。"))

    def test_the_handler_who_reports_cannot_approve(self):
        case = cases.report_case(open_case(self.handler), actor=self.handler)
        with self.assertRaises(NotPermitted):
            cases.approve_transfer(case, actor=self.handler)

    def test_approval_gives_twenty_four_hours_to_transfer(self):
        case = approved_case(self)
        self.assertEqual(case.clock, "transfer")
        self.assertIn("24小时", case.due_explanation)

    def test_the_transfer_numbers_the_letter_and_starts_the_polices_clock(self):
        case = open_case(self.handler)
        cases.add_material(case, actor=self.handler, kind=MaterialKind.TEST_REPORT, name="监测报告.pdf", content=PDF)
        case = cases.approve_transfer(cases.report_case(case, actor=self.handler), actor=self.office)
        case = cases.transfer_case(
            case, actor=self.handler, police_unit=self.units["police"], procuratorate=self.units["procuratorate"]
        )
        self.assertEqual(case.state, CaseState.TRANSFERRED)
        self.assertRegex(case.number, r"^湘环移〔\d{4}〕1号$")
        self.assertEqual((case.clock, len(case.document_sha256)), ("police_decision", 64))

    def test_a_case_not_approved_cannot_be_transferred(self):
        case = open_case(self.handler)
        with self.assertRaises(DomainError) as caught:
            cases.transfer_case(
                case, actor=self.handler, police_unit=self.units["police"], procuratorate=self.units["procuratorate"]
            )
        self.assertEqual(str(caught.exception.message), "该案件尚未经负责人批准移送，也没有待落实的建议移送检察意见。")

    def test_the_police_must_be_a_police_unit(self):
        case = approved_case(self)
        with self.assertRaises(DomainError) as caught:
            cases.transfer_case(
                case, actor=self.handler, police_unit=self.unit_office, procuratorate=self.units["procuratorate"]
            )
        self.assertEqual(caught.exception.field, "police_unit")

    def test_materials_are_checked_by_their_content(self):
        case = open_case(self.handler)
        with self.assertRaises(DomainError):
            cases.add_material(case, actor=self.handler, kind=MaterialKind.OTHER, name="a.pdf", content=b"MZ\x90")


class PoliceAndProsecutionTests(EnforcementTestCase):
    def test_the_whole_path_to_judgment_writes_one_step_per_move(self):
        case = transferred_case(self)
        case = police.accept_case(case, actor=self.police)
        self.assertEqual(case.clock, "police_decision")  # acceptance does not stop the 3 days
        case = police.file_case(case, actor=self.police)
        case = police.refer_prosecution(case, actor=self.police)
        case = procuratorate.indict_case(case, actor=self.procuratorate)
        case = procuratorate.record_judgment(case, actor=self.procuratorate, judgment="判处有期徒刑一年。")
        self.assertEqual((case.state, case.outcome), (CaseState.JUDGED, "判处有期徒刑一年。"))
        self.assertEqual(
            list(TransferStep.objects.filter(case=case).values_list("to_state", flat=True)),
            ["reported", "approved", "transferred", "accepted", "filed", "prosecution", "indicted", "judged"],
        )
        self.assertEqual(AuditEvent.objects.filter(action="enforcement.case.file").count(), 1)

    def test_not_filing_needs_written_reasons_and_gives_the_bureau_three_days(self):
        case = police.accept_case(transferred_case(self), actor=self.police)
        with self.assertRaises(DomainError):
            police.refuse_filing(case, actor=self.police, reasons="")
        case = police.refuse_filing(case, actor=self.police, reasons="未达到立案追诉标准。")
        self.assertEqual((case.state, case.materials_returned, case.clock), (CaseState.NOT_FILED, True, "objection"))

    def test_reconsideration_gives_the_police_three_days_again_and_may_end_in_filing(self):
        case = police.refuse_filing(transferred_case(self), actor=self.police, reasons="证据不足。")
        case = objections.request_reconsideration(case, actor=self.handler, reason="监测报告证明超标五倍。")
        self.assertEqual((case.state, case.clock), (CaseState.RECONSIDERATION, "police_decision"))
        case = police.file_case(case, actor=self.police)
        self.assertEqual(case.state, CaseState.FILED)

    def test_oversight_opinion_is_carried_out_when_the_police_file(self):
        case = police.refuse_filing(transferred_case(self), actor=self.police, reasons="证据不足。")
        case = objections.request_oversight(case, actor=self.handler, reason="请求立案监督。")
        opinion = procuratorate.issue_opinion(
            case, actor=self.procuratorate, kind=OpinionKind.OVERSIGHT, text="应当立案。"
        )
        police.file_case(case, actor=self.police)
        opinion.refresh_from_db()
        self.assertEqual(opinion.outcome, OpinionOutcome.CARRIED_OUT)
        self.assertRegex(opinion.number, r"^湘检两法〔\d{4}〕1号$")

    def test_a_suggestion_to_transfer_lets_a_refused_case_go_and_is_carried_out(self):
        case = cases.report_case(open_case(self.handler), actor=self.handler)
        case = cases.refuse_transfer(case, actor=self.office, reason="不构成犯罪。")
        opinion = procuratorate.issue_opinion(
            case, actor=self.procuratorate, kind=OpinionKind.SUGGEST_TRANSFER, text="建议移送公安机关。"
        )
        case.refresh_from_db()
        self.assertEqual(case.clock, "opinion_transfer")
        case = cases.transfer_case(
            case, actor=self.handler, police_unit=self.units["police"], procuratorate=self.units["procuratorate"]
        )
        opinion.refresh_from_db()
        self.assertEqual((case.state, opinion.outcome), (CaseState.TRANSFERRED, OpinionOutcome.CARRIED_OUT))

    def test_the_police_hand_a_case_back_for_administrative_penalty(self):
        case = police.return_for_penalty(transferred_case(self), actor=self.police, reason="不构成犯罪，应予行政处罚。")
        self.assertEqual((case.state, case.clock), (CaseState.RETURNED, ""))

    def test_a_non_prosecution_must_be_told_to_the_bureau_once(self):
        case = police.refer_prosecution(police.file_case(transferred_case(self), actor=self.police), actor=self.police)
        case = procuratorate.decline_prosecution(case, actor=self.procuratorate, reason="情节轻微。")
        self.assertEqual(case.clock, "non_prosecution_notice")
        case = procuratorate.notify_non_prosecution(case, actor=self.procuratorate)
        self.assertEqual(case.clock, "")
        with self.assertRaises(InvalidTransition):
            procuratorate.notify_non_prosecution(case, actor=self.procuratorate)

    def test_a_step_out_of_order_names_the_state(self):
        case = open_case(self.handler)
        with self.assertRaises(NotPermitted):
            police.file_case(case, actor=self.police)
        case = transferred_case(self)
        with self.assertRaises(InvalidTransition) as caught:
            police.refer_prosecution(case, actor=self.police)
        self.assertEqual(str(caught.exception.message), "移送案件当前为“已移送公安”，不能办理此环节。")
        self.assertEqual(CaseTransfer.objects.get(pk=case.pk).state, CaseState.TRANSFERRED)
