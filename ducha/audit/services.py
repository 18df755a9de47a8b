"""Writing audit records. Every service in every area calls `record` inside its
own transaction, so the change and its record commit or vanish together."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from ducha.audit.events import EVENT_TYPES
from ducha.audit.models import AuditEvent, AuditHead
from ducha.core import pii_text
from ducha.core.chain import GENESIS, chain_hash, preferred_algorithm
from ducha.fields import EncryptedTextField

HASH_ALG = preferred_algorithm()


def _jsonable(value: Any) -> Any:
    """Normalise through JSON once, so what we hash is what the database returns; any
    phone or ID number written in a text value is masked (the log is kept forever)."""
    return _masked(json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)))


def _masked(value: Any) -> Any:
    if isinstance(value, str):
        return pii_text.mask_text(value)
    if isinstance(value, dict):
        return {k: _masked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_masked(v) for v in value]
    return value


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The concrete field values of a model instance, PII masked, FKs as ids."""
    out: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if field.name in ("password",):
            continue
        value = getattr(instance, field.attname)
        if isinstance(field, EncryptedTextField):
            value = field.masked(value or "")
        elif isinstance(value, Decimal):
            value = str(value)
        elif isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()
        out[field.name] = value
    return out


def diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict, dict]:
    """Only the fields that changed, on both sides."""
    keys = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


def actor_name(actor) -> str:
    """The actor as the log shows them; a write through an API token names the token
    (ducha.api_auth marks the request's user with it)."""
    token = getattr(actor, "api_token_name", "")
    # stored data in the source language, like the rest of the record
    name = f"{actor}（接口令牌：{token}）" if token else str(actor)
    return name[:150]


def record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEvent:
    if actor is None:
        raise TypeError("actor is required: background work records as scoping.system_user()")
    if action not in EVENT_TYPES:
        raise ValueError(f"unknown audit event type {action!r}: add it to ducha.audit.events")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)
    with transaction.atomic():
        # The head row lock is the queue: one writer at a time extends the chain.
        head, _ = AuditHead.objects.select_for_update().get_or_create(id=1, defaults={"hash": GENESIS})
        event = AuditEvent(
            seq=head.seq + 1,
            # UTC, as the database hands it back: the hash covers the ISO text of `at`
            at=timezone.now().astimezone(dt.UTC),
            actor_id=actor.pk,
            actor_name=actor_name(actor),
            action=action,
            object_type=object_type,
            object_id=object_id,
            object_repr=pii_text.mask_text(object_repr)[:200],
            before=_jsonable(before) if before is not None else None,
            after=_jsonable(after) if after is not None else None,
            prev_hash=head.hash,
            hash_alg=HASH_ALG,
        )
        event.hash = chain_hash(HASH_ALG, head.hash, event.chained_fields())
        event.save(force_insert=True)
        head.seq, head.hash = event.seq, event.hash
        head.save(update_fields=["seq", "hash"])
    return event
