"""Posting and changing an opportunity: who may post for what, every field round trip, bad input."""

from decimal import Decimal

import pytest

from samenspel.core.models import AuditLogEntry
from samenspel.opportunities.models import WEEKDAYS, Opportunity
from samenspel.opportunities.services.posting import monthly_hours
from tests.factories.circles import CircleFactory
from tests.factories.members import ThemeFactory
from tests.factories.opportunities import OpportunityFactory
from tests.factories.organisations import OrganisationFactory
from tests.round_trip import assert_page_offers

from .helpers_posting import form_data, in_days, url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def post_new(client, data):
    return client.post(url("create"), data)


def test_a_representative_posts_every_field_and_reads_it_back(personas, client_for, area):
    client = client_for(personas.orgrep)
    poverty, debt = ThemeFactory(name_en="Poverty"), ThemeFactory(name_en="Debt")
    data = form_data(
        kind="paid_job",
        title="Ervaringsdeskundige in het buurtteam",
        description="## Wat je doet\n\nJe werkt **mee** in het team.",
        offered_by="Buurtteam Zuidoost",
        organisation=str(personas.organisation.pk),
        themes=[str(poverty.pk), str(debt.pk)],
        area=str(area.pk),
        location="Bijlmerplein 1",
        is_online="on",
        starts_on=in_days(30).isoformat(),
        ends_on=in_days(120).isoformat(),
        days=[str(WEEKDAYS[1][0]), str(WEEKDAYS[3][0])],
        when_note="Dinsdag- en donderdagochtend",
        hours="8",
        hours_unit="week",
        pay="hourly",
        hourly_rate="21.50",
        expense_allowance="on",
        people_wanted="2",
        respond_by=in_days(21).isoformat(),
        audience="public",
    )
    assert_page_offers(client.get(url("create")), data)
    response = post_new(client, data)
    opportunity = Opportunity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", opportunity.pk)
    assert opportunity.status == Opportunity.Status.DRAFT
    assert opportunity.created_by == personas.orgrep
    assert opportunity.kind == "paid_job"
    assert opportunity.title == "Ervaringsdeskundige in het buurtteam"
    assert opportunity.description.startswith("## Wat je doet")
    assert "<h3>Wat je doet</h3>" in opportunity.description_html
    assert "<strong>mee</strong>" in opportunity.description_html
    assert opportunity.offered_by == "Buurtteam Zuidoost"
    assert opportunity.organisation == personas.organisation
    assert opportunity.circle is None
    assert set(opportunity.themes.all()) == {poverty, debt}
    assert opportunity.area == area
    assert opportunity.location == "Bijlmerplein 1"
    assert opportunity.is_online is True
    assert opportunity.starts_on == in_days(30)
    assert opportunity.ends_on == in_days(120)
    assert opportunity.days == WEEKDAYS[1][0] | WEEKDAYS[3][0]
    assert opportunity.when_note == "Dinsdag- en donderdagochtend"
    assert opportunity.hours == Decimal("8.0")
    assert opportunity.hours_unit == "week"
    assert opportunity.monthly_hours == Decimal("34.7")  # 8 × 52 / 12
    assert opportunity.pay == "hourly"
    assert opportunity.hourly_rate == Decimal("21.50")
    assert opportunity.fee is None
    assert opportunity.expense_allowance is True
    assert opportunity.people_wanted == 2
    assert opportunity.respond_by == in_days(21)
    assert opportunity.audience == "public"
    assert AuditLogEntry.objects.filter(action="opportunity.created", target_id=str(opportunity.pk)).exists()


def test_the_edit_form_shows_the_saved_values_and_saves_changes(personas, client_for):
    opportunity = OpportunityFactory(
        organisation=personas.organisation, created_by=personas.orgrep, status="draft", days=WEEKDAYS[0][0]
    )
    client = client_for(personas.orgrep)
    page = client.get(url("edit", opportunity.pk)).content.decode()
    assert f'value="{opportunity.title}"' in page
    assert f'value="{WEEKDAYS[0][0]}" id="id_days_0" checked' in page
    data = form_data(organisation=str(personas.organisation.pk), title="Nieuwe titel", pay="fee", fee="150", hours="12")
    response = client.post(url("edit", opportunity.pk), data)
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert (opportunity.title, opportunity.fee, opportunity.days) == ("Nieuwe titel", Decimal("150.00"), 0)
    assert opportunity.monthly_hours == Decimal("12.0")  # in total, without dates: as is
    assert opportunity.status == "draft"
    entry = AuditLogEntry.objects.get(action="opportunity.changed")
    assert "title" in entry.data["fields"] and "fee" in entry.data["fields"]


