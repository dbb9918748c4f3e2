"""The demo network: the story of the seeds as data, with fictional people.

`load_demo()` loads it (called by `manage.py seed_demo`, which `make run` runs every time).
It is idempotent: every row is found by a stable natural key (email, slug, version,
circle + title) and only changed when the data below differs from what is stored, so a
second run writes nothing and creates no duplicates.

The loader is split into sections, one function each (`load_themes`, `load_consent`,
`load_organisations`, `load_members`, `load_circles`). They share a `DemoContext` that holds
what earlier sections made (themes, organisations, members, circles by key). A later part
of the platform adds its own section as a module in `samenspel/demo/sections/` and appends
its function to the explicit list `APP_SECTIONS` there; `load_demo()` runs those after the core
sections, in the order of that list.

Every person here is invented. The seeds name real people; none of them appear here.
All demo accounts share the password `DEMO_PASSWORD`; it is for the local demo only.

`scale_demo(factor)` (used by `manage.py seed_bench`) adds generated members, circles and
updates on top of the demo, for the benchmark: see its docstring.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils.text import slugify

from samenspel.circles.models import Circle, CircleMembership, CircleUpdate
from samenspel.lib.markdown import render_markdown
from samenspel.members.models import Consent, ConsentText, Member, Theme
from samenspel.organisations.models import Organisation, Team

DEMO_PASSWORD = "samenspel-demo"  # noqa: S105 - the published password of the local demo only
# Base32 secret of the demo coordinator's authenticator app (TOTP). Demo only.
DEMO_TOTP_SECRET = "SAMENSPELDEMOSAMENSPELDEMO234567"  # noqa: S105
EMAIL_DOMAIN = "example.org"

COORDINATOR_EMAIL = f"coordinator@{EMAIL_DOMAIN}"
MEMBER_EMAIL = f"member@{EMAIL_DOMAIN}"
ORGREP_EMAIL = f"orgrep@{EMAIL_DOMAIN}"
MUNICIPALITY_EMAIL = f"gemeente@{EMAIL_DOMAIN}"

AMS = dt.timezone(dt.timedelta(hours=1))  # Amsterdam winter time; demo dates are fixed instants


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=AMS)


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
# Themes (lived experience)
# --------------------------------------------------------------------------------------

THEMES = [
    # key, Dutch, English
    ("armoede", "Armoede", "Poverty"),
    ("schulden", "Schulden", "Debt"),
    ("psyche", "Psychische kwetsbaarheid", "Mental vulnerability"),
    ("verslaving", "Verslaving", "Addiction"),
    ("dakloos", "Dak- en thuisloosheid", "Homelessness"),
    ("jeugdzorg", "Jeugdzorg", "Youth care"),
    ("ziekte", "Chronische ziekte", "Chronic illness"),
    ("eenzaamheid", "Eenzaamheid", "Loneliness"),
    ("werkloos", "Werkloosheid", "Unemployment"),
    ("migratie", "Migratie", "Migration"),
]


def load_themes(ctx: DemoContext) -> None:
    for position, (key, name_nl, name_en) in enumerate(THEMES, start=1):
        ctx.themes[key] = upsert(
            ctx, Theme, {"name_nl": name_nl}, {"name_en": name_en, "position": position, "is_active": True}
        )


# --------------------------------------------------------------------------------------
# Consent text, version 1
# --------------------------------------------------------------------------------------

CONSENT_NL = """\
Wat bewaren wij?
Het netwerk bewaart je naam, je e-mailadres, je rol (ervaringsdeskundige of bondgenoot), je organisatie als je die invult, en de thema's van je ervaring als je die kiest.

Waarom?
Zo kunnen we je uitnodigen voor kringen en bijeenkomsten, je de nieuwsbrief sturen en mensen met elkaar in contact brengen.

Wie ziet je thema's?
Je thema's gaan over je gezondheid of je geld. Dat is gevoelig. Jij kiest wie ze mag zien: alleen de coördinatoren (zo staat het eerst ingesteld), alle leden van het netwerk, of iedereen. Je kunt dat altijd veranderen op je profielpagina.
Je naam en je organisatie zien andere leden in de ledenlijst. Je e-mailadres ziet alleen de coördinator.

Hoe lang?
Zolang je lid bent. Zeg je je lidmaatschap op, dan wissen we je gegevens binnen een maand.

Wat kun je zelf doen?
Op je profielpagina kun je je gegevens bekijken, veranderen, downloaden en laten wissen.

Vragen?
Neem contact op met de coördinator van het netwerk.
"""

CONSENT_EN = """\
What do we keep?
The network keeps your name, your email address, your role (expert by experience or ally), your organisation if you fill it in, and the themes of your experience if you choose them.

Why?
So we can invite you to circles and meetings, send you the newsletter and put people in touch with each other.

Who sees your themes?
Your themes are about your health or your money. That is sensitive. You choose who may see them: only the coordinators (this is the default), all members of the network, or everyone. You can change this at any time on your profile page.
Other members see your name and organisation in the member list. Only the coordinator sees your email address.

How long?
As long as you are a member. If you end your membership, we delete your data within a month.

What can you do yourself?
On your profile page you can see, change, download and delete your data.

