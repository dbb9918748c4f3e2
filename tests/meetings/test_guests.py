"""A circle meeting opened to guests: every approved member sees it and may register; the page says
whom the circle invites. Without guests it stays for the circle's members (hidden: 404)."""

import pytest
from django.urls import reverse

from samenspel.meetings.models import Meeting, Registration, Visibility
from tests.factories.meetings import MeetingFactory
from tests.round_trip import assert_page_offers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
GUESTS = "OKT workers and anyone working with the Amsterdamse Maatwerk Methode"


@pytest.fixture
def open_to_guests(personas):
    return MeetingFactory(circle=personas.circle, visibility=Visibility.CIRCLE, title="Kringavond", guests=GUESTS)


def test_an_outsider_sees_and_registers_for_a_meeting_open_to_guests(personas, client_for, open_to_guests):
    client = client_for(personas.outsider)
    page = client.get(reverse("meetings:detail", args=[open_to_guests.pk]))
    assert page.status_code == 200
    assert f"Guests are welcome too: {GUESTS}" in page.content.decode()
    assert "Kringavond" in client.get(reverse("meetings:list")).content.decode()
    response = client.post(reverse("meetings:register", args=[open_to_guests.pk]))
    assert response.status_code == 302
    assert Registration.objects.filter(meeting=open_to_guests, member=personas.outsider).exists()


def test_in_dutch(personas, client_for, open_to_guests):
    page = client_for(personas.outsider).get(
        reverse("meetings:detail", args=[open_to_guests.pk]), HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert "Gasten zijn ook welkom" in page.content.decode()


def test_visitors_and_pending_people_do_not_get_it(personas, client_for, open_to_guests):
    url = reverse("meetings:detail", args=[open_to_guests.pk])
    assert client_for(personas.pending).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302  # log in first


@pytest.mark.parametrize("status", [Meeting.Status.DRAFT])
def test_a_draft_open_to_guests_stays_hidden(personas, client_for, status):
    draft = MeetingFactory(circle=personas.circle, visibility=Visibility.CIRCLE, guests=GUESTS, status=status)
    assert client_for(personas.outsider).get(reverse("meetings:detail", args=[draft.pk])).status_code == 404


def test_without_guests_the_meeting_stays_hidden_from_outsiders(personas, client_for):
    closed = MeetingFactory(circle=personas.circle, visibility=Visibility.CIRCLE)
    assert client_for(personas.outsider).get(reverse("meetings:detail", args=[closed.pk])).status_code == 404


def test_kartrekker_opens_a_meeting_to_guests_round_trip(personas, client_for):
    client = client_for(personas.kartrekker)
    form_url = f"{reverse('meetings:create')}?circle={personas.circle.pk}"
    data = {
        "circle": personas.circle.pk,
        "title": "Kring met gasten",
        "description": "",
        "starts_at": "2031-03-11T19:00",
        "ends_at": "2031-03-11T21:00",
        "location": "Buurthuis",
        "online_url": "",
        "capacity": "20",
        "registration_opens_at": "",
        "registration_closes_at": "",
        "visibility": Visibility.CIRCLE,
        "guests": "  " + GUESTS + "  ",
    }
    assert_page_offers(client.get(form_url), data)
    response = client.post(reverse("meetings:create"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting = Meeting.objects.get(title="Kring met gasten")
    assert meeting.guests == GUESTS
    edit = client.get(reverse("meetings:edit", args=[meeting.pk])).content.decode()
    assert GUESTS in edit
    # For everyone in the network anyway: guests make no sense and are dropped.
    client.post(reverse("meetings:edit", args=[meeting.pk]), {**data, "visibility": Visibility.MEMBERS})
    meeting.refresh_from_db()
    assert meeting.visibility == Visibility.MEMBERS and meeting.guests == ""


def test_too_long_guests_text_is_refused(personas, client_for):
    client = client_for(personas.kartrekker)
    data = {
        "circle": personas.circle.pk,
        "title": "Te lang",
        "starts_at": "2031-03-11T19:00",
        "ends_at": "2031-03-11T21:00",
        "location": "Buurthuis",
        "capacity": "20",
        "visibility": Visibility.CIRCLE,
        "guests": "x" * 301,
    }
    response = client.post(reverse("meetings:create"), data)
    assert response.status_code == 200
    assert not Meeting.objects.filter(title="Te lang").exists()


def test_html_in_guests_is_shown_as_text(personas, client_for):
    meeting = MeetingFactory(circle=personas.circle, visibility=Visibility.CIRCLE, guests="<script>x()</script>")
    page = client_for(personas.outsider).get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "<script>x()" not in page and "&lt;script&gt;" in page
