"""A notification is its addressee's alone."""

from ducha.notifications.models import Notification
from ducha.org import scoping


def _visible(p, qs):
    return qs.filter(user_id=p.user.pk)


def _can(p, action, notification):
    if action not in ("view", "change"):
        return False
    return notification is None or notification.user_id == p.user.pk


scoping.register(Notification, visible=_visible, can=_can)