Questions?
Contact the coordinator of the network.
"""

CONSENT_PUBLISHED_AT = at(2021, 9, 1, 9)


def load_consent(ctx: DemoContext) -> None:
    ctx.consent_text = upsert(
        ctx,
        ConsentText,
        {"version": 1},
        {"body_nl": CONSENT_NL, "body_en": CONSENT_EN, "published_at": CONSENT_PUBLISHED_AT},
    )


# --------------------------------------------------------------------------------------
# Organisations and teams
# --------------------------------------------------------------------------------------

NT = Organisation.Kind.NEIGHBOURHOOD_TEAMS
PARTNER = Organisation.Kind.PARTNER
MUNICIPALITY = Organisation.Kind.MUNICIPALITY

ORGANISATIONS = [
    # slug, name, kind, description, teams [(name, area)]
    (
        "buurtteams-noord-west",
        "Buurtteams Noord-West",
        NT,
        "Buurtteamorganisatie in Noord, Nieuw-West en West. Sinds 1 april 2021 helpen onze teams "
        "Amsterdammers met vragen over geld, wonen, opvoeden en gezondheid. In elk team werkt een "
        "ervaringsdeskundige samen met een collega in een tandem.",
        [
            ("Buurtteam Noord-Oost", "Noord"),
            ("Buurtteam Noord-West", "Noord"),
            ("Buurtteam Geuzenveld-Slotermeer", "Nieuw-West"),
            ("Buurtteam Osdorp", "Nieuw-West"),
            ("Buurtteam De Baarsjes", "West"),
        ],
    ),
    (
        "samen-in-de-buurt-zuid",
        "Samen in de Buurt Zuid",
        NT,
        "Buurtteamorganisatie in Zuid en Centrum. We werken vanuit de leefwereld van bewoners. "
        "Twee teams hebben al een ervaringsdeskundige; de andere teams zoeken er nog een.",
        [
            ("Buurtteam Rivierenbuurt", "Zuid"),
            ("Buurtteam Buitenveldert", "Zuid"),
            ("Buurtteam Centrum-Oost", "Centrum"),
            ("Buurtteam Centrum-West", "Centrum"),
        ],
    ),
    (
        "buurtwerk-oost",
        "Buurtwerk Oost",
        NT,
        "Buurtteamorganisatie in Oost en Zuidoost. We leiden ervaringsdeskundigen op en laten ze "
        "in tandems werken met onze buurtteamprofessionals.",
        [
            ("Buurtteam Watergraafsmeer", "Oost"),
            ("Buurtteam Indische Buurt", "Oost"),
            ("Buurtteam Bijlmer-Centrum", "Zuidoost"),
            ("Buurtteam Gaasperdam", "Zuidoost"),
        ],
    ),
    (
        "kenniscentrum-ongelijkheid",
        "Kenniscentrum Ongelijkheid",
        PARTNER,
        "Onderzoekt ongelijkheid in Amsterdam. Heeft een onderzoeksprogramma over de bestaanszekerheid "
        "van Amsterdammers: inkomen, werk, wonen en wat voorzieningen kosten.",
        [],
    ),
    (
        "herstel-lab",
        "Herstel-Lab",
        PARTNER,
        "Werkt aan herstel en ervaringskennis in de zorg voor mentale gezondheid. Start de Werkgroep "
        "Ervaringskennis & Co-creatie, voor (betaald) nieuw werk voor ervaringsdeskundigen.",
        [],
    ),
    (
        "arkin",
        "Arkin",
        PARTNER,
        "Organisatie voor geestelijke gezondheidszorg in Amsterdam. Betrokken bij 'Lekker in je vel!' in Zuidoost.",
        [],
    ),
    (
        "meetellen-amsterdam",
        "Meetellen Amsterdam",
        PARTNER,
        "Onderzoeksbureau dat onderzoek doet samen met mensen met ervaringskennis: van het ontwerp tot "
        "en met de uitvoering.",
        [],
    ),
    (
        "gemeente-amsterdam",
        "Gemeente Amsterdam",
        MUNICIPALITY,
        "De gemeente gaf het netwerk een opdracht: versterk de ervaringsdeskundigen in de buurtteams. "
        "Beleidsmedewerkers lezen mee met de motiemonitor en het advies.",
        [],
    ),
]

# The organisation the demo organisation representative speaks for.
REPRESENTED_ORGANISATION = "buurtteams-noord-west"


def load_organisations(ctx: DemoContext) -> None:
    for slug, name, kind, description, teams in ORGANISATIONS:
        organisation = upsert(
            ctx, Organisation, {"slug": slug}, {"name": name, "kind": kind, "description": description}
        )
        ctx.organisations[slug] = organisation
        for team_name, area in teams:
            ctx.teams[team_name] = upsert(ctx, Team, {"organisation": organisation, "name": team_name}, {"area": area})


# --------------------------------------------------------------------------------------
# Members (all invented)
# --------------------------------------------------------------------------------------

E = Member.Kind.EXPERT
A = Member.Kind.ALLY
V_COORD = Member.ThemeVisibility.COORDINATORS
V_MEMBERS = Member.ThemeVisibility.MEMBERS
V_PUBLIC = Member.ThemeVisibility.PUBLIC


@dataclass(frozen=True)
class Person:
    name: str
    kind: str
    organisation: str | None = None
    themes: tuple[str, ...] = ()
    visibility: str = V_COORD
    bio: str = ""
    email: str = ""
    pending: bool = False
    is_coordinator: bool = False
    is_municipality_viewer: bool = False
    joined: dt.datetime | None = None  # None: spread over 2021-2023 by position in PEOPLE

    @property
    def address(self) -> str:
        if self.email:
            return self.email
        local = slugify(self.name).replace("-", ".")
        return f"{local}@{EMAIL_DOMAIN}"


BNW = "buurtteams-noord-west"
SBZ = "samen-in-de-buurt-zuid"
BWO = "buurtwerk-oost"

PEOPLE: list[Person] = [
    # The roles a newcomer logs in as (see DEMO_LOGINS).
    Person(
        "Yasmina Boukhari",
        A,
        None,
        bio="Coördinator van het netwerk. Ik verbind kringen, organisaties en de gemeente.",
        email=COORDINATOR_EMAIL,
        is_coordinator=True,
        joined=at(2021, 9, 1),
    ),
    Person(
        "Esther Mulder",
        E,
        BNW,
        ("psyche", "jeugdzorg"),
        V_MEMBERS,
        "Ervaringsdeskundige in Buurtteam Noord-Oost. Kartrekker van de Kring Buurtteams Bondgenoten.",
        email=f"kartrekker.buurtteams@{EMAIL_DOMAIN}",
        joined=at(2021, 10, 4),
    ),
    Person(
        "Kwame Mensah",
        E,
        None,
        ("armoede", "schulden", "werkloos"),
        V_PUBLIC,
        "Ik weet hoe het is om rond te komen van bijna niets. Kartrekker van de Kring Armoede/Bestaanszekerheid.",
        email=f"kartrekker.armoede@{EMAIL_DOMAIN}",
        joined=at(2021, 10, 11),
    ),
    Person(
        "Priya Ramdin",
        E,
        "meetellen-amsterdam",
        ("ziekte",),
        V_MEMBERS,
        "Onderzoeker met ervaringskennis bij Meetellen Amsterdam. Kartrekker van de Kring Onderzoek.",
        email=f"kartrekker.onderzoek@{EMAIL_DOMAIN}",
        joined=at(2022, 5, 16),
    ),
    Person(
        "Bas Verhoeven",
        E,
        "herstel-lab",
        ("psyche", "verslaving"),
        V_PUBLIC,
        "Ervaringsdeskundige bij het Herstel-Lab. Kartrekker van de Kring Nieuw Werk.",
        email=f"kartrekker.nieuwwerk@{EMAIL_DOMAIN}",
        joined=at(2021, 11, 2),
    ),
    Person(
        "Hanneke de Wit",
        A,
        BNW,
        bio="Teamleider bij Buurtteams Noord-West. Ik spreek namens onze organisatie.",
        email=ORGREP_EMAIL,
        joined=at(2022, 1, 10),
    ),
    Person(
        "Thomas van Leeuwen",
        A,
        "gemeente-amsterdam",
        bio="Beleidsadviseur bij de gemeente Amsterdam, voor de buurtteams.",
        email=MUNICIPALITY_EMAIL,
        is_municipality_viewer=True,
        joined=at(2022, 2, 7),
    ),
    Person(
        "Sanne de Graaf",
        E,
        None,
        ("schulden", "eenzaamheid"),
        V_COORD,
        "Ik had jaren schulden. Nu help ik anderen om de weg te vinden.",
        email=MEMBER_EMAIL,
        joined=at(2022, 9, 19),
    ),
    # Experts by experience
    Person("Mohamed Amrani", E, BNW, ("armoede", "schulden"), V_MEMBERS, "Ervaringsdeskundige in Buurtteam Osdorp."),
    Person("Linda Pinas", E, BNW, ("jeugdzorg",), V_COORD, "Ervaringsdeskundige in een Ouder- en Kindteam in Noord."),
    Person("Dewi Hartono", E, BNW, ("psyche", "eenzaamheid"), V_MEMBERS, "Werkt in een tandem in De Baarsjes."),
    Person("Gerda Bosman", E, BNW, ("armoede",), V_PUBLIC),
    Person("Rachid Ouali", E, SBZ, ("verslaving", "dakloos"), V_MEMBERS, "Ervaringsdeskundige in Centrum-Oost."),
    Person("Shanti Kalloe", E, SBZ, ("ziekte", "werkloos"), V_COORD),
    Person("Marco Rossi", E, SBZ, ("dakloos",), V_PUBLIC, "Ik sliep twee jaar op straat. Nu werk ik in het buurtteam."),
    Person("Anouk Jansen", E, SBZ, ("psyche",), V_MEMBERS),
    Person("Kofi Owusu", E, BWO, ("migratie", "werkloos"), V_MEMBERS, "Ervaringsdeskundige in Bijlmer-Centrum."),
    Person("Lisa Tjon A Fong", E, BWO, ("jeugdzorg", "armoede"), V_COORD),
    Person("Ilse Koster", E, BWO, ("psyche", "schulden"), V_PUBLIC, "Werkt in een tandem in de Indische Buurt."),
    Person("Hakan Yilmaz", E, BWO, ("schulden",), V_MEMBERS),
    Person(
        "Naima Tahiri", E, None, ("armoede", "migratie"), V_MEMBERS, "Vrijwilliger bij een voedselbank in Nieuw-West."
    ),
    Person("Wim Brouwer", E, None, ("dakloos", "verslaving"), V_COORD),
    Person("Ramona Sedney", E, None, ("armoede", "eenzaamheid"), V_PUBLIC, "Ik praat mee over bestaanszekerheid."),
    Person("Tanja Vermeulen", E, None, ("schulden", "ziekte"), V_MEMBERS),
    Person("Ahmed Bakkali", E, None, ("werkloos", "psyche"), V_COORD),
    Person("Joyce Martina", E, None, ("armoede", "jeugdzorg"), V_MEMBERS),
    Person("Piotr Nowak", E, None, ("migratie", "dakloos"), V_MEMBERS),
    Person("Femke Hoogland", E, "herstel-lab", ("psyche",), V_PUBLIC, "Herstelcoach bij het Herstel-Lab."),
    Person("Rutger Pos", E, "herstel-lab", ("verslaving",), V_MEMBERS),
    Person("Sevda Aydin", E, None, ("eenzaamheid", "ziekte"), V_COORD),
    Person("Glenn Kross", E, None, ("werkloos",), V_MEMBERS, "Op zoek naar betaald werk als ervaringsdeskundige."),
    Person("Maartje Smit", E, "meetellen-amsterdam", ("ziekte", "psyche"), V_MEMBERS, "Co-onderzoeker."),
    Person("Yusuf Kaya", E, None, ("armoede",), V_COORD),
    Person("Chantal Doekhie", E, "arkin", ("psyche", "eenzaamheid"), V_MEMBERS, "Ervaringswerker bij Arkin."),
    Person("Dirk Zwart", E, None, ("schulden", "werkloos"), V_PUBLIC),
    Person("Mei Ling Chan", E, None, ("migratie",), V_MEMBERS),
    Person("Erik Hofman", E, None, (), V_COORD),
    Person("Samira El Idrissi", E, SBZ, ("jeugdzorg", "psyche"), V_COORD, "Ervaringsdeskundige in Rivierenbuurt."),
    # Allies: professionals, team leaders, researchers and policy officers
    Person("Joost Hendriks", A, BNW, bio="Buurtteamprofessional in Noord. Werkt in een tandem."),
    Person("Marloes Visser", A, BNW, bio="Teamleider Buurtteam Osdorp."),
    Person("Emre Yildiz", A, BNW, bio="Buurtteamprofessional in Geuzenveld-Slotermeer."),
    Person("Karin Post", A, SBZ, bio="Directeur van Samen in de Buurt Zuid."),
    Person("Vincent de Boer", A, SBZ, bio="Buurtteamprofessional in Buitenveldert."),
    Person("Latifa Chaoui", A, SBZ, bio="Teamleider Buurtteam Centrum-West."),
    Person("Niels Dekker", A, BWO, bio="Teamleider Buurtteam Watergraafsmeer."),
    Person("Stephanie Wong", A, BWO, bio="Opleider ervaringsdeskundigheid bij Buurtwerk Oost."),
    Person("Ricardo Lopes", A, BWO, bio="Buurtteamprofessional in Gaasperdam. Werkt in een tandem."),
    Person("Eline Kuipers", A, "kenniscentrum-ongelijkheid", bio="Onderzoeker bestaanszekerheid."),
    Person("Ravi Baldewsingh", A, "kenniscentrum-ongelijkheid", bio="Onderzoeker. Organiseert de ontwerpsessies."),
    Person("Floor van Dam", A, "meetellen-amsterdam", bio="Projectleider participatief onderzoek."),
    Person("Jan-Willem Bos", A, "arkin", bio="Psychiater. Denkt mee over het ecosysteem mentale gezondheid."),
    Person("Inge Schouten", A, "herstel-lab", bio="Coördinator van de Werkgroep Ervaringskennis & Co-creatie."),
    Person("Mustafa Erdogan", A, "gemeente-amsterdam", bio="Beleidsmedewerker armoede en schulden."),
    Person("Lotte Meijer", A, "gemeente-amsterdam", bio="Beleidsmedewerker participatie."),
    Person("Paul Timmer", A, None, bio="Onderzoeker aan een hogeschool."),
    Person("Nadia Benali", A, SBZ, bio="Buurtteamprofessional in Centrum-Oost."),
    Person("Gijs van der Linden", A, BWO, bio="Buurtteamprofessional in de Indische Buurt."),
    Person("Astrid Wijnands", A, None, bio="Trainer. Geeft de opleiding tot ervaringsdeskundige."),
    # Sign-ups the coordinator still has to approve
    Person("Fenna Groenewoud", E, None, ("eenzaamheid",), V_COORD, pending=True, joined=at(2023, 12, 4)),
    Person("Tarik Mansour", E, BWO, ("werkloos", "migratie"), V_MEMBERS, pending=True, joined=at(2023, 12, 6)),
    Person("Judith Verbeek", A, SBZ, bio="Nieuwe teamleider in Rivierenbuurt.", pending=True, joined=at(2023, 12, 8)),
]


def load_members(ctx: DemoContext) -> None:
    from allauth.account.models import EmailAddress

    existing = set(Member.objects.filter(email__in=[p.address for p in PEOPLE]).values_list("email", flat=True))
    if len(existing) < len(PEOPLE):
        # Hashing is slow on purpose; hash the shared demo password once for all new accounts.
        ctx.password_hash = make_password(DEMO_PASSWORD)
    for index, person in enumerate(PEOPLE):
        joined = person.joined or at(2021, 10, 1) + dt.timedelta(days=13 * index)
        values = {
            "name": person.name,
            "kind": person.kind,
            "organisation": ctx.organisations[person.organisation] if person.organisation else None,
            "theme_visibility": person.visibility,
            "bio": person.bio,
            "status": Member.Status.PENDING if person.pending else Member.Status.APPROVED,
            "decided_at": None if person.pending else joined + dt.timedelta(days=2),
            "is_coordinator": person.is_coordinator,
            "is_municipality_viewer": person.is_municipality_viewer,
            "is_active": True,
        }
        member = upsert(
            ctx,
            Member,
            {"email": person.address},
            values,
            create_only={"password": ctx.password_hash, "date_joined": joined},
        )
        ctx.members[member.email] = member
        member.themes.set([ctx.themes[key] for key in person.themes])
        EmailAddress.objects.get_or_create(
            user=member, email=member.email, defaults={"verified": True, "primary": True}
        )
        Consent.objects.get_or_create(
            member=member, consent_text=ctx.consent_text, defaults={"given_at": joined, "language": "nl"}
        )
    ctx.organisations[REPRESENTED_ORGANISATION].representatives.add(ctx.member(ORGREP_EMAIL))
    load_coordinator_totp(ctx)


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
# Circles, their members and their updates (seed 002, rewritten in plain Dutch)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Update:
    title: str
    published_at: dt.datetime
    body: str


@dataclass(frozen=True)
class CircleStory:
    slug: str
    name: str
    summary: str
    description: str
    join_policy: str
    meets: str
    lead: str
    members: tuple[str, ...]
    requested: tuple[str, ...] = ()
    updates: tuple[Update, ...] = ()


def _e(name: str) -> str:
    return Person(name, E).address


CIRCLES: list[CircleStory] = [
    CircleStory(
        slug="buurtteams-bondgenoten",
        name="Kring Buurtteams Bondgenoten",
        summary=(
            "Ervaringsdeskundigen en bondgenoten uit de buurtteams en de Ouder- en Kindteams "
            "delen ervaringen en praten mee over hun werk."
        ),
        description="""\
