"""Tandem partners and the trajectory's sessions: registered for them, and told by email.

A session is a meeting, so a partner gets a place through the meetings' own registration
service (`register_member`): the same capacity, role limits and waitlist as anyone, and the same
confirmation email with the calendar invitation. On top of that each partner with an account gets
one email that they take part in the trajectory, with every session and whether they have a place.
Partners without an account (initials only) are not emailed: the platform has no address for them.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from samenspel.core.audit import log_action
from samenspel.core.emails import send_templated_email
from samenspel.meetings.models import Meeting, ParticipantRole, Registration
from samenspel.meetings.services import registration as meeting_registration

from ..models import Enrolment, TrajectorySession

# outcome of a registration -> the email's list of those sessions
OUTCOMES = {
    "confirmed": "placed",
    "waitlisted": "waiting",
    "already": "registered_before",
    "not_possible": "not_registered",
}


def _partners(enrolment: Enrolment) -> list[tuple[object, str]]:
    """(member, role) of each partner of the tandem who has a platform account."""
    tandem = enrolment.tandem
    pairs = [(tandem.expert, ParticipantRole.EXPERT), (tandem.professional, ParticipantRole.PROFESSIONAL)]
    return [(person.member, role) for person, role in pairs if person.member_id is not None]


def _upcoming_sessions(trajectory_id: int) -> list[TrajectorySession]:
    return list(
        TrajectorySession.objects.filter(
            module__trajectory_id=trajectory_id,
            meeting__status=Meeting.Status.PUBLISHED,
            meeting__starts_at__gt=timezone.now(),
        )
        .select_related("meeting", "module")
        .order_by("meeting__starts_at", "pk")
    )


def _register(member, role: str, session: TrajectorySession) -> str:
    """Register one partner for one session; the outcome as a word for the email."""
    try:
        registration = meeting_registration.register_member(meeting=session.meeting, member=member, role=role)
    except meeting_registration.AlreadyRegistered:
        return "already"
    except meeting_registration.RegistrationError:
        return "not_possible"  # closed, not yet open, or not allowed: the email says to look on the page
    return "confirmed" if registration.status == Registration.Status.CONFIRMED else "waitlisted"


def register_partners(*, enrolment: Enrolment, actor, sessions: list[TrajectorySession] | None = None) -> dict:
    """Register both partners for the trajectory's upcoming sessions and email them; returns the outcomes.

    Runs inside the caller's transaction (enrol, or planning a session); every registration locks
    its meeting as any registration does.
    """
    sessions = _upcoming_sessions(enrolment.trajectory_id) if sessions is None else sessions
    outcomes: dict[int, list[tuple[TrajectorySession, str]]] = {}
    for member, role in _partners(enrolment):
        outcomes[member.pk] = [(session, _register(member, role, session)) for session in sessions]
    log_action(
        actor=actor,
        action="tandems.enrolment.sessions_registered",
        target=enrolment,
        data={"sessions": len(sessions), "partners": len(outcomes)},
    )
    return outcomes


def email_partners(*, enrolment: Enrolment, outcomes: dict, new_session: bool = False) -> None:
    """One email per partner with an account: enrolled (or a new session), and their place per session."""
    url = settings.SITE_URL + reverse("tandems:enrolment_detail", args=[enrolment.pk])
    for member, _role in _partners(enrolment):
        rows = outcomes.get(member.pk, [])
        send_templated_email(
            to=member.email,
            template="tandems/session_added" if new_session else "tandems/enrolled",
            context={
                "name": member.name,
                "trajectory": enrolment.trajectory,
                **{name: [s.meeting for s, outcome in rows if outcome == key] for key, name in OUTCOMES.items()},
                "enrolment_url": url,
            },
            language=member.preferred_language or "nl",
        )


def register_enrolled_for(*, session: TrajectorySession, actor) -> int:
    """A new (published) session: register the partners of every running enrolment and tell them."""
    meeting = session.meeting
    if meeting.status != Meeting.Status.PUBLISHED or meeting.starts_at <= timezone.now():
        return 0
    enrolments = Enrolment.objects.filter(
        trajectory_id=session.module.trajectory_id, completed_on__isnull=True
    ).select_related("trajectory", "tandem__expert__member", "tandem__professional__member")
    count = 0
    for enrolment in enrolments:
        outcomes = register_partners(enrolment=enrolment, actor=actor, sessions=[session])
        if outcomes:
            email_partners(enrolment=enrolment, outcomes=outcomes, new_session=True)
            count += 1
    return count
