"""Enforcement's two documents as Word, pure: the 涉嫌犯罪案件移送书 (to the police,
with its materials list) and the 检察意见书. docxtpl fills templates in the
supervision notice's 公文 layout (made by scripts/make_enforcement_templates.py); the
office may replace them keeping the {{ }} fields. Values are escaped (autoescape)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import BinaryIO

from docxtpl import DocxTemplate

TEMPLATES = Path(__file__).parent / "templates"
TRANSFER_TEMPLATE = TEMPLATES / "transfer_letter.docx"
OPINION_TEMPLATE = TEMPLATES / "procuratorate_opinion.docx"


@dataclass(frozen=True)
class Material:
    kind: str  # 涉嫌犯罪案件调查报告 …
    name: str
    sha256: str


@dataclass(frozen=True)
class TransferLetter:
    issuer: str  # 湘潭市生态环境局
    number: str  # 湘环移〔2026〕3号
    addressee: str  # the police unit
    copy_to: str  # the procuratorate
    party: str
    offence: str
    facts: str
    penalty_case_number: str
    issued_on: str  # 2026年12月1日
    materials: list[Material] = field(default_factory=list)


@dataclass(frozen=True)
class Opinion:
    issuer: str  # 湘潭市人民检察院
    number: str  # 湘检两法〔2026〕1号
    addressee: str
    party: str
    offence: str
    case_number: str
    text: str
    request: str  # what the addressee is to do, and by when
    issued_on: str


def _render(data, template: Path, target: str | Path | BinaryIO) -> None:
    doc = DocxTemplate(str(template))
    doc.render(asdict(data), autoescape=True)
    doc.save(target)


def render_transfer_letter(letter: TransferLetter, target, template: str | Path | None = None) -> None:
    _render(letter, Path(template or TRANSFER_TEMPLATE), target)


def render_opinion(opinion: Opinion, target, template: str | Path | None = None) -> None:
    _render(opinion, Path(template or OPINION_TEMPLATE), target)
