"""Demo newsletter: the sent edition "Stand van zaken vanuit de kringen" (seed 002) and one in preparation.

`load_demo_section(ctx)` runs after the meetings and consultations sections (it reads their
data only through the live sections of the edition in preparation).

- The sent edition (4 December 2023, before the network meeting of 14 December): the coordinator's
  introduction from the seed, rewritten, and the four circles' "stand van zaken" updates that
  `circles.py` already tells with fictional kartrekkers, frozen as they were sent. It went to the
  members who chose the newsletter and the confirmed public subscribers.
- The edition in preparation: the four kartrekkers were asked for an update; two wrote one, the
  kartrekker of Kring Armoede/Bestaanszekerheid was reminded, Kring Buurtteams Bondgenoten's is
  still open (log in as kartrekker.buurtteams@example.org to write it). Its dates follow today
  when it is first made, and are left alone after that.

Everyone is invented; public subscribers have example.net addresses. Idempotent like the rest:
editions are found by title, requests by edition + circle, items by edition + position,
choices by member, subscribers and deliveries by address.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone, translation

from samenspel.circles.models import CircleUpdate
from samenspel.demo.base import COORDINATOR_EMAIL, EMAIL_DOMAIN, MEMBER_EMAIL, ORGREP_EMAIL, DemoContext, at, upsert
from samenspel.demo.people import E, Person
from samenspel.lib.markdown import render_markdown
from samenspel.newsletter import sections
from samenspel.newsletter.models import Delivery, Edition, EditionItem, MemberOptIn, Subscriber, UpdateRequest
from samenspel.newsletter.texts import OPT_IN_TEXT_VERSION, SUBSCRIBE_TEXT_VERSION, opt_in_text, subscribe_text

SENT_TITLE = "Stand van zaken vanuit de kringen"
NEXT_TITLE = "Stand van zaken: de kringen na de netwerkbijeenkomst"

SENT_INTRODUCTION = """\
De kringen van het netwerk zijn volop in beweging. Er zijn fijne bijeenkomsten, waar we veel \
ervaringskennis uitwisselen.

Op de volgende netwerkbijeenkomst, op **14 december**, bespreken we wat er in alle kringen gebeurt. \
Hier alvast een voorproefje, met de updates van de kartrekkers."""

NEXT_INTRODUCTION = """\
Op de netwerkbijeenkomst van 14 december spraken we met elkaar over het werk in de kringen. \
In deze editie lees je wat de kringen nu doen, welke bijeenkomsten eraan komen en waar je je mening \
kunt geven."""

# The circles' "stand van zaken" updates of seed 002 (circles.py), in the order of the newsletter.
SENT_UPDATES = [
    ("buurtteams-bondgenoten", "Stand van zaken: de kring zit niet stil"),
    ("armoede-bestaanszekerheid", "Stand van zaken: eerst het gesprek over hoe we samenwerken"),
    ("onderzoek", "Stand van zaken: participatief onderzoek, kansen en kwesties"),
    ("nieuw-werk", "Stand van zaken: werk, waardering en een leesclub"),
]

NEW_UPDATES = {
    "onderzoek": (
        "Stand van zaken: wie neem jij mee?",
        """\
In januari komt de kring weer bij elkaar. We praten over de **acties** van ons nieuwe netwerk: \
hoe zorgen we dat ervaringskennis in onderzoek echt iets verandert?

Denk alvast na: wie zou je mee willen nemen? Een onderzoeker, een beleidsmedewerker, iemand met \
ervaringskennis? Iedereen is welkom.""",
    ),
    "nieuw-werk": (
        "Stand van zaken: de werkgroep Ervaringskennis & Co-creatie start",
        """\
Na de leesclub gaat het Herstel-Lab het komende halfjaar een werkgroep starten: \
**Ervaringskennis & Co-creatie**. Het doel is betaald nieuw werk voor ervaringsdeskundigen in \
Amsterdam Zuidoost.

