"""Supervision notices (督办单) as Word documents, pure: docxtpl fills a template.

The default template (templates/supervision_notice.docx, made by
scripts/make_notice_template.py) follows GB/T 9704's red-header layout; the office can
replace it with its own as long as the {{ }} fields stay. Values are escaped by
docxtpl (autoescape), so text from a complaint cannot break the document's XML.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import BinaryIO

from docxtpl import DocxTemplate

DEFAULT_TEMPLATE = Path(__file__).parent / "templates" / "supervision_notice.docx"


@dataclass(frozen=True)
class NoticeItem:
    kind: str  # 信访件 / 整改任务
    title: str
    ref: str
    due: str
    state: str


# The template's fixed words, as fields so the document follows the reader's language;
# an office template that writes them out still works.
LABELS = {"title": "通知书", "no": "序号", "item": "事项", "ref": "编号", "due": "期限", "state": "逾期情况"}


@dataclass(frozen=True)
class Notice:
    issuer: str  # 湘潭市生态环境保护委员会办公室
    issuer_short: str  # 市环委办
    number: str  # 湘环督〔2026〕12号
    level_label: str  # 督办 / 重点督办 / 挂牌督办
    addressee: str
    body: str
    reply_by: str  # 2026年12月5日
    issued_on: str
    items: list[NoticeItem] = field(default_factory=list)
    reply_line: str = ""  # 请于…前将整改落实情况书面报送…。
    labels: dict[str, str] = field(default_factory=lambda: dict(LABELS))


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def document_number(prefix: str, year: int, sequence: int) -> str:
    """湘环督〔2026〕12号: the year in 〔〕 (GB/T 9704), the sequence without padding."""
    return f"{prefix}〔{year}〕{sequence}号"


def render_notice(notice: Notice, target: str | Path | BinaryIO, template: str | Path | None = None) -> None:
    doc = DocxTemplate(str(template or DEFAULT_TEMPLATE))
    context = asdict(notice)
    doc.render(context, autoescape=True)
    doc.save(target)
