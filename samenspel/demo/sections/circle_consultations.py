"""A circle's own consultation: the job profile the Kring Buurtteams Bondgenoten works on.

The circle's kartrekker wrote it; only the circle's members read it and comment in its open round
("We agenderen en reageren"). The people are fictional (samenspel/demo/circles.py).
"""

from __future__ import annotations

import datetime as dt

from samenspel.consultations.models import Comment, Document, Question, Round, Version
from samenspel.demo.base import DemoContext, at, upsert
from samenspel.demo.circles import CIRCLES, _e

from .consultations import Para, _paragraphs, _today_at, heading

CIRCLE_SLUG = "buurtteams-bondgenoten"
SLUG = "functieprofiel-ervaringsdeskundige-buurtteam"
TITLE = "Functieprofiel ervaringsdeskundige in het buurtteam"
SUMMARY = (
    "Wat doet een ervaringsdeskundige medewerker in een buurtteam, wat neem je mee en wat heb je nodig? "
    "De kring schrijft het functieprofiel (de rolbeschrijving) samen."
)
ROUND_TITLE = "Reageer op het functieprofiel ervaringsdeskundige"
ROUND_INTRODUCTION = """\
We agenderen en reageren: dit is het eerste concept van ons functieprofiel. \
Lees het en zeg wat je mist of anders wilt. Alleen leden van de kring zien dit en kunnen reageren."""
ROUND_QUESTIONS = ["Herken je het werk van een ervaringsdeskundige in deze beschrijving?"]

VERSION_1 = [
    heading("doel", "Doel van de functie"),
    Para(
        "doel-tekst",
        "De ervaringsdeskundige medewerker zet eigen ervaring met armoede, schulden of zorg bewust in. "
        "Zo voelen bewoners zich eerder gehoord en krijgt het buurtteam zicht op wat hulp echt doet.",
    ),
    heading("taken", "Taken"),
    Para(
        "taken-bewoners",
        "Je trekt samen op met bewoners: je gaat mee naar gesprekken, legt uit hoe regels werken "
        "en helpt om de eigen vraag onder woorden te brengen.",
    ),
    Para(
        "taken-team",
        "Je brengt het perspectief van bewoners in bij het team, in casusoverleg en in werkgroepen.",
    ),
    heading("nodig", "Wat heb je nodig?"),
    Para(
        "nodig-tekst",
        "Je hebt je eigen ervaring verwerkt en kunt die bewust inzetten. Je volgt de opleiding "
        "ervaringsdeskundigheid of hebt die gevolgd. Je krijgt begeleiding en intervisie van het team.",
    ),
]

REMARKS = [
    (
        "taken-team",
        "Mohamed Amrani",
        "Zet er ook bij dat je tijd krijgt om het team mee te nemen. Dat gaat niet vanzelf.",
    ),
    (
        "nodig-tekst",
        "Linda Pinas",
        "Intervisie met andere ervaringsdeskundigen, niet alleen met het eigen team. Dat helpt mij het meest.",
    ),
]


def load_demo_section(ctx: DemoContext) -> None:
    circle = ctx.circles[CIRCLE_SLUG]
    story = next(story for story in CIRCLES if story.slug == CIRCLE_SLUG)
    lead = ctx.member(story.lead)
    document = upsert(
        ctx,
        Document,
        {"slug": SLUG},
        {"title": TITLE, "kind": Document.Kind.JOB_PROFILE, "summary": SUMMARY, "is_public": False, "circle": circle},
        create_only={"created_by": lead},
    )
    version = upsert(
        ctx,
        Version,
        {"document": document, "number": 1},
        {
            "label": "0.1",
            "note": "Het eerste concept van de kring.",
            "status": Version.Status.PUBLISHED,
            "published_at": at(2024, 1, 10, 9),
        },
        create_only={"created_by": lead},
    )
    paragraphs = _paragraphs(ctx, document, version, VERSION_1)
    round_ = upsert(
        ctx,
        Round,
        {"version": version, "title": ROUND_TITLE},
        {
            "introduction": ROUND_INTRODUCTION,
            "audience": Round.Audience.CIRCLE,
            "opens_at": _today_at(9) - dt.timedelta(days=3),
            "closes_at": _today_at(17) + dt.timedelta(days=25),
        },
        create_only={"created_by": lead},
    )
    for position, text in enumerate(ROUND_QUESTIONS):
        upsert(ctx, Question, {"round": round_, "position": position}, {"text": text})
    for name, person, body in REMARKS:
        email = _e(person)
        upsert(
            ctx,
            Comment,
            {"round": round_, "body": body},
            {"paragraph": paragraphs[name], "author": ctx.member(email), "display": Comment.Display.NAME},
        )
