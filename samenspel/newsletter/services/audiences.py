"""Who gets the newsletter: members who chose it, public subscribers (double opt-in), one circle's members.

The choice is recorded like consent (the text shown, its version, when, in which language).
A public subscriber's address is never written to a log line or a URL: links hold signed ids.
"""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from samenspel.core.audit import log_action
from samenspel.core.emails import email_builder, send_templated_email

from .. import tokens
from ..models import Delivery, MemberOptIn, Subscriber, Suppression
from ..selectors import active_opt_in, subscriber_for_confirm_token
from ..texts import OPT_IN_TEXT_VERSION, SUBSCRIBE_TEXT_VERSION, opt_in_text, subscribe_text


def normalise(email: str) -> str:
    return (email or "").strip().lower()


# --- members ------------------------------------------------------------------------------------


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
