"""Reads for the newsletter: the archive, the coordinators' list, requests waiting for kartrekkers.

`requests_waiting_for(member)` and `editions_waiting_for_updates()` are what a home page shows
("an update requested for the newsletter", "editions waiting for updates"); each is one query.
"""

from django.core import signing
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from samenspel.core.roles import is_coordinator
from samenspel.core.unsubscribe import Subscription

from . import tokens
from .access import PUBLISHED, visible_editions_for
from .errors import LinkNotUsable
from .models import Delivery, Edition, MemberOptIn, Subscriber, Suppression, UpdateRequest

OPEN = (Edition.Status.DRAFT, Edition.Status.SCHEDULED)


def archive(user) -> QuerySet[Edition]:
    """Editions `user` may read that went out, newest first (drafts are not in the archive)."""
    return (
        visible_editions_for(user)
        .filter(status__in=PUBLISHED)
        .only("id", "title", "issue_date", "visibility", "status", "sending_started_at")
        .order_by("-issue_date", "-id")
    )


def editions_for_coordinators() -> QuerySet[Edition]:
    """Every edition with its number of requests and of updates received (one query)."""
    return (
        Edition.objects.select_related("circle")
        .annotate(
            request_count=Count("requests", distinct=True),
            answered_count=Count("requests", filter=Q(requests__update__isnull=False), distinct=True),
        )
        .order_by("-issue_date", "-id")
    )


def editions_waiting_for_updates() -> QuerySet[Edition]:
    """Editions in preparation with requests still unanswered, soonest deadline first, with `missing_count`."""
    return (
        Edition.objects.filter(status__in=OPEN)
        .annotate(missing_count=Count("requests", filter=Q(requests__update__isnull=True)))
        .filter(missing_count__gt=0)
        .order_by("deadline", "id")
    )


def _led_by(member) -> Q:
    return Q(
        circle__memberships__member=member,
        circle__memberships__role="lead",
        circle__memberships__status="active",
        circle__is_active=True,
    )


def requests_for(member) -> QuerySet[UpdateRequest]:
    """The requests of editions in preparation for the circles `member` leads (all of them for coordinators)."""
    requests = UpdateRequest.objects.filter(edition__status__in=OPEN)
    if not is_coordinator(member):
        requests = requests.filter(_led_by(member))
    return requests.select_related("edition", "circle", "update").order_by("edition__deadline", "circle__name", "id")


def requests_waiting_for(member) -> QuerySet[UpdateRequest]:
    """Requests `member` leads the circle of that have no update yet (not for coordinators as such)."""
    return (
        UpdateRequest.objects.filter(_led_by(member), edition__status__in=OPEN, update__isnull=True)
        .select_related("edition", "circle")
        .order_by("edition__deadline", "circle__name", "id")
    )


def circles_to_ask(edition: Edition):
    """The circles whose update the edition gathers: its own circle, or every active circle."""
    from samenspel.circles.models import Circle

    circles = Circle.objects.filter(is_active=True)
    if edition.circle_id:
        circles = circles.filter(pk=edition.circle_id)
    return circles.order_by("position", "name")


def leads_of(circle_ids):
    """The active kartrekkers (approved, active accounts) of these circles, with their member."""
    from samenspel.circles.models import CircleMembership

    return (
        CircleMembership.objects.filter(
            circle_id__in=circle_ids,
            role=CircleMembership.Role.LEAD,
            status=CircleMembership.Status.ACTIVE,
            member__is_active=True,
            member__status="approved",
        )
        .select_related("member")
        .order_by("circle_id", "member_id")
    )


def requests_of(edition: Edition) -> list[UpdateRequest]:
    return list(edition.requests.select_related("circle", "update").order_by("circle__position", "circle__name"))


def recent_updates_of(request: UpdateRequest, limit: int = 10):
    """The circle's latest updates, to choose one already posted instead of writing a new one."""
    latest = list(request.circle.updates.order_by("-published_at", "-id").values_list("pk", flat=True)[:limit])
    return request.circle.updates.filter(pk__in=latest).order_by("-published_at", "-id")  # not sliced: a form checks it


# --- members' choice, subscribers, the audience of an edition -------------------------------------


def active_opt_in(member) -> MemberOptIn | None:
    if not getattr(member, "pk", None):
        return None
    return MemberOptIn.objects.filter(member=member, withdrawn_at__isnull=True).first()


