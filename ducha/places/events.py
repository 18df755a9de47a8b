from django.utils.translation import gettext_lazy as _

from ducha.audit.events import register

register(
    {
        "places.load": _("载入区划地名"),
        "places.place.add": _("新增地名"),
        "places.place.update": _("修改地名"),
        "places.place.remove": _("删除地名"),
        "places.site_family.add": _("新增场所类别"),
        "places.site_word.add": _("新增场所同义词"),
        "places.site_word.remove": _("删除场所同义词"),
    }
)