In deze kring praten ervaringsdeskundigen en hun bondgenoten over het werk in de Amsterdamse buurtteams.

Wat doen we?
- We denken mee over het functieprofiel: wat doet een ervaringsdeskundige medewerker in een buurtteam?
- We laten het ervaringsdeskundige perspectief horen in werkgroepen.
- We praten mee over de Kenniswerkplaats Ervaringsdeskundigheid van de Amsterdamse Buurtteam Academie.

Wie kan meedoen?
Iedereen die werkt in een buurtteam, in een Ouder- en Kindteam (OKT) of met de Amsterdamse Maatwerk Methode. \
Ben je ervaringsdeskundige of bondgenoot? Je bent welkom.""",
        join_policy=Circle.JoinPolicy.OPEN,
        meets="Eén keer per maand",
        lead=f"kartrekker.buurtteams@{EMAIL_DOMAIN}",
        members=(
            MEMBER_EMAIL,
            ORGREP_EMAIL,
            _e("Mohamed Amrani"),
            _e("Linda Pinas"),
            _e("Dewi Hartono"),
            _e("Rachid Ouali"),
            _e("Kofi Owusu"),
            _e("Ilse Koster"),
            _e("Samira El Idrissi"),
            _e("Joost Hendriks"),
            _e("Marloes Visser"),
            _e("Emre Yildiz"),
            _e("Latifa Chaoui"),
            _e("Ricardo Lopes"),
            _e("Stephanie Wong"),
        ),
        updates=(
            Update(
                "Na de zomer weer van start",
                at(2023, 9, 14),
                """\
