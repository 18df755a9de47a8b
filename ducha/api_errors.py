"""One error shape for every API failure, with the HTTP status that fits:

    {"code": "not_found", "message": "未找到该记录，或您无权查看。", "field": null}

400 bad request, 401 no or bad credentials, 403 not permitted, 404 not found (or not
visible: the same answer, so ids cannot be probed), 409 a version conflict or a state
that does not allow the action, 422 invalid parameters, 429 too many failed tokens."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from ducha.errors import Conflict, DomainError, InvalidTransition, NotPermitted


class Error(Schema):
    code: str
    message: str
    field: str | None = None


# documented on every operation, so a client (and the fuzzer) knows the error shape
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error, 429: Error}

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "not_permitted",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    429: "throttled",
}


def _field(loc) -> str | None:
    """The parameter an error concerns: the last named part of pydantic's location."""
    names = [str(p) for p in loc or () if not isinstance(p, int) and p not in ("body", "query", "path", "header")]
    return ".".join(names[-1:]) or None


def install_error_handlers(api) -> None:
    def answer(request, status: int, code: str, message, field=None):
        return api.create_response(request, {"code": code, "message": str(message), "field": field}, status=status)

    @api.exception_handler(ValidationError)
    def invalid(request, exc: ValidationError):
        first = exc.errors[0] if exc.errors else {}
        field = _field(first.get("loc"))
        message = _("参数“%(field)s”无效。") % {"field": field} if field else _("请求参数无效。")
        return answer(request, 422, "invalid", message, field)

    @api.exception_handler(DomainError)
    def domain(request, exc: DomainError):
        status = 403 if isinstance(exc, NotPermitted) else 409 if isinstance(exc, Conflict | InvalidTransition) else 400
        return answer(request, status, exc.code, exc.message, exc.field)

    @api.exception_handler(DjangoValidationError)
    def django_invalid(request, exc: DjangoValidationError):
        return answer(request, 400, "invalid", "；".join(exc.messages))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return answer(request, 404, "not_found", _("未找到该记录，或您无权查看。"))

    @api.exception_handler(PermissionDenied)
    def denied(request, exc):
        return answer(request, 403, "not_permitted", NotPermitted.default_message)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return answer(request, 401, "unauthenticated", _("请先登录，或提供有效的接口令牌。"))

    @api.exception_handler(Throttled)
    def throttled(request, exc):
        return answer(request, 429, "throttled", _("认证失败次数过多，请稍后再试。"))

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        messages = {403: NotPermitted.default_message, 405: _("不支持该请求方法。")}
        message = messages.get(exc.status_code, _("请求无法处理。"))
        return answer(request, exc.status_code, _HTTP_CODES.get(exc.status_code, "error"), message)
