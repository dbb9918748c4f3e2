from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "samenspel.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from . import revisions

        revisions.connect()