Na de zomer zijn we weer begonnen. Fijn dat er zoveel mensen waren!

We spraken over de eerste versie van het **functieprofiel** voor ervaringsdeskundige medewerkers. \
Wat hoort bij het werk, en wat niet? Veel opmerkingen gingen over samenwerken in een tandem.

Werk je bij een Ouder- en Kindteam? Kom gerust een keer kijken. Je bent welkom.""",
            ),
            Update(
                "Stand van zaken: de kring zit niet stil",
                at(2023, 11, 28),
                """\
De Kring Buurtteams Bondgenoten zit niet stil. De deelnemers werken hard en de kring doet veel.

- We denken mee over het **functieprofiel** (de rolbeschrijving) voor ervaringsdeskundige medewerkers.
- We laten het ervaringsdeskundige perspectief horen in verschillende werkgroepen.
- Bij de ontwikkeling van de **Kenniswerkplaats Ervaringsdeskundigheid** praten ze regelmatig met ons. \
De kenniswerkplaats hoort bij de Amsterdamse Buurtteam Academie.

Goed om te weten: de kring is er niet meer alleen voor de buurtteams. Werk je bij een Ouder- en Kindteam (OKT) \
of met de Amsterdamse Maatwerk Methode? Dan ben je ook welkom. Een aantal deelnemers werkt al bij een OKT. \
Zo praten we ook daar steeds meer mee over ervaringsdeskundigheid.

