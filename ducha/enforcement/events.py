from django.utils.translation import gettext_lazy as _

from ducha.audit.events import register

# Every move of a case is one event; its TransferStep carries the same name.
register(
    {
        "enforcement.case.open": _("登记移送案件"),
        "enforcement.material.add": _("上传移送材料"),
        "enforcement.case.report": _("移送案件报负责人审批"),
        "enforcement.case.approve": _("批准移送"),
        "enforcement.case.refuse": _("不批准移送"),
        "enforcement.case.transfer": _("移送公安机关"),
        "enforcement.case.accept": _("公安机关受理"),
        "enforcement.case.file": _("公安机关立案"),
        "enforcement.case.refuse_filing": _("公安机关不予立案"),
        "enforcement.case.request_reconsideration": _("提请复议"),
        "enforcement.case.request_oversight": _("建议立案监督"),
        "enforcement.case.refer_prosecution": _("移送审查起诉"),
        "enforcement.case.withdraw": _("撤案"),
        "enforcement.case.return": _("退回行政处罚"),
        "enforcement.opinion.issue": _("发出检察意见"),
        "enforcement.opinion.outcome": _("登记检察意见落实情况"),
        "enforcement.case.indict": _("提起公诉"),
        "enforcement.case.decline_prosecution": _("不起诉"),
        "enforcement.case.notify_non_prosecution": _("告知不起诉决定"),
        "enforcement.case.judge": _("登记判决"),
        "enforcement.deadline.update": _("修改法定时限"),
        "enforcement.criterion.add": _("新增入罪标准"),
        "enforcement.criterion.update": _("修改入罪标准"),
    }
)
