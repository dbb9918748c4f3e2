"""Demo meetings: the story of seed 000 and the network meeting of 14 December, as data.

`load_demo_section(ctx)` is listed in `samenspel/demo/sections/__init__.py` and runs after the core
sections, so the demo members and circles are in `ctx`. Like the rest of the demo it is
idempotent: meetings are found by circle + title + start, groups by meeting + position,
registrations by meeting + member (or visitor email), and only differing fields are saved.

- "Samenspel in de stad", Tuesday 8 February 2022, online: HELD, 37 registered, 35 present,
  three breakout groups with the questions of seed 000, their note-takers and outcomes, and a
  report published to members.
- The network meeting of 14 December (the next 14 December from today, so it is open): full
  (30 of 30 places) with 4 people on the waitlist, and a mix of roles.
- A monthly series per circle, from this month to three months ahead. The dates follow today,
  so the set grows when months pass; two runs on the same day create nothing new.

Everyone is invented: demo members, and visitors with example.org addresses. The seed names
real people; they do not appear here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from samenspel.demo.base import COORDINATOR_EMAIL, EMAIL_DOMAIN, MEMBER_EMAIL, DemoContext, at, upsert
from samenspel.demo.circles import CIRCLES
from samenspel.demo.people import PEOPLE
from samenspel.lib.markdown import render_markdown
from samenspel.lib.tokens import new_token
from samenspel.meetings.models import (
    Attachment,
    BreakoutGroup,
    Meeting,
    MeetingSeries,
    ParticipantRole,
    Registration,
    Report,
    RoleLimit,
    Visibility,
)
from samenspel.meetings.services.planning import series_dates
from samenspel.members.models import Member
from samenspel.organisations.models import Organisation

CONFIRMED = Registration.Status.CONFIRMED
WAITLISTED = Registration.Status.WAITLISTED

# --------------------------------------------------------------------------------------
# 8 February 2022: "Samenspel in de stad" (seed 000, rewritten; no real names)
# --------------------------------------------------------------------------------------

FEBRUARY_TITLE = "Samenspel in de stad"
FEBRUARY_STARTS = at(2022, 2, 8, 14)
FEBRUARY_ENDS = at(2022, 2, 8, 16)

FEBRUARY_DESCRIPTION = """\
Een online bijeenkomst over ervaringsdeskundigen in de buurtteams van Amsterdam.

We praten over de ervaringen met het werk van ervaringsdeskundigen in de buurtteams. \
Ervaringsdeskundigen, andere professionals uit de buurtteams, teamleiders, bondgenoten en \
beleidsmedewerkers van de gemeente zijn welkom."""

FEBRUARY_INTRODUCTION = """\
Op dinsdag 8 februari 2022 kwam het netwerk online bij elkaar voor de bijeenkomst \
"Samenspel in de stad". We spraken over de ervaringen met het werk van ervaringsdeskundigen \
in de buurtteams van Amsterdam.

Er waren 35 mensen. Ervaringsdeskundigen en andere professionals uit de buurtteams, \
teamleiders en managers van de buurtteams, bondgenoten uit partnerorganisaties en \
beleidsmedewerkers van de gemeente.

### Aansluiten bij de leefwereld van de Amsterdammer

De coördinator en de kartrekker van de Kring Buurtteams Bondgenoten openden de bijeenkomst. \
Ervaringsdeskundigen helpen de buurtteams om aan te sluiten bij de leefwereld van de \
Amsterdammer. Daarna legden zij de opdracht van de gemeente aan het netwerk nog eens uit. \
Kort gezegd: versterk de ervaringsdeskundigen in de buurtteams!

### Drie groepen, drie vragen

