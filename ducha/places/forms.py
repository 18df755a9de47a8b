from django import forms
from django.utils.translation import gettext_lazy as _

from ducha.places.models import Place, PlaceKind
from ducha.places.services.common import split_aliases

ADDED_CHOICES = [(k, PlaceKind(k).label) for k in PlaceKind.ADDED]


class AliasesField(forms.CharField):
    def to_python(self, value):
        return split_aliases(super().to_python(value))


class AddPlaceForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=ADDED_CHOICES)
    name = forms.CharField(label=_("名称"), max_length=100)
    aliases = AliasesField(label=_("别名"), required=False, help_text=_("多个别名用顿号或逗号分隔"))
    river = forms.ModelChoiceField(
        label=_("所在河流"), queryset=Place.objects.none(), required=False, help_text=_("河段必填")
    )

    def __init__(self, *args, rivers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["river"].queryset = rivers if rivers is not None else Place.objects.none()


class EditPlaceForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=100, required=False)
    aliases = AliasesField(label=_("别名"), required=False, help_text=_("多个别名用顿号或逗号分隔"))


class AddSiteWordForm(forms.Form):
    family = forms.CharField(widget=forms.HiddenInput)
    word = forms.CharField(label=_("同义词"), max_length=40)


class RemoveSiteWordForm(forms.Form):
    word = forms.CharField(label=_("要删除的同义词"), max_length=40)


class AddSiteFamilyForm(forms.Form):
    label = forms.CharField(label=_("类别名称"), max_length=40)
    words = AliasesField(label=_("同义词"), help_text=_("多个同义词用顿号或逗号分隔"))
