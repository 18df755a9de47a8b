import io

import openpyxl

from ducha.core.documents.disclosure import DisclosureRow, write_disclosure

ROW = DisclosureRow(
    ref="D430000201705080001",
    text='=HYPERLINK("x") 举报人13812345678反映湘潭县某养猪场污水直排，身份证430302199001011234',
    region="湘潭县",
    pollution="水、大气",
    findings="经查属实，该场未建设污水处理设施。",
    veracity="属实",
    measures="责令停产整治，罚款5万元。",
    accountability="约谈场主1人",
)


def _sheet(rows):
    buf = io.BytesIO()
    write_disclosure(buf, title="交办件办理情况一览表（第1批）", rows=rows)
    buf.seek(0)
    return openpyxl.load_workbook(buf).active


def test_layout_has_a_merged_title_and_two_header_rows():
    ws = _sheet([ROW])
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "A1:I1" in merged and "F2:H2" in merged and "A2:A3" in merged
    assert ws["A1"].value == "交办件办理情况一览表（第1批）"
    assert [ws.cell(3, c).value for c in range(6, 9)] == ["调查核实情况", "是否属实", "处理和整改情况"]
    assert ws["B4"].value == "D430000201705080001"


def test_no_cell_is_a_formula():
    ws = _sheet([ROW])
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    assert ws["C4"].value.startswith("=HYPERLINK")


def test_phone_and_id_numbers_in_text_are_redacted():
    ws = _sheet([ROW])
    text = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "13812345678" not in text and "430302199001011234" not in text
    assert "138****5678" in text
