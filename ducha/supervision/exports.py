"""The supervision lists' 导出Excel columns: alerts, accountability, meetings, notices."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ducha.exports import Column


def alert_columns() -> list[Column]:
    """An alert's row as the alert list shows it (its target read beforehand)."""
    return [
        Column(_("预警等级"), lambda a: a.get_level_display(), 8),
        Column(_("事项类型"), lambda a: a.get_item_kind_display(), 10),
        Column(_("事项"), lambda a: getattr(a.target, "ref", None) or a.target or a.item_id, 30),
        Column(_("办理时限"), lambda a: a.due_on, 11),
        Column(_("起始日期"), lambda a: a.since, 11),
        Column(_("升级日期"), lambda a: a.escalated_on, 11),
        Column(_("责任单位"), lambda a: a.unit or "", 20),
    ]


def accountability_columns() -> list[Column]:
    return [
        Column(_("姓名"), lambda a: a.person.name, 10),
        Column(_("职务"), lambda a: a.person.post, 24),
        Column(_("类型"), lambda a: a.get_kind_display(), 8),
        Column(_("问责方式"), lambda a: a.get_form_display(), 12),
        Column(_("日期"), lambda a: a.date, 11),
        Column(_("决定机关"), lambda a: a.authority, 18),
        Column(_("事由"), lambda a: a.reason, 40),
    ]


def meeting_columns() -> list[Column]:
    return [
        Column(_("日期"), lambda m: m.date, 11),
        Column(_("会议类型"), lambda m: m.get_kind_display(), 10),
        Column(_("会议名称"), lambda m: m.title, 40),
        Column(_("主持人"), lambda m: m.chair, 12),
        Column(_("研究议题"), lambda m: m.topics, 50),
    ]


def notice_columns() -> list[Column]:
    return [
        Column(_("文号"), lambda n: n.number or n, 22),
        Column(_("督办等级"), lambda n: n.get_level_display(), 10),
        Column(_("督办单位"), lambda n: n.unit, 20),
        Column(_("事项数"), lambda n: n.n_items, 8, total=True),
        Column(_("下发日期"), lambda n: n.issued_on, 11),
        Column(_("回复时限"), lambda n: n.reply_by, 11),
        Column(_("状态"), lambda n: n.get_status_display(), 10),
    ]
