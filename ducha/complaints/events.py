from django.utils.translation import gettext_lazy as _

from ducha.audit.events import register

register(
    {
        "complaints.inspection.create": _("新建督察"),
        "complaints.batch.import": _("导入交办批次"),
        "complaints.complaint.update": _("导入更新信访件"),
        "complaints.pollution_synonym.add": _("新增污染类型同义词"),
        "complaints.pollution_synonym.remove": _("删除污染类型同义词"),
    }
)
