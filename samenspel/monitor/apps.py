from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    name = "samenspel.monitor"
    label = "monitor"
    verbose_name = _("Monitor")

    def ready(self):
        from samenspel.core import home

        from . import home as monitor_home

        home.add_items(home.COORDINATOR, monitor_home.coordinator_items, position=60)
        home.add_items(home.ORGANISATION, monitor_home.organisation_items, position=10)
        home.add_items(home.MUNICIPALITY, monitor_home.municipality_items, position=10)
