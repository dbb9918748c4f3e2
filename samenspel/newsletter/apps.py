from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "samenspel.newsletter"
    label = "newsletter"
    verbose_name = _("Newsletter")

    def ready(self):
        from . import sections

        sections.register_builtin()  # the updates, meetings, rounds and reports sections
