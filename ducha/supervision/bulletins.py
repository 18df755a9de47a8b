"""通报: per district and per unit, the complaint counts and the rectification progress,
ranked, the worst named; written as xlsx (every cell a string) and Word."""

from __future__ import annotations

import datetime as dt
import io

import xlsxwriter
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ducha import store
from ducha.complaints import figures as complaint_figures
from ducha.complaints.models import Complaint
from ducha.core.documents import bulletin as bulletin_doc
from ducha.core.documents import notice as notice_doc
from ducha.inspections.models import Inspection
from ducha.rectification import queries as rectification
from ducha.rectification.models import Task, TaskState

COMPLAINT_COLUMNS = [
    ("received", _("交办")),
    ("dispatched", _("转办")),
    ("closed", _("办结")),
    ("on_time", _("按时办结")),
    ("overdue_open", _("逾期未办结")),
    ("returned", _("退回")),
    ("on_time_rate", _("按时办结率（%）")),
]
TASK_COLUMNS = [("tasks", _("整改任务")), ("done", _("已完成")), ("overdue", _("逾期")), ("behind", _("未达序时进度"))]


def _rank_key(row: dict):
    rate = row["on_time_rate"] if row["on_time_rate"] is not None else 100.0
    return (-rate, row["overdue_open"], row["name"])


RANK_RULE = _(
    "排名规则：按按时办结率从高到低排列，尚无到期信访件的按100%计；按时办结率相同的并列同一名次，"
    "并列者按逾期未办结件数从少到多、再按名称排列。"
)


def _rank(rows: list[dict]) -> None:
    """Competition ranking (1, 1, 3): equal on-time rates share a rank (并列)."""
    previous, rank = object(), 0
    for i, row in enumerate(rows, 1):
        rate = row["on_time_rate"] if row["on_time_rate"] is not None else 100.0
        if rate != previous:
            previous, rank = rate, i
        row["rank"] = rank
        row["tied"] = False
    for row in rows:
        row["tied"] = sum(1 for r in rows if r["rank"] == row["rank"]) > 1


def _clean(row: dict, name_key: str, id_key: str) -> dict:
    out = {k: row[k] for k, _label in COMPLAINT_COLUMNS}
    out["on_time_rate"] = float(row["on_time_rate"]) if row["on_time_rate"] is not None else None
    out["name"] = row[name_key] or str(_("（未转办）"))
    out[id_key.removesuffix("_id") + "_id"] = row[id_key]
    return out


def compute(inspection: Inspection, prefix: str, today: dt.date) -> dict:
    complaints = Complaint.objects.filter(inspection=inspection, region__code__startswith=prefix)
    districts = [
        _clean(r, "region__name", "region_id")
        for r in complaint_figures.on_time_figures(complaints, by="region", today=today)
    ]
    units = {
        r["lead_unit_id"]: _clean(r, "lead_unit__name", "lead_unit_id") | {"unit_id": r["lead_unit_id"]}
        for r in complaint_figures.on_time_figures(complaints, by="unit", today=today)
    }
    tasks = Task.objects.filter(finding__inspection=inspection, finding__region__code__startswith=prefix).annotate(
        state_value=rectification.task_state(today)
    )
    for r in tasks.values("lead_unit_id", "lead_unit__name").annotate(
        tasks=Count("pk"),
        done=Count("pk", filter=Q(state_value__in=[TaskState.DONE, TaskState.ONGOING])),
        overdue=Count("pk", filter=Q(state_value=TaskState.OVERDUE)),
        behind=Count("pk", filter=Q(state_value=TaskState.BEHIND)),
    ):
        row = units.setdefault(
            r["lead_unit_id"],
            {k: 0 for k, _l in COMPLAINT_COLUMNS}
            | {"on_time_rate": None, "name": r["lead_unit__name"], "unit_id": r["lead_unit_id"]},
        )
        row.update({k: r[k] for k, _l in TASK_COLUMNS})
    unit_rows = sorted(units.values(), key=_rank_key)
    for row in unit_rows:
        for k, _l in TASK_COLUMNS:
            row.setdefault(k, 0)
    districts.sort(key=_rank_key)
    _rank(districts)
    _rank(unit_rows)
    late = [r for r in unit_rows if r["overdue_open"] or r.get("overdue")]
    worst = max(late, key=lambda r: (r["overdue_open"] + r.get("overdue", 0), r["name"]))["name"] if late else ""
    return {"as_of": today.isoformat(), "districts": districts, "units": unit_rows, "worst": worst}


