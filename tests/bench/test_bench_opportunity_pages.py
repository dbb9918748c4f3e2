"""The opportunities' bench pages: the seed has published opportunities in proportion to the factor,
the measured member gets an opt-in with matches, and the pages answer 200."""

import pytest
from django.test import Client
from django.urls import reverse

from samenspel.demo.bench import opportunity_pages
from samenspel.opportunities.models import MatchingOptIn, Opportunity
from tests.factories.members import MemberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.bench]


def test_the_seed_grows_with_the_factor_and_the_member_has_matches():
    assert opportunity_pages.seed_opportunities(1)["opportunities"] == opportunity_pages.PER_FACTOR
    assert opportunity_pages.seed_opportunities(3)["opportunities"] == 3 * opportunity_pages.PER_FACTOR
    bench = Opportunity.objects.filter(title__startswith=opportunity_pages.TITLE_PREFIX)
    assert bench.count() == 3 * opportunity_pages.PER_FACTOR  # made again, not added
    member = MemberFactory()
    picked = opportunity_pages.pick(member)
    assert MatchingOptIn.objects.filter(member=member, withdrawn_at__isnull=True).count() == 1
    client = Client()
    client.force_login(member)
    assert client.get(reverse("opportunities:detail", args=[picked])).status_code == 200
    page = client.get(reverse("opportunities:for_you")).content.decode()
    assert opportunity_pages.TITLE_PREFIX in page  # the ones asking for no theme fit everyone
    assert Client().get(reverse("opportunities:detail", args=[picked])).status_code == 200  # public
