"""Every write about circles: joining, leaving, requests, leads, updates and invitations."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.core.audit import log_action
from samenspel.core.emails import email_builder, send_templated_email
from samenspel.lib.errors import DomainError
from samenspel.lib.markdown import render_markdown
from samenspel.lib.tokens import new_token
from samenspel.notifications.models import Kind
from samenspel.notifications.services import notify, notify_all

from .models import Circle, CircleMembership, CircleMessage, CircleUpdate, Invitation
from .selectors import find_invitation, invitation_is_usable, is_invitee

INVITATION_SESSION_KEY = "circle_invitation_token"
# The circle a visitor chose on its page before signing up: {"slug": ..., "name": ...}.
SIGN_UP_CIRCLE_SESSION_KEY = "circle_after_sign_up"
MAX_INVITATIONS_PER_DAY = 20


class CircleError(DomainError):
    """A domain error with a message a person can read."""


class LastLead(CircleError):
    def default_message(self) -> str:
        return _(
            "You are the only circle lead. You cannot leave yet. Ask a coordinator to make another member circle lead first."
        )


class NotAMember(CircleError):
    def default_message(self) -> str:
        return _("You are not a member of this circle.")


class RequestAlreadyDecided(CircleError):
    def default_message(self) -> str:
        return _("This request has already been handled.")


class TooManyInvitations(CircleError):
    def default_message(self) -> str:
        return _(
            "You have sent %(count)s invitations today. That is the most for one day. Please try again tomorrow."
        ) % {"count": MAX_INVITATIONS_PER_DAY}


class InvitationNotUsable(CircleError):
    def default_message(self) -> str:
        return _("This invitation has been used or has expired.")


# --- joining and leaving ------------------------------------------------------------------


@transaction.atomic
def join_circle(*, circle: Circle, member, motivation: str = "", work_role: str = "") -> tuple[CircleMembership, bool]:
    """Join an open circle at once, or ask to join a circle that works on request.

    A request carries the person's motivation and role or work, for the circle lead (both optional).
    Returns the membership and whether something changed. Joining twice changes nothing.
    """
    is_open = circle.join_policy == Circle.JoinPolicy.OPEN
    status = CircleMembership.Status.ACTIVE if is_open else CircleMembership.Status.REQUESTED
    defaults = {"status": status, "role": CircleMembership.Role.MEMBER}
    if is_open:
        defaults["active_since"] = timezone.now()
    else:
        defaults.update(motivation=motivation.strip(), work_role=work_role.strip())
    membership, created = CircleMembership.objects.get_or_create(circle=circle, member=member, defaults=defaults)
    if created:
        action = "circle.member.joined" if status == CircleMembership.Status.ACTIVE else "circle.request.created"
        log_action(actor=member, action=action, target=circle, data={"membership": membership.pk})
        if status == CircleMembership.Status.REQUESTED:
            _tell_leads_about_request(circle=circle, requester=member)
    return membership, created


def _tell_leads_about_request(*, circle: Circle, requester) -> None:
    """A message to each active lead (emailed as each lead chose; no name: the requests page shows it)."""
    leads = CircleMembership.objects.filter(
        circle=circle, role=CircleMembership.Role.LEAD, status=CircleMembership.Status.ACTIVE
    ).select_related("member")
    notify(
        recipients=[lead.member for lead in leads if lead.member_id != requester.pk],
        kind=Kind.JOIN_REQUEST,
        message="join_request.created",
        params={"circle": circle.name},
        link=reverse("circles:requests", args=[circle.slug]),
    )


@transaction.atomic
def leave_circle(*, circle: Circle, member) -> CircleMembership:
    """Leave a circle, or withdraw a request to join. The last circle lead cannot leave."""
    Circle.objects.select_for_update().get(pk=circle.pk)  # serialise changes to this circle's leads
    membership = CircleMembership.objects.select_for_update().filter(circle=circle, member=member).first()
    if membership is None:
        raise NotAMember
    if membership.role == CircleMembership.Role.LEAD and membership.status == CircleMembership.Status.ACTIVE:
        other_leads = (
            CircleMembership.objects.filter(
                circle=circle, role=CircleMembership.Role.LEAD, status=CircleMembership.Status.ACTIVE
            )
            .exclude(pk=membership.pk)
            .exists()
        )
        if not other_leads:
            raise LastLead
    was_request = membership.status == CircleMembership.Status.REQUESTED
    membership_pk = membership.pk
    membership.delete()
    log_action(
        actor=member,
        action="circle.request.withdrawn" if was_request else "circle.member.left",
        target=circle,
        data={"membership": membership_pk},
    )
    return membership


@transaction.atomic
def decide_request(*, membership: CircleMembership, approve: bool, actor) -> CircleMembership:
    """A kartrekker or coordinator approves (member at once) or refuses (request removed) a request.

    The requester gets an email in their own language.
    """
    locked = (
        CircleMembership.objects.select_for_update().select_related("member", "circle").filter(pk=membership.pk).first()
    )
    if locked is None or locked.status != CircleMembership.Status.REQUESTED:
        raise RequestAlreadyDecided
    requester, circle = locked.member, locked.circle
    if approve:
        locked.status = CircleMembership.Status.ACTIVE
        locked.active_since = timezone.now()
        locked.save(update_fields=["status", "active_since"])
    else:
        locked.delete()
    log_action(
        actor=actor,
        action="circle.request.approved" if approve else "circle.request.refused",
        target=circle,
        data={"member": requester.pk},
    )
    send_templated_email(
        to=requester.email,
        template="circles/request_approved" if approve else "circles/request_refused",
        context={"member": requester, "circle": circle, "network_name": settings.NETWORK_NAME},
        language=requester.preferred_language,
    )
    return locked


@transaction.atomic
def set_lead(*, circle: Circle, member, is_lead: bool, actor) -> CircleMembership:
    """A coordinator makes an active member of the circle a kartrekker, or removes the role."""
    Circle.objects.select_for_update().get(pk=circle.pk)
    membership = (
        CircleMembership.objects.select_for_update()
        .filter(circle=circle, member=member, status=CircleMembership.Status.ACTIVE)
        .first()
    )
    if membership is None:
        raise NotAMember(_("This person is not a member of the circle."))
    role = CircleMembership.Role.LEAD if is_lead else CircleMembership.Role.MEMBER
    if membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
        log_action(
            actor=actor,
            action="circle.lead.added" if is_lead else "circle.lead.removed",
            target=circle,
            data={"member": member.pk},
        )
    return membership


# --- circles ---------------------------------------------------------------------------------

CIRCLE_FIELDS = ("name", "slug", "summary", "description", "join_policy", "meets")


@transaction.atomic
def create_circle(*, actor, **fields) -> Circle:
    circle = Circle.objects.create(**{name: fields[name] for name in CIRCLE_FIELDS if name in fields})
    log_action(actor=actor, action="circle.created", target=circle)
    return circle


@transaction.atomic
def edit_circle(*, circle: Circle, actor, **fields) -> Circle:
    circle = Circle.objects.select_for_update().get(pk=circle.pk)  # compare with what is stored, not a form's copy
    changed = [name for name in CIRCLE_FIELDS if name in fields and getattr(circle, name) != fields[name]]
    for name in changed:
        setattr(circle, name, fields[name])
    if changed:
        circle.save(update_fields=changed)
        log_action(actor=actor, action="circle.edited", target=circle, data={"fields": changed})
    return circle


# --- updates ("stand van zaken") --------------------------------------------------------------


@transaction.atomic
def post_update(*, circle: Circle, author, title: str, body: str) -> CircleUpdate:
    update = CircleUpdate.objects.create(
        circle=circle, author=author, title=title, body=body, body_html=render_markdown(body)
    )
    log_action(actor=author, action="circle.update.posted", target=update, data={"circle": circle.pk})
    # The circle's members but the author, told in one statement: the biggest circle has hundreds
    # of members, and loading them cost more than the rest of the update.
    recipients = (
        get_user_model()
        .objects.filter(circle_memberships__circle=circle, circle_memberships__status=CircleMembership.Status.ACTIVE)
        .exclude(pk=getattr(author, "pk", None))
    )
    notify_all(
        recipients=recipients,
        kind=Kind.CIRCLE_UPDATE,
        message="circle_update.published",
        params={"circle": circle.name, "title": title},
        link=reverse("circles:updates", args=[circle.slug]),
    )
    return update


@transaction.atomic
def edit_update(*, update: CircleUpdate, actor, title: str, body: str) -> CircleUpdate:
    update.title = title
    update.body = body
    update.body_html = render_markdown(body)
    update.save(update_fields=["title", "body", "body_html", "updated_at"])
    log_action(actor=actor, action="circle.update.edited", target=update, data={"circle": update.circle_id})
    return update


@transaction.atomic
def delete_update(*, update: CircleUpdate, actor) -> None:
    log_action(actor=actor, action="circle.update.deleted", target=update, data={"circle": update.circle_id})
    update.delete()


# --- messages to the whole circle -------------------------------------------------------------

# Against a kartrekker flooding the circle (a stolen account, a slip): this many messages to one
# circle per author per day.
MESSAGES_PER_DAY = 5


class TooManyMessages(DomainError):
    def default_message(self) -> str:
        return _("You wrote to this circle %(count)d times today already. Try again tomorrow.") % {
            "count": MESSAGES_PER_DAY
        }


@transaction.atomic
def write_to_circle(*, circle: Circle, author, subject: str, body: str) -> CircleMessage:
    """Store the message and tell every active member of the circle except the author.

    Each member gets their own notification (and, as they chose, their own email), so no one sees
    another's address; the message itself is read on the circle's messages page.
    """
    since = timezone.now() - timedelta(days=1)
    if CircleMessage.objects.filter(circle=circle, author=author, sent_at__gte=since).count() >= MESSAGES_PER_DAY:
        raise TooManyMessages
    recipients = [
        membership.member
        for membership in CircleMembership.objects.filter(
            circle=circle, status=CircleMembership.Status.ACTIVE, member__is_active=True
        )
        .exclude(member=author)
        .select_related("member")
    ]
    message = CircleMessage.objects.create(
        circle=circle, author=author, subject=subject, body=body, body_html=render_markdown(body)
    )
    rows = notify(
        recipients=recipients,
        kind=Kind.CIRCLE_MESSAGE,
        message="circle_message.sent",
        params={"circle": circle.name, "subject": subject},
        link=reverse("circles:messages", args=[circle.slug]),
    )
    message.recipient_count = len(rows)
    message.save(update_fields=["recipient_count"])
    log_action(
        actor=author, action="circle.message.sent", target=message, data={"circle": circle.pk, "recipients": len(rows)}
    )
    return message


# --- invitations -------------------------------------------------------------------------------


@transaction.atomic
def invite(*, circle: Circle, inviter, email: str, message: str, language: str) -> Invitation:
    """Invite someone by email. Only the token's hash is stored; the link holds the token.

    The link is built when the email is sent (`invitation_email_extras`): the queued task holds
    the token only encrypted, so the task table never shows a working link.

    At most MAX_INVITATIONS_PER_DAY per member per 24 hours.
    """
    get_user_model().objects.select_for_update().filter(pk=inviter.pk).first()  # serialise one member's invitations
    since = timezone.now() - timedelta(days=1)
    if Invitation.objects.filter(invited_by=inviter, created_at__gte=since).count() >= MAX_INVITATIONS_PER_DAY:
        raise TooManyInvitations
    token, token_hash = new_token()
    invitation = Invitation.objects.create(
        circle=circle,
        invited_by=inviter,
        email=email,
        token_hash=token_hash,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    log_action(actor=inviter, action="circle.invitation.sent", target=circle, data={"invitation": invitation.pk})
    send_templated_email(
        to=email,
        template="circles/invitation",
        context={
            "circle": circle,
            "inviter": inviter,
            "message": message,
            "expires_at": invitation.expires_at,
        },
        language=language,
        build="samenspel.circles.services.invitation_email_extras",
        secret=token,
    )
    return invitation


@email_builder
def invitation_email_extras(*, context: dict, secret: str | None) -> tuple[dict, list]:
    """At send time: the link that holds the invitation's token."""
    return {"link": settings.SITE_URL + reverse("circles:invitation_accept", args=[secret])}, []


