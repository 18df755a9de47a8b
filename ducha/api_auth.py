"""Who calls the API: the browser's session (CSRF checked on writes) or an API token
(`Authorization: Bearer …`, see ducha.org.tokens) acting as its user, who becomes
request.user so org.scoping and the roles apply unchanged. Every router uses AUTH."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from ninja.errors import Throttled
from ninja.security import HttpBearer, SessionAuth

from ducha.org import tokens
from ducha.org.signins import client_address


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`: a live token acts as its user."""

    def authenticate(self, request, token):
        address = client_address(request)
        if tokens.throttled(address):
            raise Throttled(wait=60)
        found = tokens.check(token, address=address)
        if found is None:
            return None
        found.user.api_token_name = found.name  # the audit log names the token (audit.services)
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
