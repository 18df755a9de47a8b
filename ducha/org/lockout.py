"""Login lockout over django-axes: per user name and, with a higher limit, per address.

django-axes counts failures per lockout parameter but compares them all with one
limit. A whole office may sit behind one NAT address, so the address gets its own,
higher limit (settings.LOGIN_ADDRESS_FAILURE_LIMIT); the user name keeps
LOGIN_FAILURE_LIMIT. The handler reports the count axes compares with the user limit:
the user name's own failures, or the limit itself once the address is past its own.
"""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Sum
from django.shortcuts import render


def _sum(attempts) -> int:
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials: dict | None = None) -> int:
        # In the order of AXES_LOCKOUT_PARAMETERS: ["username", "ip_address"].
        by_user, by_address = (_sum(qs) for qs in self.get_user_attempts(request, credentials))
        if by_address >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            return max(by_user, settings.LOGIN_FAILURE_LIMIT)
        return by_user

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        # After a successful sign-in forget that user name's failures only: axes would
        # also clear every failure from the address, so one valid account would let an
        # attacker on the same address go on guessing other people's passwords.
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count


def lockout_response(request, original_response=None, credentials=None):
    """The login page again, saying the sign-in is locked and for how long (HTTP 429)."""
    form = AuthenticationForm(request, data=request.POST or None)
    context = {"form": form, "locked": True, "lockout_minutes": settings.LOGIN_LOCKOUT_MINUTES}
    return render(request, "registration/login.html", context, status=429)
