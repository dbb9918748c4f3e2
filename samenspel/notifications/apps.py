from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "samenspel.notifications"
    label = "notifications"
    verbose_name = _("Messages")

    def ready(self):
        from samenspel.core import member_counts

        from .selectors import UNREAD_COUNT, unread_count_sql

        member_counts.add(UNREAD_COUNT, unread_count_sql)  # the menu's number, read with the member
