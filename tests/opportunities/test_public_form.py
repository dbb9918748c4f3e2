"""The public form: partners without an account send an opportunity; a coordinator checks it.

Like the visitor registration of meetings: a name with a link is refused, and sending is limited
per client and per email address, so nobody makes the site email strangers.
"""

import pytest
from django.test import Client

from samenspel.core.models import AuditLogEntry
from samenspel.opportunities.models import Opportunity
from tests.factories.members import ThemeFactory
from tests.factories.organisations import OrganisationFactory
from tests.round_trip import assert_page_offers

from .helpers_posting import form_data, in_days, url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def public_data(**overrides) -> dict:
    data = form_data(**{"contact_name": "Pia Partner", "contact_email": "pia@example.org", **overrides})
    del data["audience"]
    return data


def test_a_partner_sends_every_field_and_it_waits_for_approval(
    client, area, django_capture_on_commit_callbacks, mailoutbox
):
    theme = ThemeFactory()
    data = public_data(
        kind="design_session",
        title="Ontwerpsessie Life-events",
        description="Denk mee over *levensgebeurtenissen*.",
        offered_by="Kenniscentrum Ongelijkheid",
        themes=[str(theme.pk)],
        area=str(area.pk),
        location="Wibautstraat 3",
        is_online="on",
        starts_on=in_days(20).isoformat(),
        ends_on=in_days(20).isoformat(),
        days=["4"],
        when_note="Een middag",
        hours="3",
        hours_unit="total",
        pay="fee",
        fee="75",
        expense_allowance="on",
        people_wanted="8",
        respond_by=in_days(10).isoformat(),
    )
    assert_page_offers(client.get(url("public_submit")), data)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("public_submit"), data)
    assert response.status_code == 200
    assert "Thank you: we received your opportunity" in response.content.decode()
    opportunity = Opportunity.objects.get()
    assert opportunity.status == "pending"
    assert opportunity.submitted_at is not None
    assert opportunity.created_by is None
    assert (opportunity.contact_name, opportunity.contact_email) == ("Pia Partner", "pia@example.org")
    assert opportunity.kind == "design_session"
    assert opportunity.offered_by == "Kenniscentrum Ongelijkheid"
    assert "<em>levensgebeurtenissen</em>" in opportunity.description_html
    assert list(opportunity.themes.all()) == [theme]
    assert opportunity.area == area
    assert (opportunity.location, opportunity.is_online, opportunity.days) == ("Wibautstraat 3", True, 4)
    assert (opportunity.starts_on, opportunity.ends_on, opportunity.when_note) == (
        in_days(20),
        in_days(20),
        "Een middag",
    )
    assert (opportunity.hours, opportunity.hours_unit, str(opportunity.monthly_hours)) == (3, "total", "3.0")
    assert (opportunity.pay, opportunity.fee, opportunity.expense_allowance) == ("fee", 75, True)
    assert (opportunity.people_wanted, opportunity.respond_by) == (8, in_days(10))
    assert opportunity.organisation is None and opportunity.circle is None
    assert opportunity.audience == "members"  # not offered: the coordinator decides
    [email] = mailoutbox
    assert email.to == ["pia@example.org"]
    assert email.subject == "We received your opportunity: Ontwerpsessie Life-events"
    assert AuditLogEntry.objects.filter(action="opportunity.submitted_publicly").exists()


def test_the_public_form_offers_no_organisation_circle_or_audience(client):
    page = client.get(url("public_submit")).content.decode()
    assert 'name="organisation"' not in page
    assert 'name="circle"' not in page
    assert 'name="audience"' not in page


def test_a_posted_organisation_or_audience_is_ignored(client):
    organisation = OrganisationFactory()
    data = public_data(organisation=str(organisation.pk), audience="public", status="published")
    assert client.post(url("public_submit"), data).status_code == 200
    opportunity = Opportunity.objects.get()
    assert (opportunity.organisation, opportunity.audience, opportunity.status) == (None, "members", "pending")


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"contact_name": ""}, "contact_name", "Fill in your name."),
        ({"contact_email": "geen-adres"}, "contact_email", "Fill in a valid email address."),
        ({"contact_name": "Herstel via https://phish.example"}, "contact_name", "cannot contain a web address"),
        ({"contact_name": "Kijk op herstel.nl"}, "contact_name", "cannot contain a web address"),
        ({"contact_name": "x" * 121}, "contact_name", "Use at most 120 characters"),
        ({"offered_by": ""}, "offered_by", "Fill this in."),
        ({"respond_by": in_days(-2).isoformat()}, "respond_by", "The deadline cannot be in the past."),
        ({"hours": "-1"}, "hours", "This cannot be negative."),
    ],
)
def test_bad_input_is_refused_and_kept(client, mailoutbox, change, field, message):
    data = public_data(title="Mijn kans", **change)
    response = client.post(url("public_submit"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert f'id="id_{field}_errors"' in page
    assert 'value="Mijn kans"' in page
    assert not Opportunity.objects.exists()
    assert mailoutbox == []


def test_sending_is_limited_per_email_address(django_capture_on_commit_callbacks, mailoutbox):
    answers = []
    for n in range(4):
        client = Client(REMOTE_ADDR=f"10.0.0.{n + 1}")  # another client each time: the address limit holds
        with django_capture_on_commit_callbacks(execute=True):
            answers.append(client.post(url("public_submit"), public_data(title=f"Kans {n}")).status_code)
    assert answers == [200, 200, 200, 429]
    assert Opportunity.objects.count() == 3
    assert len(mailoutbox) == 3


def test_sending_is_limited_per_client(client, django_capture_on_commit_callbacks, mailoutbox):
    answers = []
    for n in range(11):
        with django_capture_on_commit_callbacks(execute=True):
            data = public_data(title=f"Kans {n}", contact_email=f"partner{n}@example.org")
            answers.append(client.post(url("public_submit"), data).status_code)
    assert answers == [200] * 10 + [429]
    assert (
        "Too many opportunities were sent from here"
        in client.post(url("public_submit"), public_data()).content.decode()
    )
    assert Opportunity.objects.count() == 10
