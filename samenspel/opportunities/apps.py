from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpportunitiesConfig(AppConfig):
    name = "samenspel.opportunities"
    label = "opportunities"
    verbose_name = _("Opportunities")

    def ready(self):
        from samenspel.core import circle_page, home
        from samenspel.monitor import extra_figures

        from . import cache_keys, circle_figures, newsletter_section
        from . import home as opportunities_home
        from .selectors.figures import monitor_table
        from .services.matching import invite_on_publish
        from .signals import opportunity_published
        from .views.matching import FOR_YOU_KEYS, home_items

        home.add_items(home.COORDINATOR, opportunities_home.waiting_for_approval, position=80)
        home.add_items(
            home.MEMBER, home_items, position=40, keys=("member:{user}", *FOR_YOU_KEYS)
        )  # as "Kansen voor jou"
        newsletter_section.register()
        opportunity_published.connect(invite_on_publish, dispatch_uid="opportunities.matching.invite_on_publish")
        # The monitor's paid-work figures and a circle's own figures (cached; cache_keys.py bumps them).
        cache_keys.connect()
        extra_figures.add_table(monitor_table())
        circle_page.add_section(circle_figures.section)
