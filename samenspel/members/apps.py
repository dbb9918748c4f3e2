from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "samenspel.members"
    label = "members"
    verbose_name = _("Members")

    def ready(self):
        from samenspel.core import home, member_counts

        from . import cache_keys
        from .home import sign_ups_waiting
        from .selectors import VERIFIED_EMAILS, verified_emails_sql

        cache_keys.connect(_newest_consent_version)  # which cache versions member changes bump
        home.add_items(home.COORDINATOR, sign_ups_waiting, position=10)
        member_counts.add(VERIFIED_EMAILS, verified_emails_sql)  # may they comment: read with the member


def _newest_consent_version() -> int:
    from .models import ConsentText

    newest = ConsentText.objects.filter(published_at__isnull=False).order_by("-version").values_list("version")[:1]
    row = newest.first()
    return row[0] if row else 0
