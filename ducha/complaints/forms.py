from django import forms
from django.utils.translation import gettext_lazy as _

from ducha.complaints import queries
from ducha.complaints.models import Batch, ComplaintStatus, PollutionType
from ducha.inspections.models import Inspection, InspectionKind
from ducha.org import scoping
from ducha.uploads import table_field

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InspectionForm(forms.Form):
    code = forms.SlugField(label=_("督察代码"), max_length=32, help_text=_("字母、数字或连字符，如 cei-2021-hn"))
    team = forms.CharField(label=_("督察组"), max_length=64)
    province = forms.CharField(label=_("被督察省份"), max_length=32)
    kind = forms.ChoiceField(label=_("督察类型"), choices=InspectionKind.choices)
    round = forms.CharField(label=_("批次/轮次"), max_length=32, required=False)
    start_date = forms.DateField(label=_("进驻日期"), widget=DATE)
    end_date = forms.DateField(label=_("结束日期"), required=False, widget=DATE)


class UploadForm(forms.Form):
    inspection = forms.ModelChoiceField(label=_("督察"), queryset=Inspection.objects.none())
    batch_number = forms.IntegerField(
        label=_("批次"), min_value=1, required=False, help_text=_("留空则取文件标题中的“第N批”")
    )
    file = table_field(_("交办文件"))

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
