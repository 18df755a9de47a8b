from django.utils.translation import gettext_lazy as _

from ducha.audit.events import register

register(
    {
        "supervision.alert_rule.update": _("修改预警规则"),
        "supervision.scan": _("逾期预警扫描"),
        "supervision.notice.draft": _("起草督办单"),
        "supervision.notice.issue": _("签发督办单"),
        "supervision.notice.reply": _("回复督办单"),
        "supervision.person.create": _("新增责任人"),
        "supervision.accountability.record": _("登记约谈问责"),
        "supervision.meeting.record": _("登记研究部署会议"),
        "supervision.visit.plan": _("登记专项督查（暗访）"),
        "supervision.visit.finding": _("登记督查发现问题"),
        "supervision.visit.convert": _("督查发现问题转为整改任务或信访件"),
        "supervision.bulletin.draft": _("起草通报"),
        "supervision.bulletin.issue": _("签发通报"),
    }
)
