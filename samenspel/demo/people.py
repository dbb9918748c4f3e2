"""The demo network's people: themes, the consent text, organisations and members (all invented).

Core sections of `load_demo()` (samenspel/demo/base.py), run in this order before the circles.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.utils.text import slugify

from samenspel.demo.base import (
    COORDINATOR_EMAIL,
    DEMO_PASSWORD,
    EMAIL_DOMAIN,
    MEMBER_EMAIL,
    MUNICIPALITY_EMAIL,
    ORGREP_EMAIL,
    REPRESENTED_ORGANISATION,
    DemoContext,
    at,
    load_coordinator_totp,
    upsert,
)
from samenspel.members.models import Consent, ConsentText, Member, Theme
from samenspel.organisations.models import Organisation, Team

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
