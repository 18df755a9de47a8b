"""Project-wide middleware: the chosen language, session timeouts, forced password change.

Language: Chinese unless the person chose English from the menu.

Django's LocaleMiddleware would follow the browser's Accept-Language, so an office
PC with an English Windows would show English to a Chinese clerk. Here only the
choice stored by the language menu (set_language's cookie) counts.
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class SessionTimeoutMiddleware:
    """Signs a person out after SESSION_IDLE_MINUTES without a request, and in any case
    SESSION_HOURS after signing in.

    Django's own session age counts from the session's last save; since this
    middleware saves the last-seen time, it keeps the absolute limit itself. The
    last-seen time is written at most once a minute, not on every request.
    """

    SIGNED_IN_AT, SEEN_AT = "ducha_signed_in_at", "ducha_seen_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            reason = self._expired(request.session, int(time.time()))
            if reason:
                request.ducha_logout_reason = reason
                logout(request)
                messages.info(request, _("长时间未操作或登录已超时，已自动退出，请重新登录。"))
                if getattr(request, "htmx", False):
                    return HttpResponse(status=204, headers={"HX-Redirect": resolve_url(settings.LOGIN_URL)})
        return self.get_response(request)

    @classmethod
    def start_clock(cls, sender, request, user, **kwargs):
        """On sign-in (user_logged_in), so the first request need not write the session."""
        if request is not None and hasattr(request, "session"):
            request.session[cls.SIGNED_IN_AT] = request.session[cls.SEEN_AT] = int(time.time())

    def _expired(self, session, now: int) -> str:
        signed_in_at = session.get(self.SIGNED_IN_AT)
        seen_at = session.get(self.SEEN_AT)
        if signed_in_at is None or seen_at is None:  # a session from before this clock
            session[self.SIGNED_IN_AT] = session[self.SEEN_AT] = now
            return ""
        if now - seen_at > settings.SESSION_IDLE_MINUTES * 60:
            return "idle"
        if now - signed_in_at > settings.SESSION_HOURS * 3600:
            return "expired"
        if now - seen_at >= 60:
            session[self.SEEN_AT] = now
        return ""


class PasswordChangeRequiredMiddleware:
    """Until a person has replaced a password someone else chose (an initial password,
    a reset), every page sends them to the change page; the API answers 403."""

    ALLOWED = frozenset({"password_change", "logout", "set_language"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not (user.is_authenticated and user.must_change_password):
            return None
        match = request.resolver_match
        if match is not None and match.url_name in self.ALLOWED:
            return None
        message = _("首次登录或密码被重置后，须先修改密码。")
        if request.path.startswith("/api/"):
            return JsonResponse({"code": "password_change_required", "message": message, "field": None}, status=403)
        target = f"{reverse('password_change')}?{urlencode({'next': request.get_full_path()})}"
        if getattr(request, "htmx", False):
            return HttpResponse(status=204, headers={"HX-Redirect": target})
        return redirect(target)
