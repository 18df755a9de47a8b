"""Audit before/after data as people read it: one "field：value" line per change."""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


def _text(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(_text(v) for v in value) or "—"
    if isinstance(value, dict):
        return "；".join(f"{k}：{_text(v)}" for k, v in value.items())
    return str(value)


@register.filter
def changes(data):
    """Escaped lines of `key：value` from an audit record's before or after."""
    if not data:
        return ""
    if not isinstance(data, dict):
        return _text(data)
    return format_html(
        '<span class="changes">{}</span>',
        format_html_join("", "<span><b>{}</b>：{}</span>", ((k, _text(v)) for k, v in data.items())),
    )
