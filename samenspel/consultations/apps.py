from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "samenspel.consultations"
    label = "consultations"
    verbose_name = _("Consultations")

    def ready(self):
        from samenspel.core import home

        from . import cache_keys, revisions
        from .home import rounds_open_to_me, rounds_to_answer

        cache_keys.connect()  # which cache versions consultation changes bump
        revisions.connect()  # the rounds' revisions: the keys of the pages' cached parts
        home.add_items(home.COORDINATOR, rounds_to_answer, position=30)
        # Rounds and versions bump `round:<id>` and `document:<slug>`; an invitation the invitee's `member:<id>`.
        home.add_items(home.MEMBER, rounds_open_to_me, position=20, keys=("round:*", "document:*", "member:{user}"))
