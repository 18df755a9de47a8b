"""The JSON API (django-ninja) at /api/v1/: one router per area (`<app>/api.py`), mounted
here. Every route needs the browser session (CSRF checked on writes) or an API token
(`Authorization: Bearer …`, see ducha.org.tokens); the token's user is request.user, so
org.scoping and the roles apply unchanged. Every failure answers one shape:
{"code": "...", "message": "中文说明", "field": "..." | null}."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from ninja import NinjaAPI, Schema
from ninja.security import HttpBearer, SessionAuth

from ducha.api_errors import install_error_handlers
from ducha.org import scoping, tokens
from ducha.org.signins import client_address


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`: a live token acts as its user."""

    def authenticate(self, request, token):
        from ninja.errors import Throttled

        address = client_address(request)
        if tokens.throttled(address):
            raise Throttled(wait=60)
        found = tokens.check(token, address=address)
        if found is None:
            return None
        request.user = found.user
        request.api_token = found
        return found.user


class Session(SessionAuth):
    """The browser's session, CSRF checked on writes; skipped when a token is sent, so a
    bad token answers 401 rather than a CSRF refusal."""

    def __call__(self, request):
        if request.headers.get("Authorization"):
            return None
        return super().__call__(request)


def signed_in_or_token(view):
    """The schema and the docs: for a session or a live token, else to the login page."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            header = request.headers.get("Authorization", "")
            if not (header.startswith("Bearer ") and TokenAuth().authenticate(request, header[7:].strip())):
                return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


AUTH = [TokenAuth(), Session()]

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

# /api/me from before v1: the same answer, kept for existing callers
legacy = NinjaAPI(
    title="Ducha API (legacy)", version="0", auth=AUTH, urls_namespace="api", docs_url=None, openapi_url=None
)
install_error_handlers(legacy)
legacy.get("/me", response=Me)(me)
