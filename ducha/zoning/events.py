from django.utils.translation import gettext_lazy as _

from ducha.audit.events import register

register(
    {
        "zoning.units.import": _("导入环境管控单元"),
        "zoning.edition.make_current": _("启用管控单元版本"),
        "zoning.field_mapping.add": _("新增字段对照"),
        "zoning.field_mapping.remove": _("删除字段对照"),
    }
)
