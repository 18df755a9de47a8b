"""Every kind of audit event, grouped by area: the one list an auditor filters by.

A service that writes an event names one of these; an unknown name is a bug and
fails loudly rather than leaving an unfilterable record.
"""

from django.utils.translation import gettext_lazy as _

EVENT_TYPES = {
    # org
    "org.unit.create": _("新增单位"),
    "org.unit.update": _("修改单位"),
    "org.person.create": _("新增人员"),
    "org.person.update": _("修改人员"),
    "org.membership.add": _("授予角色"),
    "org.membership.remove": _("撤销角色"),
    "org.unit_alias.add": _("新增单位别名"),
    "org.unit_alias.remove": _("删除单位别名"),
    "org.region_alias.add": _("新增区域别名"),
    "org.region_alias.remove": _("删除区域别名"),
    "org.regions.load": _("导入行政区划"),
    "org.holiday_year.add": _("录入节假日安排"),
    "org.holiday_year.replace": _("替换节假日安排"),
    "org.person.password_change": _("修改密码"),
    "org.person.password_reset": _("重置密码"),
    "org.api_token.create": _("创建接口令牌"),
    "org.api_token.revoke": _("撤销接口令牌"),
    # sign-in and access
    "auth.login": _("登录"),
    "auth.logout": _("退出登录"),
    "auth.login_failed": _("登录失败"),
    "auth.lockout": _("登录失败次数过多被锁定"),
    "auth.refused": _("拒绝访问"),
    "auth.token_failed": _("接口令牌认证失败"),
    "file.download": _("下载案件文件"),
    # pii
    "pii.reveal": _("查看举报人信息"),
}


def register(area_events: dict) -> None:
    """Areas add their event types at import time (complaints, rectification, …)."""
    clash = set(area_events) & set(EVENT_TYPES)
    if clash:
        raise ValueError(f"audit event types registered twice: {sorted(clash)}")
    EVENT_TYPES.update(area_events)


def label(action: str) -> str:
    return str(EVENT_TYPES.get(action, action))
