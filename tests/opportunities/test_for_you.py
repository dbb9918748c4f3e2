""" "Kansen voor jou" (page and home), and what the people who manage an opportunity see of the matching."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from samenspel.members.models import Member
from samenspel.opportunities.models import MatchingOptIn, Opportunity
from tests.factories.members import MemberFactory, ThemeFactory
from tests.factories.opportunities import AreaFactory, MatchingOptInFactory, OpportunityFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

URL = reverse("opportunities:for_you")


def _fitting(theme, count: int, **member) -> list[Member]:
    people = []
    for _ in range(count):
        person = MemberFactory(**member)
        person.themes.add(theme)
        MatchingOptInFactory(member=person)
        people.append(person)
    return people


def test_without_an_opt_in_the_page_invites_to_opt_in(client_for, personas):
    OpportunityFactory(title="Ontwerpsessie Life-events")
    response = client_for(personas.member).get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Would you like invitations?" in page
    assert reverse("opportunities:invitations") in page
    assert "Ontwerpsessie Life-events" not in page


def test_the_page_lists_what_fits_and_not_the_rest(client_for, personas):
    theme = ThemeFactory()
    personas.member.themes.add(theme)
    MatchingOptInFactory(member=personas.member, kinds=0)
    OpportunityFactory(title="Betaalde baan in Zuidoost", themes=[theme], kind=Opportunity.Kind.PAID_JOB)
    OpportunityFactory(title="Other theme", themes=[ThemeFactory()])
    OpportunityFactory(title="Past its deadline", respond_by=timezone.localdate() - datetime.timedelta(days=1))
    page = client_for(personas.member).get(URL).content.decode()
    assert "Betaalde baan in Zuidoost" in page
    assert "Other theme" not in page and "Past its deadline" not in page
    assert "every kind" in page and "anywhere in the city" in page


def test_an_opted_in_member_with_nothing_fitting_reads_so(client_for, personas):
    MatchingOptInFactory(member=personas.member)
    page = client_for(personas.member).get(URL).content.decode()
    assert "Nothing fits your wishes right now." in page


def test_the_page_costs_the_same_queries_with_many_rows(client_for, personas, django_assert_max_num_queries):
    theme = ThemeFactory()
    personas.member.themes.add(theme)
    areas = [AreaFactory() for _ in range(3)]
    MatchingOptInFactory(member=personas.member, areas=areas[:2])
    client = client_for(personas.member)
    OpportunityFactory(themes=[theme], area=areas[0])
    client.get(URL)
    with django_assert_max_num_queries(20) as few:
        client.get(URL)
    for index in range(40):
        OpportunityFactory(themes=[theme, ThemeFactory()], area=areas[index % 2], is_online=True)
    _fitting(theme, 30)
    client.get(URL)  # warm again: the menu's cached fragments
    with django_assert_max_num_queries(20) as many:
        response = client.get(URL)
    assert response.content.decode().count('class="utrecht-heading-3"') == 25  # a full page
    assert [q["sql"][:90] for q in many.captured_queries] == [q["sql"][:90] for q in few.captured_queries]


def test_the_home_page_shows_what_fits_with_a_link_to_the_rest(client_for, personas):
    MatchingOptInFactory(member=personas.member)
    for index in range(7):
        OpportunityFactory(title=f"Kans {index}", respond_by=timezone.localdate() + datetime.timedelta(days=index))
    page = client_for(personas.member).get(reverse("home")).content.decode()
    assert "Kans 0" in page and "Kans 4" in page and "Kans 5" not in page
    assert "More opportunities for you" in page and URL in page


def test_the_home_page_says_nothing_of_opportunities_without_an_opt_in(client_for, personas):
    OpportunityFactory(title="Kans voor iedereen")
    assert "Kans voor iedereen" not in client_for(personas.member).get(reverse("home")).content.decode()


# --- what the people who manage it see ----------------------------------------------------------------


@pytest.fixture
def posted(personas):
    """An opportunity of the representative's organisation, on one theme."""
    theme = ThemeFactory(name_en="Debt")
    return OpportunityFactory(organisation=personas.organisation, themes=[theme], title="Onderzoek schulden"), theme


def test_the_poster_sees_how_many_fit_never_who(client_for, personas, posted):
    opportunity, theme = posted
    people = _fitting(theme, 14, theme_visibility=Member.ThemeVisibility.COORDINATORS)
    response = client_for(personas.orgrep).get(reverse("opportunities:matches", args=[opportunity.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "14 people fit this." in page
    assert not any(person.name in page or person.email in page for person in people)


def test_below_five_the_poster_reads_fewer_than_five(client_for, personas, posted):
    opportunity, theme = posted
    (alone,) = _fitting(theme, 1, name="Hidden Themes Person", theme_visibility=Member.ThemeVisibility.COORDINATORS)
    page = client_for(personas.orgrep).get(reverse("opportunities:matches", args=[opportunity.pk])).content.decode()
    assert "Fewer than 5 people fit this." in page
    assert "1 person" not in page and alone.name not in page


@pytest.mark.parametrize("persona", ["member", "outsider", "kartrekker", "municipality"])
def test_nobody_else_sees_the_count(client_for, personas, posted, persona):
    opportunity, _theme = posted
    response = client_for(getattr(personas, persona)).get(reverse("opportunities:matches", args=[opportunity.pk]))
    assert response.status_code == 403


def test_the_count_of_a_hidden_opportunity_is_not_found(client_for, personas, posted):
    opportunity, _theme = posted
    Opportunity.objects.filter(pk=opportunity.pk).update(status=Opportunity.Status.DRAFT)
    assert client_for(personas.outsider).get(reverse("opportunities:matches", args=[opportunity.pk])).status_code == 404


def test_a_visitor_is_sent_to_log_in_for_the_count(client, posted):
    opportunity, _theme = posted
    response = client.get(reverse("opportunities:matches", args=[opportunity.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("persona", "shown"), [("orgrep", True), ("coordinator", True), ("member", False), (None, False)]
)
def test_the_detail_page_part_shows_the_count_to_managers_only(client_for, personas, posted, persona, shown):
    """The include the detail page renders (opportunities/_detail_extra.html) checks who asks itself,
    even when the page says `may_manage` wrongly; and the detail page shows it to managers only."""
    opportunity, theme = posted
    _fitting(theme, 6)
    request = RequestFactory().get("/")
    request.user = getattr(personas, persona) if persona else _anonymous()
    context = {"opportunity": opportunity, "may_manage": True}
    html = render_to_string("opportunities/_detail_extra.html", context, request=request)
    assert ("6 people fit this." in html) is shown
    page = client_for(request.user if persona else None).get(reverse("opportunities:detail", args=[opportunity.pk]))
    assert page.status_code == 200
    assert ("6 people fit this." in page.content.decode()) is shown


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def test_withdrawn_members_are_not_counted(client_for, personas, posted):
    opportunity, theme = posted
    people = _fitting(theme, 6)
    url = reverse("opportunities:matches", args=[opportunity.pk])
    assert "6 people fit this." in client_for(personas.orgrep).get(url).content.decode()
    MatchingOptIn.objects.filter(member=people[0]).update(withdrawn_at=timezone.now())
    assert "5 people fit this." in client_for(personas.orgrep).get(url).content.decode()