Daarna praatten we in drie groepen. Elke groep kreeg één vraag. Aan het eind bespraken we \
met iedereen wat de groepen hadden opgehaald. Hieronder lees je wat elke groep besprak. \
De presentatie van de middag staat onder dit verslag."""

FEBRUARY_DECISIONS = """\
- De inzichten van vandaag komen in het advies aan de gemeente over ervaringsdeskundigen in \
de buurtteams.
- De Kring Buurtteams Bondgenoten is de vaste plek om ervaringen uit de buurtteams te delen.
- In het najaar houden we weer een netwerkbijeenkomst over dit onderwerp."""

FEBRUARY_FOLLOW_UP = """\
- Heb je nog opmerkingen op het concept-advies? Stuur ze vóór 1 maart naar de coördinator \
van het netwerk.
- De coördinator zet het vernieuwde advies aan de gemeente (februari 2022) op het platform.
- De kartrekker van de Kring Buurtteams Bondgenoten nodigt de teamleiders uit voor de \
volgende kringbijeenkomst.
- Groep 3 schrijft een voorstel voor de volgende stap van het Tandem Ontwikkel Traject."""


@dataclass(frozen=True)
class Group:
    name: str
    question: str
    outcomes: str


FEBRUARY_GROUPS = [
    Group(
        "Groep 1: Een gedeelde visie",
        "Hoe implementeren we ervaringsdeskundigheid in de Buurtteamorganisatie(s)? "
        "Hoe werken we samen in de stad aan een gedeelde visie?",
        """\
- Elke buurtteamorganisatie werkt nu op een eigen manier. Dat is niet erg, maar we willen \
wel van elkaar leren.
- Een gedeelde visie begint met een gedeelde taal: wat bedoelen we met ervaringsdeskundige, \
en wat met ervaringskennis?
- Ervaringsdeskundigen willen meepraten als de visie wordt gemaakt, niet pas daarna.
- Idee: twee keer per jaar een stadsbrede bijeenkomst van ervaringsdeskundigen en \
teamleiders uit alle buurtteams.""",
    ),
    Group(
        "Groep 2: Voorwaarden in de stad",
        "Wat zijn de stedelijke randvoorwaarden bij het (door)ontwikkelen van "
        "ervaringsdeskundigheid in de buurtteamorganisaties?",
        """\
- Een eerlijk salaris en een vaste plek in het team, geen losse klus.
- Tijd en geld voor scholing en intervisie, ook na de opleiding.
- De gemeente kan in de opdracht aan de buurtteams opnemen hoeveel ervaringsdeskundigen er \
werken.
- Let op de regels voor mensen met een uitkering: betaald werk mag hun inkomen niet \
onzeker maken.""",
    ),
    Group(
        "Groep 3: Het Tandem Ontwikkel Traject",
        "Wat is er nodig om het 'Tandem Ontwikkel Traject' verder van de grond te krijgen?",
        """\
- In een tandem werken een ervaringsdeskundige en een collega samen als gelijken. Dat vraagt \
tijd om elkaar te leren kennen.
- Teamleiders moeten het traject steunen en er uren voor vrijmaken.
- Deel goede voorbeelden: de tandems in De Baarsjes en in de Indische Buurt vertellen graag \
hoe zij werken.
- Begin klein: eerst in drie teams, daarna in de hele stad.""",
    ),
]

# Visitors (no account) at the February meeting: invented names, example.org addresses.
FEBRUARY_VISITORS = [
    ("Bram Oosterwijk", "professional"),
    ("Noor Haddou", "expert"),
    ("Lieke Brink", "policy"),
    ("Sem Vos", "manager"),
]

# --------------------------------------------------------------------------------------
# 14 December: the network meeting (seed 002 announces it)
# --------------------------------------------------------------------------------------

DECEMBER_TITLE = "Netwerkbijeenkomst: de kringen in beweging"
DECEMBER_CAPACITY = 30
DECEMBER_LOCATION = "Buurtcentrum De Verbinding, Voorbeeldstraat 12, 1000 AA Amsterdam"
DECEMBER_DESCRIPTION = """\
De kringen van het netwerk zijn volop in beweging. In deze netwerkbijeenkomst vertellen de \
kartrekkers wat er in hun kring gebeurt: in de buurtteams, over armoede en bestaanszekerheid, \
in het onderzoek en over nieuw werk voor ervaringsdeskundigen.

