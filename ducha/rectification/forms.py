import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ducha.core.parsing.deadlines import DEADLINE, IMMEDIATE, ONGOING
from ducha.inspections.models import Inspection
from ducha.org import scoping
from ducha.rectification.models import AcceptanceResult, ProgressStage, Task
from ducha.uploads import EVIDENCE_SUFFIXES, UploadField, table_field
from ducha.versions import VersionField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def evidence_field(label, help_text=None) -> UploadField:
    """Several evidence files; the service judges type and size (ducha.core.files)."""
    return UploadField(
        label=label, help_text=help_text, suffixes=EVIDENCE_SUFFIXES, max_mb=None, check_type=False, multiple=True
    )


def read_files(files) -> list[tuple[str, bytes]]:
    return [(f.name, f.read()) for f in files or []]


class ImportForm(forms.Form):
    inspection = forms.ModelChoiceField(label=_("督察"), queryset=Inspection.objects.none())
    file = table_field(_("整改任务清单"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].queryset = scoping.visible_to(user, Inspection)


class ConfirmImportForm(forms.Form):
    inspection = forms.ModelChoiceField(queryset=Inspection.objects.none(), widget=forms.HiddenInput)
    # where the store keeps the working copy (it is named by its content)
    token = forms.RegexField(regex=r"^uploads/[0-9a-f]{2}/[0-9a-f]{64}\.(xlsx|xlsm|xls|csv)$", widget=forms.HiddenInput)
    name = forms.CharField(max_length=255, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].queryset = scoping.visible_to(user, Inspection)


class ResolveUnitForm(ConfirmImportForm):
    """An unknown unit name from the preview: mapped to one of its closest units, or added."""

    written = forms.CharField(max_length=128, widget=forms.HiddenInput)
    unit = forms.IntegerField(label=_("对应单位"), required=False)
    action = forms.ChoiceField(choices=[("map", _("对应到所选单位")), ("add", _("新增为本市部门"))])


class MonthField(forms.DateField):
    input_formats = ["%Y-%m"]
    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")


class ProgressForm(forms.Form):
    period = MonthField(label=_("报送期（月份）"))
    percent = forms.IntegerField(label=_("完成进度（%）"), min_value=0, max_value=100)
    stage = forms.ChoiceField(label=_("阶段"), choices=[("", "—")] + ProgressStage.choices, required=False)
    text = forms.CharField(label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 5}))
    files = evidence_field(_("佐证材料"), help_text=_("图片、PDF、Word 或 Excel，每个不超过 20 MB"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].initial = timezone.localdate().replace(day=1)


class AcceptanceForm(forms.Form):
    date = forms.DateField(label=_("验收日期"), widget=DATE)
    team = forms.CharField(label=_("验收组"), max_length=200)
    result = forms.ChoiceField(label=_("验收结论"), choices=AcceptanceResult.choices)
    opinion = forms.CharField(label=_("验收意见"), widget=forms.Textarea(attrs={"rows": 4}))
    tasks = forms.ModelMultipleChoiceField(
        label=_("验收任务"), queryset=Task.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    documents = evidence_field(_("验收材料"))

    def __init__(self, *args, finding, **kwargs):
        super().__init__(*args, **kwargs)
        pending = finding.tasks.filter(acceptance__isnull=True).select_related("finding")
        self.fields["tasks"].queryset = pending
        self.fields["tasks"].initial = list(pending)
        self.fields["date"].initial = timezone.localdate()


class NoticeForm(forms.Form):
    start_date = forms.DateField(label=_("公示开始日期"), widget=DATE, help_text=_("已先行公示的，填写实际开始日期"))
    days = forms.IntegerField(label=_("公示天数"), min_value=1, max_value=60, initial=7)
    channel = forms.CharField(label=_("公示媒体"), max_length=200, initial=_("湘潭日报、市政府门户网站"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start_date"].initial = timezone.localdate()


class ObjectionForm(forms.Form):
    received_on = forms.DateField(label=_("收到日期"), widget=DATE)
    text = forms.CharField(label=_("异议内容"), widget=forms.Textarea(attrs={"rows": 3}))


class ResolveForm(forms.Form):
    objection = forms.IntegerField(widget=forms.HiddenInput)
    resolution = forms.CharField(label=_("处理结果"), widget=forms.Textarea(attrs={"rows": 2}))


class SettleForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("整改类型"),
        choices=[(IMMEDIATE, _("立行立改")), (DEADLINE, _("限期整改")), (ONGOING, _("长期坚持"))],
        widget=forms.CheckboxSelectMultiple,
    )
    due_date = forms.DateField(label=_("整改时限"), widget=DATE, required=False)
    version = VersionField()


class ConfirmForm(forms.Form):
    """For POST-only actions that take no input (sign-off)."""


def as_month(value: dt.date) -> dt.date:
    return value.replace(day=1)
