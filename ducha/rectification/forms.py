import datetime as dt
from pathlib import Path

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ducha.core.parsing.deadlines import DEADLINE, IMMEDIATE, ONGOING
from ducha.inspections.models import Inspection
from ducha.org import scoping
from ducha.rectification.models import AcceptanceResult, ProgressStage, Task

UPLOAD_SUFFIXES = (".xlsx", ".xls", ".csv")
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
EVIDENCE_ACCEPT = ".jpg,.jpeg,.png,.pdf,.doc,.docx,.xls,.xlsx"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": EVIDENCE_ACCEPT}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def read_files(files) -> list[tuple[str, bytes]]:
    return [(f.name, f.read()) for f in files or []]


class ImportForm(forms.Form):
    inspection = forms.ModelChoiceField(label=_("督察"), queryset=Inspection.objects.none())
    file = forms.FileField(label=_("整改任务清单"), help_text=_("xlsx、xls 或 csv，不超过 20 MB"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].queryset = scoping.visible_to(user, Inspection)
        self.fields["file"].widget.attrs["accept"] = ",".join(UPLOAD_SUFFIXES)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in UPLOAD_SUFFIXES:
            raise forms.ValidationError(_("文件类型不支持：请上传 .xlsx、.xls 或 .csv 文件。"))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("文件超过 20 MB。"))
        return upload


class ConfirmImportForm(forms.Form):
    inspection = forms.ModelChoiceField(queryset=Inspection.objects.none(), widget=forms.HiddenInput)
    token = forms.RegexField(regex=r"^[0-9a-f]{32}\.(xlsx|xls|csv)$", widget=forms.HiddenInput)
    name = forms.CharField(max_length=255, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].queryset = scoping.visible_to(user, Inspection)


class MonthField(forms.DateField):
    input_formats = ["%Y-%m"]
    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")


class ProgressForm(forms.Form):
    period = MonthField(label=_("报送期（月份）"))
    percent = forms.IntegerField(label=_("完成进度（%）"), min_value=0, max_value=100)
    stage = forms.ChoiceField(label=_("阶段"), choices=[("", "—")] + ProgressStage.choices, required=False)
    text = forms.CharField(label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 5}))
    files = MultipleFileField(label=_("佐证材料"), help_text=_("图片、PDF、Word 或 Excel，每个不超过 20 MB"))

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
    documents = MultipleFileField(label=_("验收材料"))

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


class ConfirmForm(forms.Form):
    """For POST-only actions that take no input (sign-off)."""


def as_month(value: dt.date) -> dt.date:
    return value.replace(day=1)
