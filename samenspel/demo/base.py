"""The demo network's shared helpers, its logins and its loader.

`load_demo()` loads the demo network (called by `manage.py seed_demo`, which `make run` runs every
time). It is idempotent: every row is found by a stable natural key (email, slug, version,
circle + title) and only changed when the data differs from what is stored, so a second run
writes nothing and creates no duplicates.

The loader is split into sections, one function each: the core ones in `people.py`
(`load_themes`, `load_consent`, `load_organisations`, `load_members`) and `circles.py`
(`load_circles`), then each app's in `samenspel/demo/sections/`. They share a `DemoContext` that
holds what earlier sections made (themes, organisations, members, circles by key) and write
through `upsert`. A later part of the platform adds its own section as a module in
`samenspel/demo/sections/` and appends its function to the explicit list `APP_SECTIONS` there;
`load_demo()` runs those after the core sections, in the order of that list.

The data modules import this one; this one imports them only inside `load_demo()`.

Every person in the demo is invented. The seeds name real people; none of them appear here.
All demo accounts share the password `DEMO_PASSWORD`; it is for the local demo only.

`samenspel/demo/bench/scale.py` (`scale_demo(factor)`, used by `manage.py seed_bench`) adds
generated members, circles and updates on top of the demo, for the benchmark.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models, transaction

from samenspel.circles.models import Circle, CircleMembership, CircleUpdate
from samenspel.members.models import Consent, ConsentText, Member, Theme
from samenspel.organisations.models import Organisation, Team

DEMO_PASSWORD = "samenspel-demo"  # noqa: S105 - the published password of the local demo only
# Base32 secret of the demo coordinator's authenticator app (TOTP). Demo only.
DEMO_TOTP_SECRET = "SAMENSPELDEMOSAMENSPELDEMO234567"  # noqa: S105 - the demo coordinator's published TOTP secret
EMAIL_DOMAIN = "example.org"

COORDINATOR_EMAIL = f"coordinator@{EMAIL_DOMAIN}"
MEMBER_EMAIL = f"member@{EMAIL_DOMAIN}"
ORGREP_EMAIL = f"orgrep@{EMAIL_DOMAIN}"
MUNICIPALITY_EMAIL = f"gemeente@{EMAIL_DOMAIN}"

# The organisation the demo organisation representative speaks for.
REPRESENTED_ORGANISATION = "buurtteams-noord-west"

AMS = dt.timezone(dt.timedelta(hours=1))  # Amsterdam winter time; demo dates are fixed instants


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=AMS)


NEWEST_NEWS = at(2023, 12, 4)  # the newest circle update of the story, as written


def recent(moment: dt.datetime, *, today: dt.date | None = None) -> dt.datetime:
    """A news date of the story moved by whole days so the newest update is a week before today.

    The order and the spacing of the updates stay as written; the home page's news is recent (the
    home section's own update, three days old, stays the newest).
    """
    from django.utils import timezone

    today = today or timezone.localdate()
    return moment + dt.timedelta(days=(today - NEWEST_NEWS.date()).days - 7)


# --------------------------------------------------------------------------------------
# Shared state between sections
# --------------------------------------------------------------------------------------


@dataclass
class DemoContext:
    themes: dict[str, Theme] = field(default_factory=dict)
    consent_text: ConsentText | None = None
    organisations: dict[str, Organisation] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)
    members: dict[str, Member] = field(default_factory=dict)
    circles: dict[str, Circle] = field(default_factory=dict)
    created: int = 0
    changed: int = 0
    password_hash: str = ""

    def member(self, email: str) -> Member:
        return self.members[email if "@" in email else f"{email}@{EMAIL_DOMAIN}"]


def upsert(ctx: DemoContext, model: type[models.Model], lookup: dict, values: dict, create_only: dict | None = None):
    """Find a row by its natural key; create it, or save only the fields that differ."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values, **(create_only or {}))
        ctx.created += 1
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
        ctx.changed += 1
    return obj


# --------------------------------------------------------------------------------------
# The demo coordinator's authenticator (TOTP)
# --------------------------------------------------------------------------------------