class InvitationForSomeoneElse(CircleError):
    def default_message(self) -> str:
        return _(
            "This invitation was sent to another email address than the one of your account. "
            "Only the person who got the invitation can use it. Log out and log in with that address, "
            "or ask for an invitation for your own address."
        )


def accept_invitation(*, invitation: Invitation, member) -> CircleMembership:
    """Use an invitation, by the person it was sent to.

    An open circle: the member is in at once (a waiting request becomes membership). A circle
    that works on request: the invitation becomes a join request that a circle lead decides on.
    Someone else (another email address) is refused; the invitation stays unused, and the try is
    in the audit log.
    """
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().select_related("circle").filter(pk=invitation.pk).first()
        if locked is None or not invitation_is_usable(locked):
            raise InvitationNotUsable
        if is_invitee(locked, member):
            return _use_invitation(locked=locked, member=member)
    log_action(actor=member, action="circle.invitation.refused", target=locked.circle, data={"invitation": locked.pk})
    raise InvitationForSomeoneElse


def _use_invitation(*, locked: Invitation, member) -> CircleMembership:
    circle = locked.circle
    on_request = circle.join_policy == Circle.JoinPolicy.ON_REQUEST
    status = CircleMembership.Status.REQUESTED if on_request else CircleMembership.Status.ACTIVE
    try:
        with transaction.atomic():
            membership, created = CircleMembership.objects.get_or_create(
                circle=circle,
                member=member,
                defaults={
                    "status": status,
                    "role": CircleMembership.Role.MEMBER,
                    "active_since": None if on_request else timezone.now(),
                },
            )
    except IntegrityError:  # joined at the same moment in another request
        membership, created = CircleMembership.objects.get(circle=circle, member=member), False
    if not on_request and membership.status != CircleMembership.Status.ACTIVE:
        membership.status = CircleMembership.Status.ACTIVE
        membership.active_since = timezone.now()
        membership.save(update_fields=["status", "active_since"])
        created = True  # the waiting request became membership
    locked.used_at = timezone.now()
    locked.used_by = member
    locked.email = ""
    locked.save(update_fields=["used_at", "used_by", "email"])
    log_action(
        actor=member,
        action="circle.invitation.accepted",
        target=circle,
        data={"invitation": locked.pk, "membership": membership.pk},
    )
    if created and membership.status == CircleMembership.Status.ACTIVE:
        log_action(actor=member, action="circle.member.joined", target=circle, data={"membership": membership.pk})
    elif created:
        log_action(actor=member, action="circle.request.created", target=circle, data={"membership": membership.pk})
        _tell_leads_about_request(circle=circle, requester=member)
    return membership


