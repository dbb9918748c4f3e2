"""The cached parts of the list, the detail page and "Kansen voor jou": the next request shows a
change, a change to one opportunity leaves another's cached part in place, nothing leaks between
viewers, and warm pages cost a fixed number of queries however many rows there are."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from samenspel.opportunities.models import Opportunity
from samenspel.opportunities.services import matching
from tests.factories.members import MemberFactory, ThemeFactory
from tests.factories.opportunities import AreaFactory, MatchingOptInFactory, OpportunityFactory

from .helpers_posting import in_days

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

LIST = reverse("opportunities:list")
FOR_YOU = reverse("opportunities:for_you")


def detail(opportunity) -> str:
    return reverse("opportunities:detail", args=[opportunity.pk])


def page_of(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def fragment_keys() -> set:
    return {key for key in caches["pages"]._cache if "opportunity-facts" in key}


# --- the next request shows the change ---------------------------------------------------------


def test_the_list_shows_a_published_closed_and_edited_opportunity_at_the_next_request(client_for, personas):
    opportunity = OpportunityFactory(title="Ontwerpsessie Zorg", status=Opportunity.Status.PENDING)
    client = client_for(personas.coordinator)
    assert "Ontwerpsessie Zorg" not in page_of(client, LIST)
    client.post(reverse("opportunities:approve", args=[opportunity.pk]))
    assert "Ontwerpsessie Zorg" in page_of(client, LIST)
    visitor = client_for(None)
    assert "Ontwerpsessie Zorg" in page_of(visitor, LIST)
    opportunity.refresh_from_db()
    opportunity.title = "Ontwerpsessie Wonen"
    opportunity.save()
    assert "Ontwerpsessie Wonen" in page_of(visitor, LIST)
    client_for(personas.coordinator).post(reverse("opportunities:close", args=[opportunity.pk]))
    assert "Ontwerpsessie Wonen" not in page_of(client_for(None), LIST)


def test_the_detail_page_shows_an_edit_and_a_theme_at_the_next_request(client):
    opportunity = OpportunityFactory(offered_by="Buurtteam Oost")
    assert "Buurtteam Oost" in page_of(client, detail(opportunity))
    opportunity.offered_by = "Buurtteam West"
    opportunity.save()
    assert "Buurtteam West" in page_of(client, detail(opportunity))
    opportunity.themes.add(ThemeFactory(name_en="Debts and money"))
    assert "Debts and money" in page_of(client, detail(opportunity))


def test_an_area_renamed_shows_at_the_next_request(client):
    area = AreaFactory(name_nl="Noord", name_en="North")
    opportunity = OpportunityFactory(area=area)
    assert "North" in page_of(client, detail(opportunity))
    area.name_en = "North-West"
    area.save()
    assert "North-West" in page_of(client, detail(opportunity))


def test_a_change_to_one_opportunity_leaves_the_others_cached_part_in_place(client):
    first, second = OpportunityFactory(title="Kans A"), OpportunityFactory(title="Kans B")
    page_of(client, detail(first))
    page_of(client, detail(second))
    before = fragment_keys()
    assert len(before) == 2
    first.title = "Kans A nieuw"
    first.save()
    assert "Kans A nieuw" in page_of(client, detail(first))
    after = fragment_keys()
    assert len(after) == 3  # a new fragment for A; B's is still the one it was
    page_of(client, detail(second))
    assert fragment_keys() == after


def test_kansen_voor_jou_shows_a_new_opportunity_a_changed_opt_in_and_changed_themes(client_for, personas):
    theme, other = ThemeFactory(), ThemeFactory()
    personas.member.themes.add(theme)
    area, elsewhere = AreaFactory(), AreaFactory()
    MatchingOptInFactory(member=personas.member)
    client = client_for(personas.member)
    assert "Nothing fits your wishes right now." in page_of(client, FOR_YOU)
    OpportunityFactory(title="Onderzoek armoede", themes=[theme], area=area)
    assert "Onderzoek armoede" in page_of(client, FOR_YOU)
    # the opt-in's areas (many-to-many): only elsewhere now
    choice = matching.active_opt_in(personas.member)
    choice.areas.set([elsewhere])
    assert "Onderzoek armoede" not in page_of(client, FOR_YOU)
    choice.areas.set([area])
    assert "Onderzoek armoede" in page_of(client, FOR_YOU)
    # the member's own themes
    personas.member.themes.set([other])
    assert "Onderzoek armoede" not in page_of(client, FOR_YOU)
    personas.member.themes.add(theme)
    assert "Onderzoek armoede" in page_of(client, FOR_YOU)
    # the wishes (a save of the opt-in), then withdrawing (an update: no signal)
    choice.kinds = 1 << 10  # no kind has this bit
    choice.save()
    assert "Onderzoek armoede" not in page_of(client, FOR_YOU)
    choice.kinds = 0
    choice.save()
    assert "Onderzoek armoede" in page_of(client, FOR_YOU)
    assert matching.withdraw(member=personas.member)
    assert "Would you like invitations?" in page_of(client, FOR_YOU)


def test_kansen_voor_jou_drops_an_opportunity_whose_deadline_passed(client_for, personas, monkeypatch):
    MatchingOptInFactory(member=personas.member)
    OpportunityFactory(title="Laatste dag", respond_by=in_days(0))
    client = client_for(personas.member)
    assert "Laatste dag" in page_of(client, FOR_YOU)
    assert "Laatste dag" in page_of(client_for(None), LIST)
    tomorrow = in_days(1)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: tomorrow)
    assert "Laatste dag" not in page_of(client_for(personas.member), FOR_YOU)
    assert "Laatste dag" not in page_of(client_for(None), LIST)


# --- no leak -----------------------------------------------------------------------------------


def test_a_members_only_opportunity_never_reaches_a_visitor_from_the_cache(client_for, personas):
    hidden = OpportunityFactory(title="Alleen voor leden", audience=Opportunity.Audience.MEMBERS)
    member = client_for(personas.member)
    assert "Alleen voor leden" in page_of(member, LIST)
    assert "Alleen voor leden" in page_of(member, detail(hidden))
    visitor = client_for(None)
    assert "Alleen voor leden" not in page_of(visitor, LIST)
    assert visitor.get(detail(hidden)).status_code == 404
    assert client_for(personas.pending).get(detail(hidden)).status_code == 404


def test_a_managers_match_count_and_buttons_never_show_to_another_member(client_for, personas):
    theme = ThemeFactory()
    opportunity = OpportunityFactory(title="Kans van de kring", circle=personas.circle, themes=[theme])
    for _ in range(6):
        person = MemberFactory()
        person.themes.add(theme)
        MatchingOptInFactory(member=person)
    manager = page_of(client_for(personas.kartrekker), detail(opportunity))
    assert "6 people fit this." in manager and reverse("opportunities:edit", args=[opportunity.pk]) in manager
    other = page_of(client_for(personas.outsider), detail(opportunity))
    assert "people fit this" not in other
    assert reverse("opportunities:edit", args=[opportunity.pk]) not in other
    assert reverse("opportunities:responses", args=[opportunity.pk]) not in other
    assert "Status" not in other


def test_kansen_voor_jou_is_each_members_own(client_for, personas):
    theme = ThemeFactory()
    personas.member.themes.add(theme)
    MatchingOptInFactory(member=personas.member)
    OpportunityFactory(title="Past bij Mila", themes=[theme])
    assert "Past bij Mila" in page_of(client_for(personas.member), FOR_YOU)
    MatchingOptInFactory(member=personas.outsider)
    assert "Past bij Mila" not in page_of(client_for(personas.outsider), FOR_YOU)


# --- queries -----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_warm_pages_cost_the_same_queries_with_many_rows(who, client_for, personas, django_assert_max_num_queries):
    theme = ThemeFactory()
    personas.member.themes.add(theme)
    MatchingOptInFactory(member=personas.member)
    first = OpportunityFactory(themes=[theme], area=AreaFactory())
    client = client_for(None if who == "visitor" else personas.member)
    paths = [LIST, detail(first)] + ([FOR_YOU] if who == "member" else [])

    def counts() -> list[int]:
        found = []
        for path in paths:
            page_of(client, path)  # warm
            with django_assert_max_num_queries(15) as queries:
                page_of(client, path)
            found.append(len(queries.captured_queries))
        return found

    few = counts()
    for index in range(30):
        OpportunityFactory(
            themes=[theme, ThemeFactory()], area=AreaFactory(), audience="members" if index % 2 else "public"
        )
    assert counts() == few


# --- who may post or manage: kept under the member's version, exact at the next request -------------


def test_becoming_and_ceasing_to_be_a_kartrekker_or_representative_shows_at_the_next_request(client_for, personas):
    """The circles a member leads and the organisations they represent are kept per member under
    their version: in the same session, a new role lets them post and manage at the next request,
    and a role taken away stops both at once (an escalation check)."""
    from samenspel.circles.models import CircleMembership
    from tests.factories.circles import CircleMembershipFactory

    circle, organisation = personas.circle, personas.organisation
    for_circle = OpportunityFactory(title="Voor de kring", circle=circle, organisation=None)
    for_organisation = OpportunityFactory(title="Voor de organisatie", circle=None, organisation=organisation)
    member = personas.outsider
    client = client_for(member)
    post = "Post an opportunity"

    def manages(opportunity) -> bool:
        return 'id="manage-heading"' in page_of(client, detail(opportunity))

    assert post not in page_of(client, LIST)
    assert not manages(for_circle) and not manages(for_organisation)

    lead = CircleMembershipFactory(circle=circle, member=member, role=CircleMembership.Role.LEAD)
    assert post in page_of(client, LIST)
    assert manages(for_circle) and not manages(for_organisation)
    lead.role = CircleMembership.Role.MEMBER  # steps down, stays in the circle
    lead.save()
    assert post not in page_of(client, LIST)
    assert not manages(for_circle)
    assert client.get(reverse("opportunities:create")).status_code == 403
    lead.delete()

    organisation.representatives.add(member)
    assert post in page_of(client, LIST)
    assert manages(for_organisation) and not manages(for_circle)
    organisation.representatives.remove(member)
    assert post not in page_of(client, LIST)
    assert not manages(for_organisation)
    assert client.get(reverse("opportunities:create")).status_code == 403
