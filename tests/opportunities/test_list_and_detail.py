"""The list of open opportunities (who sees which, filters, pages, queries), the detail page, and
the poster's own list."""

import pytest
from django.urls import reverse

from tests.factories.members import ThemeFactory
from tests.factories.opportunities import AreaFactory, OpportunityFactory

from .helpers_posting import in_days, url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def titles(response) -> list[str]:
    return [opportunity.title for opportunity in response.context["opportunities"]]


def test_visitors_see_public_ones_and_members_also_members_only_ones(personas, client_for):
    OpportunityFactory(title="Openbaar", audience="public")
    OpportunityFactory(title="Voor leden", audience="members")
    OpportunityFactory(title="Concept", status="draft")
    OpportunityFactory(title="Wacht", status="pending")
    OpportunityFactory(title="Dicht", status="closed")
    OpportunityFactory(title="Vol", status="filled")
    OpportunityFactory(title="Verlopen", respond_by=in_days(-1))
    OpportunityFactory(title="Vandaag", respond_by=in_days(0))
    visitor = client_for(None).get(url("list"))
    assert sorted(titles(visitor)) == ["Openbaar", "Vandaag"]
    assert "Sign up to respond" in visitor.content.decode()
    assert sorted(titles(client_for(personas.member).get(url("list")))) == ["Openbaar", "Vandaag", "Voor leden"]
    assert sorted(titles(client_for(personas.pending).get(url("list")))) == ["Openbaar", "Vandaag"]


def test_the_filters_work_without_javascript(client):
    theme, area = ThemeFactory(name_en="Debt"), AreaFactory(name_nl="Noord", name_en="North")
    OpportunityFactory(title="Betaald werk", kind="paid_job", pay="hourly", hourly_rate=20, themes=[theme], area=area)
    OpportunityFactory(title="Onderzoek", kind="research", pay="none")
    OpportunityFactory(title="Opdracht", kind="paid_assignment", pay="fee", fee=100)
    assert titles(client.get(url("list"), {"kind": "research"})) == ["Onderzoek"]
    assert sorted(titles(client.get(url("list"), {"paid": "yes"}))) == ["Betaald werk", "Opdracht"]
    assert titles(client.get(url("list"), {"paid": "no"})) == ["Onderzoek"]
    assert titles(client.get(url("list"), {"theme": theme.pk})) == ["Betaald werk"]
    assert titles(client.get(url("list"), {"area": area.pk})) == ["Betaald werk"]
    assert titles(client.get(url("list"), {"area": area.pk, "kind": "research"})) == []
    page = client.get(url("list"), {"area": area.pk, "kind": "research"}).content.decode()
    assert "No opportunity fits these filters." in page
    assert '<form method="get"' in page


def test_a_bad_filter_shows_an_error_and_is_left_out(client):
    OpportunityFactory(title="Een")
    response = client.get(url("list"), {"kind": "lottery", "theme": "999999", "paid": "maybe"})
    assert response.status_code == 200
    assert titles(response) == ["Een"]
    assert "Select a valid choice. lottery is not one of the available choices." in response.content.decode()


def test_an_empty_list_says_so(client):
    page = client.get(url("list")).content.decode()
    assert "There are no open opportunities right now." in page


def test_twenty_a_page_soonest_deadline_first_and_the_filters_stay_on_the_next_page(client):
    for n in range(45):
        OpportunityFactory(title=f"Kans {n:02d}", respond_by=in_days(n + 1), kind="research")
    first = client.get(url("list"), {"kind": "research"})
    assert titles(first) == [f"Kans {n:02d}" for n in range(20)]
    assert "kind=research&amp;page=2" in first.content.decode()
    third = client.get(url("list"), {"kind": "research", "page": 3})
    assert titles(third) == [f"Kans {n:02d}" for n in range(40, 45)]


@pytest.mark.parametrize("persona", ["visitor", "member"])
def test_the_list_costs_the_same_number_of_queries_with_many_rows(
    personas, client_for, django_assert_max_num_queries, persona
):
    client = client_for(getattr(personas, persona))
    themes = ThemeFactory.create_batch(3)
    area = AreaFactory()
    OpportunityFactory(themes=themes, area=area, organisation=personas.organisation)
    client.get(url("list"))
    with django_assert_max_num_queries(40) as few:
        client.get(url("list"))
    few_count = len(few.captured_queries)  # now: the connection keeps only the last 9000 queries
    for n in range(60):
        OpportunityFactory(themes=themes, area=area, audience="public" if n % 2 else "members", circle=personas.circle)
    client.get(url("list"))  # new opportunities bump the content version: the member is read again once
    with django_assert_max_num_queries(few_count):
        response = client.get(url("list"))
    # Counted on the page as shown: a visitor's page may be a kept copy, without context.
    assert (
        response.content.decode().count('<h3 class="utrecht-heading-3"><a class="utrecht-link" href="/opportunities/')
        == 20
    )


