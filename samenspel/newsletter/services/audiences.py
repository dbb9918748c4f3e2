"""Who gets the newsletter: members who chose it, public subscribers (double opt-in), one circle's members.

The choice is recorded like consent (the text shown, its version, when, in which language).
A public subscriber's address is never written to a log line or a URL: links hold signed ids.
"""

import datetime as dt

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samenspel.core.audit import log_action
from samenspel.core.emails import email_builder, send_templated_email
from samenspel.core.unsubscribe import Subscription

from .. import tokens
from ..errors import LinkNotUsable
from ..models import Delivery, Edition, MemberOptIn, Subscriber, Suppression

# The version of the words a member or subscriber agrees to. Raise it when the texts below change.
OPT_IN_TEXT_VERSION = 1
SUBSCRIBE_TEXT_VERSION = 1


def opt_in_text() -> str:
    return _(
        'Yes, send me the newsletter "Stand van zaken" by email: news from the circles, meetings and '
        "consultations, a few times a year. I can stop at any time, on this page or with the link in "
        "every newsletter."
    )


def subscribe_text() -> str:
    return _(
        'Yes, send the newsletter "Stand van zaken" to this email address, a few times a year. We keep '
        "only your address, your language and when you confirmed. Every newsletter has a link to stop; "
        "then we delete your address."
    )


def normalise(email: str) -> str:
    return (email or "").strip().lower()


# --- members ------------------------------------------------------------------------------------


def active_opt_in(member) -> MemberOptIn | None:
    if not getattr(member, "pk", None):
        return None
    return MemberOptIn.objects.filter(member=member, withdrawn_at__isnull=True).first()


@transaction.atomic
def opt_in(*, member, language: str) -> tuple[MemberOptIn, bool]:
    """Record that `member` chose the newsletter, with the words shown in `language`. Twice changes nothing."""
    existing = active_opt_in(member)
    if existing is not None:
        return existing, False
    with translation.override(language):
        text = opt_in_text()
    try:
        with transaction.atomic():
            choice = MemberOptIn.objects.create(
                member=member, text_version=OPT_IN_TEXT_VERSION, text=text, language=language
            )
    except IntegrityError:  # chosen at the same moment in another request
        return active_opt_in(member), False
    log_action(actor=member, action="newsletter.opt_in.given", target=member, data={"version": OPT_IN_TEXT_VERSION})
    return choice, True


def _withdraw(choice: MemberOptIn, how: str, actor) -> bool:
    changed = MemberOptIn.objects.filter(pk=choice.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(), withdrawn_how=how
    )
    if not changed:
        return False
    # Editions being sent right now do not reach them any more.
    Delivery.objects.filter(opt_in=choice, status=Delivery.Status.QUEUED).delete()
    log_action(actor=actor, action="newsletter.opt_in.withdrawn", target=choice.member, data={"how": how})
    return True


@transaction.atomic
def opt_out(*, member, how: str = MemberOptIn.How.PAGE) -> bool:
    choice = active_opt_in(member)
    return choice is not None and _withdraw(choice, how, member)


# --- public subscribers ------------------------------------------------------------------------


def confirm_url(subscriber: Subscriber) -> str:
    return settings.SITE_URL + reverse("newsletter:confirm", args=[tokens.make_confirm_token(subscriber)])


@email_builder
def confirmation_links(*, context: dict, secret: str | None) -> tuple[dict, list]:
    """The confirmation link, made when the email is sent (nothing secret waits in the queue)."""
    return {"confirm_url": confirm_url(context["subscriber"]), "valid_days": tokens.confirm_days()}, []


@transaction.atomic
def subscribe(*, email: str, language: str) -> Subscriber | None:
    """Ask a confirmation of `email`; nothing changes for an address that is already confirmed.

    The page says the same in both cases, so it tells nobody whether an address is subscribed.
    Returns the subscriber that was sent a confirmation email, or None.
    """
    email = normalise(email)
    with translation.override(language):
        text = subscribe_text()
    subscriber, created = Subscriber.objects.select_for_update().get_or_create(
        email=email, defaults={"language": language, "text": text, "text_version": SUBSCRIBE_TEXT_VERSION}
    )
    if subscriber.confirmed_at is not None:
        return None
    if not created:  # asked again: the words and language of this time count
        subscriber.language, subscriber.text, subscriber.text_version = language, text, SUBSCRIBE_TEXT_VERSION
    subscriber.confirmation_sent_at = timezone.now()
    subscriber.save()
    send_templated_email(
        to=email,
        template="newsletter/confirm_subscription",
        context={"subscriber": subscriber},
        language=language,
        build="samenspel.newsletter.services.audiences.confirmation_links",
    )
    log_action(actor=None, action="newsletter.subscriber.asked", target=subscriber)
    return subscriber


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


@transaction.atomic
def confirm(*, token: str) -> tuple[Subscriber, bool]:
    """Confirm the address of a confirmation link. Returns the subscriber and whether it changed."""
    subscriber = subscriber_for_confirm_token(token)
    changed = Subscriber.objects.filter(pk=subscriber.pk, confirmed_at__isnull=True).update(confirmed_at=timezone.now())
    if changed:
        # They just read an email at this address: it does not bounce (any more).
        Suppression.objects.filter(email=subscriber.email).delete()
        log_action(actor=None, action="newsletter.subscriber.confirmed", target=subscriber)
    subscriber.refresh_from_db()
    return subscriber, bool(changed)


def clear_unconfirmed(now: dt.datetime | None = None) -> int:
    """Delete subscribers who did not confirm within SUBSCRIBE_CONFIRM_DAYS (run daily)."""
    now = now or timezone.now()
    deleted, _details = Subscriber.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - dt.timedelta(days=tokens.confirm_days())
    ).delete()
    return deleted


# --- unsubscribing with the link in an edition ------------------------------------------------------


def unsubscribe_url(*, opt_in_id: int | None = None, subscriber_id: int | None = None) -> str:
    token = tokens.make_unsubscribe_token(opt_in_id=opt_in_id, subscriber_id=subscriber_id)
    return settings.SITE_URL + reverse("newsletter:unsubscribe", args=[token])


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


@transaction.atomic
def unsubscribe(value) -> bool:
    """Stop the newsletter for the link's member or subscriber. False when it was stopped already.

    A member's choice is withdrawn (the record stays, with when and how). A public subscriber's
    row is deleted with their deliveries: nothing of them is left.
    """
    target = tokens.unsubscribe_target(value)
    if target is None:
        return False
    kind, pk = target
    if kind == "o":
        choice = MemberOptIn.objects.select_related("member").filter(pk=pk).first()
        return choice is not None and _withdraw(choice, MemberOptIn.How.LINK, None)
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None:
        return False
    log_action(actor=None, action="newsletter.subscriber.unsubscribed", target=subscriber)
    subscriber.delete()
    return True


# --- the audience of an edition --------------------------------------------------------------------


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


# --- addresses that bounce ---------------------------------------------------------------------------


def suppress(*, email: str, reason: str = Suppression.Reason.BOUNCE, actor=None) -> tuple[Suppression, bool]:
    suppression, created = Suppression.objects.get_or_create(email=normalise(email), defaults={"reason": reason})
    if created:
        log_action(actor=actor, action="newsletter.address.blocked", target=suppression, data={"reason": reason})
    return suppression, created


@transaction.atomic
def unsuppress(*, suppression: Suppression, actor) -> None:
    log_action(actor=actor, action="newsletter.address.unblocked", target=suppression)
    suppression.delete()
