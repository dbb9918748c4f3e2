"""Demo messages ("Berichten"): what the demo people would have been told, so the Messages page and
the menu's count show something. Stored as emailed already or not to be emailed: a demo run sends
no summary emails."""

from django.urls import reverse

from samenspel.circles.models import CircleMembership, CircleMessage, CircleUpdate
from samenspel.demo.base import COORDINATOR_EMAIL, MEMBER_EMAIL, DemoContext, at, upsert
from samenspel.lib.markdown import render_markdown
from samenspel.meetings.models import Meeting
from samenspel.members.models import Member
from samenspel.notifications.models import EmailState, Kind, Notification


def _message(ctx: DemoContext, recipient: Member, *, kind, message: str, params: dict, link: str, when, read: bool):
    upsert(
        ctx,
        Notification,
        {"recipient": recipient, "message": message, "link": link, "created_at": when},
        {
            "kind": kind,
            "params": params,
            "read_at": when if read else None,
            "email_state": EmailState.NONE,
            "emailed_at": None,
        },
    )


CIRCLE_MESSAGE_SUBJECT = "Neem je verhaal mee naar de volgende kring"
CIRCLE_MESSAGE_BODY = (
    "Hoi allemaal,\n\nVolgende keer praten we over **wat helpt bij een eerste gesprek**. "
    "Denk je er vast over na? Een voorbeeld uit je eigen werk of leven is welkom.\n\nTot dan!"
)


def _circle_message(ctx: DemoContext, member: Member, circle_ids) -> None:
    """A kartrekker wrote to the demo member's first circle ("Schrijf de kring")."""
    lead = (
        CircleMembership.objects.filter(
            circle_id__in=circle_ids, role=CircleMembership.Role.LEAD, status=CircleMembership.Status.ACTIVE
        )
        .exclude(member=member)
        .select_related("circle", "member")
        .order_by("circle__position", "circle__name", "pk")
        .first()
    )
    if lead is None:
        return
    circle = lead.circle
    when = at(2023, 11, 21)
    recipients = CircleMembership.objects.filter(circle=circle, status=CircleMembership.Status.ACTIVE).exclude(
        member=lead.member
    )
    upsert(
        ctx,
        CircleMessage,
        {"circle": circle, "subject": CIRCLE_MESSAGE_SUBJECT},
        {
            "author": lead.member,
            "body": CIRCLE_MESSAGE_BODY,
            "body_html": render_markdown(CIRCLE_MESSAGE_BODY),
            "sent_at": when,
            "recipient_count": recipients.count(),
        },
    )
    _message(
        ctx,
        member,
        kind=Kind.CIRCLE_MESSAGE,
        message="circle_message.sent",
        params={"circle": circle.name, "subject": CIRCLE_MESSAGE_SUBJECT},
        link=reverse("circles:messages", args=[circle.slug]),
        when=when,
        read=False,
    )


def load_demo_section(ctx: DemoContext) -> None:
    member = ctx.member(MEMBER_EMAIL)
    circle_ids = CircleMembership.objects.filter(member=member, status=CircleMembership.Status.ACTIVE).values_list(
        "circle_id", flat=True
    )
    for number, update in enumerate(
        CircleUpdate.objects.filter(circle_id__in=circle_ids)
        .select_related("circle")
        .order_by("-published_at", "-pk")[:2]
    ):
        _message(
            ctx,
            member,
            kind=Kind.CIRCLE_UPDATE,
            message="circle_update.published",
            params={"circle": update.circle.name, "title": update.title},
            link=reverse("circles:updates", args=[update.circle.slug]),
            when=update.published_at,
            read=number > 0,
        )
    _circle_message(ctx, member, circle_ids)
    meeting = (
        Meeting.objects.filter(circle_id__in=circle_ids, status=Meeting.Status.PUBLISHED)
        .order_by("starts_at", "pk")
        .first()
    )
    if meeting is not None:
        _message(
            ctx,
            member,
            kind=Kind.MEETING,
            message="meeting.planned",
            params={"meeting": meeting.title, "starts_at": meeting.starts_at.isoformat()},
            link=reverse("meetings:detail", args=[meeting.pk]),
            when=at(2023, 11, 20),
            read=False,
        )
    # The kartrekkers of circles with a request to join, and the coordinator about the sign-ups.
    requests = CircleMembership.objects.filter(status=CircleMembership.Status.REQUESTED).select_related("circle")
    for request in requests:
        for lead in CircleMembership.objects.filter(
            circle=request.circle, role=CircleMembership.Role.LEAD, status=CircleMembership.Status.ACTIVE
        ).select_related("member"):
            _message(
                ctx,
                lead.member,
                kind=Kind.JOIN_REQUEST,
                message="join_request.created",
                params={"circle": request.circle.name},
                link=reverse("circles:requests", args=[request.circle.slug]),
                when=at(2023, 11, 22),
                read=False,
            )
    if Member.objects.filter(status=Member.Status.PENDING).exists():
        _message(
            ctx,
            ctx.member(COORDINATOR_EMAIL),
            kind=Kind.SIGN_UP,
            message="sign_up.created",
            params={},
            link=reverse("members:pending"),
            when=at(2023, 11, 23),
            read=False,
        )
