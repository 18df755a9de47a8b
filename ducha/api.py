"""The JSON API (django-ninja) at /api/v1/: one router per area (`<app>/api.py`), mounted
here. Every route needs the browser session (CSRF checked on writes) or an API token
(`Authorization: Bearer …`, see ducha.org.tokens); the token's user is request.user, so
org.scoping and the roles apply unchanged. Every failure answers one shape:
{"code": "...", "message": "中文说明", "field": "..." | null}."""

from ninja import NinjaAPI, Schema

from ducha.api_auth import AUTH, signed_in_or_token
from ducha.api_errors import install_error_handlers
from ducha.complaints import api as complaints
from ducha.dashboard import api as dashboard
from ducha.enforcement import api as enforcement
from ducha.inspections import api as inspections
from ducha.org import scoping
from ducha.rectification import api as rectification

api = NinjaAPI(
    title="Ducha API",
    version="1",
    description="督察整改系统接口：会话或接口令牌（Authorization: Bearer）认证，数据范围与页面一致。",
    auth=AUTH,
    urls_namespace="api_v1",
    docs_decorator=signed_in_or_token,
)
install_error_handlers(api)


class Me(Schema):
    username: str
    full_name: str
    roles: list[str]


def me(request):
    p = scoping.principal(request.user)
    return {"username": request.user.username, "full_name": request.user.full_name, "roles": sorted(p.roles)}


api.get("/me", response=Me, summary="当前用户")(me)


# each area's router (`<app>/api.py`), in the order the apps stack
for router in (inspections.router, complaints.router, rectification.router, dashboard.router):
    api.add_router("/", router)
api.add_router("/enforcement", enforcement.router)

# /api/me and /api/enforcement/ from before v1: the same answers, kept for existing callers
legacy = NinjaAPI(
    title="Ducha API (legacy)", version="0", auth=AUTH, urls_namespace="api", docs_url=None, openapi_url=None
)
install_error_handlers(legacy)
legacy.get("/me", response=Me)(me)
legacy.add_router("/enforcement", enforcement.router)
