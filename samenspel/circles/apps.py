from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CirclesConfig(AppConfig):
    name = "samenspel.circles"
    label = "circles"
    verbose_name = _("Circles")

    def ready(self):
        from samenspel.core import home, member_page
        from samenspel.core.signals import sign_up_decided

        from . import cache_keys, services
        from . import home as circles_home
        from .member_page import circles_row

        cache_keys.connect()  # which cache versions circle changes bump
        member_page.add_row(circles_row)  # the "Circles" row on a member's page
        # The home page: who is a kartrekker, and what waits for coordinators, kartrekkers and members.
        home.add_role(
            home.KARTREKKER,
            heading=_("As circle lead"),
            finds=circles_home.led_circles,
            position=20,
            keys=("member:{user}", "circle-name:*"),  # their memberships; a circle closed or renamed
        )
        home.add_items(home.COORDINATOR, circles_home.circles_without_lead, position=20)
        home.add_items(home.KARTREKKER, circles_home.join_requests, position=10, keys=("circle:*",))
        home.add_items(home.MEMBER, circles_home.new_updates, position=30, keys=("circle:*", "member:{user}"))
        sign_up_decided.connect(services.settle_sign_up_choice, dispatch_uid="circles.settle_sign_up_choice")
