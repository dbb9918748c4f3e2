from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CirclesConfig(AppConfig):
    name = "samenspel.circles"
    label = "circles"
    verbose_name = _("Circles")

    def ready(self):
        from samenspel.core import cache_version

        from .models import Circle, CircleMembership, CircleUpdate

        cache_version.bump_on(Circle, CircleMembership, CircleUpdate)
