"""The 准入 check report (符合性分析报告) as a Word document, pure: docxtpl fills a template.

The default template (templates/siting_report.docx, made by scripts/make_siting_template.py)
takes its labels from the context, so the caller decides the language; the office can
replace it with its own as long as the {{ }} fields stay. Values are escaped by docxtpl.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import BinaryIO

from docxtpl import DocxTemplate

DEFAULT_TEMPLATE = Path(__file__).parent / "templates" / "siting_report.docx"


@dataclass(frozen=True)
class Requirement:
    label: str
    text: str


@dataclass(frozen=True)
class SiteUnitRow:
    code: str
    name: str
    category: str
    county: str
    area: str  # formatted: "12.34 公顷" or "—" for a point
    share: str  # "25.0%"
    requirements: list[Requirement] = field(default_factory=list)


@dataclass(frozen=True)
class SitingReport:
    title: str
    project: str
    edition: str
    site: str  # how the site was given: a point's coordinates, or the polygon's area and corners
    summary: str
    made_on: str
    labels: dict[str, str]
    units: list[SiteUnitRow] = field(default_factory=list)


def render_siting_report(report: SitingReport, target: str | Path | BinaryIO, template: str | Path | None = None):
    doc = DocxTemplate(str(template or DEFAULT_TEMPLATE))
    doc.render(asdict(report), autoescape=True)
    doc.save(target)
