from django.utils.translation import gettext_lazy as _

from ducha.audit.events import register

register(
    {
        "rectification.tasks.import": _("导入整改任务清单"),
        "rectification.finding.create": _("新增反馈问题"),
        "rectification.finding.update": _("导入更新反馈问题"),
        "rectification.task.create": _("新增整改任务"),
        "rectification.task.update": _("导入更新整改任务"),
        "rectification.task.settle_deadline": _("确定整改时限"),
        "rectification.progress.report": _("报送整改进展"),
        "rectification.finding.accept": _("验收"),
        "rectification.notice.start": _("开始公示"),
        "rectification.objection.add": _("登记公示异议"),
        "rectification.objection.resolve": _("办结公示异议"),
        "rectification.finding.sign_off": _("销号"),
    }
)
