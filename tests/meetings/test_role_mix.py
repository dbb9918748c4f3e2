"""The role mix of the seed: experts by experience, professionals, team leaders and managers,
allies from partner organisations and policy officers of the municipality."""

import pytest
from django.urls import reverse

from samenspel.meetings.models import ParticipantRole, Registration, RoleLimit
from samenspel.meetings.services import afterwards
from tests.factories.meetings import MeetingFactory, RegistrationFactory
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db

DUTCH = {
    "expert": "Ervaringsdeskundige",
    "professional": "Professional",
    "manager": "Teamleider of manager",
    "ally": "Bondgenoot van een partnerorganisatie",
    "policy": "Beleidsmedewerker van de gemeente",
}


def test_the_five_groups_of_the_seed_are_roles():
    assert set(DUTCH) <= set(ParticipantRole.values)
    assert ParticipantRole.values.index("manager") < ParticipantRole.values.index("policy")


@pytest.mark.parametrize("role", ["manager", "ally"])
def test_a_member_registers_as_team_leader_or_ally(personas, client_for, role):
    meeting = MeetingFactory(circle=personas.circle)
    response = client_for(personas.member).post(reverse("meetings:register", args=[meeting.pk]), {"role": role})
    assert response.status_code == 302
    assert Registration.objects.get(meeting=meeting, member=personas.member).role == role


@pytest.mark.parametrize("bad", ["boss", "<script>", "x" * 50])
def test_an_unknown_role_is_refused(personas, client_for, bad):
    meeting = MeetingFactory(circle=personas.circle)
    response = client_for(personas.member).post(reverse("meetings:register", args=[meeting.pk]), {"role": bad})
    assert response.status_code == 400
    assert not Registration.objects.filter(meeting=meeting).exists()


def test_the_registration_form_offers_the_roles_in_dutch(personas, client_for):
    meeting = MeetingFactory(circle=personas.circle)
    client = client_for(personas.member)
    client.cookies["django_language"] = "nl"
    html = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    for label in DUTCH.values():
        assert label in html


def test_role_limits_hold_for_the_new_roles(personas, client_for, english):
    meeting = MeetingFactory(circle=personas.circle, capacity=10)
    client = client_for(personas.kartrekker)
    url = reverse("meetings:change_role_limits", args=[meeting.pk])
    response = client.post(url, {"manager": "1", "ally": "2"}, follow=True)
    assert "The maximum per role is saved." in response.content.decode()
    assert dict(RoleLimit.objects.filter(meeting=meeting).values_list("role", "maximum")) == {"manager": 1, "ally": 2}
    first, second = MemberFactory(), MemberFactory()
    for member in (first, second):
        client_for(member).post(reverse("meetings:register", args=[meeting.pk]), {"role": "manager"})
    statuses = dict(Registration.objects.filter(meeting=meeting).values_list("member_id", "status"))
    assert statuses == {first.pk: "confirmed", second.pk: "waitlisted"}
    client = client_for(personas.kartrekker)
    assert client.post(url, {"manager": "0"}).status_code == 400
    assert client.post(url, {"ally": "veel"}).status_code == 400
    assert client_for(personas.member).post(url, {"manager": "5"}).status_code == 403


def test_the_participants_page_shows_the_mix_per_role(personas, client_for):
    meeting = MeetingFactory(circle=personas.circle)
    for role in DUTCH:
        RegistrationFactory(meeting=meeting, role=role)
    client = client_for(personas.kartrekker)
    client.cookies["django_language"] = "nl"
    html = client.get(reverse("meetings:participants", args=[meeting.pk])).content.decode()
    for label in DUTCH.values():
        assert label in html


def test_automatic_groups_spread_team_leaders_and_allies():
    from collections import Counter
    from types import SimpleNamespace

    roles = ["manager"] * 3 + ["ally"] * 3 + ["expert"] * 3
    people = [SimpleNamespace(id=n + 1, role=role) for n, role in enumerate(roles)]
    groups = [SimpleNamespace(id=g) for g in (1, 2, 3)]
    assignment = afterwards.balanced_assignment(people, groups)
    for role in ("manager", "ally", "expert"):
        assert sorted(Counter(assignment[p.id] for p in people if p.role == role).values()) == [1, 1, 1]
