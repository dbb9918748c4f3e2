"""The newsletter on the home page: the coordinator sees editions waiting for updates, the
kartrekker the update asked of their circle; both go once the update is written."""

import pytest
from django.urls import reverse

from samenspel.newsletter.services import editions
from samenspel.newsletter.services.updates import write_update
from tests.factories.newsletter import EditionFactory
from tests.home.helpers import section

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def edition(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return editions.create_edition(
            actor=personas.coordinator,
            **{
                name: getattr(EditionFactory.build(title="Stand van zaken december"), name)
                for name in ("title", "issue_date", "deadline", "introduction", "audience", "visibility")
            },
        )


def test_the_update_asked_of_a_kartrekker_appears_and_goes_once_written(personas, client_for, edition):
    request = edition.requests.get(circle=personas.circle)
    client = client_for(personas.kartrekker)
    body = section(client, "kartrekker")
    assert f"Write the update of {personas.circle.name} for the newsletter" in body
    assert f'href="{reverse("newsletter:request", args=[request.pk])}"' in body
    assert "Stand van zaken december" in body

    write_update(request=request, author=personas.kartrekker, title="Nieuws", body="Wij kwamen samen.")
    assert "for the newsletter" not in section(client, "kartrekker")


def test_a_member_who_leads_no_circle_is_not_asked(personas, client_for, edition):
    body = client_for(personas.member).get(reverse("home")).content.decode()
    assert "for the newsletter" not in body


def test_the_coordinator_sees_editions_waiting_for_updates(personas, client_for, edition):
    missing = edition.requests.count()
    assert missing >= 1
    client = client_for(personas.coordinator)
    body = section(client, "coordinator")
    assert "Stand van zaken december" in body
    assert f'href="{reverse("newsletter:manage", args=[edition.pk])}"' in body
    assert (f"{missing} circle has not sent its update yet." if missing == 1 else f"{missing} circles have") in body

    for request in edition.requests.select_related("circle"):
        lead = request.circle.memberships.filter(role="lead").first()
        write_update(
            request=request, author=lead.member if lead else personas.coordinator, title="Nieuws", body="Tekst."
        )
    assert "Stand van zaken december" not in section(client, "coordinator")


def test_a_request_made_after_the_page_was_kept_shows_at_the_next_request(personas, client_for, edition):
    """The kartrekker's items are kept under `edition:*`; ask_for_updates (a bulk_create, no
    signals) bumps it itself, and an edition that starts sending takes its requests away."""
    from tests.factories.circles import CircleFactory, CircleMembershipFactory

    client = client_for(personas.kartrekker)
    assert "Kring Nieuw" not in section(client, "kartrekker")
    new_circle = CircleFactory(name="Kring Nieuw")
    CircleMembershipFactory(circle=new_circle, member=personas.kartrekker, role="lead")
    assert "Write the update of Kring Nieuw" not in section(client, "kartrekker")
    editions.ask_for_updates(edition=edition)
    assert "Write the update of Kring Nieuw for the newsletter" in section(client, "kartrekker")
    edition.title = "Stand van zaken januari"
    edition.save()
    assert "Stand van zaken januari" in section(client, "kartrekker")