We komen één keer per maand bij elkaar. Op de netwerkbijeenkomst van 14 december vertellen we meer.""",
            ),
        ),
    ),
    CircleStory(
        slug="armoede-bestaanszekerheid",
        name="Kring Armoede/Bestaanszekerheid",
        summary=(
            "We zetten onderwerpen over bestaanszekerheid op de agenda en reageren op beleid. Ongeveer tien leden."
        ),
        description="""\
In deze kring praten we over alles wat te maken heeft met bestaanszekerheid: kun je rondkomen, \
heb je een huis, werk, zorg en onderwijs?

We zetten onderwerpen op de agenda en we reageren op plannen van de gemeente. \
Bestaanszekerheid is voor ons meer dan inkomen. Het gaat over het hele leven.

De kring heeft ongeveer tien leden. Wil je meedoen? Vraag het aan. De kartrekker neemt dan contact met je op.""",
        join_policy=Circle.JoinPolicy.ON_REQUEST,
        meets="Ongeveer één keer per maand",
        lead=f"kartrekker.armoede@{EMAIL_DOMAIN}",
        members=(
            _e("Mohamed Amrani"),
            _e("Gerda Bosman"),
            _e("Naima Tahiri"),
            _e("Ramona Sedney"),
            _e("Tanja Vermeulen"),
            _e("Joyce Martina"),
            _e("Yusuf Kaya"),
            _e("Dirk Zwart"),
            _e("Eline Kuipers"),
        ),
        requested=(_e("Lisa Tjon A Fong"), _e("Hakan Yilmaz")),
        updates=(
            Update(
                "Nieuw: de ontwerpsessies van het Kenniscentrum Ongelijkheid",
                at(2023, 10, 12),
                """\
Het Kenniscentrum Ongelijkheid heeft ons netwerk uitgenodigd. Ze onderzoeken de bestaanszekerheid \
van Amsterdammers en willen onze ervaringskennis erbij.

In de volgende bijeenkomst kiezen we aan welke ontwerpsessies we meedoen. Denk er alvast over na: \
welke ervaring wil jij inbrengen?""",
            ),
            Update(
                "Stand van zaken: eerst het gesprek over hoe we samenwerken",
                at(2023, 11, 30),
                """\
Onze kring heeft ongeveer tien leden. We komen ongeveer één keer per maand bij elkaar. \
We zetten onderwerpen op de agenda en we reageren op plannen. Het gaat over alles wat te maken heeft \
met de bestaanszekerheid van Amsterdammers.

## Eerst de voorwaarden, dan de inhoud

De afgelopen maanden spraken we over één vraag: onder welke voorwaarden willen we met beleidsmakers van \
de gemeente praten over beleid en uitvoering? We zoeken graag mee naar wat kan binnen de wetten en regels. \
Maar we vragen ook: hoe dan? Het vraagt een heel andere aanpak. Daarvoor is ervaringskennis nodig.

Wij vinden: dat gesprek komt eerst. Pas daarna praten we over de inhoud. Daarvoor moet de overheid zich \
anders opstellen. Waar een inwoner een ambtenaar ontmoet, moet een bondgenootschap ontstaan. \
Het werk moet meer gaan over samenwerken en elkaar vertrouwen.

## Bestaanszekerheid is meer dan inkomen

Bestaanszekerheid mag niet kleiner worden gemaakt tot alleen een inkomen. Dat snappen we: zo is het voor \
de gemeente beter te regelen. Maar op onze agenda staat het hele leven: wonen, werk, zorg, onderwijs en meer.

De Nationale ombudsman zei deze week nog dat inwoners te weinig betrokken zijn bij beleid. \
Meepraten over een beleidsstuk of een wet, zoals de Participatiewet, is niet genoeg. \
De vraag is: lukt het ons om samen een echt bondgenootschap te maken? En hoe overtuigen we het stadsbestuur?

## Onderzoek van het Kenniscentrum Ongelijkheid

Het Kenniscentrum Ongelijkheid onderzoekt de bestaanszekerheid van Amsterdammers. Het kijkt naar inkomen, \
werk, wonen en wat voorzieningen in de stad kosten. Ons netwerk doet mee. De vraag is: hoe stapelen \
problemen zich op? En hoe doorbreek je dat, in één generatie en tussen generaties?

