from django import forms
from django.utils.translation import gettext_lazy as _

from ducha.complaints.models import Inspection
from ducha.org import scoping
from ducha.org.models import Region, Unit
from ducha.supervision.models import (
    AccountabilityKind,
    Alert,
    AlertRule,
    MeetingKind,
    NoticeLevel,
    Person,
    SanctionForm,
    VisitKind,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AlertRuleForm(forms.ModelForm):
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

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].queryset = scoping.visible_to(user, Inspection)
        self.fields["person"].queryset = scoping.visible_to(user, Person).select_related("unit")


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
