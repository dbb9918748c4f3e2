"""The home page keeps a person's roles and items in the cache (core/home.py, `keys=`): the next
request after a change still shows it, for every kept provider, and the clock's part (a meeting
that ended) shows within HOME_SECONDS."""

import datetime

import pytest
import time_machine

from samenspel.circles.models import CircleMembership
from samenspel.consultations.models import Round
from samenspel.consultations.services import rounds
from samenspel.core.home import HOME_SECONDS
from samenspel.meetings.models import Registration
from samenspel.organisations.models import Organisation
from tests.factories.circles import CircleFactory, CircleMembershipFactory, CircleUpdateFactory
from tests.factories.consultations import RoundFactory
from tests.factories.meetings import MeetingFactory, RegistrationFactory
from tests.factories.opportunities import MatchingOptInFactory, OpportunityFactory
from tests.factories.organisations import OrganisationFactory
from tests.home.helpers import section, sections

pytestmark = pytest.mark.usefixtures("english")


def test_a_members_own_registration_shows_and_goes_at_the_next_request(personas, client_for):
    client = client_for(personas.member)
    meeting = MeetingFactory(title="Netwerkavond")
    assert "Netwerkavond" not in section(client, "member")
    registration = RegistrationFactory(member=personas.member, meeting=meeting)
    assert "Netwerkavond" in section(client, "member")
    registration.status = Registration.Status.CANCELLED
    registration.save()
    assert "Netwerkavond" not in section(client, "member")


def test_a_new_round_and_an_invitation_show_at_the_next_request(personas, client_for):
    client = client_for(personas.member)
    assert "Ronde" not in section(client, "member")
    RoundFactory(title="Ronde voor leden")
    assert "Ronde voor leden" in section(client, "member")
    invited = RoundFactory(title="Ronde op uitnodiging", audience=Round.Audience.INVITED)
    assert "Ronde op uitnodiging" not in section(client, "member")
    # invite() writes with bulk_create: no signal, so it bumps the invitee's version itself.
    rounds.invite(actor=personas.coordinator, round_=invited, emails=[personas.member.email])
    assert "Ronde op uitnodiging" in section(client, "member")
    invited.invitees.get(member=personas.member).delete()
    assert "Ronde op uitnodiging" not in section(client, "member")


def test_a_new_update_in_my_circle_shows_and_leaving_the_circle_hides_it(personas, client_for):
    client = client_for(personas.member)
    assert "Verse stand van zaken" not in section(client, "member")
    CircleUpdateFactory(circle=personas.circle, author=personas.kartrekker, title="Verse stand van zaken")
    assert "Verse stand van zaken" in section(client, "member")
    CircleMembership.objects.get(circle=personas.circle, member=personas.member).delete()
    assert "Verse stand van zaken" not in section(client, "member")


def test_a_fitting_opportunity_shows_after_the_member_opts_in(personas, client_for):
    client = client_for(personas.member)
    OpportunityFactory(title="Kans voor iedereen")
    assert "Kans voor iedereen" not in section(client, "member")
    MatchingOptInFactory(member=personas.member)
    assert "Kans voor iedereen" in section(client, "member")
    OpportunityFactory(title="Nog een kans")
    assert "Nog een kans" in section(client, "member")


def test_a_new_lead_gets_the_section_and_the_next_request_shows_their_requests(personas, client_for):
    client = client_for(personas.member)
    assert "kartrekker" not in sections(client)
    membership = CircleMembership.objects.get(circle=personas.circle, member=personas.member)
    membership.role = CircleMembership.Role.LEAD
    membership.save()
    assert "Plan the next meeting of Kring Onderzoek" in section(client, "kartrekker")
    CircleMembershipFactory(circle=personas.circle, status=CircleMembership.Status.REQUESTED)
    assert "1 person wants to join" in section(client, "kartrekker")
    MeetingFactory(title="Kringavond", circle=personas.circle)
    body = section(client, "kartrekker")
    assert "Next meeting of Kring Onderzoek: Kringavond" in body
    # A second circle led: its own item, though no version the items name changed but the person's.
    other = CircleFactory(name="Kring Zorg")
    CircleMembershipFactory(circle=other, member=personas.member, role=CircleMembership.Role.LEAD)
    assert "Plan the next meeting of Kring Zorg" in section(client, "kartrekker")
    other.is_active = False
    other.save()
    assert "Kring Zorg" not in section(client, "kartrekker")


def test_a_new_representative_gets_the_organisations_section(personas, client_for):
    client = client_for(personas.outsider)
    assert "organisation" not in sections(client)
    organisation = OrganisationFactory(kind=Organisation.Kind.NEIGHBOURHOOD_TEAMS)
    organisation.representatives.add(personas.outsider)
    assert "organisation" in sections(client)
    organisation.representatives.remove(personas.outsider)
    assert "organisation" not in sections(client)


def test_a_meeting_that_ended_leaves_the_home_page_within_the_cache_time(personas, client_for):
    client = client_for(personas.member)
    meeting = MeetingFactory(title="Korte avond")
    RegistrationFactory(member=personas.member, meeting=meeting)
    assert "Korte avond" in section(client, "member")
    with time_machine.travel(meeting.ends_at + datetime.timedelta(seconds=HOME_SECONDS + 1)):
        assert "Korte avond" not in section(client, "member")


def test_the_kept_items_are_the_persons_own(personas, client_for):
    """Two people with the same roles: each sees their own registrations, never the other's."""
    RegistrationFactory(member=personas.member, meeting=MeetingFactory(title="Avond van Mila"))
    RegistrationFactory(member=personas.outsider, meeting=MeetingFactory(title="Avond van de ander"))
    for _ in range(2):
        mine = section(client_for(personas.member), "member")
        theirs = section(client_for(personas.outsider), "member")
        assert "Avond van Mila" in mine and "Avond van de ander" not in mine
        assert "Avond van de ander" in theirs and "Avond van Mila" not in theirs
