"""The part of the opportunity's page about responding (`opportunities/_detail_extra.html`)."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from samenspel.opportunities.models import Opportunity
from tests.factories.opportunities import ResponseFactory

pytestmark = pytest.mark.usefixtures("english")


def render(user, opportunity, **context):
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string(
        "opportunities/_detail_extra.html", {"opportunity": opportunity, **context}, request=request
    )


def test_a_member_sees_the_respond_link_then_their_response(personas, opportunity):
    html = render(personas.outsider, opportunity, is_open=True, may_manage=False)
    assert reverse("opportunities:respond", args=[opportunity.pk]) in html
    assert reverse("opportunities:responses", args=[opportunity.pk]) not in html
    ResponseFactory(opportunity=opportunity, member=personas.outsider)
    html = render(personas.outsider, opportunity, is_open=True, may_manage=False)
    assert "You responded. Status: Waiting for an answer." in html
    assert reverse("opportunities:my_response", args=[opportunity.pk]) in html


def test_a_manager_gets_the_respondents_and_visitors_get_nothing_extra(personas, opportunity):
    from django.contrib.auth.models import AnonymousUser

    assert render(AnonymousUser(), opportunity, is_open=True, may_manage=False).strip() == ""
    html = render(personas.kartrekker, opportunity, is_open=False, may_manage=True)
    assert reverse("opportunities:respond", args=[opportunity.pk]) not in html
    assert reverse("opportunities:responses", args=[opportunity.pk]) in html


def test_the_opportunity_page_shows_the_parts(personas, client_for, opportunity):
    url = reverse("opportunities:detail", args=[opportunity.pk])
    member_page = client_for(personas.outsider).get(url).content.decode()
    assert reverse("opportunities:respond", args=[opportunity.pk]) in member_page
    assert reverse("opportunities:responses", args=[opportunity.pk]) not in member_page
    poster_page = client_for(personas.kartrekker).get(url).content.decode()
    assert reverse("opportunities:responses", args=[opportunity.pk]) in poster_page
    opportunity.audience = Opportunity.Audience.PUBLIC
    opportunity.save()
    visitor_page = client_for(None).get(url).content.decode()
    assert visitor_page.count('id="respond-heading"') == 1  # the page's own "sign up to respond", once
    assert reverse("opportunities:respond", args=[opportunity.pk]) not in visitor_page
