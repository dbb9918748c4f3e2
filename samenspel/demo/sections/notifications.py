"""Demo messages ("Berichten"): what the demo people would have been told, so the Messages page and
the menu's count show something. Stored as emailed already or not to be emailed: a demo run sends
no summary emails."""

from django.urls import reverse

from samenspel.circles.models import CircleMembership, CircleUpdate
from samenspel.demo.base import COORDINATOR_EMAIL, MEMBER_EMAIL, DemoContext, at, upsert
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
