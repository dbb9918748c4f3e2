"""Registration for meetings: members with one click, visitors with double opt-in, the waitlist,
promotion on cancel and on more places, role limits, and deleting access needs afterwards.

Every change of who holds a seat happens inside one transaction that first locks the meeting row
(`select_for_update`) and then counts the confirmed registrations. Concurrent registrations for
one meeting therefore run one after the other, and `queued_at` (set inside the lock) is the order
in which the lock was obtained: the waitlist order.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samenspel.core import cache_version
from samenspel.core.audit import log_action
from samenspel.core.emails import email_builder, send_templated_email
from samenspel.lib.errors import DomainError
from samenspel.lib.tokens import new_token

from .. import access
from ..ics import CANCEL, REQUEST, invitation_ics, itip_mimetype, meeting_page_url
from ..models import BreakoutGroup, Meeting, ParticipantRole, Registration, RoleLimit, Visibility
from ..selectors import find_registration

CONFIRMATION_VALID_HOURS = 48
ACTIVE = [Registration.Status.CONFIRMED, Registration.Status.WAITLISTED, Registration.Status.UNCONFIRMED]


class RegistrationError(DomainError):
    """A domain error with a message a person can read."""


class RegistrationClosed(RegistrationError):
    def default_message(self) -> str:
        return _("Registration for this meeting is closed.")


class AlreadyRegistered(RegistrationError):
    def default_message(self) -> str:
        return _("You are already registered for this meeting.")


class NotAllowed(RegistrationError):
    def default_message(self) -> str:
        return _("You cannot register for this meeting.")


class AlreadyCancelled(RegistrationError):
    def default_message(self) -> str:
        return _("This registration has already been cancelled.")


class CapacityTooLow(RegistrationError):
    pass


class LinkNotUsable(RegistrationError):
    """An emailed link that does not work; `reason` is unknown, expired, used or cancelled."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(_("This link does not work."))


# --- tokens ------------------------------------------------------------------------------------


def confirmation_expires_at(registration: Registration):
    return registration.created_at + timedelta(hours=CONFIRMATION_VALID_HOURS)


def confirmation_expired(registration: Registration) -> bool:
    return registration.status == Registration.Status.UNCONFIRMED and timezone.now() >= confirmation_expires_at(
        registration
    )


def _link(name: str, token: str) -> str:
    return settings.SITE_URL + reverse(name, kwargs={"token": token})


# --- seats -------------------------------------------------------------------------------------


@dataclass
class Seats:
    """The confirmed registrations of a locked meeting, in total and per role, and the limits."""

    capacity: int
    confirmed: int
    per_role: Counter
    limits: dict

    def fits(self, role: str) -> bool:
        if self.confirmed >= self.capacity:
            return False
        limit = self.limits.get(role)
        return limit is None or self.per_role[role] < limit

    def take(self, role: str) -> None:
        self.confirmed += 1
        self.per_role[role] += 1


def _seats(meeting: Meeting) -> Seats:
    """Count inside the lock on the meeting row."""
    per_role = Counter(
        dict(
            Registration.objects.filter(meeting=meeting, status=Registration.Status.CONFIRMED)
            .values_list("role")
            .annotate(n=Count("id"))
            .values_list("role", "n")
        )
    )
    limits = dict(RoleLimit.objects.filter(meeting=meeting).values_list("role", "maximum"))
    return Seats(capacity=meeting.capacity, confirmed=sum(per_role.values()), per_role=per_role, limits=limits)


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _place(registration: Registration, seats: Seats) -> None:
    """Give a registration a seat if one fits, else a place at the end of the waitlist."""
    now = timezone.now()
    registration.queued_at = now
    if seats.fits(registration.role):
        seats.take(registration.role)
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = now
    else:
        registration.status = Registration.Status.WAITLISTED


def _check_open(meeting: Meeting) -> None:
    if meeting.status == Meeting.Status.CANCELLED:
        raise RegistrationClosed(_("This meeting has been cancelled."))
    if not meeting.registration_is_open:
        raise RegistrationClosed


