"""Calendar feeds: which meetings each feed holds, and the member's secret personal feed token.

Feeds are read by calendar apps that cannot log in, so the public and circle feeds hold only
PUBLIC meetings. The personal feed holds the member's own confirmed and waitlisted
registrations (members-only ones too) behind a secret token; only sha256(token) is stored.
A place on the waitlist is shown as tentative; a cancelled registration leaves the feed.
"""

from dataclasses import dataclass

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from samenspel.core.audit import log_action
from samenspel.core.emails import send_templated_email
from samenspel.core.roles import is_approved_member
from samenspel.lib.tokens import hash_token, new_token

from ..models import CalendarFeed, Meeting, Registration
from ..selectors import FEED_STATUSES, feed_window_start


@dataclass
class PersonalFeed:
    member: object
    meetings: list[Meeting]
    confirmed_ids: set[int]
    waitlisted_ids: set[int]


def get_personal_feed(token: str) -> PersonalFeed:
    """The member's own confirmed and waitlisted registrations; an unknown or tampered token is a 404."""
    if not token or len(token) > 100:
        raise Http404
    try:
        feed = CalendarFeed.objects.select_related("member").get(token_hash=hash_token(token))
    except CalendarFeed.DoesNotExist:
        raise Http404 from None
    member = feed.member
    if not is_approved_member(member) or not member.is_active:
        raise Http404
    registrations = (
        Registration.objects.filter(
            member=member,
            status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED],
            meeting__status__in=FEED_STATUSES,
            meeting__ends_at__gte=feed_window_start(),
        )
        .select_related("meeting")
        .order_by("meeting__starts_at", "meeting_id")
    )
    meetings, confirmed, waitlisted = [], set(), set()
    for registration in registrations:
        meetings.append(registration.meeting)
        if registration.status == Registration.Status.CONFIRMED:
            confirmed.add(registration.meeting_id)
        else:
            waitlisted.add(registration.meeting_id)
    return PersonalFeed(member=member, meetings=meetings, confirmed_ids=confirmed, waitlisted_ids=waitlisted)


@transaction.atomic
def renew_personal_feed(*, member) -> str:
    """Create or renew the member's feed token and return it (shown once). The old address stops at once."""
    token, token_hash = new_token()
    feed = CalendarFeed.objects.select_for_update().filter(member=member).first()
    renewed = feed is not None
    if feed is None:
        feed = CalendarFeed(member=member)
    feed.token_hash = token_hash
    feed.created_at = timezone.now()
    feed.save()
    log_action(actor=member, action="meeting.feed.renewed" if renewed else "meeting.feed.created", target=feed)
    if renewed:
        send_templated_email(
            to=member.email,
            template="meetings/feed_renewed",
            context={"member": member},
            language=getattr(member, "preferred_language", "nl") or "nl",
        )
    return token
