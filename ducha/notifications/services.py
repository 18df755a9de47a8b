"""Telling people: one Notification per person (the link leads to the thing), and an
e-mail as well when the deployment configured SMTP (EMAIL_HOST; off by default).

Callers call `notify_users` inside `transaction.on_commit`, so nobody is told about a
change that rolled back. Reading one's own notifications is not an audited business
fact, so marking them read writes no audit record."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.notifications.models import Notification

log = logging.getLogger(__name__)


def notify_users(user_ids: Iterable[int], *, text: str, link: str = "") -> int:
    users = set(user_ids)
    now = timezone.now()
    rows = [Notification(user_id=u, text=text[:300], link=link, created_at=now) for u in users]
    Notification.objects.bulk_create(rows)
    if settings.DUCHA_NOTIFY_BY_EMAIL and users:
        _mail(users, text, link)
    return len(rows)


def notify_each(messages: Iterable[tuple[int, str, str]]) -> int:
    """Several people, each their own (user id, text, link): one bulk insert."""
    now = timezone.now()
    rows = [Notification(user_id=u, text=text[:300], link=link, created_at=now) for u, text, link in messages]
    Notification.objects.bulk_create(rows, batch_size=2000)
    if settings.DUCHA_NOTIFY_BY_EMAIL:
        for row in rows:
            _mail({row.user_id}, row.text, row.link)
    return len(rows)


def _mail(user_ids: set[int], text: str, link: str) -> None:
    """One plain message per person with an address; a mail server that fails is logged,
    never a reason to undo the work that was notified."""
    addresses = get_user_model().objects.filter(pk__in=user_ids, is_active=True).exclude(email="")
    subject = _("督察整改管理系统通知")
    body = text + (f"\n\n{link}" if link else "")
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [a]) for a in addresses.values_list("email", flat=True)]
    try:
        send_mass_mail(messages, fail_silently=False)
    except OSError:
        log.warning("notification e-mail failed for %s people", len(messages), exc_info=True)


def mark_notification_read(notification: Notification, *, actor) -> Notification:
    """The reader's own notification becomes read (opening it through its link)."""
    Notification.objects.filter(pk=notification.pk, user=actor, read_at__isnull=True).update(read_at=timezone.now())
    notification.refresh_from_db(fields=["read_at"])
    return notification


def mark_notifications_read(*, actor) -> int:
    """The reader's own unread notifications become read."""
    return Notification.objects.filter(user=actor, read_at__isnull=True).update(read_at=timezone.now())
