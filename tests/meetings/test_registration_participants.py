"""The organisers' participants page: lists, role mix, access needs, capacity and role limits."""

import pytest
from django.urls import reverse

from samenspel.meetings.models import Meeting, Registration, RoleLimit, Visibility
from samenspel.meetings.services import registration as services
from tests.factories.meetings import MeetingFactory, RegistrationFactory
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def meeting(personas):
    """A published members-only meeting of the personas' circle."""
    return MeetingFactory(circle=personas.circle, visibility=Visibility.MEMBERS, capacity=2)


def url(name, meeting):
    return reverse(f"meetings:{name}", args=[meeting.pk])


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("pending", 404),
        ("member", 403),
        ("outsider", 403),
        ("orgrep", 403),
        ("municipality", 403),
        ("kartrekker", 200),
        ("coordinator", 200),
    ],
)
def test_only_organisers_see_the_participants_page(personas, client_for, meeting, who, status):
    RegistrationFactory(meeting=meeting, access_needs="Gebarentolk")
    response = client_for(getattr(personas, who)).get(url("participants", meeting))
    assert response.status_code == status
    assert ("Gebarentolk" in response.content.decode()) is (status == 200)


def test_a_visitor_is_sent_to_log_in(client_for, meeting):
    response = client_for(None).get(url("participants", meeting))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_hidden_circle_meeting_answers_404_to_an_outsider(personas, client_for):
    meeting = MeetingFactory(circle=personas.circle, visibility=Visibility.CIRCLE)
    for name in ["participants", "change_capacity", "change_role_limits"]:
        client = client_for(personas.outsider)
        response = client.get(url(name, meeting)) if name == "participants" else client.post(url(name, meeting))
        assert response.status_code == 404


def test_the_page_lists_confirmed_waitlisted_and_cancelled_people(personas, client_for, meeting):
    services.register_member(meeting=meeting, member=MemberFactory(name="Anna Eerst"), role="expert")
    services.register_member(meeting=meeting, member=MemberFactory(name="Bert Tweede"), role="policy")
    services.register_member(meeting=meeting, member=MemberFactory(name="Cor Wacht"), access_needs="Rustige plek")
    gone = services.register_member(meeting=meeting, member=MemberFactory(name="Dirk Weg"))
    services.cancel_registration(registration=gone)
    html = client_for(personas.kartrekker).get(url("participants", meeting)).content.decode()
    assert "Registered (2)" in html
    assert "Waitlist (1)" in html
    assert "Cancelled (1)" in html
    assert html.index("Anna Eerst") < html.index("Bert Tweede") < html.index("Cor Wacht") < html.index("Dirk Weg")
    assert "Rustige plek" in html
    assert "Expert by experience" in html


def test_the_page_has_a_constant_number_of_queries(personas, client_for, django_assert_max_num_queries):
    meeting = MeetingFactory(capacity=200)
    RoleLimit.objects.create(meeting=meeting, role="expert", maximum=150)
    members = MemberFactory.create_batch(300)
    statuses = [Registration.Status.CONFIRMED] * 200 + [Registration.Status.WAITLISTED] * 80
    statuses += [Registration.Status.CANCELLED] * 20
    for index, (member, status) in enumerate(zip(members, statuses, strict=True)):
        RegistrationFactory(meeting=meeting, member=member, status=status, role=["expert", "policy", ""][index % 3])
    client = client_for(personas.coordinator)
    client.get(url("participants", meeting))  # warm up session and caches
    with django_assert_max_num_queries(15):
        response = client.get(url("participants", meeting))
    assert response.status_code == 200
    assert "Registered (200)" in response.content.decode()


def test_raising_the_capacity_on_the_page_promotes_people(personas, client_for, meeting):
    registrations = [services.register_member(meeting=meeting, member=MemberFactory()) for _ in range(4)]
    response = client_for(personas.kartrekker).post(url("change_capacity", meeting), {"capacity": "3"}, follow=True)
    assert "1 person moved from the waitlist to a place." in response.content.decode()
    registrations[2].refresh_from_db()
    assert registrations[2].status == Registration.Status.CONFIRMED


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "greater than or equal to 1"),
        ("-3", "greater than or equal to 1"),
        ("many", "Enter a whole number."),
        ("", "This field is required."),
        ("<b>5</b>", "Enter a whole number."),
        ("1", "2 people are registered. The number of places cannot be lower than that."),
    ],
)
def test_bad_capacities_are_refused_with_a_message(personas, client_for, meeting, value, message):
    for _ in range(3):
        services.register_member(meeting=meeting, member=MemberFactory())
    response = client_for(personas.coordinator).post(url("change_capacity", meeting), {"capacity": value})
    assert response.status_code == 400
    assert message in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.capacity == 2


def test_organisers_set_a_maximum_per_role(personas, client_for, meeting):
    client = client_for(personas.kartrekker)
    response = client.post(url("change_role_limits", meeting), {"expert": "1", "policy": ""}, follow=True)
    assert "The maximum per role is saved." in response.content.decode()
    assert dict(RoleLimit.objects.filter(meeting=meeting).values_list("role", "maximum")) == {"expert": 1}
    response = client.post(url("change_role_limits", meeting), {"expert": "0", "policy": "x"})
    assert response.status_code == 400
    assert dict(RoleLimit.objects.filter(meeting=meeting).values_list("role", "maximum")) == {"expert": 1}


def test_members_cannot_change_places_or_role_limits(personas, client_for, meeting):
    client = client_for(personas.member)
    assert client.post(url("change_capacity", meeting), {"capacity": "50"}).status_code == 403
    assert client.post(url("change_role_limits", meeting), {"expert": "1"}).status_code == 403
    meeting.refresh_from_db()
    assert meeting.capacity == 2
    assert not RoleLimit.objects.exists()


def test_an_unknown_meeting_answers_404(personas, client_for):
    response = client_for(personas.coordinator).get(reverse("meetings:participants", args=[987654]))
    assert response.status_code == 404


def test_a_cancelled_meeting_shows_the_lists_but_no_forms(personas, client_for):
    meeting = MeetingFactory(status=Meeting.Status.CANCELLED)
    html = client_for(personas.coordinator).get(url("participants", meeting)).content.decode()
    assert url("change_capacity", meeting) not in html