def _promote(meeting: Meeting, *, actor=None) -> list[Registration]:
    """Fill free seats from the waitlist, in order; skip people whose role is at its maximum.

    The meeting must be locked by the caller.
    """
    if meeting.status != Meeting.Status.PUBLISHED or meeting.starts_at <= timezone.now():
        return []
    seats = _seats(meeting)
    promoted = []
    if seats.confirmed >= seats.capacity:
        return promoted
    waiting = Registration.objects.filter(meeting=meeting, status=Registration.Status.WAITLISTED).select_related(
        "member"
    )
    for registration in waiting.order_by("queued_at", "id"):
        if seats.confirmed >= seats.capacity:
            break
        if not seats.fits(registration.role):
            continue
        seats.take(registration.role)
        token, token_hash = new_token()  # a fresh link for the email: only the hash is stored
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = timezone.now()
        registration.token_hash = token_hash
        registration.save(update_fields=["status", "confirmed_at", "token_hash"])
        log_action(
            actor=actor, action="meeting.registration.promoted", target=registration, data={"meeting": meeting.pk}
        )
        _email(registration, "promoted", token=token)
        promoted.append(registration)
    return promoted


# --- emails ------------------------------------------------------------------------------------


def _invitation(registration: Registration, method: str) -> list:
    """The iTIP message (RFC 5546) for this person: REQUEST for a seat, CANCEL when they withdrew."""
    text = invitation_ics(
        registration.meeting,
        method=method,
        attendee_email=registration.contact_email,
        attendee_name=registration.display_name,
        partstat="ACCEPTED" if method == REQUEST else "DECLINED",
        with_online_link=method == REQUEST,
    )
    return [("meeting.ics", text, itip_mimetype(method))]


def _email(registration: Registration, template: str, *, token: str) -> None:
    """Queue the email; its links are made when it is sent, from the token stored encrypted."""
    context = {
        "registration": registration,
        "name": registration.display_name,
        "with_ics": template in ("registration_confirmed", "promoted"),
    }
    if template == "confirm_visitor":
        context["expires_at"] = confirmation_expires_at(registration)
    send_templated_email(
        to=registration.contact_email,
        template=f"meetings/{template}",
        context=context,
        language=registration.language or "nl",
        build="samenspel.meetings.services.registration.registration_email_extras",
        secret=token,
    )


@email_builder
def registration_email_extras(*, context: dict, secret: str | None) -> tuple[dict, list]:
    """At send time: the meeting, the links with the token and, with a seat, the .ics (with the online link)."""
    registration = context["registration"]
    meeting = registration.meeting
    extra = {
        "meeting": meeting,
        "meeting_link": meeting_page_url(meeting),
        "cancel_link": _link("meetings:registration_cancel_link", secret),
        "confirm_link": _link("meetings:registration_confirm", secret),
    }
    return extra, _invitation(registration, REQUEST) if context.get("with_ics") else []


@email_builder
def withdrawn_email_extras(*, context: dict, secret: str | None) -> tuple[dict, list]:
    """At send time: the meeting and, when they held a seat, the iTIP CANCEL that takes it out of their calendar."""
    registration = context["registration"]
    meeting = registration.meeting
    extra = {"meeting": meeting, "meeting_link": meeting_page_url(meeting)}
    return extra, _invitation(registration, CANCEL) if context.get("with_ics") else []


def _status_email(registration: Registration, token: str) -> None:
    if registration.status == Registration.Status.CONFIRMED:
        _email(registration, "registration_confirmed", token=token)
    else:
        _email(registration, "waitlisted", token=token)


# --- registering -------------------------------------------------------------------------------


def _clean_role(role: str) -> str:
    return role if role in ParticipantRole.values else ""


@transaction.atomic
def register_member(*, meeting: Meeting, member, role: str = "", access_needs: str = "") -> Registration:
    """One click: a seat if there is room (for the role), else the end of the waitlist."""
    meeting = _lock(meeting)
    if not access.may_register(member, meeting) or not getattr(member, "is_authenticated", False):
        if meeting.status == Meeting.Status.CANCELLED:
            raise RegistrationClosed(_("This meeting has been cancelled."))
        raise NotAllowed
    _check_open(meeting)
    if Registration.objects.filter(meeting=meeting, member=member, status__in=ACTIVE).exists():
        raise AlreadyRegistered
    token, token_hash = new_token()
    registration = Registration(
        meeting=meeting,
        member=member,
        role=_clean_role(role),
        access_needs=access_needs.strip(),
        token_hash=token_hash,
        language=member.preferred_language or "nl",
    )
    _place(registration, _seats(meeting))
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:  # a second click that got past the check: the unique constraint holds
        raise AlreadyRegistered from None
    log_action(
        actor=member,
        action="meeting.registration.created",
        target=registration,
        data={"meeting": meeting.pk, "status": registration.status},
    )
    _status_email(registration, token)
    return registration