def test_the_detail_page_says_everything_in_plain_words(client):
    theme = ThemeFactory(name_en="Poverty")
    opportunity = OpportunityFactory(
        title="Betaalde klus",
        kind="paid_assignment",
        offered_by="Herstel-Lab",
        pay="hourly",
        hourly_rate="22.50",
        expense_allowance=True,
        hours=4,
        hours_unit="week",
        area=AreaFactory(name_nl="Zuidoost", name_en="South-East"),
        location="Bijlmerplein 1",
        is_online=True,
        days=1 | 4,
        when_note="ochtenden",
        people_wanted=3,
        themes=[theme],
    )
    page = client.get(url("detail", opportunity.pk)).content.decode()
    for text in [
        "Betaalde klus",
        "Paid assignment",
        "Herstel-Lab",
        "Paid: €22.50 an hour, and expenses are paid",
        "4 hours a week",
        "South-East, Bijlmerplein 1",
        "It can also be done online.",
        "On monday, wednesday",
        "ochtenden",
        "Poverty",
        "Sign up to respond",
        "<strong>mee willen denken</strong>",
    ]:
        assert text in page, text
    assert "Manage" not in page
    assert "Status" not in page


def test_managers_see_the_status_and_the_buttons(personas, client_for):
    opportunity = OpportunityFactory(organisation=personas.organisation, status="published")
    page = client_for(personas.orgrep).get(url("detail", opportunity.pk)).content.decode()
    assert "Published" in page
    assert url("close", opportunity.pk) in page and url("edit", opportunity.pk) in page
    member_page = client_for(personas.member).get(url("detail", opportunity.pk)).content.decode()
    assert url("close", opportunity.pk) not in member_page


@pytest.mark.parametrize("persona", ["visitor", "pending"])
def test_a_members_only_opportunity_is_404_for_people_who_are_not_members(personas, client_for, persona):
    opportunity = OpportunityFactory(audience="members")
    assert client_for(getattr(personas, persona)).get(url("detail", opportunity.pk)).status_code == 404
    assert client_for(personas.member).get(url("detail", opportunity.pk)).status_code == 200


def test_an_unknown_or_huge_id_is_404(client):
    assert client.get(url("detail", 999999)).status_code == 404
    assert client.get("/opportunities/99999999999999999999/").status_code == 404


def test_mine_lists_what_a_poster_manages_in_every_state(personas, client_for):
    for status in ("draft", "pending", "published", "closed", "filled"):
        OpportunityFactory(title=f"Van ons {status}", status=status, organisation=personas.organisation)
    OpportunityFactory(title="Van een ander", status="draft")
    response = client_for(personas.orgrep).get(url("mine"))
    assert sorted(titles(response)) == sorted(
        f"Van ons {s}" for s in ("draft", "pending", "published", "closed", "filled")
    )
    assert "Waiting for approval" in response.content.decode()
    everything = client_for(personas.coordinator).get(url("mine"))
    assert len(titles(everything)) == 6


def test_mine_is_403_for_members_who_do_not_post(personas, client_for):
    assert client_for(personas.member).get(url("mine")).status_code == 403
    assert client_for(None).get(url("mine")).status_code == 302


def test_mine_costs_the_same_number_of_queries_with_many_rows(personas, client_for, django_assert_max_num_queries):
    client = client_for(personas.orgrep)
    OpportunityFactory(organisation=personas.organisation, area=AreaFactory())
    with django_assert_max_num_queries(40) as few:
        client.get(url("mine"))
    OpportunityFactory.create_batch(30, organisation=personas.organisation, status="draft", area=AreaFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url("mine")).status_code == 200


def test_the_menu_links_to_the_opportunities_for_everyone(personas, client_for):
    for person in (None, personas.member):
        page = client_for(person).get(reverse("home")).content.decode()
        assert f'href="{url("list")}"' in page
        assert ">Opportunities<" in page
