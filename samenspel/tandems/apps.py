from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TandemsConfig(AppConfig):
    name = "samenspel.tandems"
    label = "tandems"
    verbose_name = _("Tandems")

    def ready(self):
        from . import signals

        signals.connect()
