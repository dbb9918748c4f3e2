from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "samenspel.members"
    label = "members"
    verbose_name = _("Members")

    def ready(self):
        from samenspel.core import cache_version, home

        from .home import sign_ups_waiting
        from .models import ConsentText, Member, Theme

        # What the cached pages show of members: their menu and cached account (`member:<id>`),
        # and the directory (the listing `member:*`, with `theme:*`).
        cache_version.bump_on(Theme, lambda theme: [f"theme:{theme.pk}"])
        # A login saves only last_login: not shown on the cached pages.
        cache_version.bump_on(Member, lambda member: [f"member:{member.pk}"], fields_not_shown={"last_login"})
        cache_version.bump_on_m2m(Member.themes.through, lambda members, _themes: [f"member:{pk}" for pk in members])
        cache_version.consent_version_from(_newest_consent_version, ConsentText)
        home.add_items(home.COORDINATOR, sign_ups_waiting, position=10)


def _newest_consent_version() -> int:
    from .models import ConsentText

    newest = ConsentText.objects.filter(published_at__isnull=False).order_by("-version").values_list("version")[:1]
    row = newest.first()
    return row[0] if row else 0
