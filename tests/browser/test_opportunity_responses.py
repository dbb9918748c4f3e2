"""Responding to an opportunity and the respondents page in the browser: the form with and without
errors, my response, choosing someone, realised work; axe on each and no sideways scroll at 320 px."""

import pytest
from django.urls import reverse

from samenspel.circles.models import CircleMembership
from samenspel.opportunities.models import Opportunity, Response
from tests.factories.circles import CircleFactory, CircleMembershipFactory
from tests.factories.opportunities import OpportunityFactory

from .helpers import check, login, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"


def test_a_member_responds_and_the_poster_chooses_them(page, new_page):
    circle = CircleFactory(name="Kring Nieuw Werk", slug="nieuw-werk")
    lead = person("Karim Kartrekker", "karim@example.org")
    CircleMembershipFactory(circle=circle, member=lead, role=CircleMembership.Role.LEAD)
    job = OpportunityFactory(
        kind=Opportunity.Kind.PAID_JOB,
        pay=Opportunity.Pay.HOURLY,
        audience=Opportunity.Audience.MEMBERS,
        title="Ervaringsdeskundige buurtteam Zuidoost",
        offered_by="Buurtteam Zuidoost",
        circle=circle,
        created_by=lead,
    )
    member = person("Fatima El Amrani", "fatima@example.org")

    login(page, member.email, PASSWORD)
    page.goto(reverse("opportunities:respond", args=[job.pk]))
    check(page, "", "respond-form")
    with page.expect_navigation():
        page.get_by_role("button", name="Verstuur mijn reactie").click()
    assert page.get_by_text("Schrijf een korte tekst.").count() >= 1
    check(page, "", "respond-form-errors")

    page.get_by_label("Waarom wil je dit doen?").fill("Ik ken de buurt en help graag mee. <b>Echt!</b>")
    page.get_by_label("mijn telefoonnummer").check()
    page.get_by_label("Je telefoonnummer").fill("06 12345678")
    with page.expect_navigation():
        page.get_by_role("button", name="Verstuur mijn reactie").click()
    assert page.url.endswith(reverse("opportunities:my_response", args=[job.pk]))
    assert page.get_by_text("Ik ken de buurt en help graag mee. <b>Echt!</b>").count() == 1
    check(page, "", "my-response")

    poster = new_page()
    login(poster, lead.email, PASSWORD)
    poster.goto(reverse("opportunities:responses", args=[job.pk]))
    assert poster.get_by_text("06 12345678").count() == 1
    check(poster, "", "respondents")
    with poster.expect_navigation():
        poster.get_by_role("button", name="Kies Fatima El Amrani").click()
    assert Response.objects.get().status == Response.Status.CHOSEN
    check(poster, "", "respondents-after-choosing")

    with poster.expect_navigation():
        poster.get_by_role("link", name="Vul de uren en betalingen in").click()
    check(poster, "", "realised-work")

    poster.goto(reverse("circles:detail", args=[circle.slug]))
    assert poster.get_by_role("heading", name="Wat onze kansen opleverden").count() == 1
    check(poster, "", "circle-with-opportunity-figures")
