"""The words of enforcement (两法衔接) as choices: states with their colours and the
groups the rules speak of, the kinds of source, party, offence, material, opinion,
deadline and criterion."""

from __future__ import annotations

import enum

from django.db import models
from django.utils.translation import gettext_lazy as _

from ducha.choices import ColouredChoices


class CaseState(ColouredChoices):
    DRAFT = "draft", _("待报批")
    REPORTED = "reported", _("待负责人审批")
    REFUSED = "refused", _("不批准移送")
    APPROVED = "approved", _("待移送")
    TRANSFERRED = "transferred", _("已移送公安")
    ACCEPTED = "accepted", _("公安已受理")
    FILED = "filed", _("已立案侦查")
    NOT_FILED = "not_filed", _("不予立案")
    RECONSIDERATION = "reconsideration", _("复议中")
    OVERSIGHT = "oversight", _("立案监督中")
    PROSECUTION = "prosecution", _("移送审查起诉")
    WITHDRAWN = "withdrawn", _("已撤案")
    INDICTED = "indicted", _("已起诉")
    NOT_PROSECUTED = "not_prosecuted", _("不起诉")
    JUDGED = "judged", _("已判决")
    RETURNED = "returned", _("退回行政处罚")

    COLOURS = enum.nonmember(
        {
            "draft": "grey",
            "reported": "yellow",
            "refused": "orange",
            "approved": "blue",
            "transferred": "blue",
            "accepted": "teal",
            "filed": "teal",
            "not_filed": "orange",
            "reconsideration": "yellow",
            "oversight": "yellow",
            "prosecution": "teal",
            "withdrawn": "grey",
            "indicted": "green",
            "not_prosecuted": "grey",
            "judged": "green",
            "returned": "grey",
        }
    )
    # still with the bureau: never handed to the police
    KEPT_STATES = enum.nonmember(("draft", "reported", "refused", "approved"))
    # the police have it or had it (what "transfers" count)
    TRANSFERRED_STATES = enum.nonmember(
        (
            "transferred",
            "accepted",
            "filed",
            "not_filed",
            "reconsideration",
            "oversight",
            "prosecution",
            "withdrawn",
            "indicted",
            "not_prosecuted",
            "judged",
            "returned",
        )
    )
    # the police filed it (立案), whatever came after
    FILED_STATES = enum.nonmember(("filed", "prosecution", "withdrawn", "indicted", "not_prosecuted", "judged"))
    ACCEPTED_STATES = enum.nonmember(
        (
            "accepted",
            "filed",
            "not_filed",
            "reconsideration",
            "oversight",
            "prosecution",
            "withdrawn",
            "indicted",
            "not_prosecuted",
            "judged",
        )
    )
    # the police refused to file and it stays refused
    NOT_FILED_STATES = enum.nonmember(("not_filed", "reconsideration", "oversight"))
    CLOSED_STATES = enum.nonmember(("withdrawn", "judged", "returned"))


class SourceKind(models.TextChoices):
    COMPLAINT = "complaint", _("信访件")
    HANDLING = "handling", _("办理结果（立案侦查、拘留）")
    VISIT = "visit", _("督查发现")
    NONE = "none", _("自行发现")


class PartyKind(models.TextChoices):
    UNIT = "unit", _("单位")
    PERSON = "person", _("个人")


class Offence(models.TextChoices):
    POLLUTION = "pollution", _("污染环境罪")
    WASTE_IMPORT = "waste_import", _("非法处置进口的固体废物罪")
    WASTE_SMUGGLING = "waste_smuggling", _("擅自进口固体废物罪")
    FALSE_DOCUMENTS = "false_documents", _("提供虚假证明文件罪")
    MONITORING = "monitoring", _("破坏计算机信息系统罪（篡改监测数据）")
    OTHER = "other", _("其他")


class MaterialKind(models.TextChoices):
    TRANSFER_LETTER = "transfer_letter", _("涉嫌犯罪案件移送书")
    INVESTIGATION_REPORT = "investigation_report", _("涉嫌犯罪案件调查报告")
    SEIZED_LIST = "seized_list", _("涉案物品清单")
    TEST_REPORT = "test_report", _("检验报告或鉴定意见")
    OTHER = "other", _("其他有关材料")


class OpinionKind(models.TextChoices):
    SUGGEST_TRANSFER = "suggest_transfer", _("建议移送")
    OVERSIGHT = "oversight", _("立案监督")


class OpinionOutcome(ColouredChoices):
    PENDING = "pending", _("待落实")
    CARRIED_OUT = "carried_out", _("已落实")
    NOT_CARRIED_OUT = "not_carried_out", _("未落实")

    COLOURS = enum.nonmember({"pending": "yellow", "carried_out": "green", "not_carried_out": "red"})


class DeadlineStep(models.TextChoices):
    """The steps a statutory deadline runs for; the table says how long and why."""

    HEAD_DECISION = "head_decision", _("负责人作出是否批准移送的决定")
    TRANSFER = "transfer", _("批准后向公安机关移送")
    POLICE_DECISION = "police_decision", _("公安机关作出是否立案的决定")
    OBJECTION = "objection", _("对不予立案提请复议或建议立案监督")
    OPINION_TRANSFER = "opinion_transfer", _("按检察院建议移送")
    NON_PROSECUTION_NOTICE = "non_prosecution_notice", _("检察院告知不起诉决定")


class DeadlineUnit(models.TextChoices):
    WORKDAYS = "workdays", _("工作日")
    DAYS = "days", _("日")
    HOURS = "hours", _("小时")


class Party(models.TextChoices):
    """Who acts on a step: the page shows each party its own queue."""

    BUREAU = "bureau", _("生态环境部门")
    HEAD = "head", _("部门负责人")
    POLICE = "police", _("公安机关")
    PROCURATORATE = "procuratorate", _("检察机关")


class CriterionKind(models.TextChoices):
    EXCEEDANCE = "exceedance", _("超标倍数")
    KEYWORDS = "keywords", _("违法方式（关键词）")
    REPEAT = "repeat", _("多次受罚")
