import re

from django import forms
from django.utils.translation import gettext_lazy as _

from ducha.complaints.models import Complaint, PollutionType
from ducha.inspections.models import Inspection
from ducha.org import scoping
from ducha.org.models import Region, Unit
from ducha.rectification.models import Finding
from ducha.supervision.models import (
    AccountabilityKind,
    Alert,
    AlertRule,
    MeetingKind,
    NoticeLevel,
    Person,
    SanctionForm,
    SiteVisit,
    SupervisionNotice,
    VisitKind,
)
from ducha.uploads import PHOTO_SUFFIXES, UploadField
from ducha.versions import VersionField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AlertRuleForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = AlertRule
        fields = ["yellow_days", "escalate_after_days", "notify_handlers", "notify_supervisors", "notify_office"]


class NoticeForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("督办单位"), queryset=Unit.objects.none())
    level = forms.ChoiceField(label=_("督办等级"), choices=NoticeLevel.choices)
    alerts = forms.ModelMultipleChoiceField(
        label=_("督办事项"), queryset=Alert.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    reply_by = forms.DateField(label=_("回复时限"), widget=DATE)
    body = forms.CharField(label=_("督办要求"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = scoping.visible_to(user, Unit).filter(is_active=True)
        alerts = scoping.visible_to(user, Alert).filter(cleared_on__isnull=True).select_related("unit")
        self.fields["alerts"].queryset = alerts.order_by("unit__name", "-level", "due_on")
        self.fields["alerts"].label_from_instance = lambda a: (
            f"{a.unit or ''} · {a.get_item_kind_display()}#{a.item_id} · {a.get_level_display()} · {a.due_on}"
        )


class ConfirmForm(forms.Form):
    """No fields: carries a refusal from the service (签发) back to the page."""


class ReplyForm(forms.Form):
    reply = forms.CharField(label=_("回复内容"), widget=forms.Textarea(attrs={"rows": 5}))


class PersonForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=64)
    post = forms.CharField(label=_("职务"), max_length=128)
    unit = forms.ModelChoiceField(label=_("单位"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = scoping.visible_to(user, Unit)


class AccountabilityForm(forms.Form):
    inspection = forms.ModelChoiceField(label=_("督察"), queryset=Inspection.objects.none())
    person = forms.ModelChoiceField(label=_("责任人"), queryset=Person.objects.none())
    kind = forms.ChoiceField(label=_("类型"), choices=AccountabilityKind.choices)
    form = forms.ChoiceField(label=_("问责方式"), choices=[("", "—")] + SanctionForm.choices, required=False)
    date = forms.DateField(label=_("日期"), widget=DATE)
    authority = forms.CharField(label=_("决定机关"), max_length=128)
    reason = forms.CharField(label=_("事由"), widget=forms.Textarea(attrs={"rows": 3}))

    complaint_refs = forms.CharField(
        label=_("信访件（受理编号）"),
        required=False,
        help_text=_("多个编号用逗号、顿号、空格或换行分隔"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    findings = forms.ModelMultipleChoiceField(label=_("反馈问题"), queryset=Finding.objects.none(), required=False)
    notices = forms.ModelMultipleChoiceField(
        label=_("督办单"), queryset=SupervisionNotice.objects.none(), required=False
    )
    visits = forms.ModelMultipleChoiceField(label=_("督查"), queryset=SiteVisit.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["inspection"].queryset = scoping.visible_to(user, Inspection)
        self.fields["person"].queryset = scoping.visible_to(user, Person).select_related("unit")
        self.fields["findings"].queryset = scoping.visible_to(user, Finding).order_by("inspection", "number")
        self.fields["notices"].queryset = scoping.visible_to(user, SupervisionNotice)
        self.fields["visits"].queryset = scoping.visible_to(user, SiteVisit)

    def clean(self):
        data = super().clean()
        refs = [r for r in dict.fromkeys(re.split(r"[\s,，、;；]+", data.get("complaint_refs") or "")) if r]
        data["complaints"] = []
        inspection = data.get("inspection")
        if refs and inspection is not None:
            found = {
                c.ref: c for c in scoping.visible_to(self.user, Complaint).filter(inspection=inspection, ref__in=refs)
            }
            missing = [r for r in refs if r not in found]
            if missing:
                self.add_error("complaint_refs", _("找不到信访件：%(refs)s。") % {"refs": "、".join(missing)})
            data["complaints"] = [found[r] for r in refs if r in found]
        return data


class MeetingForm(forms.Form):
    inspection = forms.ModelChoiceField(label=_("督察"), queryset=Inspection.objects.none())
    region = forms.ModelChoiceField(label=_("行政区域"), queryset=Region.objects.none())
    date = forms.DateField(label=_("日期"), widget=DATE)
    kind = forms.ChoiceField(label=_("会议类型"), choices=MeetingKind.choices)
    title = forms.CharField(label=_("会议名称"), max_length=200)
    chair = forms.CharField(label=_("主持人"), max_length=64)
    topics = forms.CharField(label=_("研究议题"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].queryset = scoping.visible_to(user, Inspection)
        self.fields["region"].queryset = Region.objects.exclude(level="province")


class VisitForm(forms.Form):
    inspection = forms.ModelChoiceField(label=_("督察"), queryset=Inspection.objects.none())
    region = forms.ModelChoiceField(label=_("行政区域"), queryset=Region.objects.none())
    kind = forms.ChoiceField(label=_("督查方式"), choices=VisitKind.choices)
    title = forms.CharField(label=_("督查名称"), max_length=200)
    planned_on = forms.DateField(label=_("计划日期"), widget=DATE)
    team = forms.CharField(label=_("督查组"), max_length=200)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].queryset = scoping.visible_to(user, Inspection)
        self.fields["region"].queryset = Region.objects.exclude(level="province")


class BulletinForm(forms.Form):
    inspection = forms.ModelChoiceField(label=_("督察"), queryset=Inspection.objects.none())
    as_of = forms.DateField(label=_("统计截至"), widget=DATE)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].queryset = scoping.visible_to(user, Inspection)


# --- site visit findings ------------------------------------------------------------

PHOTO_MAX_COUNT = 10


class VisitFindingForm(forms.Form):
    text = forms.CharField(label=_("发现问题"), widget=forms.Textarea(attrs={"rows": 3}))
    unit = forms.ModelChoiceField(label=_("责任单位"), queryset=Unit.objects.none())
    photos = UploadField(
        label=_("照片"),
        suffixes=PHOTO_SUFFIXES,
        max_mb=10,
        multiple=True,
        max_count=PHOTO_MAX_COUNT,
        wrong_type=_("照片只能是 JPG 或 PNG 文件：%(name)s。"),
        too_big=_("照片不能超过10MB：%(name)s。"),
        too_many=_("一次最多上传%(n)s张照片。"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = scoping.visible_to(user, Unit).filter(is_active=True)


def _open_findings(visit: SiteVisit):
    return visit.findings.filter(task__isnull=True, complaint__isnull=True).order_by("pk")


class VisitToTaskForm(forms.Form):
    visit_finding = forms.ModelChoiceField(label=_("发现问题"), queryset=SiteVisit.objects.none())
    finding = forms.ModelChoiceField(label=_("反馈问题"), queryset=Finding.objects.none())
    due_date = forms.DateField(label=_("整改时限"), widget=DATE)

    def __init__(self, *args, user, visit: SiteVisit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visit_finding"].queryset = _open_findings(visit)
        self.fields["visit_finding"].widget = forms.HiddenInput()
        self.fields["finding"].queryset = scoping.visible_to(user, Finding).filter(inspection=visit.inspection)


class VisitToComplaintForm(forms.Form):
    visit_finding = forms.ModelChoiceField(label=_("发现问题"), queryset=SiteVisit.objects.none())
    pollution_types = forms.ModelMultipleChoiceField(
        label=_("污染类型"), queryset=PollutionType.objects.all(), required=False
    )

    def __init__(self, *args, visit: SiteVisit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visit_finding"].queryset = _open_findings(visit)
        self.fields["visit_finding"].widget = forms.HiddenInput()
