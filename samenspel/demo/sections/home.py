"""Demo data for the home page per role: a few recent things, so every demo login sees what to do next.

The rest of the demo tells the story of 2022–2023 and the coming meetings; the home page also
shows what happened lately. This section adds, relative to the day of the first run:

- a new update in Kring Buurtteams Bondgenoten, three days old (the demo member and the
  organisation representative are in that circle: "new in your circle");
- a meeting of that circle held two weeks ago, with the demo member present and no report yet
  (the coordinator: "write and publish the report"; the member: a past meeting);
- a writing afternoon for members in ten days, full, with the demo member second on the
  waitlist (the member: "on the waitlist, place 2").

Dates are set when a row is first made (`create_only`) and rows are found by title, so a second
run changes nothing, also on a later day.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from samenspel.circles.models import CircleUpdate
from samenspel.demo.base import COORDINATOR_EMAIL, MEMBER_EMAIL, DemoContext, upsert
from samenspel.demo.circles import CIRCLES
from samenspel.demo.people import PEOPLE
from samenspel.lib.markdown import render_markdown
from samenspel.lib.tokens import new_token
from samenspel.meetings.models import Meeting, ParticipantRole, Registration, Visibility
from samenspel.members.models import Member

CIRCLE = "buurtteams-bondgenoten"

UPDATE_TITLE = "Werkgroep functieprofiel: de eerste versie is klaar"
UPDATE_BODY = """\
De werkgroep heeft een eerste versie van het functieprofiel voor ervaringsdeskundige medewerkers geschreven.

- Wat doet een ervaringsdeskundige in het buurtteam, en wat niet?
- Welke scholing hoort erbij?
- Hoe werk je samen in een tandem?

Lees mee en zeg wat je ervan vindt op de volgende kringbijeenkomst."""

HELD_TITLE = "Werkgroep functieprofiel"
HELD_DESCRIPTION = "Een avond over het functieprofiel: wat doet een ervaringsdeskundige medewerker in een buurtteam?"

FULL_TITLE = "Schrijfmiddag: ervaringsverhalen"
FULL_DESCRIPTION = "We schrijven samen aan korte verhalen over ervaringskennis. Er zijn maar zes plekken."
FULL_CAPACITY = 6


def _local(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _register(ctx: DemoContext, meeting: Meeting, member: Member, *, status: str, queued_at, attended=None):
    role = ParticipantRole.EXPERT if member.kind == Member.Kind.EXPERT else ParticipantRole.OTHER
    create_only = {"token_hash": new_token()[1], "queued_at": queued_at}
    if status == Registration.Status.CONFIRMED:
        create_only["confirmed_at"] = queued_at
    return upsert(
        ctx,
        Registration,
        {"meeting": meeting, "member": member},
        {"status": status, "role": role, "attended": attended},
        create_only=create_only,
    )


def load_demo_section(ctx: DemoContext) -> None:
    today = timezone.localdate()
    now = timezone.now()
    circle = ctx.circles[CIRCLE]
    story = next(story for story in CIRCLES if story.slug == CIRCLE)
    lead = ctx.member(story.lead)
    member = ctx.member(MEMBER_EMAIL)

    upsert(
        ctx,
        CircleUpdate,
        {"circle": circle, "title": UPDATE_TITLE},
        {"author": lead, "body": UPDATE_BODY, "body_html": render_markdown(UPDATE_BODY)},
        create_only={"published_at": now - dt.timedelta(days=3)},
    )

    held_day = today - dt.timedelta(days=14)
    held = upsert(
        ctx,
        Meeting,
        {"circle": circle, "title": HELD_TITLE},
        {
            "description": HELD_DESCRIPTION,
            "location": "Buurthuis De Pijp, Amsterdam",
            "online_url": "",
            "capacity": 12,
            "visibility": Visibility.CIRCLE,
            "status": Meeting.Status.HELD,
            "created_by": lead,
        },
        create_only={"starts_at": _local(held_day, 19), "ends_at": _local(held_day, 21)},
    )
    others = [ctx.member(address) for address in story.members if address != MEMBER_EMAIL][:4]
    for position, person in enumerate([lead, member, *others]):
        queued = held.starts_at - dt.timedelta(days=10, hours=-position)
        _register(ctx, held, person, status=Registration.Status.CONFIRMED, queued_at=queued, attended=True)

    full_day = today + dt.timedelta(days=10)
    full = upsert(
        ctx,
        Meeting,
        {"circle": None, "title": FULL_TITLE},
        {
            "description": FULL_DESCRIPTION,
            "location": "Bibliotheek Oosterdok, Amsterdam",
            "online_url": "",
            "capacity": FULL_CAPACITY,
            "visibility": Visibility.MEMBERS,
            "status": Meeting.Status.PUBLISHED,
            "created_by": ctx.member(COORDINATOR_EMAIL),
        },
        create_only={"starts_at": _local(full_day, 13), "ends_at": _local(full_day, 16)},
    )
    # Experts by experience without another demo role (the leads and the demo member have their own story).
    left_out = {MEMBER_EMAIL, COORDINATOR_EMAIL, *(story.lead for story in CIRCLES)}
    experts = [p.address for p in PEOPLE if p.kind == Member.Kind.EXPERT and not p.pending]
    writers = [address for address in reversed(experts) if address not in left_out][: FULL_CAPACITY + 1]
    first = now - dt.timedelta(days=5)
    for position, address in enumerate(writers):
        status = Registration.Status.CONFIRMED if position < FULL_CAPACITY else Registration.Status.WAITLISTED
        _register(ctx, full, ctx.member(address), status=status, queued_at=first + dt.timedelta(hours=position))
    _register(
        ctx,
        full,
        member,
        status=Registration.Status.WAITLISTED,
        queued_at=first + dt.timedelta(hours=len(writers)),
    )
