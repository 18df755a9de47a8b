from django.utils.translation import gettext_lazy as _

from ducha.audit.events import register

register(
    {
        "complaints.batch.import": _("导入交办批次"),
        "complaints.batch.import_history": _("导入历史办理结果"),
        "complaints.complaint.update": _("导入更新信访件"),
    }
)

register(
    {
        "complaints.import_job.check": _("上传并校验交办文件"),
        "complaints.import_job.confirm": _("确认导入交办文件"),
        "complaints.import_job.start": _("开始导入交办文件"),
        "complaints.import_job.finish": _("交办文件导入结束"),
        "complaints.import_job.stall": _("导入进程停止响应，导入标记为失败"),
        "complaints.import_job.retry": _("重新导入交办文件"),
    }
)

register(
    {
        "complaints.complaint.dispatch": _("转办信访件"),
        "complaints.request.extension": _("申请延期"),
        "complaints.request.reroute": _("申请退回（非本单位职责）"),
        "complaints.request.decide": _("审批转办申请"),
        "complaints.handling.save": _("填写办理情况"),
        "complaints.handling.part": _("填写配合办理情况"),
        "complaints.handling.evidence": _("上传证明材料"),
        "complaints.handling.submit": _("报送办理情况"),
        "complaints.handling.accept": _("审核通过（办结）"),
        "complaints.handling.return": _("审核退回"),
        "complaints.complaint.close_repeat": _("重复件随原件办结"),
        "complaints.repeat.confirm": _("确认重复件"),
        "complaints.repeat.reject": _("否定重复件"),
        "complaints.repeats.recompute": _("重新计算重复线索"),
        "complaints.disclosure.approve": _("批准公开"),
        "complaints.recheck.sample": _("抽取复核"),
        "complaints.recheck.record": _("记录复核结果"),
    }
)

register({"complaints.complaint.create_from_visit": _("督查发现问题转为信访件")})
