"""The notifications page: unread first, each opening its object (and becoming read)."""

from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ducha.notifications import services
from ducha.notifications.models import Notification
from ducha.org import scoping
from ducha.web import scoped


@scoped(Notification, "view")
def notification_list(request):
    rows = scoping.visible_to(request.user, Notification).order_by("read_at", "-created_at", "-id")
    unread = request.GET.get("unread") == "1"
    if unread:
        rows = rows.filter(read_at__isnull=True)
    return render(request, "notifications/notification_list.html", {"notifications": rows[:200], "unread": unread})


@scoped(Notification, "change")
@require_POST  # after scoping: a stranger gets 403, not 405
def notification_open(request, notification):
    """Mark it read and go to what it is about (only links inside Ducha)."""
    services.mark_notification_read(notification, actor=request.user)
    link = notification.link
    if link and url_has_allowed_host_and_scheme(link, allowed_hosts=None) and link.startswith("/"):
        return redirect(link)
    return redirect("notifications:notification_list")


@scoped(Notification, "change")
@require_POST
def notification_read_all(request):
    services.mark_notifications_read(actor=request.user)
    return redirect("notifications:notification_list")