Daarna praten we in kleine groepen verder. Welke kring past bij jou? Wat wil jij inbrengen?

Iedereen is welkom: ervaringsdeskundigen, bondgenoten, mensen uit de buurtteams en van de \
gemeente. Er is soep en brood vanaf 18:30."""

# Visitors for December: two with a place, two on the waitlist.
DECEMBER_VISITORS_CONFIRMED = [("Hugo Smeets", "professional"), ("Elif Demir", "expert")]
DECEMBER_VISITORS_WAITING = [("Roos Verkerk", "other"), ("Femi Adeyemi", "expert")]
DECEMBER_ACCESS_NEEDS = "Ik kom met een rolstoel. Is er een lift?"

# --------------------------------------------------------------------------------------
# Monthly circle meetings
# --------------------------------------------------------------------------------------

SERIES_MONTHS = 4  # this month and the three after it


@dataclass(frozen=True)
class CircleSeries:
    circle: str
    title: str
    description: str
    weekday: int
    week_of_month: int
    start: dt.time
    end: dt.time
    visibility: str
    capacity: int
    location: str = ""
    online_url: str = ""
    guests: str = ""  # a circle meeting opened to guests from the network


CIRCLE_SERIES = [
    CircleSeries(
        "buurtteams-bondgenoten",
        "Kringbijeenkomst Buurtteams Bondgenoten",
        "Elke tweede dinsdag van de maand delen we ervaringen uit de buurtteams. "
        "Bondgenoten uit de teams zijn ook welkom.",
        MeetingSeries.Weekday.TUESDAY,
        2,
        dt.time(19, 0),
        dt.time(21, 0),
        Visibility.CIRCLE,
        20,
        location="Buurtteam Noord-Oost, Voorbeeldplein 3, Amsterdam-Noord",
        guests="medewerkers van de Ouder- en Kindteams (OKT) en iedereen die werkt met de Amsterdamse Maatwerk Methode",
    ),
    CircleSeries(
        "armoede-bestaanszekerheid",
        "Kring Armoede/Bestaanszekerheid",
        "Elke eerste donderdag van de maand praten we over rondkomen, schulden en wat er in de "
        "stad beter kan. Alleen voor leden van de kring.",
        MeetingSeries.Weekday.THURSDAY,
        1,
        dt.time(14, 0),
        dt.time(16, 0),
        Visibility.CIRCLE,
        15,
        location="Buurthuis De Schakel, Oefenstraat 8, Amsterdam-Nieuw-West",
    ),
    CircleSeries(
        "onderzoek",
        "Open middag Kring Onderzoek",
        "Onderzoekers met en zonder ervaringskennis vertellen over hun onderzoek. Iedereen mag "
        "meedoen, ook als je (nog) geen lid bent van het netwerk.",
        MeetingSeries.Weekday.WEDNESDAY,
        3,
        dt.time(15, 30),
        dt.time(17, 0),
        Visibility.PUBLIC,
        25,
        online_url="https://meet.example.org/kring-onderzoek",
    ),
    CircleSeries(
        "nieuw-werk",
        "Kring Nieuw Werk",
        "Elke laatste maandag van de maand: (betaald) nieuw werk voor ervaringsdeskundigen. "
        "Alleen voor leden van de kring.",
        MeetingSeries.Weekday.MONDAY,
        -1,
        dt.time(19, 0),
        dt.time(21, 0),
        Visibility.CIRCLE,
        15,
        location="Herstel-Lab, Proefweg 21, Amsterdam-Zuidoost",
        online_url="https://meet.example.org/kring-nieuw-werk",
    ),
]
PARTICIPANTS_PER_CIRCLE_MEETING = 4  # the kartrekker and three members


# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _role(ctx: DemoContext, member: Member) -> str:
    if member.kind == Member.Kind.EXPERT:
        return ParticipantRole.EXPERT
    kinds = {organisation.pk: organisation.kind for organisation in ctx.organisations.values()}
    kind = kinds.get(member.organisation_id)
    if kind == Organisation.Kind.MUNICIPALITY:
        return ParticipantRole.POLICY
    if kind == Organisation.Kind.NEIGHBOURHOOD_TEAMS:
        return ParticipantRole.MANAGER if "teamleider" in (member.bio or "").lower() else ParticipantRole.PROFESSIONAL
    if kind == Organisation.Kind.PARTNER:
        return ParticipantRole.ALLY
    return ParticipantRole.OTHER


def _visitor_email(name: str) -> str:
    return f"{name.lower().replace(' ', '.')}@{EMAIL_DOMAIN}"


def _approved_people(kind: str, *, exclude: tuple[str, ...] = ()) -> list[str]:
    return [p.address for p in PEOPLE if p.kind == kind and not p.pending and p.address not in exclude]


def _meeting(ctx: DemoContext, *, circle, title: str, starts_at: dt.datetime, **values) -> Meeting:
    return upsert(ctx, Meeting, {"circle": circle, "title": title, "starts_at": starts_at}, values)


def _register_member(ctx: DemoContext, meeting: Meeting, member: Member, *, values: dict, create_only=None):
    values = {"role": _role(ctx, member), "name": "", "email": "", **values}
    return upsert(
        ctx,
        Registration,
        {"meeting": meeting, "member": member},
        values,
        create_only={"token_hash": new_token()[1], **(create_only or {})},
    )


def _register_visitor(ctx: DemoContext, meeting: Meeting, name: str, role: str, *, values: dict, create_only=None):
    return upsert(
        ctx,
        Registration,
        {"meeting": meeting, "member": None, "email": _visitor_email(name)},
        {"name": name, "role": role, **values},
        create_only={"token_hash": new_token()[1], **(create_only or {})},
    )


# --------------------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------------------


def load_february_meeting(ctx: DemoContext) -> Meeting:
    coordinator = ctx.member(COORDINATOR_EMAIL)
    meeting = _meeting(
        ctx,
        circle=None,
        title=FEBRUARY_TITLE,
        starts_at=FEBRUARY_STARTS,
        ends_at=FEBRUARY_ENDS,
        description=FEBRUARY_DESCRIPTION,
        online_url="https://meet.example.org/samenspel-in-de-stad",
        location="",
        capacity=40,
        registration_opens_at=at(2022, 1, 10, 9),
        registration_closes_at=at(2022, 2, 7, 12),
        visibility=Visibility.MEMBERS,
        status=Meeting.Status.HELD,
        created_by=coordinator,
    )
    groups = [
        upsert(
            ctx,
            BreakoutGroup,
            {"meeting": meeting, "position": position},
            {"name": group.name, "question": group.question},
        )
        for position, group in enumerate(FEBRUARY_GROUPS, start=1)
    ]

    # 33 members of mixed roles and 4 visitors registered; 35 came. Groups balanced by role.
    addresses = _approved_people(Member.Kind.EXPERT)[:17] + _approved_people(Member.Kind.ALLY)[:16]
    people: list[tuple[str, object, str]] = [("member", ctx.member(a), _role(ctx, ctx.member(a))) for a in addresses]
    people += [("visitor", name, role) for name, role in FEBRUARY_VISITORS]
    absent = {addresses[-1], addresses[16]}  # one ally and one expert did not come
    present_order = sorted(
        (i for i, (kind, who, _) in enumerate(people) if not (kind == "member" and who.email in absent)),
        key=lambda i: (list(ParticipantRole.values).index(people[i][2]), i),
    )
    group_of = {i: groups[n % len(groups)] for n, i in enumerate(present_order)}
    note_takers: dict[int, Member] = {}
    for i, (kind, who, role) in enumerate(people):
        group = group_of.get(i)
        moment = at(2022, 1, 10, 10) + dt.timedelta(hours=7 * i)
        values = {
            "status": CONFIRMED,
            "queued_at": moment,
            "confirmed_at": moment,
            "group": group,
            "attended": group is not None,
            "access_needs": "",  # deleted after the meeting
        }
        if kind == "member":
            _register_member(ctx, meeting, who, values=values)
            if group is not None:
                note_takers.setdefault(group.pk, who)
        else:
            _register_visitor(ctx, meeting, who, role, values=values)
    for group, story in zip(groups, FEBRUARY_GROUPS, strict=True):
        upsert(
            ctx,
            BreakoutGroup,
            {"pk": group.pk},
            {
                "note_taker": note_takers[group.pk],
                "outcomes": story.outcomes,
                "outcomes_html": render_markdown(story.outcomes),
            },
        )
    upsert(
        ctx,
        Report,
        {"meeting": meeting},
        {
            "introduction": FEBRUARY_INTRODUCTION,
            "introduction_html": render_markdown(FEBRUARY_INTRODUCTION),
            "decisions": FEBRUARY_DECISIONS,
            "decisions_html": render_markdown(FEBRUARY_DECISIONS),
            "follow_up": FEBRUARY_FOLLOW_UP,
            "follow_up_html": render_markdown(FEBRUARY_FOLLOW_UP),
            "visibility": Visibility.PUBLIC,  # for everyone: the seed links to it from outside
            "published_at": at(2022, 2, 15, 10),
        },
    )
    _attach_presentation(ctx, meeting, coordinator)
    return meeting


PRESENTATION_TITLE = "Presentatie Samenspel in de stad"


def _attach_presentation(ctx: DemoContext, meeting: Meeting, coordinator) -> None:
    """The presentation of the afternoon, a small PDF made here (once)."""
    if Attachment.objects.filter(report__meeting=meeting, title=PRESENTATION_TITLE).exists():
        return
    from django.core.files.uploadedfile import SimpleUploadedFile

    from samenspel.demo.presentation import presentation_pdf
    from samenspel.meetings.services.afterwards import add_attachment

    content = presentation_pdf(
        title=FEBRUARY_TITLE,
        date="Dinsdag 8 februari 2022, online",
        slides=[
            ("Drie groepen, drie vragen", [group.question for group in FEBRUARY_GROUPS]),
            ("Hoe gaan we verder?", [line.removeprefix("- ") for line in FEBRUARY_DECISIONS.split("\n- ")]),
        ],
    )
    uploaded = SimpleUploadedFile("presentatie-samenspel-in-de-stad.pdf", content, content_type="application/pdf")
    add_attachment(meeting=meeting, uploaded=uploaded, title=PRESENTATION_TITLE, actor=coordinator)
    ctx.created += 1


def next_december_14(now: dt.datetime | None = None) -> dt.date:
    """The next 14 December whose evening meeting has not started yet (Amsterdam time)."""
    local = timezone.localtime(now or timezone.now(), _zone())
    this_year = dt.datetime(local.year, 12, 14, 19, 0, tzinfo=_zone())
    return this_year.date() if local < this_year else dt.date(local.year + 1, 12, 14)


def load_december_meeting(ctx: DemoContext) -> Meeting:
    day = next_december_14()
    starts_at = dt.datetime.combine(day, dt.time(19, 0), tzinfo=_zone())
    meeting = _meeting(
        ctx,
        circle=None,
        title=DECEMBER_TITLE,
        starts_at=starts_at,
        ends_at=dt.datetime.combine(day, dt.time(21, 30), tzinfo=_zone()),
        description=DECEMBER_DESCRIPTION,
        online_url="",
        location=DECEMBER_LOCATION,
        capacity=DECEMBER_CAPACITY,
        registration_opens_at=None,
        registration_closes_at=None,  # open until it starts
        visibility=Visibility.PUBLIC,
        status=Meeting.Status.PUBLISHED,
        created_by=ctx.member(COORDINATOR_EMAIL),
    )
    upsert(ctx, RoleLimit, {"meeting": meeting, "role": ParticipantRole.POLICY}, {"maximum": 6})

    # The demo member (member@) and the coordinator are left out, so they can try registering.
    left_out = (MEMBER_EMAIL, COORDINATOR_EMAIL)
    experts = list(reversed(_approved_people(Member.Kind.EXPERT, exclude=left_out)))
    allies = list(reversed(_approved_people(Member.Kind.ALLY, exclude=left_out)))
    confirmed = experts[:14] + allies[:14]
    waiting = [experts[14], allies[14]]
    # Queue order: places first, then the waitlist; fixed when first made, like real sign-ups.
    first = timezone.now() - dt.timedelta(days=21)
    entries = [("member", address, CONFIRMED) for address in confirmed]
    entries += [("visitor", visitor, CONFIRMED) for visitor in DECEMBER_VISITORS_CONFIRMED]
    entries += [("member", waiting[0], WAITLISTED), ("visitor", DECEMBER_VISITORS_WAITING[0], WAITLISTED)]
    entries += [("member", waiting[1], WAITLISTED), ("visitor", DECEMBER_VISITORS_WAITING[1], WAITLISTED)]
    for i, (kind, who, status) in enumerate(entries):
        moment = first + dt.timedelta(hours=5 * i)
        create_only = {"queued_at": moment, "access_needs": DECEMBER_ACCESS_NEEDS if i == 3 else ""}
        values = {"status": status, "group": None, "attended": None}
        if status == CONFIRMED:
            create_only["confirmed_at"] = moment
        if kind == "member":
            _register_member(ctx, meeting, ctx.member(who), values=values, create_only=create_only)
        else:
            name, role = who
            _register_visitor(ctx, meeting, name, role, values=values, create_only=create_only)
    return meeting


def load_circle_meetings(ctx: DemoContext) -> list[Meeting]:
    today = timezone.localdate(timezone.now(), _zone())
    year, month = today.year, today.month + SERIES_MONTHS - 1
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    next_month = dt.date(year + (month == 12), month % 12 + 1, 1)
    last_date = next_month - dt.timedelta(days=1)
    stories = {story.slug: story for story in CIRCLES}
    meetings = []
    for plan in CIRCLE_SERIES:
        circle = ctx.circles[plan.circle]
        story = stories[plan.circle]
        lead = ctx.member(story.lead)
        existing = MeetingSeries.objects.filter(circle=circle, title=plan.title).first()
        series = upsert(
            ctx,
            MeetingSeries,
            {"circle": circle, "title": plan.title},
            {
                "weekday": plan.weekday,
                "week_of_month": plan.week_of_month,
                "start_time": plan.start,
                "end_time": plan.end,
                "last_date": max(last_date, existing.last_date) if existing else last_date,
                "created_by": lead,
            },
            create_only={"first_date": today},
        )
        dates = series_dates(
            weekday=plan.weekday, week_of_month=plan.week_of_month, first_date=today, last_date=last_date
        )
        others = [address for address in story.members if address != MEMBER_EMAIL]
        participants = [lead, *(ctx.member(address) for address in others[: PARTICIPANTS_PER_CIRCLE_MEETING - 1])]
        for date in dates:
            meeting = _meeting(
                ctx,
                circle=circle,
                title=plan.title,
                starts_at=dt.datetime.combine(date, plan.start, tzinfo=_zone()),
                ends_at=dt.datetime.combine(date, plan.end, tzinfo=_zone()),
                series=series,
                description=plan.description,
                online_url=plan.online_url,
                location=plan.location,
                capacity=plan.capacity,
                visibility=plan.visibility,
                guests=plan.guests,
                status=Meeting.Status.PUBLISHED,
                created_by=lead,
            )
            meetings.append(meeting)
            for member in participants:
                _register_member(
                    ctx,
                    meeting,
                    member,
                    values={"status": CONFIRMED},
                    create_only={"queued_at": timezone.now(), "confirmed_at": timezone.now()},
                )
    return meetings


def load_demo_section(ctx: DemoContext) -> None:
    load_february_meeting(ctx)
    load_december_meeting(ctx)
    load_circle_meetings(ctx)
