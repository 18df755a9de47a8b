"""The supervision lists' 导出Excel columns: alerts and accountability."""

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
