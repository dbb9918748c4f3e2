from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "samenspel.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from samenspel.core import home

        from . import home as meetings_home
        from . import revisions

        revisions.connect()
        home.add_items(home.COORDINATOR, meetings_home.reports_to_publish, position=40)
        # Registrations and meetings bump `meeting:<id>` (revisions.py): the sum is every meeting's.
        home.add_items(
            home.KARTREKKER, meetings_home.next_circle_meetings, position=20, keys=("meeting:*", "circle-name:*")
        )
        home.add_items(home.MEMBER, meetings_home.my_next_meetings, position=10, keys=("meeting:*",))
