"""The complaint pages' forms. They only collect input: every change goes through a
service (complaints/services/), and a form that changes a complaint carries the `version`
it was shown (optimistic locking)."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from ducha.complaints import queries
from ducha.complaints.models import (
    Batch,
    Complaint,
    ComplaintStatus,
    PollutionType,
    RecheckResult,
    RequestKind,
    Veracity,
)
from ducha.complaints.services.handling import EVIDENCE_MAX_BYTES
from ducha.inspections.models import DueKind, Inspection, InspectionKind
from ducha.org import scoping
from ducha.org.models import Unit
from ducha.uploads import EVIDENCE_SUFFIXES, UploadField, table_field

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InspectionForm(forms.Form):
    code = forms.SlugField(label=_("督察代码"), max_length=32, help_text=_("字母、数字或连字符，如 cei-2021-hn"))
    team = forms.CharField(label=_("督察组"), max_length=64)
    province = forms.CharField(label=_("被督察省份"), max_length=32)
    kind = forms.ChoiceField(label=_("督察类型"), choices=InspectionKind.choices)
    round = forms.CharField(label=_("批次/轮次"), max_length=32, required=False)
    start_date = forms.DateField(label=_("进驻日期"), widget=DATE)
    end_date = forms.DateField(label=_("结束日期"), required=False, widget=DATE)
    ref_pattern = forms.CharField(
        label=_("受理编号格式"),
        max_length=200,
        required=False,
        help_text=_("round1、lookback、round2、round3 或正则表达式；不符的编号导入时给出警告"),
    )


class UploadForm(forms.Form):
    inspection = forms.ModelChoiceField(label=_("督察"), queryset=Inspection.objects.none())
    batch_number = forms.IntegerField(
        label=_("批次"), min_value=1, required=False, help_text=_("留空则取文件标题中的“第N批”")
    )
    file = table_field(_("交办文件"))
    history = forms.BooleanField(
        label=_("以往轮次的办理情况一览表"),
        required=False,
        help_text=_("每行导入为已办结（或按“是否办结”）的信访件及其办理情况，供回头看和反弹比对"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].queryset = scoping.visible_to(user, Inspection)


class ComplaintFilter(forms.Form):
    q = forms.CharField(
        label=_("搜索"), required=False, widget=forms.TextInput(attrs={"placeholder": _("受理编号或问题内容")})
    )
    batch = forms.ModelChoiceField(label=_("交办批次"), queryset=Batch.objects.none(), required=False)
    region = forms.ModelChoiceField(label=_("行政区域"), queryset=None, required=False)
    pollution_type = forms.ModelChoiceField(label=_("污染类型"), queryset=PollutionType.objects.all(), required=False)
    status = forms.ChoiceField(label=_("状态"), choices=[("", _("全部"))] + ComplaintStatus.choices, required=False)
    key = forms.ChoiceField(
        label=_("重点件"), choices=[("", _("全部")), ("1", _("是")), ("0", _("否"))], required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["batch"].queryset = scoping.visible_to(user, Batch).select_related("inspection")
        self.fields["batch"].label_from_instance = lambda b: f"{b.inspection.code} {b}"
        self.fields["region"].queryset = queries.list_regions(user)


class ConfirmForm(forms.Form):
    """No fields: carries a refusal from the service back to the page."""


TEXTAREA = forms.Textarea(attrs={"rows": 4})


def _units():
    field = forms.ModelChoiceField(label=_("牵头单位"), queryset=Unit.objects.filter(is_active=True).order_by("name"))
    field.label_from_instance = lambda u: u.name
    return field


def _support_units():
    field = forms.ModelMultipleChoiceField(
        label=_("配合单位"),
        queryset=Unit.objects.filter(is_active=True).order_by("name"),
        required=False,
        # ticked from a list with a filter box (static/ducha/forms.js), no Ctrl-click
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checklist"}),
    )
    field.label_from_instance = lambda u: u.name
    return field


class VersionForm(forms.Form):
    """The complaint's version as the page showed it."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class DueFields(forms.Form):
    due_days = forms.IntegerField(
        label=_("办理时限（天）"), min_value=1, max_value=365, required=False, help_text=_("留空则按督察的默认时限")
    )
    due_kind = forms.ChoiceField(
        label=_("时限计算方式"), choices=[("", _("按督察默认"))] + DueKind.choices, required=False
    )


class DispatchForm(VersionForm, DueFields):
    lead_unit = _units()
    support_units = _support_units()
    field_order = ["lead_unit", "support_units", "due_days", "due_kind", "version"]


class BulkDispatchForm(DueFields):
    """Many received complaints at once: to one lead unit, or by the region rule."""

    MODE_UNIT, MODE_REGION = "unit", "region"
    mode = forms.ChoiceField(
        label=_("转办方式"),
        choices=[
            (MODE_UNIT, _("转办给指定的牵头单位")),
            (MODE_REGION, _("按区域规则转办（各县市区人民政府、园区管委会）")),
        ],
        initial=MODE_UNIT,
    )
    lead_unit = _units()
    support_units = _support_units()
    complaints = forms.ModelMultipleChoiceField(queryset=None, widget=forms.MultipleHiddenInput)
    field_order = ["mode", "lead_unit", "support_units", "due_days", "due_kind"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].required = False
        self.fields["complaints"].queryset = scoping.visible_to(user, Complaint).filter(status=ComplaintStatus.RECEIVED)
        self.fields["complaints"].error_messages["required"] = _("请先勾选要转办的信访件。")

    def clean(self):
        data = super().clean()
        if data.get("mode") == self.MODE_UNIT and not data.get("lead_unit"):
            self.add_error("lead_unit", _("请选择牵头单位。"))
        return data


class RequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("申请类型"), choices=RequestKind.choices)
    extra_days = forms.IntegerField(
        label=_("延期天数"), min_value=1, max_value=90, required=False, help_text=_("仅申请延期时填写")
    )
    reason = forms.CharField(label=_("理由"), widget=TEXTAREA, max_length=2000)


class DecideForm(forms.Form):
    note = forms.CharField(label=_("审批意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


def evidence_files() -> UploadField:
    return UploadField(
        label=_("添加证明材料"),
        help_text=_("可多选；图片（jpg、png）、PDF、Word 或 Excel，每个不超过 20 MB"),
        suffixes=EVIDENCE_SUFFIXES,
        check_type=False,
        multiple=True,
        max_count=20,
        max_mb=EVIDENCE_MAX_BYTES // (1024 * 1024),
        too_big=_("文件“%(name)s”超过20MB。"),
    )


class HandlingForm(VersionForm):
    findings = forms.CharField(label=_("调查核实情况"), widget=TEXTAREA, required=False, max_length=10000)
    veracity = forms.ChoiceField(label=_("是否属实"), choices=[("", "—")] + Veracity.choices, required=False)
    measures = forms.CharField(label=_("处理和整改情况"), widget=TEXTAREA, required=False, max_length=10000)
    accountability_text = forms.CharField(
        label=_("责任人被处理情况"), widget=TEXTAREA, required=False, max_length=10000
    )
    measures_running = forms.BooleanField(label=_("整改措施仍在推进（阶段性办结）"), required=False)
    orders = forms.IntegerField(label=_("责令整改（家）"), min_value=0, initial=0)
    penalty_cases = forms.IntegerField(label=_("立案处罚（家）"), min_value=0, initial=0)
    fines = forms.DecimalField(
        label=_("罚款（元）"),
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=2,
        initial=0,
        help_text=_("以元为单位填写，页面以万元显示"),
    )
    criminal_cases = forms.IntegerField(label=_("立案侦查（件）"), min_value=0, initial=0)
    admin_detentions = forms.IntegerField(label=_("行政拘留（人）"), min_value=0, initial=0)
    criminal_detentions = forms.IntegerField(label=_("刑事拘留（人）"), min_value=0, initial=0)
    interviews = forms.IntegerField(label=_("约谈（人）"), min_value=0, initial=0)
    accountabilities = forms.IntegerField(label=_("问责（人）"), min_value=0, initial=0)
    # the files travel with the text: one form, one 保存, nothing typed is lost to an upload
    files = evidence_files()

    def values(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("version", "files")}


class PartForm(forms.Form):
    text = forms.CharField(label=_("配合办理情况"), widget=TEXTAREA, max_length=10000)
    files = evidence_files()


class EvidenceForm(forms.Form):
    # the type is judged by the service from name and content (ducha.core.files)
    file = UploadField(
        label=_("证明材料"),
        help_text=_("图片（jpg、png）、PDF、Word 或 Excel，不超过 20 MB"),
        suffixes=EVIDENCE_SUFFIXES,
        check_type=False,
        max_mb=EVIDENCE_MAX_BYTES // (1024 * 1024),
        too_big=_("文件不能超过20MB。"),
    )


class SubmitForm(VersionForm):
    pass


class ReviewForm(VersionForm):
    """Accept (the note is optional) or return (the reason is required, the service says so)."""

    note = forms.CharField(
        label=_("审核意见 / 退回理由"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class RecheckSampleForm(forms.Form):
    inspection = forms.ModelChoiceField(label=_("督察"), queryset=Inspection.objects.none())
    count = forms.IntegerField(label=_("抽取数量"), min_value=1, max_value=1000, initial=10)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].queryset = scoping.visible_to(user, Inspection)


class RecheckForm(forms.Form):
    result = forms.ChoiceField(
        label=_("复核结果"), choices=[c for c in RecheckResult.choices if c[0] != RecheckResult.PENDING]
    )
    note = forms.CharField(label=_("复核情况"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ApproveDisclosureForm(forms.Form):
    """批准公开 asks first: the person ticks that they have read what becomes public."""

    confirm = forms.BooleanField(
        label=_("我已核对上表，同意将其公开"),
        error_messages={"required": _("请先勾选确认，再批准公开。")},
    )


class PublicSearchForm(forms.Form):
    """The public index's search: no sign-in, public columns only."""

    ref = forms.CharField(label=_("受理编号"), required=False, max_length=64)
    region = forms.ChoiceField(label=_("行政区域"), required=False)
    pollution = forms.ChoiceField(label=_("污染类型"), required=False)

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("全部"))]
        self.fields["region"].choices = everything + [(r.code, r.name) for r in regions]
        self.fields["pollution"].choices = everything + [(p.code, p.name) for p in PollutionType.objects.all()]