Wij doen mee aan twee ontwerpsessies:

- **Life-events**: grote gebeurtenissen in je leven. Die hebben we allemaal wel meegemaakt.
- **Instantiekapitaal**: is het niet te ingewikkeld geworden om met instanties te regelen?

We houden jullie op de hoogte.""",
            ),
        ),
    ),
    CircleStory(
        slug="onderzoek",
        name="Kring Onderzoek",
        summary=(
            "Over participatief onderzoek: mensen met ervaringskennis doen mee van het begin tot het eind. "
            "Nieuw sinds september 2023."
        ),
        description="""\
In deze kring praten onderzoekers en mensen met ervaringskennis over participatief onderzoek. \
Daarmee bedoelen we: mensen met ervaringskennis doen mee van het begin tot het eind. \
Bij het ontwerp, het proces en de uitvoering.

Onze hoofdvraag: hoe gebruiken we ervaringskennis beter in onderzoek? En hoe zorgen we dat onderzoek echt iets verandert?

Ken je iemand die mee wil denken? Nodig die persoon uit voor de kring.""",
        join_policy=Circle.JoinPolicy.OPEN,
        meets="Om de twee maanden",
        lead=f"kartrekker.onderzoek@{EMAIL_DOMAIN}",
        members=(
            _e("Maartje Smit"),
            _e("Floor van Dam"),
            _e("Eline Kuipers"),
            _e("Ravi Baldewsingh"),
            _e("Paul Timmer"),
            _e("Shanti Kalloe"),
            _e("Anouk Jansen"),
            _e("Mei Ling Chan"),
        ),
        updates=(
            Update(
                "Uitnodiging: eerste bijeenkomst op 25 september",
                at(2023, 9, 4),
                """\
Er komt een nieuwe kring: de **Kring Onderzoek**. We komen voor het eerst bij elkaar op maandag \
25 september 2023.

Het thema is: *Participatief onderzoek: kansen en kwesties*.

Doe je onderzoek, of wil je meedoen aan onderzoek met je ervaringskennis? Je bent welkom.""",
            ),
            Update(
                "Stand van zaken: participatief onderzoek, kansen en kwesties",
                at(2023, 11, 27),
                """\
Onze nieuwe kring kwam op 25 september 2023 voor het eerst bij elkaar. Het thema was: \
*Participatief onderzoek: kansen en kwesties*.

## Wat bedoelen we met participatief onderzoek?

Mensen met ervaringskennis doen van begin tot eind mee aan het onderzoek: bij het ontwerp, het proces en \
de uitvoering. De onderzoeker wordt dan soms meer een projectleider. Een onderzoeker is ook een brug tussen \
mensen met ervaringskennis en de systeemwereld. Die systeemwereld stelt andere eisen.

## Wat houdt het tegen?

Onderzoeksbureau Meetellen Amsterdam is opgericht om zo te werken. Maar het krijgt vaak weerstand als een \
onderzoek zo wordt opgezet. Er is te weinig tijd of geld, en opdrachtgevers staan er niet altijd voor open. \
Nog te vaak wordt participatief onderzoek niet serieus genomen. Dat komt door weerstand en door het beeld \
dat mensen ervan hebben.

## Wat willen we?

Daar willen we iets aan doen. Onze hoofdvraag: hoe gebruiken we ervaringskennis beter in onderzoek? \
En hoe zorgen we dat het onderzoek echt iets verandert?

In januari 2024 praten we over wat we gaan doen in dit nieuwe netwerk. Denk alvast na: wie wil of kun jij \
de volgende keer meenemen? Nodig die persoon uit via de pagina van de kring.""",
            ),
        ),
    ),
    CircleStory(
        slug="nieuw-werk",
        name="Kring Nieuw Werk",
        summary="We werken aan (betaald) nieuw werk voor ervaringsdeskundigen. En we lezen samen.",
        description="""\
Deze kring wil (betaald) nieuw werk voor ervaringsdeskundigen mogelijk maken.

We praten over de waarde van werk, over waardering (ook in geld) en over de eigenwaarde van \
ervaringsdeskundigen. We lezen ook samen boeken over ervaringskennis.

Ben je ervaringsdeskundige, of een andere professional die met of vanuit ervaringskennis wil werken? Je bent welkom.""",
        join_policy=Circle.JoinPolicy.OPEN,
        meets="Eén keer per maand",
        lead=f"kartrekker.nieuwwerk@{EMAIL_DOMAIN}",
        members=(
            _e("Femke Hoogland"),
            _e("Rutger Pos"),
            _e("Glenn Kross"),
            _e("Chantal Doekhie"),
            _e("Inge Schouten"),
            _e("Jan-Willem Bos"),
            _e("Ahmed Bakkali"),
            _e("Sevda Aydin"),
            _e("Wim Brouwer"),
            _e("Astrid Wijnands"),
        ),
        updates=(
            Update(
                "Leesclub: we lezen samen een boek",
                at(2023, 10, 3),
                """\
Dit najaar lezen we samen het boek *Wij Zijn God Niet*. Het gaat over co-creatie in de zorg voor \
mentale gezondheid.

Elke bijeenkomst bespreken we een paar hoofdstukken. Je hoeft het boek niet uit te hebben om mee te praten.""",
            ),
            Update(
                "Stand van zaken: werk, waardering en een leesclub",
                at(2023, 12, 4),
                """\
De Kring Nieuw Werk wil (betaald) nieuw werk voor ervaringsdeskundigen mogelijk maken.

De afgelopen tijd hadden we goede gesprekken over:

- de waarde van werk, en wat het betekent als je geen werk hebt;
- hoe ervaringsdeskundigen worden gewaardeerd, ook in geld;
- de eigenwaarde van ervaringsdeskundigen.

We lazen samen het boek *Wij Zijn God Niet*. Het gaat over co-creatie in ecosystemen voor mentale gezondheid.

## Werkgroep Ervaringskennis & Co-creatie

