"""Matching in the browser, without JavaScript needed: a member reads the invitation on "Kansen voor jou",
opts in with wishes, sees what fits, changes a wish, and stops; axe on every page, 320 px wide."""

import pytest
from allauth.account.models import EmailAddress

from samenspel.opportunities.models import MatchingOptIn, Opportunity
from tests.factories.members import ConsentTextFactory, MemberFactory, ThemeFactory
from tests.factories.opportunities import AreaFactory, OpportunityFactory

from .helpers import check, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"


@pytest.fixture
def member(db):
    ConsentTextFactory(version=1)
    debt = ThemeFactory(name_nl="Schulden", name_en="Debt")
    person = MemberFactory(name="Sanne Member", email="sanne@example.org")
    person.themes.add(debt)
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    zuidoost = AreaFactory(name_nl="Zuidoost", name_en="South-East")
    noord = AreaFactory(name_nl="Noord", name_en="North")
    OpportunityFactory(title="Ontwerpsessie Life-events", themes=[debt], area=zuidoost)
    OpportunityFactory(title="Betaalde baan in Noord", themes=[debt], kind=Opportunity.Kind.PAID_JOB, area=noord)
    OpportunityFactory(title="Onderzoek op een ander thema", themes=[ThemeFactory()])
    return person


def test_a_member_opts_in_sees_what_fits_changes_a_wish_and_stops(page, member):
    login(page, member.email, PASSWORD)
    page.goto("/opportunities/for-you/")
    assert "Wil je uitnodigingen krijgen?" in page.content()
    check(page, "", "Kansen voor jou, not opted in")

    page.get_by_role("link", name="Ja, ik wil uitnodigingen").click()
    page.wait_for_load_state()
    check(page, "", "the opt-in page")
    page.locator("input[name=kinds][value=design_session]").check()
    page.locator("input[name=kinds][value=paid_job]").check()
    page.get_by_label("Zuidoost").check()
    # Without ticking "yes" nothing is saved, and the wishes stay ticked.
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, nodig mij uit").click()
    assert (
        "Vink het vakje aan om ja te zeggen." in page.content() or page.locator(".utrecht-form-field--invalid").count()
    )
    assert page.get_by_label("Zuidoost").is_checked()
    check(page, "", "the opt-in page with an error")
    page.get_by_label("Ik wil uitnodigingen voor kansen die bij mijn thema's passen", exact=False).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, nodig mij uit").click()
    assert MatchingOptIn.objects.filter(member=member, withdrawn_at__isnull=True).count() == 1
    check(page, "", "the opt-in page, opted in")

    page.get_by_role("link", name="Kansen voor jou").click()
    page.wait_for_load_state()
    content = page.content()
    assert "Ontwerpsessie Life-events" in content
    assert "Betaalde baan in Noord" not in content  # Noord is not one of the chosen areas
    assert "Onderzoek op een ander thema" not in content
    check(page, "", "Kansen voor jou")

    page.goto("/opportunities/invitations/")
    page.get_by_label("Noord").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Bewaar mijn wensen").click()
    page.goto("/opportunities/for-you/")
    assert "Betaalde baan in Noord" in page.content()

    page.goto("/opportunities/invitations/")
    with page.expect_navigation():
        page.get_by_role("button", name="Stop de uitnodigingen").click()
    assert MatchingOptIn.objects.get(member=member).withdrawn_at is not None
    page.goto("/opportunities/for-you/")
    assert "Wil je uitnodigingen krijgen?" in page.content()