def accept_invitation_from_session(*, request, member) -> CircleMembership | None:
    """After sign-up: use the invitation the new member came with, if it still works and was sent to them.

    Called by the account adapter. The new account may still await approval; in an open circle the
    membership is active all the same, because the invitation came from a member of the circle.
    Signing up with another email address than the invited one uses nothing.
    """
    session = getattr(request, "session", None)
    if session is None:
        return None
    token = session.get(INVITATION_SESSION_KEY)
    if not token:
        return None
    invitation = find_invitation(str(token))
    membership = None
    if invitation is not None and invitation_is_usable(invitation):
        try:
            membership = accept_invitation(invitation=invitation, member=member)
        except CircleError:
            membership = None
    session.pop(INVITATION_SESSION_KEY, None)
    return membership


@transaction.atomic
def clear_old_invitation_emails() -> int:
    """Forget the email address of invitations that expired unused (run daily)."""
    return Invitation.objects.filter(expires_at__lte=timezone.now()).exclude(email="").update(email="")


# --- a circle chosen when signing up to the network --------------------------------------------


def remember_circle_for_sign_up(*, session, circle: Circle) -> None:
    """A visitor on a circle page goes to sign up: the circle is kept in the session, not in a URL."""
    session[SIGN_UP_CIRCLE_SESSION_KEY] = {"slug": circle.slug, "name": circle.name}


