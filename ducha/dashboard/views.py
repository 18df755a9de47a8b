"""Home: one page per role, built from panels the areas contribute."""

from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ducha.dashboard.lists import chosen_inspection
from ducha.dashboard.panels import home_panels
from ducha.org import scoping
from ducha.org.models import Role
from ducha.web import public, scoped

# The first role a user holds in this order picks their home page.
HOME_ORDER = [
    Role.OFFICE,
    Role.LEADER,
    Role.SUPERVISOR,
    Role.HANDLER,
    Role.POLICE,
    Role.PROCURATORATE,
    Role.AUDITOR,
    Role.ADMIN,
]

PANELS = {
    Role.OFFICE: [_("待转办信访件"), _("待审核办理结果"), _("即将逾期"), _("整改任务进度")],
    Role.LEADER: [_("信访件办结情况"), _("反馈问题整改情况"), _("问责情况")],
    Role.SUPERVISOR: [_("逾期事项"), _("督办单"), _("专项督查")],
    Role.HANDLER: [_("本单位待办信访件"), _("本单位整改任务")],
    Role.POLICE: [_("移送案件")],
    Role.PROCURATORATE: [_("移送案件监督")],
    Role.AUDITOR: [_("最近审计记录")],
    Role.ADMIN: [_("单位与人员"), _("审计日志")],
}


SIGN = _("待签发")  # the signing roles' panel, first when the user may sign


@public
def root(request):
    return redirect("home" if request.user.is_authenticated else "login")


@scoped()
def home(request):
    p = scoping.principal(request.user)
    role = next((r for r in HOME_ORDER if r in p.roles), None)
    counts = home_panels(request.user, role, chosen_inspection(request), timezone.localdate())
    titles = list(PANELS.get(role, []))
    if str(SIGN) in counts:
        titles.insert(0, SIGN)
    context = {
        "role": role,
        "role_label": Role(role).label if role else "",
        # each panel: its title and (label, count, link) rows
        "panels": [(title, counts.get(str(title), [])) for title in titles],
        "units": sorted({str(m.unit) for m in request.user.memberships.select_related("unit")}),
    }
    return render(request, "dashboard/home.html", context)
