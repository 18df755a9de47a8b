"""Notifications (站内提醒) to people, and marking one's own read."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from ducha.supervision.models import (
    Notification,
)


def notify_users(user_ids: Iterable[int], *, text: str, link: str = "") -> int:
    now = timezone.now()
    rows = [Notification(user_id=u, text=text[:300], link=link, created_at=now) for u in set(user_ids)]
    Notification.objects.bulk_create(rows)
    return len(rows)


def mark_notifications_read(*, actor) -> int:
    """The reader's own unread notifications become read (not an audited business fact)."""
    return Notification.objects.filter(user=actor, read_at__isnull=True).update(read_at=timezone.now())