Het boek inspireerde ons. Het Herstel-Lab start het komende halfjaar de **Werkgroep Ervaringskennis & \
Co-creatie**. De werkgroep zoekt (betaald) nieuw werk in het 'ecosysteem mentale gezondheid' dat in \
Amsterdam Zuidoost wordt opgezet (Lekker in je vel!, Arkin).

Ben je ervaringsdeskundige, of een andere professional die met of vanuit ervaringskennis wil werken? \
Je bent welkom in onze kring.""",
            ),
        ),
    ),
]


def load_circles(ctx: DemoContext) -> None:
    for position, story in enumerate(CIRCLES, start=1):
        circle = upsert(
            ctx,
            Circle,
            {"slug": story.slug},
            {
                "name": story.name,
                "summary": story.summary,
                "description": story.description,
                "join_policy": story.join_policy,
                "meets": story.meets,
                "is_active": True,
                "position": position,
            },
        )
        ctx.circles[story.slug] = circle
        roles = [(story.lead, CircleMembership.Role.LEAD, CircleMembership.Status.ACTIVE)]
        roles += [(email, CircleMembership.Role.MEMBER, CircleMembership.Status.ACTIVE) for email in story.members]
        roles += [(email, CircleMembership.Role.MEMBER, CircleMembership.Status.REQUESTED) for email in story.requested]
        for email, role, status in roles:
            upsert(
                ctx, CircleMembership, {"circle": circle, "member": ctx.member(email)}, {"role": role, "status": status}
            )
        lead = ctx.member(story.lead)
        for update in story.updates:
            upsert(
                ctx,
                CircleUpdate,
                {"circle": circle, "title": update.title},
                {
                    "author": lead,
                    "body": update.body,
                    "body_html": render_markdown(update.body),
                    "published_at": update.published_at,
                },
            )


# --------------------------------------------------------------------------------------
# Loading it all
# --------------------------------------------------------------------------------------

SECTIONS: list[Callable[[DemoContext], None]] = [
    load_themes,
    load_consent,
    load_organisations,
    load_members,
    load_circles,
]


def load_demo() -> DemoContext:
    """Load (or bring up to date) the whole demo network in one transaction."""
    from .sections import APP_SECTIONS  # here: the sections import this module's helpers

    ctx = DemoContext()
    with transaction.atomic():
        for section in [*SECTIONS, *APP_SECTIONS]:
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
        "approve the 3 waiting sign-ups, assign roles, import members, gather all circles' updates",
    ),
    DemoLogin(
        "Kartrekker (circle lead)",
        f"kartrekker.buurtteams@{EMAIL_DOMAIN}",
        "post a status update in Kring Buurtteams Bondgenoten, invite someone by email",
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
        "post an update in Kring Nieuw Werk, see its members",
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
        "join Kring Nieuw Werk, ask to join Kring Armoede, edit your profile and theme visibility, download your data",
    ),
]


# --------------------------------------------------------------------------------------
# The benchmark data set (manage.py seed_bench)
# --------------------------------------------------------------------------------------

BENCH_DOMAIN = f"bench.{EMAIL_DOMAIN}"
BENCH_SLUG_PREFIX = "bench-"
BENCH_MEMBERS, BENCH_CIRCLES, BENCH_UPDATES = 200, 4, 400  # per factor

FIRST_NAMES = [
    "Anna", "Bram", "Chaima", "Daan", "Elif", "Fleur", "Gökhan", "Hamza", "Iris", "Jesse", "Khadija", "Lars",
    "Mariam", "Noah", "Oumaima", "Pieter", "Quinty", "Roos", "Soufiane", "Thijs", "Umut", "Vera", "Wouter",
    "Xiomara", "Yara", "Zeynep", "Amal", "Bilal", "Cynthia", "Dennis", "Esra", "Farid", "Gwen", "Hugo", "Imane",
    "Jordy", "Kim", "Levi", "Maud", "Nadia", "Omar", "Pim", "Rosa", "Stefan", "Tamara", "Ugur", "Valerie", "Wessel",
    "Yvonne", "Zoë", "Anouar", "Brenda", "Cor", "Dounia", "Edwin", "Fatih", "Gina", "Henk", "Ingrid", "Jamal"
]  # fmt: skip
LAST_NAMES = [
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos",
    "Peters", "Hendriks", "Dekker", "Brouwer", "El Khatib", "Yildirim", "Öztürk", "Ait Taleb", "Ramsaran",
    "Kartosen", "Wijngaarde", "Doelwijt", "Soekhlal", "Rodrigues", "Kowalski", "Nguyen", "Mensah", "Asante",
    "Benjelloun", "Çelik", "Koç", "Haddou", "van Dijk", "van der Meer", "Kramer", "Vermeer", "Prins", "Hoekstra",
    "Sluiter", "Verbruggen", "Lammers", "Tjin", "Liem", "Sabajo", "Zaman", "Karimi", "Hosseini"
]  # fmt: skip
BENCH_TOPICS = [
    "Wonen", "Zorg", "Werk", "Onderwijs", "Jongeren", "Ouderen", "Gezondheid", "Schulden", "Armoede", "Herstel",
    "Taal", "Sport", "Cultuur", "Digitaal", "Buurt", "Gezin", "Mantelzorg", "Vrijwilligers"
]  # fmt: skip
BENCH_WORDS = [
    "ervaring", "kennis", "buurt", "team", "tandem", "kring", "gesprek", "samen", "leren", "werk", "geld", "huis",
    "zorg", "vertrouwen", "bewoners", "gemeente", "advies", "verslag", "plan", "vraag", "antwoord", "bijeenkomst",
    "onderzoek", "opleiding", "netwerk", "waardering"
]  # fmt: skip


def _bench_markdown(rng: random.Random) -> str:
    paragraphs = []
    for _ in range(rng.randint(2, 4)):
        words = [rng.choice(BENCH_WORDS) for _ in range(rng.randint(20, 45))]
        words[rng.randrange(len(words))] = f"**{rng.choice(BENCH_WORDS)}**"
        paragraphs.append(" ".join(words).capitalize() + ".")
    return "\n\n".join(paragraphs)


def _bench_counts() -> tuple[int, int, int]:
    return (
        Member.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").count(),
        Circle.objects.filter(slug__startswith=BENCH_SLUG_PREFIX).count(),
        CircleUpdate.objects.filter(author__email__endswith=f"@{BENCH_DOMAIN}").count(),
    )


def wipe_bench() -> None:
    """Remove every generated benchmark row (the demo itself stays)."""
    CircleUpdate.objects.filter(author__email__endswith=f"@{BENCH_DOMAIN}").delete()
    Circle.objects.filter(slug__startswith=BENCH_SLUG_PREFIX).delete()
    Member.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").delete()


def scale_demo(factor: int, *, seed: int = 2023) -> dict[str, int]:
    """Load the demo, then top it up with generated rows so the database holds exactly
    `factor` × (200 members, 4 circles, 400 updates): factor 10 gives 2,000 / 40 / 4,000.

    Generated rows are recognisable (emails @bench.example.org, circle slugs `bench-...`,
    updates written by those members) and are the same for the same factor and seed.
    Idempotent per factor: if the generated rows already have the right counts, nothing is
    written; otherwise the previous generated rows are wiped and made again. Meant for a
    benchmark database; on the development database `manage.py seed_bench --wipe` removes them.
    """
    if factor < 1:
        raise ValueError("The factor must be 1 or more.")
    load_demo()
    with transaction.atomic():
        demo_members = Member.objects.exclude(email__endswith=f"@{BENCH_DOMAIN}").count()
        demo_circles = Circle.objects.exclude(slug__startswith=BENCH_SLUG_PREFIX).count()
        demo_updates = CircleUpdate.objects.exclude(author__email__endswith=f"@{BENCH_DOMAIN}").count()
        want = (
            BENCH_MEMBERS * factor - demo_members,
            BENCH_CIRCLES * factor - demo_circles,
            BENCH_UPDATES * factor - demo_updates,
        )
        if min(want) < 0:
            raise ValueError("The database already holds more rows than this factor asks for.")
        if _bench_counts() == want:
            return {"created": 0, "members": want[0], "circles": want[1], "updates": want[2]}
        wipe_bench()
        _create_bench(random.Random(seed * 1000 + factor), *want)
    return {"created": sum(want), "members": want[0], "circles": want[1], "updates": want[2]}


def _create_bench(rng: random.Random, n_members: int, n_circles: int, n_updates: int) -> None:
    from allauth.account.models import EmailAddress

    password = make_password(DEMO_PASSWORD)
    themes = list(Theme.objects.filter(is_active=True).order_by("pk"))
    # The demo's organisations only (not the monitor bench's, which come and go), in a fixed order.
    organisations = list(Organisation.objects.exclude(slug__startswith="bench-").order_by("pk"))
    consent_text = ConsentText.objects.filter(published_at__isnull=False).order_by("-version").first()
    start = at(2021, 4, 1)

    members = Member.objects.bulk_create(
        [
            Member(
                email=f"person{i:05d}@{BENCH_DOMAIN}",
                name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                kind=rng.choice([Member.Kind.EXPERT, Member.Kind.EXPERT, Member.Kind.ALLY]),
                organisation=rng.choice([None, *organisations]) if organisations else None,
                theme_visibility=rng.choice(Member.ThemeVisibility.values),
                status=Member.Status.APPROVED,
                password=password,
                date_joined=start + dt.timedelta(days=rng.randrange(900)),
            )
            for i in range(n_members)
        ]
    )
    if not members and (n_circles or n_updates):
        raise ValueError("The benchmark needs at least one generated member.")
    through = Member.themes.through
    through.objects.bulk_create(
        [
            through(member_id=m.pk, theme_id=t.pk)
            for m in members
            if m.kind == Member.Kind.EXPERT and themes
            for t in rng.sample(themes, rng.randint(1, min(3, len(themes))))
        ]
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=m, email=m.email, verified=True, primary=True) for m in members]
    )
    if consent_text is not None:
        Consent.objects.bulk_create(
            [Consent(member=m, consent_text=consent_text, given_at=m.date_joined) for m in members]
        )

    Circle.objects.bulk_create(
        [
            Circle(
                name=f"Kring {BENCH_TOPICS[i % len(BENCH_TOPICS)]} {i // len(BENCH_TOPICS) + 1}",
                slug=f"{BENCH_SLUG_PREFIX}{i + 1:03d}",
                summary="Een kring om ervaringen te delen en samen te leren.",
                description="We komen één keer per maand bij elkaar. Iedereen is welkom.",
                join_policy=rng.choice(Circle.JoinPolicy.values),
                meets="Eén keer per maand",
                position=100 + i,
            )
            for i in range(n_circles)
        ]
    )
    circles = list(Circle.objects.order_by("position", "pk"))

    # Every circle gets one generated lead (who writes its generated updates) and members.
    memberships: dict[tuple[int, int], CircleMembership] = {}
    leads = {}
    for index, circle in enumerate(circles):
        lead = members[index % len(members)]
        leads[circle.pk] = lead
        memberships[circle.pk, lead.pk] = CircleMembership(circle=circle, member=lead, role=CircleMembership.Role.LEAD)
    for member in members:
        for circle in rng.sample(circles, min(len(circles), rng.randint(1, 3))):
            memberships.setdefault(
                (circle.pk, member.pk),
                CircleMembership(
                    circle=circle,
                    member=member,
                    status=rng.choice([CircleMembership.Status.ACTIVE] * 9 + [CircleMembership.Status.REQUESTED]),
                ),
            )
    CircleMembership.objects.bulk_create(memberships.values())

    bodies = [_bench_markdown(rng) for _ in range(40)]
    rendered = [render_markdown(body) for body in bodies]
    updates = []
    for i in range(n_updates):
        circle = circles[i % len(circles)]
        b = rng.randrange(len(bodies))
        updates.append(
            CircleUpdate(
                circle=circle,
                author=leads[circle.pk],
                title=f"Stand van zaken {i // len(circles) + 1}",
                body=bodies[b],
                body_html=rendered[b],
                published_at=start + dt.timedelta(minutes=rng.randrange(60 * 24 * 900)),
            )
        )
    CircleUpdate.objects.bulk_create(updates, batch_size=1000)