def test_a_kartrekker_posts_for_the_circle_they_lead(personas, client_for):
    response = post_new(client_for(personas.kartrekker), form_data(circle=str(personas.circle.pk)))
    assert response.status_code == 302
    assert Opportunity.objects.get().circle == personas.circle


def test_the_circle_field_offers_only_the_circles_a_kartrekker_leads(personas, client_for):
    other = CircleFactory(name="Kring Nieuw Werk")
    page = client_for(personas.kartrekker).get(url("create")).content.decode()
    assert personas.circle.name in page
    assert other.name not in page
    assert 'name="organisation"' not in page  # they represent none: not offered


def test_a_kartrekker_posting_an_organisation_id_does_not_post_for_it(personas, client_for):
    data = form_data(circle=str(personas.circle.pk), organisation=str(personas.organisation.pk))
    assert post_new(client_for(personas.kartrekker), data).status_code == 302
    opportunity = Opportunity.objects.get()
    assert (opportunity.circle, opportunity.organisation) == (personas.circle, None)


def test_a_kartrekker_cannot_post_for_another_circle(personas, client_for):
    other = CircleFactory()
    response = post_new(client_for(personas.kartrekker), form_data(circle=str(other.pk)))
    assert response.status_code == 400
    assert "Choose a circle you lead, from the list." in response.content.decode()
    assert not Opportunity.objects.exists()


def test_a_representative_cannot_post_for_another_organisation(personas, client_for):
    other = OrganisationFactory()
    response = post_new(client_for(personas.orgrep), form_data(organisation=str(other.pk)))
    assert response.status_code == 400
    assert "Choose an organisation you represent, from the list." in response.content.decode()
    assert not Opportunity.objects.exists()


def test_a_poster_who_chooses_neither_organisation_nor_circle_is_told_to(personas, client_for):
    response = post_new(client_for(personas.orgrep), form_data())
    assert response.status_code == 400
    assert "Choose the organisation or the circle you post this for." in response.content.decode()
    assert not Opportunity.objects.exists()


def test_a_coordinator_posts_for_any_organisation_or_for_nobody(personas, client_for):
    other = OrganisationFactory()
    client = client_for(personas.coordinator)
    assert post_new(client, form_data(organisation=str(other.pk))).status_code == 302
    assert post_new(client, form_data(title="Netwerkbreed")).status_code == 302
    assert Opportunity.objects.count() == 2


@pytest.mark.parametrize("persona", ["member", "outsider", "municipality", "pending"])
def test_people_without_a_role_cannot_post(personas, client_for, persona):
    client = client_for(getattr(personas, persona))
    assert client.get(url("create")).status_code == 403
    assert post_new(client, form_data(organisation=str(personas.organisation.pk))).status_code == 403
    assert not Opportunity.objects.exists()