Wil je meedoen? Deelnemers van de kring, ervaringsdeskundigen en andere professionals die vanuit \
ervaringskennis willen werken zijn welkom.""",
    ),
}

# Members who chose the newsletter (with the date), and public subscribers (confirmed or not).
OPTED_IN = [
    (MEMBER_EMAIL, at(2023, 3, 1)),
    (ORGREP_EMAIL, at(2023, 4, 12)),
    (COORDINATOR_EMAIL, at(2021, 9, 2)),
    (f"kartrekker.buurtteams@{EMAIL_DOMAIN}", at(2022, 1, 10)),
    (f"kartrekker.armoede@{EMAIL_DOMAIN}", at(2022, 2, 3)),
    (f"kartrekker.onderzoek@{EMAIL_DOMAIN}", at(2023, 9, 26)),
    (f"kartrekker.nieuwwerk@{EMAIL_DOMAIN}", at(2022, 6, 20)),
    (Person("Linda Pinas", E).address, at(2023, 5, 8)),
    (Person("Kofi Owusu", E).address, at(2023, 10, 2)),
]
SUBSCRIBERS = [
    ("lezer.buurthuis@example.net", "nl", at(2023, 6, 14)),
    ("beleid.sociaal-domein@example.net", "nl", at(2023, 9, 1)),
    ("researcher@example.net", "en", at(2023, 11, 20)),
]
UNCONFIRMED = ("nog.bevestigen@example.net", "nl")


def _texts(language: str) -> tuple[str, str]:
    """The words a member and a subscriber agree to, in `language` (recorded with their choice)."""
    with translation.override(language):
        return opt_in_text(), subscribe_text()


def load_audience(ctx: DemoContext) -> tuple[list[MemberOptIn], list[Subscriber]]:
    member_text, subscriber_text = _texts("nl")
    choices = []
    for email, when in OPTED_IN:
        member = ctx.member(email)
        choice = MemberOptIn.objects.filter(member=member, withdrawn_at__isnull=True).first()
        if choice is None:
            choice = MemberOptIn.objects.create(
                member=member, text_version=OPT_IN_TEXT_VERSION, text=member_text, language="nl", opted_in_at=when
            )
            ctx.created += 1
        choices.append(choice)
    subscribers = []
    for email, language, when in SUBSCRIBERS:
        text = _texts(language)[1]
        subscribers.append(
            upsert(
                ctx,
                Subscriber,
                {"email": email},
                {"language": language, "confirmed_at": when + dt.timedelta(hours=1)},
                create_only={"text": text, "text_version": SUBSCRIBE_TEXT_VERSION, "created_at": when},
            )
        )
    # Asked recently, not confirmed yet: never gets an edition (deleted after a week if it stays so).
    upsert(
        ctx,
        Subscriber,
        {"email": UNCONFIRMED[0]},
        {"confirmed_at": None},
        create_only={"language": UNCONFIRMED[1], "text": subscriber_text, "text_version": SUBSCRIBE_TEXT_VERSION},
    )
    return choices, subscribers


def load_sent_edition(ctx: DemoContext, choices, subscribers) -> Edition:
    coordinator = ctx.member(COORDINATOR_EMAIL)
    sent_at = at(2023, 12, 4, 9, 30)
    order = [{"key": key, "show": key == "updates"} for key in ("updates", "meetings", "rounds", "reports")]
    edition = upsert(
        ctx,
        Edition,
        {"title": SENT_TITLE},
        {
            "issue_date": dt.date(2023, 12, 4),
            "deadline": dt.date(2023, 12, 1),
            "introduction": SENT_INTRODUCTION,
            "introduction_html": render_markdown(SENT_INTRODUCTION),
            "sections": order,
            "audience": Edition.Audience.EVERYONE,
            "visibility": Edition.Visibility.PUBLIC,
            "status": Edition.Status.SENT,
            "sending_started_at": sent_at,
            "queued_at": sent_at,
            "sent_at": sent_at + dt.timedelta(minutes=2),
            "recipient_count": len(choices) + len(subscribers),
            "sent_count": len(choices) + len(subscribers),
            "failed_count": 0,
            "created_by": coordinator,
            "sent_by": coordinator,
        },
    )
    for position, (slug, title) in enumerate(SENT_UPDATES, start=1):
        circle = ctx.circles[slug]
        update = CircleUpdate.objects.get(circle=circle, title=title)
        upsert(
            ctx,
            UpdateRequest,
            {"edition": edition, "circle": circle},
            {"update": update, "requested_at": at(2023, 11, 20), "submitted_at": update.published_at},
        )
        upsert(
            ctx,
            EditionItem,
            {"edition": edition, "position": position},
            {
                "section": "updates",
                "title": update.title,
                "url": reverse("circles:detail", args=[circle.slug]),
                "body_html": update.body_html,
                "body_text": update.body,
                "when": update.published_at,
                "note": circle.name,
            },
        )
    sent = {"status": Delivery.Status.SENT, "sent_at": sent_at + dt.timedelta(minutes=1), "attempts": 1}
    for choice in choices:
        upsert(ctx, Delivery, {"edition": edition, "email": choice.member.email}, {**sent, "opt_in": choice})
    for subscriber in subscribers:
        upsert(
            ctx,
            Delivery,
            {"edition": edition, "email": subscriber.email},
            {**sent, "subscriber": subscriber, "language": subscriber.language},
        )
    return edition


def load_edition_in_preparation(ctx: DemoContext) -> Edition:
    coordinator = ctx.member(COORDINATOR_EMAIL)
    today = timezone.localdate()
    edition = upsert(
        ctx,
        Edition,
        {"title": NEXT_TITLE},
        {
            "introduction": NEXT_INTRODUCTION,
            "introduction_html": render_markdown(NEXT_INTRODUCTION),
            "audience": Edition.Audience.EVERYONE,
            "visibility": Edition.Visibility.PUBLIC,
            "created_by": coordinator,
        },
        create_only={
            "issue_date": today + dt.timedelta(days=21),
            "deadline": today + dt.timedelta(days=2),  # the reminder is due: two days before
            "sections": sections.default_order(),
        },
    )
    for slug, circle in ctx.circles.items():
        request = upsert(ctx, UpdateRequest, {"edition": edition, "circle": circle}, {})
        if slug in NEW_UPDATES:
            title, body = NEW_UPDATES[slug]
            update = upsert(
                ctx,
                CircleUpdate,
                {"circle": circle, "title": title},
                {
                    "author": circle.memberships.filter(role="lead").first().member,
                    "body": body,
                    "body_html": render_markdown(body),
                },
                create_only={"published_at": timezone.now() - dt.timedelta(days=1)},
            )
            if request.update_id != update.pk:
                request.update, request.submitted_at = update, update.published_at
                request.save(update_fields=["update", "submitted_at"])
                ctx.changed += 1
        elif slug == "armoede-bestaanszekerheid" and request.reminded_at is None:
            request.reminded_at = timezone.now()
            request.save(update_fields=["reminded_at"])
            ctx.changed += 1
    return edition


def load_demo_section(ctx: DemoContext) -> None:
    choices, subscribers = load_audience(ctx)
    load_sent_edition(ctx, choices, subscribers)
    load_edition_in_preparation(ctx)
