"""The members who write during the mixed run (`mixed.py`), and what each of them posts.

Each writer is a generated member who leads a circle, with their own session and CSRF token; in
turn they (see `Writer.ACTIONS`): register for the meeting the readers read (the members' meeting
page of the run), comment in the bench document's open round, post an update in their circle (the
first writer leads the circle the readers read), save their profile with a changed bio, join a
circle they are not in; then cancel the registration, comment, post, save, and leave the circle.
So every write is a form a person sends, with the redirect after success as its answer, and the
state at the end of a turn is the state at its start.
"""

from dataclasses import dataclass

from django.conf import settings

from .web import member_cookies, member_session


@dataclass
class Writer:
    name: str
    cookies: dict[str, str]
    meeting: int
    round: int
    circle: str  # the circle they lead: their updates go there
    join: str  # a circle they are not in: they join and leave it
    profile: dict  # their profile form as stored

    # A turn: every action once, the registration and the circle undone in the second half.
    ACTIONS = (
        *("register", "comment", "circle update", "profile edit", "join"),
        *("cancel", "comment", "circle update", "profile edit", "leave"),
    )

    def next_request(self, step: int) -> tuple[str, str, dict]:
        """(action, path, form data) of the writer's `step`-th write."""
        action = self.ACTIONS[step % len(self.ACTIONS)]
        if action == "register":
            return action, f"/meetings/{self.meeting}/register/", {"role": "", "access_needs": ""}
        if action == "cancel":
            return action, f"/meetings/{self.meeting}/cancel-registration/", {}
        if action == "comment":
            body = f"Bench: opmerking {step} van {self.name}. Dit kan duidelijker."
            return (
                action,
                f"/consultations/rounds/{self.round}/comment/",
                {"paragraph": "", "body": body, "display": "role"},
            )
        if action == "circle update":
            data = {"title": f"Stand van zaken {step}", "body": f"Bench: wat we deden ({step})."}
            return action, f"/circles/{self.circle}/updates/new/", data
        if action == "profile edit":
            return action, "/members/me/", {**self.profile, "bio": f"Ervaringsdeskundige. Bench {step}."}
        if action == "join":
            return action, f"/circles/{self.join}/join/", {"work_role": "", "motivation": ""}
        return action, f"/circles/{self.join}/leave/", {}


def form_data(form) -> dict:
    """The data a browser would post for `form` unchanged (its initial values)."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            value = ""
        elif isinstance(value, list | tuple):
            value = [str(getattr(v, "pk", v)) for v in value]
        elif hasattr(value, "pk"):
            value = str(value.pk)
        data[name] = value
    return data


def _consented(member):
    from samenspel.members import selectors, services

    text = selectors.current_consent_text()
    if text is not None and selectors.needs_consent(member):
        services.give_consent(member=member, consent_text=text, language="nl")
    return member


def prepare(*, count: int, picked: dict) -> list[Writer]:
    """`count` writers: generated members who lead a circle, the first one the readers' circle."""
    from django.db.models import Case, IntegerField, Value, When

    from samenspel.circles.models import Circle, CircleMembership
    from samenspel.members.forms import ProfileForm
    from samenspel.members.models import Member

    from . import consultations as bench_consultations
    from .scale import BENCH_DOMAIN

    leads = (
        CircleMembership.objects.filter(
            role=CircleMembership.Role.LEAD,
            status=CircleMembership.Status.ACTIVE,
            circle__is_active=True,
            member__email__endswith=f"@{BENCH_DOMAIN}",
            member__status=Member.Status.APPROVED,
            member__is_coordinator=False,
        )
        .select_related("circle", "member")
        .annotate(
            first=Case(
                When(circle__slug=picked["circle_slug"], then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("first", "circle__position", "pk")
    )
    chosen, seen = [], set()
    for lead in leads:
        if lead.member_id not in seen:
            seen.add(lead.member_id)
            chosen.append(lead)
        if len(chosen) == count:
            break
    if len(chosen) < count:
        raise ValueError(f"The mixed run needs {count} generated circle leads; there are {len(chosen)}.")
    open_round = bench_consultations.pick().open_round
    writers = []
    for lead in chosen:
        member = _consented(lead.member)
        member.registrations.filter(meeting_id=picked["member_meeting"]).delete()  # a run that stopped halfway
        join = (
            Circle.objects.filter(is_active=True, join_policy=Circle.JoinPolicy.OPEN)
            .exclude(memberships__member=member)
            .order_by("position", "pk")
            .first()
        )
        if join is None:
            raise ValueError(f"There is no open circle that {member.pk} is not in.")
        profile = form_data(ProfileForm(instance=Member.objects.get(pk=member.pk)))
        writers.append(
            Writer(
                name=f"member {member.pk}",
                cookies=member_cookies(member),
                meeting=picked["member_meeting"],
                round=open_round,
                circle=lead.circle.slug,
                join=join.slug,
                profile=profile,
            )
        )
    return writers


def reader_cookie(picked: dict) -> str:
    """The Cookie header of the readers' logged-in pages: the member `prepare` picked."""
    from samenspel.members.models import Member

    member = Member.objects.get(pk=picked["member_id"])
    return f"{settings.SESSION_COOKIE_NAME}={member_session(member)}"
