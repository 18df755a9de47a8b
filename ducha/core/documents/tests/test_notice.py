import io
import shutil
import subprocess

import pytest
from docx import Document

from ducha.core.documents.notice import Notice, NoticeItem, document_number, render_notice

NOTICE = Notice(
    issuer="湘潭市生态环境保护委员会办公室",
    issuer_short="市环委办",
    number=document_number("湘环督", 2026, 12),
    level_label="挂牌督办",
    addressee="雨湖区人民政府",
    body="你单位承办的下列事项已逾期，现予挂牌督办。",
    reply_by="2026年12月5日",
    issued_on="2026年11月25日",
    items=[
        NoticeItem("信访件", "长城乡某养猪场污水直排 <script>&", "D430000202611010001", "2026年11月20日", "逾期5天"),
        NoticeItem("整改任务", "湘江沿岸码头整治", "3-2", "2026年10月31日", "逾期25天"),
    ],
)


def _render() -> bytes:
    buf = io.BytesIO()
    render_notice(NOTICE, buf)
    return buf.getvalue()


def test_document_number_follows_the_yearly_sequence_form():
    assert document_number("湘环督", 2026, 12) == "湘环督〔2026〕12号"


def test_items_fill_the_table_one_row_each():
    doc = Document(io.BytesIO(_render()))
    table = doc.tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["序号", "事项", "编号", "期限", "逾期情况"]
    assert rows[1][:3] == ["1", "信访件：长城乡某养猪场污水直排 <script>&", "D430000202611010001"]
    assert rows[2][0] == "2" and rows[2][2] == "3-2"
    assert len(rows) == 3


def test_header_number_and_addressee_are_filled():
    text = "\n".join(p.text for p in Document(io.BytesIO(_render())).paragraphs)
    assert "湘潭市生态环境保护委员会办公室" in text
    assert "湘环督〔2026〕12号" in text
    assert "挂牌督办通知书" in text
    assert "雨湖区人民政府：" in text
    assert "{{" not in text


def test_libreoffice_opens_it(tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) not installed; .ci/run installs it")
    path = tmp_path / "notice.docx"
    path.write_bytes(_render())
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "txt:Text",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = (tmp_path / "notice.txt").read_text(encoding="utf-8-sig")
    assert "湘环督〔2026〕12号" in text and "D430000202611010001" in text
