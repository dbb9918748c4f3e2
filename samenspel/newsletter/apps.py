from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "samenspel.newsletter"
    label = "newsletter"
    verbose_name = _("Newsletter")

    def ready(self):
        from samenspel.core import home

        from . import home as newsletter_home
        from . import sections

        sections.register_builtin()  # the updates, meetings, rounds and reports sections
        home.add_items(home.COORDINATOR, newsletter_home.editions_waiting, position=70)
        home.add_items(home.KARTREKKER, newsletter_home.updates_requested, position=30)
