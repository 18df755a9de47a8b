"""The 待办 count beside the user's name on every page: one indexed count
(notification_user_idx), evaluated only when a template shows it."""

from ducha.notifications.models import Notification


def notifications(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": lambda: Notification.objects.filter(user=user, read_at__isnull=True).count()}
