"""Every URL pattern, every persona: the answer must match docs/permissions.md.

A new URL without a row in that table fails this test, so the matrix stays complete.
Run `SHOW_MATRIX=1 pytest tests/test_permission_matrix.py -s` to print the observed answers.
"""

import os
import re
import secrets
from datetime import date, timedelta
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from samenspel.circles.models import CircleMembership, Invitation
from samenspel.circles.services import hash_token
from samenspel.consultations.models import Question, RoundInvitee
from samenspel.meetings.calendars import hash_token as feed_hash
from samenspel.meetings.models import Attachment, BreakoutGroup, CalendarFeed, Registration, Report, Visibility
from samenspel.meetings.registration import hash_token as registration_hash
from samenspel.tandems.models import CoachRole, MemberLinkRequest, ModuleProgress
from tests.factories.circles import CircleMembershipFactory, CircleUpdateFactory
from tests.factories.consultations import (
    CommentFactory,
    DocumentFactory,
    ParagraphFactory,
    RoundFactory,
    VersionFactory,
)
from tests.factories.meetings import MeetingFactory
from tests.factories.members import ConsentTextFactory, ThemeFactory
from tests.factories.organisations import TeamFactory
from tests.factories.tandems import (
    EnrolmentFactory,
    ExpertFactory,
    ModuleFactory,
    ProfessionalFactory,
    SessionFactory,
    TandemFactory,
    TrainingFactory,
    TrajectoryFactory,
)

MATRIX = Path(__file__).resolve().parents[1] / "docs" / "permissions.md"
PERSONAS = ["visitor", "pending", "member", "outsider", "kartrekker", "coordinator", "orgrep", "municipality"]
# Consultation round URLs that take the open example round (the reactienota's take the closed one).
OPEN_ROUND_URLS = (
    "round_detail",
    "round_paragraph",
    "round_question",
    "round_document_comments",
    "round_edit",
    "round_invitees",
    "round_invitee_remove",
    "comment_create",
    "answers",
    "remark_create",
    "comment_edit",
    "comment_withdraw",
    "comment_support",
)
# URL patterns that are not pages of ours: Django's language switch is tested elsewhere.
SKIP_PREFIXES = ()


