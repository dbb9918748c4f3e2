"""A members-only page opened by a visitor who is not logged in (a link in an email, say) sends
them to the login page with `next`; after logging in they see the page. A logged-in person who
may not see it still gets 404, unknown objects stay 404, and public pages stay public.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from samenspel.meetings.models import Registration, Visibility
from tests.factories.consultations import DocumentFactory, ParagraphFactory, VersionFactory
from tests.factories.meetings import MeetingFactory

PASSWORD = "a-long-test-password"


@pytest.fixture
def pages(personas):
    """A meeting for the example circle's members, a members-only document, and their URLs."""
    meeting = MeetingFactory(circle=personas.circle, visibility=Visibility.CIRCLE)
    document = DocumentFactory(slug="ledenstuk", is_public=False)
    ParagraphFactory(version=VersionFactory(document=document), text="Alleen voor leden.")
    return {
        "meeting": reverse("meetings:detail", args=[meeting.pk]),
        "meeting_ics": reverse("meetings:ics", args=[meeting.pk]),
        "document": reverse("consultations:document_detail", args=[document.slug]),
        "version": reverse("consultations:version_detail", args=[document.slug, 1]),
    }


def log_in_through(client, login_url: str, member) -> str:
    """Post the login form the redirect points at, as a browser does; return where it sends us."""
    member.set_password(PASSWORD)
    member.save()
    EmailAddress.objects.update_or_create(user=member, email=member.email, defaults={"verified": True, "primary": True})
    next_url = parse_qs(urlsplit(login_url).query)["next"][0]
    assert client.get(login_url).status_code == 200
    response = client.post(login_url, {"login": member.email, "password": PASSWORD, "next": next_url})
    assert response.status_code == 302
    return response["Location"]


@pytest.mark.parametrize("page", ["meeting", "meeting_ics", "document", "version"])
def test_a_visitor_logs_in_and_lands_on_the_members_only_page(client, personas, pages, page):
    url = pages[page] + "?from=email"
    response = client.get(url)
    assert response.status_code == 302
    login_url = response["Location"]
    assert urlsplit(login_url).path == reverse("account_login")
    assert parse_qs(urlsplit(login_url).query)["next"] == [url]
    assert client.head(url)["Location"] == login_url

    assert log_in_through(client, login_url, personas.member) == url
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("page", ["meeting", "meeting_ics", "document", "version"])
def test_a_logged_in_person_who_may_not_see_it_still_gets_404(client, personas, pages, page):
    # the outsider is not in the circle (the meeting); the pending member is not approved (the document)
    person = personas.outsider if page.startswith("meeting") else personas.pending
    client.force_login(person)
    assert client.get(pages[page]).status_code == 404


def test_unknown_objects_stay_404_for_visitors(client, personas, pages):
    assert client.get(reverse("meetings:detail", args=[999999])).status_code == 404
    assert client.get(reverse("consultations:document_detail", args=["bestaat-niet"])).status_code == 404
    public = DocumentFactory(is_public=True)
    VersionFactory(document=public)
    assert client.get(reverse("consultations:version_detail", args=[public.slug, 7])).status_code == 404


def test_public_pages_stay_public_for_visitors(client, personas):
    meeting = MeetingFactory(visibility=Visibility.PUBLIC)
    document = DocumentFactory(is_public=True)
    VersionFactory(document=document)
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 200
    assert client.get(reverse("consultations:document_detail", args=[document.slug])).status_code == 200


def test_a_post_by_a_visitor_is_not_redirected_to_a_get(client, personas):
    """A POST cannot be repeated after the login: for a hidden meeting it stays a plain 404."""
    meeting = MeetingFactory(circle=personas.circle, visibility=Visibility.CIRCLE)
    response = client.post(reverse("meetings:register_visitor", args=[meeting.pk]), {"name": "Gast"})
    assert response.status_code == 404
    assert not Registration.objects.filter(meeting=meeting).exists()
