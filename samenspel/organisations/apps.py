from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "samenspel.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self):
        from samenspel.core import cache_version, home

        from .home import represented
        from .models import Organisation, Team

        # Names of organisations (the directory, the monitor: `organisation:*`); a representative's
        # menu links to their organisations (`member:<id>`).
        cache_version.bump_on(Organisation, lambda organisation: [f"organisation:{organisation.pk}"])
        cache_version.bump_on(Team, lambda team: [f"organisation:{team.organisation_id}"])
        cache_version.bump_on_m2m(
            Organisation.representatives.through,
            lambda organisations, members: [
                *(f"organisation:{pk}" for pk in organisations),
                *(f"member:{pk}" for pk in members),
            ],
        )
        # The home page: representatives see what waits for their organisations (tandems, monitor add items).
        home.add_role(
            home.ORGANISATION,
            heading=_("For your organisation"),
            finds=represented,
            position=30,
            keys=("member:{user}", "organisation:*"),  # the links above; a name
        )
