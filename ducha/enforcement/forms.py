"""Forms of enforcement: they only gather input; the services validate and act."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ducha.enforcement.choices import DeadlineUnit, MaterialKind, Offence, OpinionKind, OpinionOutcome, PartyKind
from ducha.enforcement.models import ThresholdCriterion
from ducha.enforcement.services.cases import MATERIAL_MAX_BYTES
from ducha.org.models import Unit, UnitKind
from ducha.uploads import EVIDENCE_SUFFIXES, UploadField

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class CaseForm(forms.Form):
    party_kind = forms.ChoiceField(label=_("当事人类型"), choices=PartyKind.choices)
    party_name = forms.CharField(label=_("当事人"), max_length=128)
    offence = forms.ChoiceField(label=_("涉嫌罪名"), choices=Offence.choices)
    facts = forms.CharField(label=_("涉嫌犯罪事实"), widget=forms.Textarea(attrs={"rows": 6}), max_length=20000)
    penalty_case_number = forms.CharField(label=_("行政处罚案件编号"), max_length=64, required=False)
    pollutant = forms.CharField(label=_("超标污染物"), max_length=64, required=False)
    exceedance_multiple = forms.DecimalField(
        label=_("超标倍数"), max_digits=8, decimal_places=2, min_value=0, required=False
    )
    prior_penalties = forms.IntegerField(label=_("两年内受行政处罚次数"), min_value=0, max_value=99, initial=0)
    complaint_ref = forms.CharField(
        label=_("来源信访件受理编号"), max_length=64, required=False, help_text=_("由信访件或其办理结果发现时填写")
    )


class MaterialForm(forms.Form):
    kind = forms.ChoiceField(label=_("材料类型"), choices=MaterialKind.choices)
    file = UploadField(
        label=_("文件"),
        help_text=_("图片（jpg、png）、PDF、Word 或 Excel，不超过 20 MB"),
        suffixes=EVIDENCE_SUFFIXES,
        check_type=False,
        max_mb=MATERIAL_MAX_BYTES // (1024 * 1024),
        too_big=_("文件不能超过20MB。"),
    )


class StepForm(forms.Form):
    """One form for every step of a party; the step's service says what it needs."""

    step = forms.CharField(widget=forms.HiddenInput)
    text = forms.CharField(label=_("说明"), widget=TEXTAREA, max_length=10000, required=False)
    police_unit = forms.ModelChoiceField(
        label=_("接收公安机关"), queryset=Unit.objects.filter(kind=UnitKind.POLICE, is_active=True), required=False
    )
    procuratorate = forms.ModelChoiceField(
        label=_("抄送检察机关"),
        queryset=Unit.objects.filter(kind=UnitKind.PROCURATORATE, is_active=True),
        required=False,
    )
    kind = forms.ChoiceField(label=_("意见类型"), choices=OpinionKind.choices, required=False)
    materials_returned = forms.BooleanField(label=_("退回移送材料"), required=False, initial=True)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("落实情况"), choices=[c for c in OpinionOutcome.choices if c[0] != OpinionOutcome.PENDING]
    )
    note = forms.CharField(label=_("落实说明"), widget=TEXTAREA, max_length=10000)


class DeadlineForm(forms.Form):
    amount = forms.IntegerField(label=_("时限"), min_value=1, max_value=720)
    unit = forms.ChoiceField(label=_("单位"), choices=DeadlineUnit.choices)
    starts = forms.CharField(label=_("起算"), max_length=64)
    article = forms.CharField(label=_("依据"), widget=forms.Textarea(attrs={"rows": 4}))


class CriterionForm(forms.ModelForm):
    class Meta:
        model = ThresholdCriterion
        fields = ["code", "name", "kind", "pollutants", "min_multiple", "keywords", "min_count", "basis", "active"]
        widgets = {"basis": forms.Textarea(attrs={"rows": 3})}
