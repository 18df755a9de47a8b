"""Navigation by role: an entry shows when scoping says the user may view its model."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ducha.org import scoping

# (label, url name, app_label.ModelName the entry lists, the action that shows it).
# Areas add their entries here.
NAVIGATION = [
    (_("单位"), "org:unit_list", "org.Unit", "view"),
    (_("人员"), "org:person_list", "org.User", "create"),
    (_("区域别名"), "org:alias_list", "org.RegionAlias", "create"),
    (_("节假日安排"), "org:holiday_year_list", "org.HolidayYear", "create"),
    (_("工作台"), "complaints:queue", "complaints.Complaint", "dispatch"),
    (_("本单位办理"), "complaints:mine", "complaints.Complaint", "handle"),
    (_("信访件"), "complaints:complaint_list", "complaints.Complaint", "view"),
    (_("按时办结"), "complaints:figures", "complaints.Complaint", "view"),
    (_("交办批次"), "complaints:batch_list", "complaints.Batch", "view"),
    (_("审计日志"), "audit:event_list", "audit.AuditEvent", "view"),
    (_("问题整改"), "rectification:finding_list", "rectification.Finding", "view"),
    (_("领导驾驶舱"), "board", "dashboard.FigureSnapshot", "view"),
    (_("逾期预警"), "supervision:alert_list", "supervision.Alert", "view"),
    (_("督办单"), "supervision:notice_list", "supervision.SupervisionNotice", "view"),
    (_("约谈问责"), "supervision:accountability_list", "supervision.Accountability", "view"),
    (_("研究部署会议"), "supervision:meeting_list", "supervision.Meeting", "view"),
    (_("专项督查"), "supervision:visit_list", "supervision.SiteVisit", "view"),
    (_("通报"), "supervision:bulletin_list", "supervision.Bulletin", "view"),
    (_("环境管控单元"), "zoning:unit_list", "zoning.ControlUnit", "view"),
    (_("分区管控地图"), "zoning:map", "zoning.ControlUnit", "view"),
    (_("准入分析"), "zoning:site_check", "zoning.ControlUnit", "check"),
    (_("成果版本"), "zoning:edition_list", "zoning.ControlUnitEdition", "view"),
    (_("字段对照"), "zoning:field_list", "zoning.FieldMapping", "create"),
    (_("地名库"), "places:place_list", "places.Place", "create"),
    (_("场所类别"), "places:site_kinds", "places.SiteFamily", "create"),
    (_("移送案件"), "enforcement:case_list", "enforcement.CaseTransfer", "view"),
    (_("登记移送案件"), "enforcement:case_create", "enforcement.CaseTransfer", "create"),
    (_("法定时限"), "enforcement:deadline_list", "enforcement.StatutoryDeadline", "view"),
    (_("入罪标准"), "enforcement:criterion_list", "enforcement.ThresholdCriterion", "view"),
]


# Menu groups by URL namespace, in the order they show; a group of one is a plain link.
GROUPS = [
    ("board", _("领导驾驶舱")),
    ("complaints", _("信访件")),
    ("rectification", _("问题整改")),
    ("supervision", _("督查督办")),
    ("zoning", _("三线一单")),
    ("places", _("地名库")),
    ("enforcement", _("两法衔接")),
    ("org", _("组织机构")),
    ("audit", _("审计日志")),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from django.apps import apps

    entries = []
    for label, url_name, model_label, action in NAVIGATION:
        if scoping.can(user, action, apps.get_model(model_label)):
            entries.append({"label": label, "url": reverse(url_name), "group": url_name.split(":")[0]})
    # the longest URL that prefixes the path is the page we are on, and only it
    current = max((e["url"] for e in entries if request.path.startswith(e["url"])), key=len, default=None)
    groups = []
    for key, title in GROUPS:
        members = [e | {"active": e["url"] == current} for e in entries if e["group"] == key]
        if members:
            groups.append({"title": title, "entries": members, "active": any(e["active"] for e in members)})
    p = scoping.principal(user)
    return {"nav_groups": groups, "nav_entries": entries, "user_roles": sorted(p.roles)}
