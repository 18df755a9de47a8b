"""The 导出Excel and 打印 links of a list: the page's own query (its filter and sort),
without the page cursor, plus export=xlsx or print=1."""

from django import template

register = template.Library()

PAGING = ("after", "page", "export", "print")


@register.simple_tag(takes_context=True)
def list_query(context, **extra) -> str:
    query = context["request"].GET.copy()
    for key in PAGING:
        query.pop(key, None)
    for key, value in extra.items():
        query[key] = value
    return query.urlencode()
