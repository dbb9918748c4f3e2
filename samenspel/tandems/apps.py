from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TandemsConfig(AppConfig):
    name = "samenspel.tandems"
    label = "tandems"
    verbose_name = _("Tandems")

    def ready(self):
        from samenspel.core import home

        from . import signals
        from .home import enrolments_in_progress, without_coach

        signals.connect()
        home.add_items(home.ORGANISATION, without_coach, position=20)
        home.add_items(home.ORGANISATION, enrolments_in_progress, position=30)
