from django import forms
from django.utils.translation import gettext_lazy as _

from ducha.org import scoping
from ducha.org.calendar import parse_arrangement_lines
from ducha.org.models import Region, Role, Unit, UnitKind
from ducha.versions import VersionField


class UnitForm(forms.Form):
    name = forms.CharField(label=_("单位名称"), max_length=128)
    short_name = forms.CharField(label=_("简称"), max_length=32, required=False)
    kind = forms.ChoiceField(label=_("单位类型"), choices=UnitKind.choices)
    region = forms.ModelChoiceField(label=_("所在区域"), queryset=Region.objects.all())
    parent = forms.ModelChoiceField(label=_("上级单位"), queryset=Unit.objects.none(), required=False)
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)
    version = VersionField()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = scoping.visible_to(user, Unit)


class PersonForm(forms.Form):
    full_name = forms.CharField(label=_("姓名"), max_length=64)
    post = forms.CharField(label=_("职务"), max_length=64, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=32, required=False)
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)
    version = VersionField()


class NewPersonForm(PersonForm):
    username = forms.CharField(label=_("登录名"), max_length=150)
    # The rules (length, character classes…) are the validators', checked by the service.
    password = forms.CharField(label=_("初始密码"), widget=forms.PasswordInput, strip=False)
    unit = forms.ModelChoiceField(label=_("单位"), queryset=Unit.objects.none())
    role = forms.ChoiceField(label=_("角色"), choices=Role.choices)

    field_order = ["username", "full_name", "post", "phone", "unit", "role", "password"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = scoping.visible_to(user, Unit).filter(is_active=True)
        del self.fields["is_active"]


class MembershipForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("单位"), queryset=Unit.objects.none())
    role = forms.ChoiceField(label=_("角色"), choices=Role.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = scoping.visible_to(user, Unit).filter(is_active=True)


class RegionAliasForm(forms.Form):
    alias = forms.CharField(label=_("别名"), max_length=64)
    region = forms.ModelChoiceField(label=_("行政区域"), queryset=Region.objects.all())


class HolidayYearForm(forms.Form):
    """One year's arrangement, pasted from the State Council's notice line by line."""

    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    version = VersionField()  # on the replace form: the year as shown
    source = forms.CharField(
        label=_("依据（通知标题）"),
        max_length=200,
        help_text=_("例如：国务院办公厅关于2027年部分节假日安排的通知"),
    )
    lines = forms.CharField(
        label=_("放假与调休上班日期"),
        widget=forms.Textarea(attrs={"rows": 14, "placeholder": "2027-01-01 元旦 放假\n2027-02-07 春节 调休上班"}),
        help_text=_("每行一天或一段：日期（或“日期 至 日期”）、节日名称、放假或调休上班。"),
    )
    replace = forms.BooleanField(label=_("替换该年度已录入的安排"), required=False)

    def clean(self):
        data = super().clean()
        if "lines" in data:
            parsed = parse_arrangement_lines(data["lines"])
            for problem in parsed.problems:
                self.add_error("lines", str(problem))
            data["holidays"], data["makeup_workdays"] = parsed.holidays, parsed.makeup_workdays
        return data

    def service_arguments(self) -> dict:
        keys = ("year", "source", "holidays", "makeup_workdays", "replace", "version")
        return {k: self.cleaned_data[k] for k in keys}


class PasswordChangeForm(forms.Form):
    """A person's own new password; the rules are checked by the service (validators)."""

    old_password = forms.CharField(
        label=_("当前密码"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    new_password = forms.CharField(
        label=_("新密码"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    new_password_again = forms.CharField(
        label=_("再次输入新密码"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        data = super().clean()
        if data.get("new_password") and data.get("new_password_again") != data.get("new_password"):
            self.add_error("new_password_again", _("两次输入的新密码不一致。"))
        return data


class PasswordResetForm(forms.Form):
    """A temporary password an admin or office sets for someone; they must change it."""

    password = forms.CharField(
        label=_("临时密码"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
