"""seed_demo loads the seeds' story with every role, and a second run changes nothing."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.management import call_command

from samenspel.circles.models import Circle, CircleMembership, CircleUpdate
from samenspel.demo import base as demo
from samenspel.demo.circles import CIRCLES
from samenspel.members.models import Consent, ConsentText, Member, Theme
from samenspel.organisations.models import Organisation, Team

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_network")]  # loaded once (tests/fixtures/demo.py)

CIRCLE_SLUGS = {"buurtteams-bondgenoten", "armoede-bestaanszekerheid", "onderzoek", "nieuw-werk"}


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    """Every row the demo touches, with the fields that matter, to compare two runs."""
    return {
        "themes": sorted(Theme.objects.values_list("pk", "name_nl", "name_en", "position")),
        "consent": sorted(ConsentText.objects.values_list("pk", "version", "body_nl", "body_en", "published_at")),
        "consents": sorted(Consent.objects.values_list("pk", "member_id", "consent_text_id", "given_at")),
        "organisations": sorted(Organisation.objects.values_list("pk", "slug", "name", "kind", "description")),
        "representatives": sorted(Organisation.representatives.through.objects.values_list("pk", flat=True)),
        "teams": sorted(Team.objects.values_list("pk", "organisation_id", "name", "area")),
        "members": sorted(Member.objects.values_list("pk", "email", "name", "password", "status", "date_joined")),
        "member_themes": sorted(Member.themes.through.objects.values_list("pk", flat=True)),
        "emails": sorted(EmailAddress.objects.values_list("pk", "email", "verified", "primary")),
        "circles": sorted(Circle.objects.values_list("pk", "slug", "name", "description", "join_policy")),
        "memberships": sorted(CircleMembership.objects.values_list("pk", "circle_id", "member_id", "role", "status")),
        "updates": sorted(CircleUpdate.objects.values_list("pk", "circle_id", "title", "updated_at")),
        "authenticators": sorted(Authenticator.objects.values_list("pk", "user_id", "type")),
    }


def test_it_creates_the_four_circles_each_with_one_kartrekker_and_updates():
    assert set(Circle.objects.values_list("slug", flat=True)) == CIRCLE_SLUGS
    for circle in Circle.objects.all():
        leads = CircleMembership.objects.filter(
            circle=circle, role=CircleMembership.Role.LEAD, status=CircleMembership.Status.ACTIVE
        )
        assert leads.count() == 1, circle.slug
        assert circle.memberships.filter(status=CircleMembership.Status.ACTIVE).count() >= 8
        assert circle.meets
        updates = list(circle.updates.all())
        assert len(updates) >= 2
        for update in updates:
            assert update.author_id == leads.get().member_id
            assert update.body_html.startswith("<")
            assert "<script" not in update.body_html
    armoede = Circle.objects.get(slug="armoede-bestaanszekerheid")
    assert armoede.join_policy == Circle.JoinPolicy.ON_REQUEST
    assert 9 <= armoede.memberships.filter(status=CircleMembership.Status.ACTIVE).count() <= 11
    assert armoede.memberships.filter(status=CircleMembership.Status.REQUESTED).count() in (1, 2)
    assert Circle.objects.filter(join_policy=Circle.JoinPolicy.OPEN).exists()


def test_the_updates_from_seed_002_are_recent_and_come_before_the_network_meeting_of_14_december():
    import datetime

    from django.utils import timezone

    from samenspel.demo.sections.meetings import next_december_14

    now = timezone.now()
    seed_titles = [update.title for story in CIRCLES for update in story.updates]
    seed_updates = CircleUpdate.objects.filter(title__in=seed_titles)
    newest = seed_updates.order_by("-published_at").first().published_at
    assert now - datetime.timedelta(days=8) < newest < now - datetime.timedelta(days=5)  # recent, before the home's

    for circle in Circle.objects.all():
        # The home page's and the newsletter's demos add updates of their own; these are seed 002's.
        titles = [update.title for story in CIRCLES if story.slug == circle.slug for update in story.updates]
        latest = circle.updates.filter(title__in=titles).order_by("-published_at").first()
        assert now - datetime.timedelta(days=60) < latest.published_at < now
        assert latest.published_at.date() < next_december_14()
        assert circle.updates.filter(published_at__lt=latest.published_at).exists()


def test_it_creates_three_buurtteam_organisations_with_teams_and_the_partners():
    buurtteams = Organisation.objects.filter(kind=Organisation.Kind.NEIGHBOURHOOD_TEAMS)
    assert buurtteams.count() == 3
    for organisation in buurtteams:
        assert 3 <= organisation.teams.count() <= 5
        assert organisation.description
    partners = set(Organisation.objects.filter(kind=Organisation.Kind.PARTNER).values_list("name", flat=True))
    assert {"Kenniscentrum Ongelijkheid", "Herstel-Lab", "Arkin", "Meetellen Amsterdam"} <= partners
    assert Organisation.objects.get(kind=Organisation.Kind.MUNICIPALITY).name == "Gemeente Amsterdam"
    areas = set(Team.objects.values_list("area", flat=True))
    assert {"Noord", "Nieuw-West", "West", "Centrum", "Zuid", "Oost", "Zuidoost"} <= areas


def test_every_role_is_present():
    coordinator = Member.objects.get(email=demo.COORDINATOR_EMAIL)
    assert coordinator.is_coordinator and coordinator.is_approved
    assert Authenticator.objects.filter(user=coordinator, type=Authenticator.Type.TOTP).exists()
    municipality = Member.objects.get(email=demo.MUNICIPALITY_EMAIL)
    assert municipality.is_municipality_viewer
    assert municipality.organisation.kind == Organisation.Kind.MUNICIPALITY
    orgrep = Member.objects.get(email=demo.ORGREP_EMAIL)
    assert list(orgrep.represented_organisations.values_list("kind", flat=True)) == [
        Organisation.Kind.NEIGHBOURHOOD_TEAMS
    ]
    member = Member.objects.get(email=demo.MEMBER_EMAIL)
    assert member.kind == Member.Kind.EXPERT and member.is_approved
    assert not (member.is_coordinator or member.is_municipality_viewer)
    assert not member.circle_memberships.filter(role=CircleMembership.Role.LEAD).exists()
    assert not member.represented_organisations.exists()
    assert Member.objects.filter(status=Member.Status.PENDING).count() == 3
    assert Member.objects.filter(kind=Member.Kind.EXPERT).count() >= 25
    assert Member.objects.filter(kind=Member.Kind.ALLY).count() >= 15
    visibilities = set(Member.objects.exclude(themes=None).values_list("theme_visibility", flat=True))
    assert visibilities == set(Member.ThemeVisibility.values)


def test_every_member_consented_to_the_published_text_and_has_a_verified_email():
    text = ConsentText.objects.get(version=1)
    assert text.published_at is not None
    for body in (text.body_nl, text.body_en):
        assert "coördinator" in body or "coordinator" in body
    assert "profielpagina" in text.body_nl and "profile page" in text.body_en
    members = Member.objects.all()
    assert Consent.objects.filter(consent_text=text).count() == members.count()
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == members.count()
    assert all(email.endswith("@example.org") for email in members.values_list("email", flat=True))


def test_a_second_run_changes_nothing_and_creates_no_duplicates():
    before = snapshot()
    output = seed()
    assert "already up to date" in output
    assert snapshot() == before


def test_a_run_restores_demo_rows_that_were_changed_without_doubling_them():
    circle = Circle.objects.get(slug="onderzoek")
    circle.description = "Changed by hand"
    circle.save()
    Member.objects.filter(email=demo.MEMBER_EMAIL).update(name="Someone Else")
    CircleMembership.objects.filter(circle__slug="nieuw-werk", role=CircleMembership.Role.MEMBER).first().delete()
    count = CircleMembership.objects.count()

    seed()

    assert Circle.objects.get(slug="onderzoek").description != "Changed by hand"
    assert Member.objects.get(email=demo.MEMBER_EMAIL).name == "Sanne de Graaf"
    assert CircleMembership.objects.count() == count + 1
    assert Circle.objects.count() == 4


def test_the_demo_password_works_for_the_plain_member(client):
    response = client.post("/accounts/login/", {"login": demo.MEMBER_EMAIL, "password": demo.DEMO_PASSWORD})
    assert response.status_code == 302
    assert response.wsgi_request.user.is_authenticated
    assert client.get("/").wsgi_request.user.email == demo.MEMBER_EMAIL