def choose_circle_from_session(*, request, member) -> CircleMembership | None:
    """After sign-up (called by the account adapter): note the circle the new member chose.

    The membership waits (AFTER_SIGN_UP) until a coordinator approves the sign-up; see
    `settle_sign_up_choice`. Nothing is noted when the member is already in the circle (for example
    through an invitation) or the circle is gone.
    """
    session = getattr(request, "session", None)
    wish = session.pop(SIGN_UP_CIRCLE_SESSION_KEY, None) if session is not None else None
    slug = wish.get("slug") if isinstance(wish, dict) else None
    circle = Circle.objects.filter(slug=str(slug or ""), is_active=True).first()
    if circle is None:
        return None
    membership, created = CircleMembership.objects.get_or_create(
        circle=circle,
        member=member,
        defaults={"status": CircleMembership.Status.AFTER_SIGN_UP, "role": CircleMembership.Role.MEMBER},
    )
    if created:
        log_action(
            actor=member, action="circle.sign_up_choice.created", target=circle, data={"membership": membership.pk}
        )
    return membership


def settle_sign_up_choice(sender, *, member, approved: bool, **kwargs) -> None:
    """The sign-up was decided: the circle chosen at sign-up becomes membership, a request, or nothing."""
    waiting = (
        CircleMembership.objects.select_for_update()
        .select_related("circle")
        .filter(member=member, status=CircleMembership.Status.AFTER_SIGN_UP)
    )
    for membership in waiting:
        circle = membership.circle
        if not approved or not circle.is_active:
            membership.delete()
            continue
        if circle.join_policy == Circle.JoinPolicy.OPEN:
            membership.status = CircleMembership.Status.ACTIVE
            membership.active_since = timezone.now()
            membership.save(update_fields=["status", "active_since"])
            log_action(actor=member, action="circle.member.joined", target=circle, data={"membership": membership.pk})
        else:
            membership.status = CircleMembership.Status.REQUESTED
            membership.save(update_fields=["status"])
            log_action(actor=member, action="circle.request.created", target=circle, data={"membership": membership.pk})
            _tell_leads_about_request(circle=circle, requester=member)