@transaction.atomic
def register_visitor(
    *, meeting: Meeting, name: str, email: str, role: str = "", access_needs: str = "", language: str | None = None
) -> Registration:
    """A visitor's registration waits for the emailed link; it holds no seat until then."""
    meeting = _lock(meeting)
    if meeting.visibility != Visibility.PUBLIC:
        raise NotAllowed
    _check_open(meeting)
    email = email.strip()
    existing = (
        Registration.objects.filter(meeting=meeting, member__isnull=True, email__iexact=email, status__in=ACTIVE)
        .order_by("id")
        .first()
    )
    if existing is not None:
        if not confirmation_expired(existing):
            raise AlreadyRegistered(
                _("This email address is already registered for this meeting. Look for our email in your inbox.")
            )
        existing.status = Registration.Status.CANCELLED
        existing.cancelled_at = timezone.now()
        existing.access_needs = ""
        existing.save(update_fields=["status", "cancelled_at", "access_needs"])
    token, token_hash = new_token()
    registration = Registration(
        meeting=meeting,
        name=name.strip(),
        email=email,
        role=_clean_role(role),
        access_needs=access_needs.strip(),
        status=Registration.Status.UNCONFIRMED,
        token_hash=token_hash,
        language=(language or translation.get_language() or "nl")[:2],
    )
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        raise AlreadyRegistered(
            _("This email address is already registered for this meeting. Look for our email in your inbox.")
        ) from None
    log_action(actor=None, action="meeting.registration.created", target=registration, data={"meeting": meeting.pk})
    _email(registration, "confirm_visitor", token=token)
    return registration


def check_confirmable(registration: Registration | None) -> None:
    """Raise LinkNotUsable with the reason when a confirmation link cannot be used."""
    if registration is None:
        raise LinkNotUsable("unknown")
    if registration.status == Registration.Status.CANCELLED:
        raise LinkNotUsable("cancelled")
    if registration.status != Registration.Status.UNCONFIRMED:
        raise LinkNotUsable("used")
    if confirmation_expired(registration):
        raise LinkNotUsable("expired")


@transaction.atomic
def confirm_visitor(*, token: str) -> Registration:
    """Double opt-in: the seat (or waitlist place) is taken now, not when the form was sent."""
    found = find_registration(token)
    if found is None:
        raise LinkNotUsable("unknown")
    meeting = _lock(found.meeting)
    registration = Registration.objects.select_for_update().get(pk=found.pk)
    check_confirmable(registration)
    _check_open(meeting)
    registration.meeting = meeting
    _place(registration, _seats(meeting))
    registration.save(update_fields=["status", "queued_at", "confirmed_at"])
    log_action(
        actor=None,
        action="meeting.registration.confirmed",
        target=registration,
        data={"meeting": meeting.pk, "status": registration.status},
    )
    _status_email(registration, token)
    return registration


# --- cancelling --------------------------------------------------------------------------------


@transaction.atomic
def cancel_registration(*, registration: Registration, actor=None) -> list[Registration]:
    """Cancel; a freed seat goes at once to the first fitting person on the waitlist.

    Returns the promoted registrations.
    """
    meeting = _lock(registration.meeting)
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if locked.status == Registration.Status.CANCELLED:
        raise AlreadyCancelled
    if meeting.starts_at <= timezone.now():
        raise RegistrationError(_("This meeting has already started. You cannot cancel any more."))
    held_seat = locked.status == Registration.Status.CONFIRMED
    was_placed = locked.status in (Registration.Status.CONFIRMED, Registration.Status.WAITLISTED)
    locked.status = Registration.Status.CANCELLED
    locked.cancelled_at = timezone.now()
    locked.access_needs = ""  # sensitive and no longer needed
    locked.save(update_fields=["status", "cancelled_at", "access_needs"])
    log_action(actor=actor, action="meeting.registration.cancelled", target=locked, data={"meeting": meeting.pk})
    if held_seat:
        # The invitation they got is withdrawn: the CANCEL must have a higher SEQUENCE (RFC 5546).
        Meeting.objects.filter(pk=meeting.pk).update(sequence=F("sequence") + 1, updated_at=timezone.now())
    if was_placed:
        send_templated_email(
            to=locked.contact_email,
            template="meetings/registration_cancelled",
            context={"registration": locked, "name": locked.display_name, "with_ics": held_seat},
            language=(locked.member.preferred_language if locked.member_id else locked.language) or "nl",
            build="samenspel.meetings.services.registration.withdrawn_email_extras",
        )
    if locked.member_id is not None:
        _release_note_taker(meeting, locked, actor=actor)
    registration.status, registration.cancelled_at = locked.status, locked.cancelled_at
    return _promote(meeting, actor=actor) if held_seat else []


