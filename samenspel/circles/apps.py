from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CirclesConfig(AppConfig):
    name = "samenspel.circles"
    label = "circles"
    verbose_name = _("Circles")

    def ready(self):
        from samenspel.core import cache_version, member_page

        from .member_page import circles_row
        from .models import Circle, CircleMembership, CircleUpdate

        cache_version.bump_on(Circle, CircleMembership, CircleUpdate)
        member_page.add_row(circles_row)  # the "Circles" row on a member's page