def subscriber_for_confirm_token(token: str) -> Subscriber:
    """The subscriber a confirmation link names; `LinkNotUsable` when changed, expired or unknown."""
    try:
        value = tokens.read_confirm_token(token)
    except signing.SignatureExpired:
        raise LinkNotUsable("expired") from None
    except signing.BadSignature:
        raise LinkNotUsable("invalid") from None
    subscriber = Subscriber.objects.filter(pk=value.get("s")).first() if isinstance(value, dict) else None
    if subscriber is None or int(subscriber.created_at.timestamp()) != value.get("t"):
        raise LinkNotUsable("unknown")
    return subscriber


def unsubscribe_lookup(value) -> Subscription:
    """What an unsubscribe link stops, and whether it is still on (for core.unsubscribe's page)."""
    target = tokens.unsubscribe_target(value)
    if target is None:
        active = False
    elif target[0] == "o":
        active = MemberOptIn.objects.filter(pk=target[1], withdrawn_at__isnull=True).exists()
    else:
        active = Subscriber.objects.filter(pk=target[1]).exists()
    return Subscription(what=_("the newsletter “Stand van zaken”"), active=active)


def _not_suppressed(field: str):
    return ~Exists(Suppression.objects.filter(email=OuterRef(field)))


def member_recipients(edition: Edition) -> QuerySet:
    """(email, language, opt-in id) of the members an edition goes to, not suppressed."""
    if edition.audience == Edition.Audience.SUBSCRIBERS:
        return MemberOptIn.objects.none().values_list("member__email", "member__preferred_language", "pk")
    choices = MemberOptIn.objects.filter(
        withdrawn_at__isnull=True, member__is_active=True, member__status="approved"
    ).filter(_not_suppressed("member__email"))
    if edition.audience == Edition.Audience.CIRCLE:
        from samenspel.circles.models import CircleMembership

        choices = choices.filter(
            Exists(
                CircleMembership.objects.filter(
                    circle_id=edition.circle_id, member=OuterRef("member"), status=CircleMembership.Status.ACTIVE
                )
            )
        )
    return choices.order_by("pk").values_list("member__email", "member__preferred_language", "pk")


def subscriber_recipients(edition: Edition) -> QuerySet:
    """(email, language, subscriber id) of the confirmed public subscribers an edition goes to."""
    if edition.audience not in (Edition.Audience.EVERYONE, Edition.Audience.SUBSCRIBERS):
        return Subscriber.objects.none().values_list("email", "language", "pk")
    return (
        Subscriber.objects.filter(confirmed_at__isnull=False)
        .filter(_not_suppressed("email"))
        .order_by("pk")
        .values_list("email", "language", "pk")
    )


def has_recipients(edition: Edition) -> bool:
    return member_recipients(edition).exists() or subscriber_recipients(edition).exists()


def audience_counts() -> dict[str, int]:
    """How many members chose the newsletter, and how many subscribers confirmed (or not yet)."""
    return {
        "members": MemberOptIn.objects.filter(
            withdrawn_at__isnull=True, member__is_active=True, member__status="approved"
        ).count(),
        "subscribers": Subscriber.objects.filter(confirmed_at__isnull=False).count(),
        "unconfirmed": Subscriber.objects.filter(confirmed_at__isnull=True).count(),
        "suppressed": Suppression.objects.count(),
    }


# --- sending -------------------------------------------------------------------------------------------


def progress(edition: Edition) -> dict[str, int]:
    """Queued (waiting or being sent), sent and failed deliveries of the edition, and their total."""
    if edition.status == Edition.Status.SENT and edition.sent_count is not None:
        sent, failed = edition.sent_count, edition.failed_count or 0
        return {"queued": 0, "sent": sent, "failed": failed, "total": sent + failed}
    counts = Delivery.objects.filter(edition_id=edition.pk).aggregate(
        queued=Count("id", filter=Q(status__in=[Delivery.Status.QUEUED, Delivery.Status.SENDING])),
        sent=Count("id", filter=Q(status=Delivery.Status.SENT)),
        failed=Count("id", filter=Q(status=Delivery.Status.FAILED)),
    )
    counts["total"] = counts["queued"] + counts["sent"] + counts["failed"]
    return counts
