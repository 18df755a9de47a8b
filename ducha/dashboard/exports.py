"""The columns of a figure's list in 导出Excel, by the measure's model: the same
columns the drill-down page shows."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ducha.exports import Column


def figure_columns(model: str) -> list[Column]:
    if model == "complaint":
        return [
            Column(_("受理编号"), lambda c: c.ref, 16),
            Column(_("行政区域"), lambda c: c.region, 12),
            Column(_("牵头单位"), lambda c: c.lead_unit or "", 20),
            Column(_("状态"), lambda c: c.get_status_display(), 10),
            Column(_("办理时限"), lambda c: c.due_on, 11),
            Column(_("办结时间"), lambda c: c.closed_at, 17),
        ]
    if model == "finding":
        return [
            Column(_("序号"), lambda f: f.number, 6),
            Column(_("问题"), lambda f: f.title, 40),
            Column(_("行政区域"), lambda f: f.region, 12),
            Column(_("状态"), lambda f: f.get_status_display(), 10),
            Column(_("销号时间"), lambda f: f.signed_off_at, 17),
        ]
    if model == "task":
        return [
            Column(_("问题"), lambda t: t.finding.title, 40),
            Column(_("任务序号"), lambda t: t.number, 8),
            Column(_("整改时限"), lambda t: t.deadline_text, 20),
            Column(_("牵头单位"), lambda t: t.lead_unit or "", 20),
        ]
    if model == "person":
        return [
            Column(_("姓名"), lambda p: p.name, 10),
            Column(_("职务"), lambda p: p.post, 24),
            Column(_("单位"), lambda p: p.unit_text or p.unit or "", 24),
        ]
    if model == "accountability":
        return [
            Column(_("姓名"), lambda a: a.person.name, 10),
            Column(_("职务"), lambda a: a.person.post, 24),
            Column(_("类型"), lambda a: a.get_kind_display(), 8),
            Column(_("问责方式"), lambda a: a.get_form_display(), 12),
            Column(_("日期"), lambda a: a.date, 11),
            Column(_("决定机关"), lambda a: a.authority, 18),
        ]
    if model == "meeting":
        return [
            Column(_("日期"), lambda m: m.date, 11),
            Column(_("会议类型"), lambda m: m.get_kind_display(), 10),
            Column(_("会议名称"), lambda m: m.title, 40),
            Column(_("主持人"), lambda m: m.chair, 12),
        ]
    return [
        Column(_("事项类型"), lambda a: a.get_item_kind_display(), 10),
        Column(_("事项编号"), lambda a: a.item_id, 10),
        Column(_("预警等级"), lambda a: a.get_level_display(), 8),
        Column(_("办理时限"), lambda a: a.due_on, 11),
        Column(_("责任单位"), lambda a: a.unit or "", 20),
    ]
