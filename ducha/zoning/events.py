from django.utils.translation import gettext_lazy as _

from ducha.audit.events import register

register(
    {
        "zoning.units.import": _("导入环境管控单元"),
        "zoning.edition.make_current": _("启用管控单元版本"),
        "zoning.field_mapping.add": _("新增字段对照"),
        "zoning.field_mapping.remove": _("删除字段对照"),
        "zoning.location.place": _("案件定位落位"),
        "zoning.locations.replace_request": _("发起重新落位"),
        "zoning.locations.replace": _("完成重新落位"),
        "zoning.edition.publish": _("公开管控单元图层"),
        "zoning.edition.unpublish": _("撤回公开的管控单元图层"),
    }
)
