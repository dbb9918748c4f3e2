from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "samenspel.newsletter"
    label = "newsletter"
    verbose_name = _("Newsletter")

    def ready(self):
        from samenspel.core import cache_version, home

        from . import home as newsletter_home
        from . import sections
        from .models import Edition, UpdateRequest

        sections.register_builtin()  # the updates, meetings, rounds and reports sections
        # A kartrekker's home lists the updates asked of their circles (`edition:*`): an edition's
        # title, deadline and status, and its requests. `ask_for_updates` bumps after its bulk_create.
        cache_version.bump_on(Edition, lambda edition: [f"edition:{edition.pk}"])
        cache_version.bump_on(UpdateRequest, lambda request: [f"edition:{request.edition_id}"])
        home.add_items(home.COORDINATOR, newsletter_home.editions_waiting, position=70)
        home.add_items(home.KARTREKKER, newsletter_home.updates_requested, position=30, keys=("edition:*",))