def _xlsx(bulletin) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"strings_to_formulas": False, "strings_to_numbers": False, "in_memory": True})
    head = wb.add_format({"bold": True, "border": 1, "bg_color": "#F2F2F2", "text_wrap": True})
    cell = wb.add_format({"border": 1})
    title = wb.add_format({"bold": True, "font_size": 14})
    for sheet_name, rows, extra in (
        (str(_("按区县")), bulletin.data["districts"], []),
        (str(_("按单位")), bulletin.data["units"], TASK_COLUMNS),
    ):
        ws = wb.add_worksheet(sheet_name)
        ws.write_string(0, 0, bulletin.title, title)
        headers = [str(_("排名")), str(_("名称"))] + [str(label) for _k, label in COMPLAINT_COLUMNS + extra]
        for c, h in enumerate(headers):
            ws.write_string(2, c, h, head)
        ws.set_column(1, 1, 28)
        for r, row in enumerate(rows, start=3):
            values = [row["rank"], row["name"]] + [row.get(k) for k, _l in COMPLAINT_COLUMNS + extra]
            for c, v in enumerate(values):
                ws.write_string(r, c, "" if v is None else str(v), cell)
    wb.close()
    return buf.getvalue()


def rank_label(row: dict) -> str:
    return f"{row['rank']}" + (str(_("（并列）")) if row.get("tied") else "")


def _docx(bulletin) -> bytes:
    """The bulletin as a 公文 (red header, 文号, GB/T 9704 layout) with its two tables."""
    data = bulletin.data
    head = [str(_("排名")), str(_("名称"))] + [str(label) for _k, label in COMPLAINT_COLUMNS]
    tables = []
    for heading, rows, extra in (
        (_("一、各区县信访件办理情况"), data["districts"], []),
        (_("二、各单位办理和整改情况"), data["units"], TASK_COLUMNS),
    ):
        cells = [
            [rank_label(row), row["name"]]
            + ["" if row.get(k) is None else str(row.get(k)) for k, _l in COMPLAINT_COLUMNS + extra]
            for row in rows
        ]
        tables.append(
            bulletin_doc.Table(str(heading), head + [str(label) for _k, label in extra], cells, str(RANK_RULE))
        )
    day = notice_doc.chinese_date(bulletin.as_of)
    lead = str(_("现将截至%(day)s督察整改工作进展情况通报如下。")) % {"day": day}
    if data.get("worst"):
        lead += str(_("逾期事项最多的单位为%(unit)s，予以通报，请抓紧整改。")) % {"unit": data["worst"]}
    issued = timezone.localdate(bulletin.issued_at) if bulletin.issued_at else bulletin.as_of
    document = bulletin_doc.Bulletin(
        issuer=_issuer_name(bulletin),
        number=bulletin.number,
        title=bulletin.title,
        lead=lead,
        tables=tables,
        signer=_issuer_name(bulletin),
        issued_on=notice_doc.chinese_date(issued),
    )
    buf = io.BytesIO()
    bulletin_doc.render_bulletin(document, buf)
    return buf.getvalue()


def _issuer_name(bulletin) -> str:
    """The office of the bulletin's region (市环委办), by its full name."""
    from ducha.org.models import Unit, UnitKind

    unit = (
        Unit.objects.filter(region__code=bulletin.region_id, kind=UnitKind.OFFICE, is_active=True)
        .order_by("id")
        .first()
    )
    return unit.name if unit else str(bulletin.region)


def _store(content: bytes, suffix: str) -> str:
    return store.save(content, kind=store.BULLETINS, suffix=suffix).path


def render(bulletin) -> tuple[str, str]:
    return _store(_xlsx(bulletin), ".xlsx"), _store(_docx(bulletin), ".docx")