def _release_note_taker(meeting: Meeting, registration: Registration, *, actor) -> None:
    """A note-taker who cancels takes notes no more; the organiser (who planned the meeting) is told."""
    groups = list(
        BreakoutGroup.objects.select_for_update().filter(meeting=meeting, note_taker_id=registration.member_id)
    )
    for group in groups:
        group.note_taker = None
        group.save(update_fields=["note_taker"])  # the signal raises the meeting's revision
        log_action(actor=actor, action="meeting.group.note_taker_left", target=group, data={"meeting": meeting.pk})
    organiser = meeting.created_by
    if not groups or organiser is None or not access.can_organise(organiser, meeting):
        return
    send_templated_email(
        to=organiser.email,
        template="meetings/note_taker_cancelled",
        context={
            "name": organiser.name,
            "meeting": meeting,
            "group_names": ", ".join(group.name for group in groups),
            "note_taker": registration.member.name,
            "groups_url": settings.SITE_URL + reverse("meetings:groups", args=[meeting.pk]),
        },
        language=organiser.preferred_language or "nl",
    )


def cancel_own(*, meeting: Meeting, member) -> list[Registration]:
    """A member cancels their own active registration from the meeting page."""
    registration = Registration.objects.filter(meeting=meeting, member=member, status__in=ACTIVE).first()
    if registration is None:
        raise AlreadyCancelled(_("You are not registered for this meeting."))
    return cancel_registration(registration=registration, actor=member)


# --- organisers --------------------------------------------------------------------------------


@transaction.atomic
def change_capacity(*, meeting: Meeting, capacity: int, actor) -> list[Registration]:
    """Set the number of places; more places promote people from the waitlist at once."""
    meeting = _lock(meeting)
    if capacity < 1:
        raise CapacityTooLow(_("A meeting needs at least 1 place."))
    confirmed = Registration.objects.filter(meeting=meeting, status=Registration.Status.CONFIRMED).count()
    if capacity < confirmed:
        raise CapacityTooLow(
            _("%(count)s people are registered. The number of places cannot be lower than that.") % {"count": confirmed}
        )
    old = meeting.capacity
    Meeting.objects.filter(pk=meeting.pk).update(capacity=capacity, revision=F("revision") + 1)
    cache_version.bump(f"meeting:{meeting.pk}")  # the visitors' list (views/planning.py)
    meeting.capacity = capacity
    log_action(actor=actor, action="meeting.capacity.changed", target=meeting, data={"from": old, "to": capacity})
    return _promote(meeting, actor=actor)


@transaction.atomic
def set_role_limits(*, meeting: Meeting, limits: dict, actor) -> list[Registration]:
    """Set or remove (None) the maximum of confirmed participants per role; may promote people."""
    meeting = _lock(meeting)
    for role in ParticipantRole.values:
        maximum = limits.get(role)
        if maximum is None:
            RoleLimit.objects.filter(meeting=meeting, role=role).delete()
        else:
            RoleLimit.objects.update_or_create(meeting=meeting, role=role, defaults={"maximum": maximum})
    log_action(
        actor=actor,
        action="meeting.role_limits.changed",
        target=meeting,
        data={role: limits.get(role) for role in ParticipantRole.values},
    )
    return _promote(meeting, actor=actor)


# --- reads -------------------------------------------------------------------------------------


# --- after the meeting -------------------------------------------------------------------------


def purge_access_needs(*, now=None) -> int:
    """Delete the access needs of every meeting that has ended. Run once a day."""
    now = now or timezone.now()
    count = Registration.objects.filter(meeting__ends_at__lt=now).exclude(access_needs="").update(access_needs="")
    if count:
        log_action(actor=None, action="meeting.access_needs.purged", data={"registrations": count})
    return count


@transaction.atomic
def purge_unconfirmed_visitors(*, now=None) -> int:
    """Delete visitors' registrations that were never confirmed and whose link has expired.

    They hold a name and an email address that nobody confirmed: keep them no longer than the
    link works. Run once a day.
    """
    now = now or timezone.now()
    expired = Registration.objects.filter(
        status=Registration.Status.UNCONFIRMED,
        member__isnull=True,
        created_at__lt=now - timedelta(hours=CONFIRMATION_VALID_HOURS),
    )
    count, _ = expired.delete()
    if count:
        log_action(actor=None, action="meeting.registration.unconfirmed_purged", data={"registrations": count})
    return count
