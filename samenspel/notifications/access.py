"""Only the recipient sees or marks a notification; to anyone else it does not exist (404)."""

from django.http import Http404

from .models import Notification


def get_notification_for(user, pk: int) -> Notification:
    if not (user and user.is_authenticated):
        raise Http404
    notification = Notification.objects.filter(pk=pk, recipient=user).first()
    if notification is None:
        raise Http404
    return notification
