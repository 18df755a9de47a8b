"""API tokens for other systems: created and revoked here (audited), checked on every
API call. A token is `dch_` and 43 random characters; only its SHA-256 is stored, so a
leaked database gives no usable token. Failed checks are audited and, past a limit per
address and minute, refused outright (429) before any lookup."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from ducha.audit.services import record
from ducha.org import scoping
from ducha.org.models import ApiToken, User

PREFIX = "dch_"
# failed token checks an address may make per minute before it is refused outright
FAILURE_LIMIT = 10
_WINDOW = 60


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def create_token(user: User, *, actor, name: str, expires_days: int | None = None) -> tuple[ApiToken, str]:
    """The new token and its only plain copy (printed once, never stored)."""
    raw = PREFIX + secrets.token_urlsafe(32)
    expires = timezone.now() + dt.timedelta(days=expires_days) if expires_days else None
    with transaction.atomic():
        token = ApiToken.objects.create(name=name, user=user, token_hash=digest(raw), expires_at=expires)
        record(
            actor=actor,
            action="org.api_token.create",
            obj=token,
            after={"name": name, "user": user.username, "expires_at": expires.isoformat() if expires else None},
        )
    return token, raw


def revoke_token(token: ApiToken, *, actor) -> ApiToken:
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            record(actor=actor, action="org.api_token.revoke", obj=token, after={"name": token.name})
    return token


def throttled(address: str) -> bool:
    return cache.get(_key(address), 0) >= FAILURE_LIMIT


def _key(address: str) -> str:
    return f"ducha:api-token-failures:{address}"


def check(raw: str, *, address: str) -> ApiToken | None:
    """The live token `raw` names (its last use recorded), or None (the failure audited)."""
    now = timezone.now()
    token = ApiToken.objects.select_related("user").filter(token_hash=digest(raw)).first()
    reason = (
        "unknown"
        if token is None
        else "revoked"
        if token.revoked_at
        else "expired"
        if token.expires_at and token.expires_at <= now
        else "inactive"
        if not token.user.is_active
        else ""
    )
    if reason:
        _fail(reason, token, address)
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
    return token


def _fail(reason: str, token: ApiToken | None, address: str) -> None:
    key = _key(address)
    cache.add(key, 0, _WINDOW)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, _WINDOW)
    after = {"reason": reason, "address": address}
    if token is not None:
        after["name"] = token.name
    # nobody is authenticated: the system records the attempt (never the token itself)
    record(
        actor=scoping.system_user(),
        action="auth.token_failed",
        object_type="org.apitoken",
        object_id=str(token.pk) if token else "",
        object_repr=token.name if token else "",
        after=after,
    )
