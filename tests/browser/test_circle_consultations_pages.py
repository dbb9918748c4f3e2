"""A circle's own consultation in the browser: the circle page lists its open round, and the
kartrekker's "Start een raadpleging" opens the document form with the circle chosen; axe on each
and no sideways scroll at 320 px."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from samenspel.circles.models import CircleMembership
from samenspel.consultations.models import Round
from tests.factories.circles import CircleFactory, CircleMembershipFactory
from tests.factories.consultations import DocumentFactory, ParagraphFactory, RoundFactory, VersionFactory
from tests.factories.members import MemberFactory

from .helpers import check, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"


def test_a_kartrekker_sees_the_circles_round_and_starts_a_consultation(page):
    circle = CircleFactory(name="Kring Buurtteams Bondgenoten", slug="buurtteams")
    lead = MemberFactory(name="Karim Kartrekker", email="karim@example.org")
    EmailAddress.objects.create(user=lead, email=lead.email, verified=True, primary=True)
    CircleMembershipFactory(circle=circle, member=lead, role=CircleMembership.Role.LEAD)
    document = DocumentFactory(circle=circle, is_public=False, title="Functieprofiel ervaringsdeskundige")
    version = VersionFactory(document=document, label="0.1")
    ParagraphFactory(version=version)
    RoundFactory(version=version, audience=Round.Audience.CIRCLE, title="Reageer op het functieprofiel")

    login(page, lead.email, PASSWORD)
    page.goto(reverse("circles:detail", args=[circle.slug]))
    assert page.get_by_role("link", name="Reageer op het functieprofiel").count() == 1
    check(page, "", "circle-consultations")
    with page.expect_navigation():
        page.get_by_role("link", name="Start een raadpleging").click()
    assert page.get_by_label("Voor de kring").input_value() == str(circle.pk)
    check(page, "", "circle-document-form")
