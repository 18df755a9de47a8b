"""Sign-ins, sign-outs, failed and locked-out attempts in the audit log.

Receivers of Django's auth signals and django-axes' lockout signal. A failed attempt
records the user name as typed and the address, never the password (Django hands the
signal cleansed credentials, and we read only the user name). An attempt refused
because of a lockout is recorded once, as a lockout, not also as a failure.
"""

from __future__ import annotations

from axes.helpers import get_client_ip_address
from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from ducha.audit.services import record
from ducha.org.scoping import system_user

USERNAME_LIMIT = 150


def client_address(request) -> str:
    """The client's address as the lockout counts it (through the proxy when configured)."""
    if request is None:
        return ""
    return getattr(request, "axes_ip_address", None) or get_client_ip_address(request) or ""


@receiver(user_logged_in, dispatch_uid="ducha.audit.login")
def audit_login(sender, request, user, **kwargs):
    record(actor=user, action="auth.login", obj=user, after={"address": client_address(request)})


@receiver(user_logged_out, dispatch_uid="ducha.audit.logout")
def audit_logout(sender, request, user, **kwargs):
    if user is None:
        return
    after = {"address": client_address(request)}
    reason = getattr(request, "ducha_logout_reason", "")
    if reason:
        after["reason"] = reason
    record(actor=user, action="auth.logout", obj=user, after=after)


@receiver(user_login_failed, dispatch_uid="ducha.audit.login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    if getattr(request, "axes_locked_out", False):
        return  # the lockout receiver records this attempt
    typed = str((credentials or {}).get("username", ""))[:USERNAME_LIMIT]
    record(
        actor=system_user(),  # nobody is signed in: the system records the attempt
        action="auth.login_failed",
        object_type="org.user",
        object_repr=typed,
        after={"username": typed, "address": client_address(request)},
    )


@receiver(user_locked_out, dispatch_uid="ducha.audit.lockout")
def audit_lockout(sender, request, username=None, ip_address=None, **kwargs):
    typed = str(username or "")[:USERNAME_LIMIT]
    record(
        actor=system_user(),  # nobody is signed in: the system records the attempt
        action="auth.lockout",
        object_type="org.user",
        object_repr=typed,
        after={
            "username": typed,
            "address": ip_address or client_address(request),
            "failures": getattr(request, "axes_failures_since_start", None),
        },
    )


def audit_refusal(request, *, status: int, object_type: str = "", object_id: str = "") -> None:
    """A 403 or 404 answered by the scoping decorator: who asked for what, from where."""
    record(
        actor=request.user,
        action="auth.refused",
        object_type=object_type,
        object_id=str(object_id)[:64],
        object_repr=request.path[:200],
        after={"path": request.path, "method": request.method, "status": status, "address": client_address(request)},
    )
