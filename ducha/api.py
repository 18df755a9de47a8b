"""The JSON API (django-ninja). Every route needs a session; each area adds a router
whose handlers read through org.scoping like the pages do."""

from django.contrib.auth.decorators import login_required
from ninja import NinjaAPI, Schema
from ninja.security import django_auth

from ducha.enforcement.api import router as enforcement_router
from ducha.errors import DomainError, NotPermitted
from ducha.org import scoping

api = NinjaAPI(title="Ducha API", version="1", auth=django_auth, urls_namespace="api", docs_decorator=login_required)
api.add_router("/enforcement", enforcement_router)


class Me(Schema):
    username: str
    full_name: str
    roles: list[str]


@api.get("/me", response=Me)
def me(request):
    p = scoping.principal(request.user)
    return {"username": request.user.username, "full_name": request.user.full_name, "roles": sorted(p.roles)}


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    status = 403 if isinstance(exc, NotPermitted) else 409 if exc.code == "conflict" else 400
    return api.create_response(
        request, {"code": exc.code, "message": str(exc.message), "field": exc.field}, status=status
    )
