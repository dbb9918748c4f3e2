"""Nobody can make the site email strangers through the visitor registration.

The attack (issue 10): thirty visitor registrations in a row from one client, each for another
address and with a name like "Uw account is geblokkeerd - herstel via https://…". Every one sent
a confirmation email from our address. Now a name with a link is refused, and registrations are
limited per client (10 an hour) and per email address (3 a day).
"""

import pytest
from django.test import Client
from django.urls import reverse

from samenspel.meetings.models import Registration, Visibility
from samenspel.members.models import Member
from tests.factories.meetings import MeetingFactory
from tests.factories.members import ConsentTextFactory

pytestmark = pytest.mark.django_db

PHISHING = "Uw account is geblokkeerd - herstel via https://samenspel-herstel.example/login"
LINK_NAMES = [
    PHISHING,
    "Herstel via www.samenspel-herstel.nl",
    "Kijk op herstel.nl/inloggen",
    "Mail naar hulp@herstel.example",
    "Ga naar samenspel-herstel.com",
    "ｈｔｔｐｓ：／／herstel．example",  # full-width look-alikes
]
GOOD_NAMES = ["Jan de Vries", "J.R.R. Tolkien", "Ir. P. de Wit", "Anne-Marie v.d. Berg", "Chloë O'Brien"]
LIMIT_TEXT_NL = "Er zijn te veel aanmeldingen verstuurd"


def visitor_url(meeting):
    return reverse("meetings:register_visitor", args=[meeting.pk])


def register(client, meeting, capture, *, name="Vera Visitor", email="vera@example.org"):
    with capture(execute=True):
        return client.post(visitor_url(meeting), {"name": name, "email": email})


@pytest.fixture
def meeting():
    return MeetingFactory(visibility=Visibility.PUBLIC)


def test_thirty_phishing_registrations_in_a_row_send_no_email(
    client, meeting, django_capture_on_commit_callbacks, mailoutbox
):
    answers = [
        register(
            client, meeting, django_capture_on_commit_callbacks, name=PHISHING, email=f"slachtoffer{n}@example.org"
        )
        for n in range(30)
    ]
    assert {response.status_code for response in answers} == {400}
    assert "Een naam mag geen webadres of e-mailadres bevatten" in answers[0].content.decode()
    assert mailoutbox == []
    assert not Registration.objects.exists()


def test_one_client_may_send_ten_registrations_an_hour(client, django_capture_on_commit_callbacks, mailoutbox):
    meetings = [MeetingFactory(visibility=Visibility.PUBLIC) for _ in range(3)]
    answers = [
        register(
            client,
            meetings[n % 3],
            django_capture_on_commit_callbacks,
            name=f"Bezoeker {n}",
            email=f"bezoeker{n}@example.org",
        )
        for n in range(30)
    ]
    assert [response.status_code for response in answers] == [302] * 10 + [429] * 20
    assert LIMIT_TEXT_NL in answers[10].content.decode()
    assert 'value="bezoeker10@example.org"' in answers[10].content.decode()  # the form keeps what was typed
    assert len(mailoutbox) == 10
    assert Registration.objects.count() == 10


def test_one_address_gets_at_most_three_registration_emails_a_day(django_capture_on_commit_callbacks, mailoutbox):
    meetings = [MeetingFactory(visibility=Visibility.PUBLIC) for _ in range(4)]
    answers = [
        register(
            Client(REMOTE_ADDR=f"198.51.100.{n}"),  # four different clients
            meetings[n],
            django_capture_on_commit_callbacks,
            email="Doelwit@Example.org" if n % 2 else "doelwit@example.org",
        )
        for n in range(4)
    ]
    assert [response.status_code for response in answers] == [302, 302, 302, 429]
    assert len(mailoutbox) == 3
    assert not Registration.objects.filter(meeting=meetings[3]).exists()


def test_behind_the_proxy_the_limit_of_one_client_does_not_stop_another(
    settings, meeting, django_capture_on_commit_callbacks, mailoutbox
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1  # TRUSTED_PROXY_COUNT=1: the nginx of docs/production.md
    attacker = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    for n in range(11):
        response = register(attacker, meeting, django_capture_on_commit_callbacks, email=f"s{n}@example.org")
    assert response.status_code == 429
    neighbour = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    response = register(neighbour, meeting, django_capture_on_commit_callbacks, email="buur@example.org")
    assert response.status_code == 302
    assert Registration.objects.filter(email="buur@example.org").exists()


@pytest.mark.parametrize("name", LINK_NAMES)
def test_a_visitor_name_with_a_link_is_refused(client, meeting, django_capture_on_commit_callbacks, mailoutbox, name):
    response = register(client, meeting, django_capture_on_commit_callbacks, name=name)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Een naam mag geen webadres of e-mailadres bevatten. Vul alleen je naam in." in html
    assert 'value="vera@example.org"' in html  # nothing typed is lost
    assert mailoutbox == []
    assert not Registration.objects.exists()


@pytest.mark.parametrize("name", GOOD_NAMES)
def test_ordinary_names_with_dots_and_accents_are_accepted(
    client, meeting, django_capture_on_commit_callbacks, mailoutbox, name
):
    response = register(client, meeting, django_capture_on_commit_callbacks, name=name)
    assert response.status_code == 302
    assert Registration.objects.get().name == name
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("name", LINK_NAMES)
def test_the_network_sign_up_refuses_a_name_with_a_link(client, django_capture_on_commit_callbacks, mailoutbox, name):
    ConsentTextFactory()
    data = {
        "name": name,
        "email": "nina@example.org",
        "password1": "een-goed-wachtwoord-77",
        "password2": "een-goed-wachtwoord-77",
        "kind": Member.Kind.EXPERT,
        "theme_visibility": Member.ThemeVisibility.MEMBERS,
        "consent": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_signup"), data)
    assert response.status_code == 200
    assert "Een naam mag geen webadres of e-mailadres bevatten" in response.content.decode()
    assert not Member.objects.exists()
    assert mailoutbox == []
