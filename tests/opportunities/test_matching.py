"""The matching rules, one by one, seen from both sides: `opportunities_for(member)` and `match_count(opportunity)`."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from samenspel.members.models import Member
from samenspel.opportunities.models import WEEKDAYS, MatchingOptIn, Opportunity, kind_bit
from samenspel.opportunities.selectors.matching import match_count, match_summary, opportunities_for
from samenspel.opportunities.services import matching
from tests.factories.members import MemberFactory, ThemeFactory
from tests.factories.opportunities import AreaFactory, MatchingOptInFactory, OpportunityFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

MONDAY, TUESDAY, WEDNESDAY = (bit for bit, _label in WEEKDAYS[:3])


def fits(member, opportunity) -> bool:
    """Both reads agree, or the test fails: a member finds it exactly when they are counted for it."""
    found = opportunity in opportunities_for(member)
    counted = matching.matching_opt_ins(opportunity).filter(member=member).exists()
    assert found == counted, f"opportunities_for says {found}, match_count says {counted}"
    return found


@pytest.fixture
def theme():
    return ThemeFactory()


@pytest.fixture
def member(theme):
    person = MemberFactory()
    person.themes.add(theme)
    MatchingOptInFactory(member=person)
    return person


def test_an_opportunity_on_one_of_the_members_themes_fits(member, theme):
    assert fits(member, OpportunityFactory(themes=[theme]))


def test_an_opportunity_on_other_themes_does_not_fit(member):
    assert not fits(member, OpportunityFactory(themes=[ThemeFactory()]))


def test_an_opportunity_without_themes_fits_everyone_opted_in(member):
    other = MemberFactory()  # no themes at all
    MatchingOptInFactory(member=other)
    opportunity = OpportunityFactory()
    assert fits(member, opportunity) and fits(other, opportunity)


def test_a_member_without_an_opt_in_never_fits(theme):
    person = MemberFactory()
    person.themes.add(theme)
    opportunity = OpportunityFactory(themes=[theme])
    assert not fits(person, opportunity)
    assert match_count(opportunity) == 0


@pytest.mark.parametrize(
    ("status", "days_left", "found"),
    [
        (Opportunity.Status.PUBLISHED, 0, True),  # respond_by today: still open
        (Opportunity.Status.PUBLISHED, -1, False),
        (Opportunity.Status.DRAFT, 5, False),
        (Opportunity.Status.PENDING, 5, False),
        (Opportunity.Status.CLOSED, 5, False),
        (Opportunity.Status.FILLED, 5, False),
    ],
)
def test_only_published_opportunities_open_for_responses_are_for_you(member, status, days_left, found):
    opportunity = OpportunityFactory(
        status=status, respond_by=timezone.localdate() + datetime.timedelta(days=days_left)
    )
    assert (opportunity in opportunities_for(member)) is found
    assert match_count(opportunity) == 1  # the poster's count is about who would fit, whatever the state


def test_members_only_opportunities_fit_approved_members(member):
    assert fits(member, OpportunityFactory(audience=Opportunity.Audience.MEMBERS))


@pytest.mark.parametrize("status", [Member.Status.PENDING, Member.Status.REFUSED])
def test_members_not_approved_never_fit(status):
    person = MemberFactory(status=status)
    MatchingOptInFactory(member=person)
    opportunity = OpportunityFactory()
    assert list(opportunities_for(person)) == []
    assert match_count(opportunity) == 0


def test_an_inactive_account_is_not_counted():
    MatchingOptInFactory(member=MemberFactory(is_active=False))
    assert match_count(OpportunityFactory()) == 0


def test_kinds_none_chosen_means_every_kind(member):
    for kind in Opportunity.Kind.values:
        assert fits(member, OpportunityFactory(kind=kind))


def test_kinds_only_the_chosen_ones(member):
    MatchingOptIn.objects.filter(member=member).update(
        kinds=kind_bit(Opportunity.Kind.PAID_JOB) | kind_bit(Opportunity.Kind.RESEARCH)
    )
    assert fits(member, OpportunityFactory(kind=Opportunity.Kind.PAID_JOB))
    assert fits(member, OpportunityFactory(kind=Opportunity.Kind.RESEARCH))
    assert not fits(member, OpportunityFactory(kind=Opportunity.Kind.DESIGN_SESSION))
    assert not fits(member, OpportunityFactory(kind=Opportunity.Kind.VOLUNTEER))


@pytest.mark.parametrize(
    ("member_days", "opportunity_days", "expected"),
    [
        (0, MONDAY, True),  # any day
        (MONDAY, 0, True),  # no fixed days
        (MONDAY | TUESDAY, TUESDAY | WEDNESDAY, True),
        (MONDAY, TUESDAY | WEDNESDAY, False),
    ],
)
def test_days_intersect(member, member_days, opportunity_days, expected):
    MatchingOptIn.objects.filter(member=member).update(days=member_days)
    assert fits(member, OpportunityFactory(days=opportunity_days)) is expected


@pytest.mark.parametrize(
    ("member_hours", "monthly_hours", "expected"),
    [
        (None, Decimal("40"), True),  # no limit
        (8, None, True),  # the opportunity says nothing about hours
        (8, Decimal("8"), True),
        (8, Decimal("8.5"), False),
    ],
)
def test_hours_a_month(member, member_hours, monthly_hours, expected):
    MatchingOptIn.objects.filter(member=member).update(hours_per_month=member_hours)
    assert fits(member, OpportunityFactory(monthly_hours=monthly_hours)) is expected


def test_where_the_member_chose_no_areas_anywhere_fits(member):
    assert fits(member, OpportunityFactory(area=AreaFactory(name_nl="Noord", name_en="North")))


def test_where_only_the_chosen_areas_or_no_area(member):
    zuidoost, noord = (
        AreaFactory(name_nl="Zuidoost", name_en="South-East"),
        AreaFactory(name_nl="Noord", name_en="North"),
    )
    MatchingOptIn.objects.get(member=member).areas.set([zuidoost])
    assert fits(member, OpportunityFactory(area=zuidoost))
    assert fits(member, OpportunityFactory(area=None))
    assert not fits(member, OpportunityFactory(area=noord))


def test_where_online_fits_when_the_member_is_fine_with_online(member):
    zuidoost, noord = (
        AreaFactory(name_nl="Zuidoost", name_en="South-East"),
        AreaFactory(name_nl="Noord", name_en="North"),
    )
    choice = MatchingOptIn.objects.get(member=member)
    choice.areas.set([zuidoost])
    online_elsewhere = OpportunityFactory(area=noord, is_online=True)
    assert fits(member, online_elsewhere)
    MatchingOptIn.objects.filter(pk=choice.pk).update(online_ok=False)
    assert not fits(member, online_elsewhere)
    assert fits(member, OpportunityFactory(area=zuidoost, is_online=True))


def test_theme_visibility_does_not_matter_for_matching(theme):
    for visibility in Member.ThemeVisibility.values:
        person = MemberFactory(theme_visibility=visibility)
        person.themes.add(theme)
        MatchingOptInFactory(member=person)
    assert match_count(OpportunityFactory(themes=[theme])) == len(Member.ThemeVisibility.values)


def test_withdrawing_removes_the_member_from_every_match_at_once(member, theme):
    opportunities = [OpportunityFactory(themes=[theme]), OpportunityFactory(), OpportunityFactory(themes=[theme])]
    assert all(fits(member, opportunity) for opportunity in opportunities)
    assert matching.withdraw(member=member)
    assert list(opportunities_for(member)) == []
    assert [match_count(opportunity) for opportunity in opportunities] == [0, 0, 0]
    assert not matching.withdraw(member=member)  # nothing left to withdraw


def test_opting_in_again_after_withdrawing_makes_a_new_choice(member):
    matching.withdraw(member=member)
    choice, created = matching.opt_in(member=member, language="nl")
    assert created and MatchingOptIn.objects.filter(member=member).count() == 2
    assert fits(member, OpportunityFactory())
    assert choice.withdrawn_at is None


def test_the_count_counts_each_fitting_member_once(theme):
    other_theme = ThemeFactory()
    for _ in range(7):
        person = MemberFactory()
        person.themes.add(theme, other_theme)  # two shared themes: still one person
        MatchingOptInFactory(member=person)
    MatchingOptInFactory.create_batch(3)  # no themes
    assert match_count(OpportunityFactory(themes=[theme, other_theme])) == 7
    assert match_count(OpportunityFactory()) == 10


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (0, "Fewer than 5 people fit this."),
        (1, "Fewer than 5 people fit this."),
        (4, "Fewer than 5 people fit this."),
        (5, "5 people fit this."),
        (14, "14 people fit this."),
    ],
)
def test_the_summary_hides_numbers_below_five(count, text):
    assert match_summary(count) == text


def test_the_summary_in_dutch():
    from django.utils import translation

    with translation.override("nl"):
        assert match_summary(14) == "14 mensen passen hierbij."
        assert match_summary(3) == "Minder dan 5 mensen passen hierbij."


def test_both_reads_are_one_query_whatever_the_numbers(member, theme, django_assert_num_queries):
    areas = [AreaFactory() for _ in range(3)]
    MatchingOptIn.objects.get(member=member).areas.set(areas[:2])
    for index in range(30):
        person = MemberFactory()
        person.themes.add(theme)
        MatchingOptInFactory(member=person, areas=areas[index % 3 :])
        OpportunityFactory(themes=[theme], area=areas[index % 3], days=MONDAY, monthly_hours=Decimal(index))
    opportunity = OpportunityFactory(themes=[theme], area=areas[0], days=MONDAY, monthly_hours=Decimal("4"))
    with django_assert_num_queries(1):
        found = list(opportunities_for(member))
    assert len(found) == 21  # the 20 in its two areas and the last one
    with django_assert_num_queries(1):
        assert match_count(opportunity) == 1 + 10  # the member, and the ten who chose every area