def test_a_visitor_is_sent_to_log_in(client):
    response = client.get(url("create"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_someone_who_may_read_but_not_manage_gets_403_on_edit(personas, client_for):
    opportunity = OpportunityFactory(organisation=personas.organisation)
    assert client_for(personas.outsider).get(url("edit", opportunity.pk)).status_code == 403
    assert client_for(personas.kartrekker).post(url("edit", opportunity.pk), form_data()).status_code == 403


def test_a_hidden_draft_is_404_for_outsiders(personas, client_for):
    opportunity = OpportunityFactory(organisation=personas.organisation, status="draft")
    assert client_for(None).get(url("detail", opportunity.pk)).status_code == 404
    for person in (personas.member, personas.outsider, personas.kartrekker):
        assert client_for(person).get(url("edit", opportunity.pk)).status_code == 404
        assert client_for(person).get(url("detail", opportunity.pk)).status_code == 404


# --- bad input ---------------------------------------------------------------------------------


BAD = [
    ({"title": ""}, "title", "Fill this in."),
    ({"description": ""}, "description", "Fill this in."),
    ({"offered_by": ""}, "offered_by", "Fill this in."),
    ({"title": "x" * 151}, "title", "This is too long. Use at most 150 characters (now 151)."),
    ({"description": "x" * 10001}, "description", "Use at most 10000 characters"),
    ({"kind": "lottery"}, "kind", "Choose one of the options in the list."),
    ({"kind": ""}, "kind", "Make a choice."),
    ({"hours": "-3"}, "hours", "This cannot be negative."),
    ({"hours": "veel"}, "hours", "Fill in a number"),
    ({"pay": "fee", "fee": "-10"}, "fee", "This cannot be negative."),
    ({"pay": "hourly", "hourly_rate": "-1"}, "hourly_rate", "This cannot be negative."),
    ({"pay": "fee", "fee": ""}, "fee", "Fill in the fee."),
    ({"pay": "hourly", "hourly_rate": ""}, "hourly_rate", "Fill in the hourly rate."),
    ({"pay": "none", "fee": "100"}, "fee", "A fee is only for a fixed fee."),
    ({"pay": "fee", "fee": "100", "hourly_rate": "20"}, "hourly_rate", "An hourly rate is only for pay per hour."),
    ({"people_wanted": "0"}, "people_wanted", "Ask for at least one person."),
    ({"people_wanted": "twee"}, "people_wanted", "Fill in a whole number."),
    ({"respond_by": ""}, "respond_by", "Fill in a date."),
    ({"respond_by": "gisteren"}, "respond_by", "Fill in a date, like 2025-02-08."),
    ({"respond_by": in_days(-1).isoformat()}, "respond_by", "The deadline cannot be in the past."),
    ({"starts_on": in_days(10).isoformat(), "ends_on": in_days(5).isoformat()}, "ends_on", "cannot be before"),
    ({"themes": ["999999"]}, "themes", "Choose themes from the list."),
    ({"themes": ["abc"]}, "themes", "Choose themes from the list."),
    ({"area": "999999"}, "area", "Choose an area from the list."),
    ({"days": ["3"]}, "days", "Choose days from the list."),
    ({"audience": "world"}, "audience", "Choose one of the options in the list."),
]


@pytest.mark.parametrize(("change", "field", "message"), BAD, ids=[f"{row[1]}-{i}" for i, row in enumerate(BAD)])
def test_bad_input_is_refused_with_a_clear_message_and_kept(personas, client_for, change, field, message):
    data = form_data(organisation=str(personas.organisation.pk), **{"title": "Mijn titel blijft staan", **change})
    response = post_new(client_for(personas.orgrep), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert f'id="id_{field}_errors"' in page  # the message sits at its field
    if field != "title":
        assert 'value="Mijn titel blijft staan"' in page  # nothing the person typed is lost
    assert not Opportunity.objects.exists()


def test_an_inactive_theme_cannot_be_chosen(personas, client_for):
    old = ThemeFactory(is_active=False)
    data = form_data(organisation=str(personas.organisation.pk), themes=[str(old.pk)])
    response = post_new(client_for(personas.orgrep), data)
    assert response.status_code == 400
    assert "Choose themes from the list." in response.content.decode()


def test_html_and_script_are_shown_as_text_and_sanitised_in_the_description(personas, client_for):
    data = form_data(
        organisation=str(personas.organisation.pk),
        title="<script>alert(1)</script> Kom erbij",
        description="<script>alert(2)</script><img src=x onerror=alert(3)> [link](javascript:alert(4)) **ja**",
        offered_by="<b>Buurtteam</b>",
    )
    client = client_for(personas.orgrep)
    assert post_new(client, data).status_code == 302
    opportunity = Opportunity.objects.get()
    assert opportunity.title == "<script>alert(1)</script> Kom erbij"  # stored as typed
    assert "<script" not in opportunity.description_html
    assert "onerror" not in opportunity.description_html
    assert "javascript:" not in opportunity.description_html
    assert "<strong>ja</strong>" in opportunity.description_html
    page = client.get(url("detail", opportunity.pk)).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Kom erbij" in page
    assert "&lt;b&gt;Buurtteam&lt;/b&gt;" in page


def test_a_deadline_that_passed_may_stay_when_editing(personas, client_for):
    opportunity = OpportunityFactory(organisation=personas.organisation, respond_by=in_days(-3))
    data = form_data(organisation=str(personas.organisation.pk), respond_by=in_days(-3).isoformat(), title="Nieuw")
    response = client_for(personas.orgrep).post(url("edit", opportunity.pk), data)
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.title == "Nieuw"


@pytest.mark.parametrize(
    ("hours", "unit", "start", "end", "expected"),
    [
        ("10", "week", None, None, "43.3"),
        ("10", "month", None, None, "10.0"),
        ("10", "total", None, None, "10.0"),
        ("30", "total", 0, 90, "10.0"),  # 91 days: about three months
        ("30", "total", 0, 181, "5.0"),  # 182 days: about six months
        ("6", "total", 0, 6, "6.0"),  # less than a month: as is
        (None, "week", None, None, None),
    ],
)
def test_monthly_hours(hours, unit, start, end, expected):
    starts_on = in_days(start) if start is not None else None
    ends_on = in_days(end) if end is not None else None
    result = monthly_hours(Decimal(hours) if hours else None, unit, starts_on, ends_on)
    assert result == (Decimal(expected) if expected else None)