def url_names() -> list[tuple[str, URLPattern]]:
    found = []

    def walk(patterns, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                ns = entry.namespace
                walk(entry.url_patterns, f"{namespace}{ns}:" if ns else namespace)
            elif isinstance(entry, URLPattern):
                if entry.name:
                    found.append((f"{namespace}{entry.name}", entry))
                else:
                    found.append((f"{namespace}<unnamed {entry.pattern}>", entry))

    walk(get_resolver().url_patterns, "")
    return sorted(set(found), key=lambda item: item[0])


def read_matrix() -> dict[str, dict[str, str]]:
    rows = {}
    for line in MATRIX.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\|\s*`([^`]+)`\s*\|\s*(GET|POST)\s*\|(.*)\|\s*$", line)
        if not match:
            continue
        cells = [cell.strip() for cell in match.group(3).split("|")]
        answers = dict(zip(PERSONAS, cells[: len(PERSONAS)], strict=True))
        rows[match.group(1)] = {"method": match.group(2), **answers}
    return rows


def sample_kwargs(name: str, pattern: URLPattern, world) -> dict:
    """Example arguments for a URL: objects of the personas' world, chosen by URL name and parameter."""
    params = list(pattern.pattern.regex.groupindex)
    objects = {
        "circles:update_edit": world.update.pk,
        "circles:update_delete": world.update.pk,
        "circles:request_decide": world.join_request.pk,
        "organisations:team_edit": world.team.pk,
        "organisations:team_delete": world.team.pk,
        "members:detail": world.member.pk,
        "members:manage_detail": world.member.pk,
        "members:decide": world.pending.pk,
        "members:consent_text_edit": world.draft_consent_text.pk,
        "members:consent_text_publish": world.draft_consent_text.pk,
        "members:theme_edit": world.theme.pk,
        "meetings:attachment": world.attachment.pk,
        "consultations:outcomes": world.closed_round.pk,
        "consultations:outcome_set": world.closed_round.pk,
        "consultations:next_version_set": world.closed_round.pk,
        "consultations:reactienota": world.closed_round.pk,
        "consultations:reactienota_publish": world.closed_round.pk,
        "consultations:reactienota_download": world.closed_round.pk,
        # consultations, rounds: an open round for members with a question, the member's comment, an invitee
        **{f"consultations:{name}": world.open_round.pk for name in OPEN_ROUND_URLS},
        # tandems, the trajectory: a module, its (past) session, and the example tandem's enrolment
        "tandems:module_edit": world.tot_module.pk,
        "tandems:module_move": world.tot_module.pk,
        "tandems:module_delete": world.tot_module.pk,
        "tandems:session_create": world.tot_module.pk,
        "tandems:session_edit": world.tot_session.pk,
        "tandems:session_attendance": world.tot_session.pk,
        "tandems:enrolment_detail": world.tot_enrolment.pk,
        "tandems:enrolment_withdraw": world.tot_enrolment.pk,
        "tandems:reflection_edit": world.tot_enrolment.pk,
        "tandems:module_done": world.tot_enrolment.pk,
        "tandems:module_undo": world.tot_enrolment.pk,
        "tandems:certificate": world.tot_enrolment.pk,
        # tandems, coaches and member links: a coach's role, and a request that asks the member persona
        "tandems:coach_remove": world.coach_role.pk,
        "tandems:link_request": world.link_request.pk,
    }
    kwargs = {}
    for param in params:
        if param == "slug" and name.startswith("monitor:"):  # an organisation's monitor pages
            kwargs["slug"] = world.organisation.slug
        elif param in ("year", "quarter"):  # monitor and its API: the world's closed quarter
            kwargs[param] = getattr(world.monitor_period, param)
        elif param == "slug" and name.startswith("tandems:"):
            kwargs["slug"] = world.tot_trajectory.slug
        elif param == "slug" and name.startswith("consultations:"):  # documents: a members-only document
            kwargs["slug"] = world.matrix_document.slug
        elif param == "number":  # its published version 1; writing and publishing: its draft version 2
            kwargs["number"] = (
                2
                if name
                in ("consultations:version_text", "consultations:version_text_save", "consultations:version_publish")
                else 1
            )
        elif param == "slug":
            kwargs["slug"] = world.organisation.slug if name.startswith("organisations:") else world.circle.slug
        elif param == "pk":
            kwargs["pk"] = objects.get(name, world.meeting.pk)
        elif param == "organisation":  # tandems: an organisation's own data
            kwargs["organisation"] = world.organisation.slug
        elif param in ("expert_pk", "training_pk", "professional_pk", "tandem_pk"):
            kwargs[param] = getattr(world, "org_" + param.removesuffix("_pk")).pk
        elif param == "module_pk":
            kwargs["module_pk"] = world.tot_module.pk
        elif param == "group_pk":
            kwargs["group_pk"] = world.group.pk
        elif param == "comment_pk" and name.startswith("consultations:comment_"):
            kwargs["comment_pk"] = world.open_comment.pk
        elif param == "paragraph_pk":
            kwargs["paragraph_pk"] = world.open_comment.paragraph_id
        elif param == "question_pk":
            kwargs["question_pk"] = world.open_question.pk
        elif param == "invitee_pk":
            kwargs["invitee_pk"] = world.open_invitee.pk
        elif param == "comment_pk":
            kwargs["comment_pk"] = world.closed_round_comment.pk
        elif param == "attachment_pk":
            kwargs["attachment_pk"] = world.attachment.pk
        elif param == "token" and name == "meetings:feed_personal":
            kwargs["token"] = world.feed_token
        elif param == "token" and name.startswith("meetings:"):
            kwargs["token"] = world.registration_token
        elif param == "token":
            kwargs["token"] = world.invitation_token
        elif param == "uidb36":
            kwargs["uidb36"] = "0"
        elif param == "key":
            kwargs["key"] = "not-a-real-key"
        else:
            raise KeyError(f"{name}: no example for parameter {param!r}; add one in sample_kwargs")
    return kwargs


def outcome(response) -> str:
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.startswith(reverse("account_login")):
            return "login"
        return "302"
    return str(response.status_code)


@pytest.fixture
def world(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    """The personas plus one object of every kind a URL can point at."""
    personas.update = CircleUpdateFactory(circle=personas.circle, author=personas.kartrekker)
    personas.team = TeamFactory(organisation=personas.organisation)
    personas.join_request = CircleMembershipFactory(circle=personas.circle, status=CircleMembership.Status.REQUESTED)
    personas.draft_consent_text = ConsentTextFactory(published_at=None)
    personas.theme = ThemeFactory()
    personas.invitation_token = secrets.token_urlsafe(32)
    Invitation.objects.create(
        circle=personas.circle,
        invited_by=personas.kartrekker,
        email="guest@example.org",
        token_hash=hash_token(personas.invitation_token),
        expires_at=timezone.now() + timedelta(days=7),
    )
    # Meetings: a published, members-only meeting of the example circle, with a group, a draft
    # report with one attachment, a visitor's unconfirmed registration and a personal feed.
    personas.meeting = MeetingFactory(circle=personas.circle, visibility=Visibility.MEMBERS)
    personas.group = BreakoutGroup.objects.create(meeting=personas.meeting, name="Groep 1", question="Hoe dan?")
    report = Report.objects.create(meeting=personas.meeting)
    personas.attachment = Attachment.objects.create(
        report=report,
        file=ContentFile(b"%PDF-1.4 test", name="presentatie.pdf"),
        title="Presentatie",
        original_name="presentatie.pdf",
        content_type="application/pdf",
        size=13,
    )
    personas.registration_token = secrets.token_urlsafe(32)
    Registration.objects.create(
        meeting=personas.meeting,
        name="Gast",
        email="gast@example.org",
        status=Registration.Status.UNCONFIRMED,
        token_hash=registration_hash(personas.registration_token),
    )
    personas.feed_token = secrets.token_urlsafe(32)
    CalendarFeed.objects.create(member=personas.member, token_hash=feed_hash(personas.feed_token))
    # Tandems (organisation data): an expert with a training, a professional and their tandem.
    personas.org_expert = ExpertFactory(organisation=personas.organisation, team=personas.team)
    personas.org_training = TrainingFactory(expert=personas.org_expert)
    personas.org_professional = ProfessionalFactory(organisation=personas.organisation, team=personas.team)
    personas.org_tandem = TandemFactory(
        organisation=personas.organisation,
        team=personas.team,
        expert=personas.org_expert,
        professional=personas.org_professional,
    )
    # Coaches and member links: the outsider has the coach role; the member persona is asked to
    # confirm that they are the example professional.
    personas.coach_role = CoachRole.objects.create(member=personas.outsider, granted_by=personas.coordinator)
    personas.link_request = MemberLinkRequest.objects.create(
        professional=personas.org_professional, member=personas.member, requested_by=personas.orgrep
    )
    # The trajectory: one module with a session that took place; the example tandem has done the
    # module, so its enrolment is complete (the certificate exists).
    personas.tot_trajectory = TrajectoryFactory(slug="tot-matrix")
    personas.tot_module = ModuleFactory(trajectory=personas.tot_trajectory, position=1)
    personas.tot_session = SessionFactory(module=personas.tot_module)
    personas.tot_enrolment = EnrolmentFactory(
        tandem=personas.org_tandem, trajectory=personas.tot_trajectory, completed_on=date(2024, 6, 1)
    )
    ModuleProgress.objects.create(
        enrolment=personas.tot_enrolment, module=personas.tot_module, completed_on=date(2024, 6, 1)
    )
    # Consultations (reactienota): a public document with versions 1 and 2, a round on version 1
    # that has closed, one comment without an outcome, and a reactienota that is not published yet.
    consulted = VersionFactory(document=DocumentFactory(is_public=True), label="1")
    VersionFactory(document=consulted.document, label="2")
    personas.closed_round = RoundFactory(
        version=consulted,
        opens_at=timezone.now() - timedelta(days=20),
        closes_at=timezone.now() - timedelta(days=1),
    )
    personas.closed_round_comment = CommentFactory(round=personas.closed_round, author=personas.member)
    # Consultations (documents): a members-only document with a published version 1 and a draft version 2.
    personas.matrix_document = DocumentFactory(slug="matrix-document", is_public=False)
    ParagraphFactory(version=VersionFactory(document=personas.matrix_document, label="1"), text="Gepubliceerd.")
    ParagraphFactory(
        version=VersionFactory(document=personas.matrix_document, label="2", status="draft"), text="Concept."
    )
    # Consultations (rounds): a round for members on a public document, open now, with one question,
    # a comment by the member and the outsider as invitee. Every persona has confirmed their email.
    for person in personas.as_dict().values():
        if person is not None:
            EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    personas.open_round = RoundFactory(version=VersionFactory(document=DocumentFactory(is_public=True), label="1"))
    personas.open_question = Question.objects.create(round=personas.open_round, position=1, text="Mist er iets?")
    personas.open_comment = CommentFactory(round=personas.open_round, author=personas.member)
    personas.open_invitee = RoundInvitee.objects.create(round=personas.open_round, member=personas.outsider)
    # Monitor: a closed quarter (2024 Q1) with its snapshots, so open data and corrections answer.
    from samenspel.monitor.models import Period
    from samenspel.monitor.services import close_period

    personas.monitor_period = close_period(
        actor=personas.coordinator, period=Period.objects.create(year=2024, quarter=1)
    )
    return personas


def test_every_url_has_a_row_in_the_matrix():
    rows = read_matrix()
    missing = [name for name, _ in url_names() if name not in rows]
    assert not missing, "Add these URLs to docs/permissions.md:\n" + "\n".join(missing)
    stale = sorted(set(rows) - {name for name, _ in url_names()})
    assert not stale, "docs/permissions.md lists URLs that no longer exist:\n" + "\n".join(stale)


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_answer_the_matrix_gives(world, client_for, persona):
    rows = read_matrix()
    person = world.as_dict()[persona]
    mismatches = []
    observed = []
    for name, pattern in url_names():
        row = rows.get(name)
        if row is None:
            continue
        try:
            url = reverse(name, kwargs=sample_kwargs(name, pattern, world))
        except (KeyError, NoReverseMatch) as exc:
            mismatches.append(f"{name}: cannot build a URL ({exc}); add example arguments in sample_kwargs")
            continue
        client = client_for(person)
        savepoint = transaction.savepoint()  # every request sees the same world: undo what a POST changed
        response = client.post(url) if row["method"] == "POST" else client.get(url)
        transaction.savepoint_rollback(savepoint)
        for each in caches.all():
            each.clear()
        got = outcome(response)
        observed.append((name, got))
        if got != row[persona]:
            mismatches.append(f"{name} ({row['method']} {url}) as {persona}: expected {row[persona]}, got {got}")
    if os.environ.get("SHOW_MATRIX"):
        print(f"\n## {persona}")
        for name, got in observed:
            print(f"{persona}\t{name}\t{got}")
    assert not mismatches, "\n".join(mismatches)