def load_coordinator_totp(ctx: DemoContext) -> None:
    """The site makes coordinators use TOTP; the demo coordinator gets a fixed, published secret."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    coordinator = ctx.member(COORDINATOR_EMAIL)
    if not Authenticator.objects.filter(user=coordinator, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(coordinator, DEMO_TOTP_SECRET)
        ctx.created += 1


def current_totp_code(email: str = COORDINATOR_EMAIL) -> str:
    """The code the demo coordinator's authenticator app shows now (from the stored secret)."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from allauth.mfa.utils import decrypt

    authenticator = Authenticator.objects.get(user__email=email, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    counter = int(time.time()) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def totp_url(email: str = COORDINATOR_EMAIL) -> str:
    """The otpauth:// address an authenticator app reads (as text or as a QR code)."""
    from allauth.mfa.adapter import get_adapter

    return get_adapter().build_totp_url(Member.objects.get(email=email), DEMO_TOTP_SECRET)


# --------------------------------------------------------------------------------------
# Loading it all
# --------------------------------------------------------------------------------------


def load_demo() -> DemoContext:
    """Load (or bring up to date) the whole demo network in one transaction."""
    # Imported here, not at the top: every section module imports this module's helpers.
    from .circles import load_circles
    from .people import load_consent, load_members, load_organisations, load_themes
    from .sections import APP_SECTIONS

    core: list[Callable[[DemoContext], None]] = [
        load_themes,
        load_consent,
        load_organisations,
        load_members,
        load_circles,
    ]
    ctx = DemoContext()
    with transaction.atomic():
        for section in [*core, *APP_SECTIONS]:
            section(ctx)
    return ctx


def summary() -> dict[str, int]:
    """Counts of what the demo network holds now, for the command's report."""
    from allauth.mfa.models import Authenticator

    return {
        "themes": Theme.objects.count(),
        "consent texts": ConsentText.objects.count(),
        "organisations": Organisation.objects.count(),
        "teams": Team.objects.count(),
        "members": Member.objects.count(),
        "waiting for approval": Member.objects.filter(status=Member.Status.PENDING).count(),
        "consents": Consent.objects.count(),
        "circles": Circle.objects.count(),
        "circle memberships": CircleMembership.objects.count(),
        "circle updates": CircleUpdate.objects.count(),
        "authenticators": Authenticator.objects.count(),
    }


# --------------------------------------------------------------------------------------
# Who to log in as (printed by `manage.py demo_logins`)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    try_this: str


DEMO_LOGINS: list[DemoLogin] = [
    DemoLogin(
        "Coordinator (needs TOTP)",
        COORDINATOR_EMAIL,
        "approve the 3 waiting sign-ups, assign roles, import members, gather all circles' updates, "
        "finish and send the newsletter edition in preparation, approve the opportunity sent through the public form "
        "(Opportunities > review)",
    ),
    DemoLogin(
        "Kartrekker (circle lead)",
        f"kartrekker.buurtteams@{EMAIL_DOMAIN}",
        "write the circle's update for the newsletter (Newsletter > requests), invite someone by email",
    ),
    DemoLogin(
        "Kartrekker (circle lead)",
        f"kartrekker.armoede@{EMAIL_DOMAIN}",
        "approve the 2 requests to join Kring Armoede/Bestaanszekerheid (joins on request)",
    ),
    DemoLogin(
        "Kartrekker (circle lead)",
        f"kartrekker.onderzoek@{EMAIL_DOMAIN}",
        "post an update in Kring Onderzoek, invite 'whom you could bring along'",
    ),
    DemoLogin(
        "Kartrekker (circle lead)",
        f"kartrekker.nieuwwerk@{EMAIL_DOMAIN}",
        "post an update in Kring Nieuw Werk, see its members, post a paid assignment for the circle (Opportunities)",
    ),
    DemoLogin(
        "Organisation representative",
        ORGREP_EMAIL,
        "edit Buurtteams Noord-West and its teams",
    ),
    DemoLogin(
        "Municipality viewer",
        MUNICIPALITY_EMAIL,
        "read the network as the municipality does (Gemeente Amsterdam)",
    ),
    DemoLogin(
        "Member (expert by experience)",
        MEMBER_EMAIL,
        "join Kring Nieuw Werk, ask to join Kring Armoede, edit your profile and theme visibility, download your data, "
        "see 'Kansen voor jou' and respond to one",
    ),
]
