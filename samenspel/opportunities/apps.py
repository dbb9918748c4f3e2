from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpportunitiesConfig(AppConfig):
    name = "samenspel.opportunities"
    label = "opportunities"
    verbose_name = _("Opportunities")

    def ready(self):
        from samenspel.core import home

        from . import home as opportunities_home
        from . import newsletter_section

        home.add_items(home.COORDINATOR, opportunities_home.waiting_for_approval, position=80)
        newsletter_section.register()
