"""The archive and the editions' permanent pages: who reads what, and how many queries the lists cost."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.newsletter.models import Edition
from tests.factories.newsletter import EditionFactory, UpdateRequestFactory

pytestmark = pytest.mark.django_db


def sent(**fields) -> Edition:
    return EditionFactory(status=Edition.Status.SENT, sending_started_at=timezone.now(), **fields)


@pytest.fixture
def shelf(personas):
    return {
        "public": sent(title="Openbare editie"),
        "members": sent(title="Editie voor leden", audience="members", visibility="members"),
        "draft": EditionFactory(title="Nog in voorbereiding"),
        "sending": EditionFactory(title="Wordt verstuurd", status=Edition.Status.SENDING),
    }


def titles(response) -> set[str]:
    html = response.content.decode()
    return {
        title
        for title in ("Openbare editie", "Editie voor leden", "Nog in voorbereiding", "Wordt verstuurd")
        if title in html
    }


def test_visitors_read_the_public_editions_in_the_archive(client, shelf):
    response = client.get(reverse("newsletter:archive"))
    assert response.status_code == 200
    assert titles(response) == {"Openbare editie", "Wordt verstuurd"}


def test_members_also_read_the_members_editions(client_for, personas, shelf):
    assert titles(client_for(personas.member).get(reverse("newsletter:archive"))) == {
        "Openbare editie",
        "Editie voor leden",
        "Wordt verstuurd",
    }
    assert titles(client_for(personas.pending).get(reverse("newsletter:archive"))) == {
        "Openbare editie",
        "Wordt verstuurd",
    }


def test_a_draft_is_never_in_the_archive_not_even_for_coordinators(client_for, personas, shelf):
    assert "Nog in voorbereiding" not in titles(client_for(personas.coordinator).get(reverse("newsletter:archive")))


@pytest.mark.parametrize(
    ("who", "key", "status"),
    [
        ("visitor", "public", 200),
        ("visitor", "members", "login"),
        ("visitor", "draft", "login"),
        ("pending", "members", 404),
        ("pending", "public", 200),
        ("member", "members", 200),
        ("member", "draft", 404),
        ("outsider", "members", 200),
        ("kartrekker", "draft", 404),
        ("coordinator", "draft", 200),
        ("coordinator", "members", 200),
    ],
)
def test_the_permanent_page_of_each_edition(client_for, personas, shelf, who, key, status):
    response = client_for(getattr(personas, who)).get(reverse("newsletter:edition", args=[shelf[key].pk]))
    if status == "login":
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == status


def test_an_unknown_edition_is_404_for_everyone(client_for, personas):
    for person in (None, personas.member, personas.coordinator):
        assert client_for(person).get(reverse("newsletter:edition", args=[987654])).status_code == 404


def test_the_home_page_links_to_the_archive(client):
    assert reverse("newsletter:archive") in client.get(reverse("home")).content.decode()


def test_the_archive_costs_the_same_queries_for_many_editions(client_for, personas, django_assert_max_num_queries):
    client = client_for(personas.member)
    for n in range(3):
        sent(title=f"Editie {n}")
    client.get(reverse("newsletter:archive"))
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("newsletter:archive"))
    for n in range(30):
        sent(title=f"Editie {n + 3}", issue_date=timezone.localdate() - datetime.timedelta(days=n))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("newsletter:archive"))
    assert response.content.decode().count('href="/newsletter/') >= 20


def test_the_coordinators_list_costs_the_same_queries_for_many_editions(
    client_for, personas, django_assert_max_num_queries
):
    client = client_for(personas.coordinator)
    UpdateRequestFactory(edition=EditionFactory(), circle=personas.circle)
    client.get(reverse("newsletter:manage_list"))
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("newsletter:manage_list"))
    for _ in range(20):
        UpdateRequestFactory(
            edition=EditionFactory(audience="circle", circle=personas.circle, visibility="members"),
            circle=personas.circle,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("newsletter:manage_list"))
    assert response.content.decode().count("0 of 1") == 21


def test_the_edition_page_costs_the_same_queries_for_many_items(client_for, personas, django_assert_max_num_queries):
    from samenspel.newsletter.models import EditionItem

    edition = sent(title="Veel items")
    EditionItem.objects.create(edition=edition, section="updates", position=1, title="Een", body_html="<p>a</p>")
    client = client_for(personas.member)
    client.get(reverse("newsletter:edition", args=[edition.pk]))
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("newsletter:edition", args=[edition.pk]))
    for n in range(2, 40):
        section = ["updates", "meetings", "rounds", "reports"][n % 4]
        EditionItem.objects.create(
            edition=edition,
            section=section,
            position=n,
            title=f"Item {n}",
            url="/meetings/1/",
            when=timezone.now(),
            until=timezone.now(),
            note="Kring",
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("newsletter:edition", args=[edition.pk]))
    assert "Item 39" in response.content.decode()


def test_the_preview_pages_show_the_edition_and_the_email(client_for, personas, edition):
    client = client_for(personas.coordinator)
    web = client.get(reverse("newsletter:preview", args=[edition.pk]))
    email = client.get(reverse("newsletter:preview_email", args=[edition.pk]))
    dutch = client.get(reverse("newsletter:preview_email", args=[edition.pk]) + "?language=nl")
    html = client.get(reverse("newsletter:preview_email_html", args=[edition.pk]))
    assert web.status_code == email.status_code == html.status_code == 200
    assert "Preview" in web.content.decode()
    assert "List-Unsubscribe-Post" in email.content.decode()
    assert "News from the circles" in email.content.decode()
    assert "Nieuws uit de kringen" in dutch.content.decode()
    assert html.content.decode().startswith("<!DOCTYPE html>")
    assert "Stand van zaken vanuit de kringen" in html.content.decode()


def test_the_kartrekkers_request_list_costs_the_same_queries_for_many_requests(
    client_for, personas, django_assert_max_num_queries
):
    client = client_for(personas.kartrekker)
    UpdateRequestFactory(edition=EditionFactory(), circle=personas.circle)
    client.get(reverse("newsletter:requests"))
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("newsletter:requests"))
    for _ in range(15):
        UpdateRequestFactory(edition=EditionFactory(), circle=personas.circle)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("newsletter:requests"))
    assert response.content.decode().count("/newsletter/requests/") >= 16


def test_the_blocked_addresses_page_costs_the_same_queries_for_many_rows(
    client_for, personas, django_assert_max_num_queries
):
    from samenspel.newsletter.models import Suppression

    client = client_for(personas.coordinator)
    Suppression.objects.create(email="een@example.net")
    client.get(reverse("newsletter:suppressions"))
    with django_assert_max_num_queries(16) as few:
        client.get(reverse("newsletter:suppressions"))
    Suppression.objects.bulk_create(Suppression(email=f"adres{n}@example.net") for n in range(60))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("newsletter:suppressions"))
    assert response.content.decode().count("/remove/") == 50  # a page of 50
