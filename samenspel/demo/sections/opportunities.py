"""Demo opportunities ("vraag en aanbod"): the Amsterdam areas, the seed's opportunities, and members who
asked for invitations.

Seed 002 tells of work the network was invited to; here each is an opportunity, posted by the
fictional people of `people.py` and `circles.py`:

- a paid job in Zuidoost: an ervaringsdeskundige medewerker for "Lekker in je vel!" (Arkin);
- the Kenniscentrum Ongelijkheid's two design sessions "Life-events" and "Instantiekapitaal"
  (the second one online);
- Kring Onderzoek's participatory research project with Meetellen Amsterdam;
- the Herstel-Lab's Werkgroep Ervaringskennis & Co-creatie (Kring Nieuw Werk, Zuidoost);
- a paid assignment of Kring Nieuw Werk that was filled, with the hours and fees it brought
  (`RealisedWork`, counted by the monitor);
- a volunteer role sent in through the public form by a partner without an account, waiting for
  the coordinator's approval.

The demo member (Sanne de Graaf: debt, loneliness) and eight other members asked for invitations
(recorded with the words of `texts.py`). Three open opportunities fit the demo member: log in as
member@example.org and open "Kansen voor jou". The representative and the coordinator see how many
members fit ("9 mensen passen hierbij", or "minder dan 5").

Idempotent like the other sections: areas by Dutch name, opportunities by title, realised work by
opportunity and member, choices by member. Dates are set relative to the first run (`create_only`)
and left alone after that.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone, translation

from samenspel.demo.base import COORDINATOR_EMAIL, EMAIL_DOMAIN, MEMBER_EMAIL, DemoContext, upsert
from samenspel.demo.people import Person
from samenspel.lib.markdown import render_markdown
from samenspel.opportunities.models import WEEKDAYS, Area, MatchingOptIn, Opportunity, RealisedWork, kind_bit
from samenspel.opportunities.texts import OPT_IN_TEXT_VERSION, opt_in_text

# The stadsdelen of Amsterdam (and Weesp), in the order of the municipality's own lists.
AREAS = [
    ("Centrum", "Centre"),
    ("Nieuw-West", "New-West"),
    ("Noord", "North"),
    ("Oost", "East"),
    ("West", "West"),
    ("Zuid", "South"),
    ("Zuidoost", "South-East"),
    ("Weesp", "Weesp"),
]

K = Opportunity.Kind
TUESDAY, THURSDAY = WEEKDAYS[1][0], WEEKDAYS[3][0]


def _person(name: str) -> str:
    return Person(name, "").address


# title: (fields, themes, poster's address, days until respond_by). Hours a month are worked out as
# the posting part does: a week's hours × 52 / 12; hours in total spread over the months it lasts.
OPPORTUNITIES = {
    "Ervaringsdeskundige medewerker Lekker in je vel! Zuidoost": (
        {
            "kind": K.PAID_JOB,
            "offered_by": "Arkin, Lekker in je vel! Zuidoost",
            "organisation": "arkin",
            "area": "Zuidoost",
            "location": "Gezondheidscentrum Bijlmer, Amsterdam Zuidoost",
            "days": TUESDAY | THURSDAY,
            "hours": Decimal("16"),
            "hours_unit": Opportunity.HoursUnit.WEEK,
            "monthly_hours": Decimal("69.3"),
            "pay": Opportunity.Pay.HOURLY,
            "hourly_rate": Decimal("24.50"),
            "people_wanted": 2,
            "audience": Opportunity.Audience.PUBLIC,
            "description": (
                "In Zuidoost bouwen we aan een **ecosysteem mentale gezondheid**. We zoeken twee "
                "ervaringsdeskundige medewerkers voor het team van Lekker in je vel!.\n\n"
                "- Je praat met bewoners die het moeilijk hebben, in het buurthuis en op straat.\n"
                "- Je werkt samen met een collega in een tandem.\n"
                "- Een contract voor een jaar, 16 uur per week, op dinsdag en donderdag."
            ),
        },
        ("psyche", "eenzaamheid"),
        _person("Jan-Willem Bos"),
        21,
    ),
    "Ontwerpsessie Life-events": (
        {
            "kind": K.DESIGN_SESSION,
            "offered_by": "Kenniscentrum Ongelijkheid",
            "organisation": "kenniscentrum-ongelijkheid",
            "area": "Centrum",
            "location": "Kenniscentrum Ongelijkheid, Amsterdam Centrum",
            "hours": Decimal("3"),
            "hours_unit": Opportunity.HoursUnit.TOTAL,
            "monthly_hours": Decimal("3"),
            "pay": Opportunity.Pay.FEE,
            "fee": Decimal("75.00"),
            "expense_allowance": True,
            "people_wanted": 8,
            "description": (
                "Het Kenniscentrum Ongelijkheid onderzoekt de bestaanszekerheid van Amsterdammers. "
                "In deze ontwerpsessie gaat het over **life-events**: een scheiding, ontslag, een "
                "ziekte. Wat gebeurt er dan met je geld, je werk en je huis? En wat had je geholpen?\n\n"
                "Je krijgt een vergoeding en je reiskosten terug."
            ),
        },
        ("armoede", "schulden", "werkloos"),
        _person("Ravi Baldewsingh"),
        10,
    ),
    "Ontwerpsessie Instantiekapitaal": (
        {
            "kind": K.DESIGN_SESSION,
            "offered_by": "Kenniscentrum Ongelijkheid",
            "organisation": "kenniscentrum-ongelijkheid",
            "is_online": True,
            "hours": Decimal("2"),
            "hours_unit": Opportunity.HoursUnit.TOTAL,
            "monthly_hours": Decimal("2"),
            "pay": Opportunity.Pay.FEE,
            "fee": Decimal("50.00"),
            "people_wanted": 8,
            "description": (
                "Is het niet té ingewikkeld geworden om te dealen met instanties? In deze online "
                "ontwerpsessie praten we over **instantiekapitaal**: wat je nodig hebt om je weg te "
                "vinden bij de gemeente, de Belastingdienst of de woningcorporatie."
            ),
        },
        ("schulden", "armoede"),
        _person("Ravi Baldewsingh"),
        14,
    ),
    "Participatief onderzoek: ervaringskennis in onderzoek": (
        {
            "kind": K.RESEARCH,
            "offered_by": "Kring Onderzoek en Meetellen Amsterdam",
            "organisation": "meetellen-amsterdam",
            "circle": "onderzoek",
            "area": "Oost",
            "location": "Meetellen Amsterdam, Oost",
            "hours": Decimal("8"),
            "hours_unit": Opportunity.HoursUnit.MONTH,
            "monthly_hours": Decimal("8"),
            "pay": Opportunity.Pay.HOURLY,
            "hourly_rate": Decimal("21.00"),
            "people_wanted": 4,
            "description": (
                "Kring Onderzoek en Meetellen Amsterdam zoeken vier co-onderzoekers. Je doet mee "
                "**van het begin tot het eind**: je bedenkt de vragen mee, je doet interviews en je "
                "schrijft mee aan het verslag. De vraag: hoe wordt ervaringskennis beter benut?"
            ),
        },
        ("ziekte", "psyche", "eenzaamheid"),
        f"kartrekker.onderzoek@{EMAIL_DOMAIN}",
        28,
    ),
    "Werkgroep Ervaringskennis & Co-creatie": (
        {
            "kind": K.WORKING_GROUP,
            "offered_by": "Herstel-Lab",
            "organisation": "herstel-lab",
            "circle": "nieuw-werk",
            "area": "Zuidoost",
            "hours": Decimal("4"),
            "hours_unit": Opportunity.HoursUnit.MONTH,
            "monthly_hours": Decimal("4"),
            "expense_allowance": True,
            "people_wanted": 12,
            "description": (
                "Het Herstel-Lab start het komende halfjaar de **Werkgroep Ervaringskennis & "
                "Co-creatie**, voor (betaald) nieuw werk in het ecosysteem mentale gezondheid in "
                "Zuidoost. Ervaringsdeskundigen en professionals die vanuit ervaringskennis willen "
                "werken zijn welkom."
            ),
        },
        ("psyche", "verslaving"),
        _person("Inge Schouten"),
        35,
    ),
}

FILLED_TITLE = "Opdracht: training Werken met ervaringskennis voor een woningcorporatie"
FILLED = {
    "kind": K.PAID_ASSIGNMENT,
    "offered_by": "Kring Nieuw Werk",
    "circle": "nieuw-werk",
    "area": "West",
    "hours": Decimal("24"),
    "hours_unit": Opportunity.HoursUnit.TOTAL,
    "monthly_hours": Decimal("12"),
    "pay": Opportunity.Pay.HOURLY,
    "hourly_rate": Decimal("30.00"),
    "people_wanted": 2,
    "status": Opportunity.Status.FILLED,
    "description": (
        "Een woningcorporatie in West vroeg Kring Nieuw Werk om een training voor haar "
        "medewerkers: hoe praat je met huurders die schulden hebben? Twee ervaringsdeskundigen "
        "geven de training, samen met een trainer."
    ),
}
# Who gave the training: (address, hours, fee, from, until) in days before the first run.
REALISED = [
    (_person("Glenn Kross"), Decimal("24"), Decimal("720.00"), 70, 42),
    (_person("Kofi Owusu"), Decimal("20"), Decimal("600.00"), 70, 42),
]

PENDING_TITLE = "Vrijwilligers voor het buurtontbijt in De Baarsjes"
PENDING = {
    "kind": K.VOLUNTEER,
    "offered_by": "Buurthuis De Kroon (voorbeeld)",
    "area": "West",
    "days": WEEKDAYS[5][0],
    "hours": Decimal("3"),
    "hours_unit": Opportunity.HoursUnit.WEEK,
    "monthly_hours": Decimal("13"),
    "people_wanted": 3,
    "status": Opportunity.Status.PENDING,
    "contact_name": "Marieke de Wit",
    "contact_email": "buurthuis.de.kroon@example.net",
    "description": (
        "Elke zaterdag ontbijten buren samen in het buurthuis. We zoeken mensen die willen helpen "
        "en die weten hoe het is om er alleen voor te staan."
    ),
}

# Members who asked for invitations: address, wishes. The demo member: every kind, any day, at most
# 40 hours a month, anywhere, online fine.
OPTED_IN = [
    (MEMBER_EMAIL, {"hours_per_month": 40}),
    (_person("Mohamed Amrani"), {"kinds": [K.PAID_JOB, K.DESIGN_SESSION]}),
    (_person("Ramona Sedney"), {}),
    (_person("Tanja Vermeulen"), {"hours_per_month": 10}),
    (_person("Dirk Zwart"), {"areas": ["Zuid", "Centrum"]}),
    (_person("Hakan Yilmaz"), {"online_ok": False, "areas": ["Centrum", "Oost"]}),
    (_person("Ilse Koster"), {}),
    (_person("Glenn Kross"), {"kinds": [K.PAID_JOB, K.PAID_ASSIGNMENT, K.DESIGN_SESSION]}),
    (_person("Kofi Owusu"), {"areas": ["Zuidoost", "Centrum"]}),
]


def load_areas(ctx: DemoContext) -> dict[str, Area]:
    return {
        name_nl: upsert(ctx, Area, {"name_nl": name_nl}, {"name_en": name_en, "position": position, "is_active": True})
        for position, (name_nl, name_en) in enumerate(AREAS, start=1)
    }


def _opportunity(ctx: DemoContext, areas, title: str, fields: dict, *, poster, days_left: int, themes=()):
    today = timezone.localdate()
    fields = dict(fields)
    fields["area"] = areas[fields["area"]] if fields.get("area") else None
    fields["organisation"] = ctx.organisations[fields["organisation"]] if fields.get("organisation") else None
    fields["circle"] = ctx.circles[fields["circle"]] if fields.get("circle") else None
    fields["description_html"] = render_markdown(fields["description"])
    fields.setdefault("status", Opportunity.Status.PUBLISHED)
    created = timezone.now() - dt.timedelta(days=5)
    shown = fields["status"] != Opportunity.Status.PENDING
    create_only = {
        "respond_by": today + dt.timedelta(days=days_left),
        "created_by": poster,
        "created_at": created,
        "submitted_at": created + dt.timedelta(hours=2),
        "decided_by": ctx.member(COORDINATOR_EMAIL) if shown else None,
        "decided_at": created + dt.timedelta(days=1) if shown else None,
        "published_at": created + dt.timedelta(days=1) if shown else None,
    }
    opportunity = upsert(ctx, Opportunity, {"title": title}, fields, create_only=create_only)
    wanted = {ctx.themes[key].pk for key in themes}
    if set(opportunity.themes.values_list("pk", flat=True)) != wanted:
        opportunity.themes.set(wanted)
        ctx.changed += 1
    return opportunity


def load_opportunities(ctx: DemoContext, areas) -> None:
    for title, (fields, themes, poster, days_left) in OPPORTUNITIES.items():
        _opportunity(ctx, areas, title, fields, poster=ctx.member(poster), days_left=days_left, themes=themes)
    filled = _opportunity(
        ctx,
        areas,
        FILLED_TITLE,
        FILLED,
        poster=ctx.member(f"kartrekker.nieuwwerk@{EMAIL_DOMAIN}"),
        days_left=-80,
        themes=("schulden", "armoede"),
    )
    today = timezone.localdate()
    for address, hours, fee, started, ended in REALISED:
        upsert(
            ctx,
            RealisedWork,
            {"opportunity": filled, "member": ctx.member(address)},
            {"hours": hours, "fee": fee, "by_expert": True},
            create_only={
                "started_on": today - dt.timedelta(days=started),
                "ended_on": today - dt.timedelta(days=ended),
                "recorded_by": ctx.member(f"kartrekker.nieuwwerk@{EMAIL_DOMAIN}"),
            },
        )
    _opportunity(ctx, areas, PENDING_TITLE, PENDING, poster=None, days_left=30, themes=("eenzaamheid",))


def load_opt_ins(ctx: DemoContext, areas) -> None:
    with translation.override("nl"):
        text = opt_in_text()
    for address, wishes in OPTED_IN:
        member = ctx.member(address)
        values = {
            "kinds": sum(kind_bit(kind) for kind in wishes.get("kinds", [])),
            "days": wishes.get("days", 0),
            "hours_per_month": wishes.get("hours_per_month"),
            "online_ok": wishes.get("online_ok", True),
        }
        create_only = {"text_version": OPT_IN_TEXT_VERSION, "text": text, "language": "nl"}
        choice = upsert(ctx, MatchingOptIn, {"member": member, "withdrawn_at": None}, values, create_only)
        wanted = {areas[name].pk for name in wishes.get("areas", [])}
        if set(choice.areas.values_list("pk", flat=True)) != wanted:
            choice.areas.set(wanted)
            ctx.changed += 1


def load_demo_section(ctx: DemoContext) -> None:
    areas = load_areas(ctx)
    load_opportunities(ctx, areas)
    load_opt_ins(ctx, areas)
