import io

from docx import Document

from ducha import store
from ducha.enforcement.choices import MaterialKind, OpinionKind
from ducha.enforcement.services import cases, police, procuratorate
from ducha.enforcement.tests.support import PDF, EnforcementTestCase, approved_case, open_case, transferred_case


def text_of(path: str) -> str:
    with store.open(path) as handle:  # files are sealed at rest: read the plain stream whole
        doc = Document(io.BytesIO(handle.read()))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


class TransferDocumentTests(EnforcementTestCase):
    def test_the_transfer_letter_is_word_with_its_number_party_and_materials(self):
        case = open_case(self.handler)
        cases.add_material(case, actor=self.handler, kind=MaterialKind.TEST_REPORT, name="监测报告.pdf", content=PDF)
        case = cases.approve_transfer(cases.report_case(case, actor=self.handler), actor=self.office)
        case = cases.transfer_case(
            case, actor=self.handler, police_unit=self.units["police"], procuratorate=self.units["procuratorate"]
        )
        text = text_of(case.document)
        for expected in (case.number, "涉嫌犯罪案件移送书", "湘潭某化工有限公司涉嫌污染环境罪一案", "监测报告.pdf"):
            self.assertIn(expected, text)
        self.assertIn("抄送：湘潭市人民检察院", text)

    def test_numbers_run_on_through_the_year(self):
        first, second = transferred_case(self), transferred_case(self)
        self.assertEqual(int(second.number.split("〕")[1][:-1]), int(first.number.split("〕")[1][:-1]) + 1)

    def test_the_opinion_is_word_addressed_to_the_police_for_oversight(self):
        case = police.refuse_filing(transferred_case(self), actor=self.police, reasons="证据不足。")
        opinion = procuratorate.issue_opinion(
            case, actor=self.procuratorate, kind=OpinionKind.OVERSIGHT, text="应当立案。"
        )
        text = text_of(opinion.document)
        for expected in ("检察意见书", opinion.number, "湘潭市公安局环境违法侦察支队：", "应当立案。"):
            self.assertIn(expected, text)

    def test_a_suggestion_to_transfer_is_addressed_to_the_bureau(self):
        case = approved_case(self)
        opinion = procuratorate.issue_opinion(
            case, actor=self.procuratorate, kind=OpinionKind.SUGGEST_TRANSFER, text="建议移送。"
        )
        self.assertIn("雨湖区人民政府：", text_of(opinion.document))
