"""The poster's respondents page: only what each member shared; chosen / not chosen; who may see it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samenspel.members.models import Member
from samenspel.notifications.models import Notification
from samenspel.opportunities.models import Response
from tests.factories.members import MemberFactory, ThemeFactory
from tests.factories.opportunities import ResponseFactory

pytestmark = pytest.mark.usefixtures("english")


def page_url(opportunity):
    return reverse("opportunities:responses", args=[opportunity.pk])


def decide_url(response):
    return reverse("opportunities:response_decide", args=[response.opportunity_id, response.pk])


def test_the_poster_sees_only_what_each_member_shared(personas, client_for, opportunity):
    theme = ThemeFactory(name_en="Debts")
    hidden_theme = ThemeFactory(name_en="Homelessness")
    sharer = MemberFactory(name="Sanne Sharer", email="sanne@example.org", theme_visibility="coordinators")
    sharer.themes.add(theme)
    private = MemberFactory(name="Paul Private", email="paul@example.org", theme_visibility="public")
    private.themes.add(hidden_theme)
    ResponseFactory(
        opportunity=opportunity, member=sharer, share_phone=True, phone="0201234567", share_themes=True, note="Ja!"
    )
    ResponseFactory(
        opportunity=opportunity,
        member=private,
        share_name=False,
        share_email=False,
        share_phone=True,
        phone="0612345678",
        note="Misschien",
    )
    html = client_for(personas.kartrekker).get(page_url(opportunity)).content.decode()
    assert "Sanne Sharer" in html and "sanne@example.org" in html and "0201234567" in html
    # Themes shown because she shared them here, although her profile shows them to coordinators only.
    assert "Debts" in html
    assert "Paul Private" not in html and "paul@example.org" not in html
    assert "name not shared" in html
    assert "Homelessness" not in html  # public on his profile, but not shared with this poster
    assert "0612345678" in html and "Misschien" in html


@pytest.mark.parametrize("persona", ["kartrekker", "coordinator"])
def test_managers_may_see_the_page(personas, client_for, opportunity, persona):
    assert client_for(getattr(personas, persona)).get(page_url(opportunity)).status_code == 200


@pytest.mark.parametrize(("persona", "status"), [("outsider", 403), ("member", 403), ("orgrep", 403)])
def test_readers_who_do_not_manage_it_get_403(personas, client_for, opportunity, persona, status):
    ResponseFactory(opportunity=opportunity)
    assert client_for(getattr(personas, persona)).get(page_url(opportunity)).status_code == status


def test_visitors_and_pending_members_get_404_for_a_members_only_opportunity(personas, client_for, opportunity):
    assert client_for(None).get(page_url(opportunity)).status_code in (302, 404)
    assert client_for(personas.pending).get(page_url(opportunity)).status_code == 404


def test_choosing_tells_the_member_kindly_with_a_message_and_an_email(
    personas, client_for, opportunity, django_capture_on_commit_callbacks, mailoutbox
):
    response = ResponseFactory(opportunity=opportunity, member=personas.outsider)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client_for(personas.kartrekker).post(decide_url(response), {"status": "chosen"})
    assert answer.status_code == 302
    response.refresh_from_db()
    assert response.status == Response.Status.CHOSEN
    assert response.decided_by == personas.kartrekker and response.decided_at is not None
    told = Notification.objects.get(recipient=personas.outsider, kind="opportunity_outcome")
    assert told.message == "opportunity.chosen"
    assert told.link == reverse("opportunities:my_response", args=[opportunity.pk])
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [personas.outsider.email]
    # In the member's language (Dutch unless they chose English).
    assert "Je bent gekozen voor Ervaringsdeskundige buurtteam Zuidoost" in mailoutbox[0].subject
    assert "Wat gebeurt er nu? Buurtteam Zuidoost neemt snel contact met je op" in mailoutbox[0].body


def test_not_choosing_thanks_the_member_and_points_to_opportunities_for_them(
    personas, client_for, opportunity, django_capture_on_commit_callbacks, mailoutbox
):
    response = ResponseFactory(opportunity=opportunity, member=personas.outsider)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(personas.coordinator).post(decide_url(response), {"status": "not_chosen"})
    response.refresh_from_db()
    assert response.status == Response.Status.NOT_CHOSEN
    assert Notification.objects.get(recipient=personas.outsider).message == "opportunity.not_chosen"
    assert len(mailoutbox) == 1
    assert "Bedankt voor je reactie op" in mailoutbox[0].subject
    assert "Kansen voor jou" in mailoutbox[0].body


def test_the_email_is_in_the_members_language(
    personas, client_for, opportunity, django_capture_on_commit_callbacks, mailoutbox
):
    personas.outsider.preferred_language = "en"
    personas.outsider.save()
    response = ResponseFactory(opportunity=opportunity, member=personas.outsider)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(personas.kartrekker).post(decide_url(response), {"status": "not_chosen"})
    assert "Thank you for responding to Ervaringsdeskundige buurtteam Zuidoost" in mailoutbox[0].subject
    assert "Other work that suits you is under “Opportunities for you”" in mailoutbox[0].body


def test_the_same_decision_twice_tells_the_member_once(
    personas, client_for, opportunity, django_capture_on_commit_callbacks, mailoutbox
):
    response = ResponseFactory(opportunity=opportunity, member=personas.outsider)
    client = client_for(personas.kartrekker)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(decide_url(response), {"status": "chosen"})
        client.post(decide_url(response), {"status": "chosen"})
    assert len(mailoutbox) == 1
    assert Notification.objects.filter(recipient=personas.outsider).count() == 1


@pytest.mark.parametrize("status", ["", "withdrawn", "new", "<script>", "x" * 500])
def test_a_bad_decision_changes_nothing(personas, client_for, opportunity, status, mailoutbox):
    response = ResponseFactory(opportunity=opportunity, member=personas.outsider)
    page = client_for(personas.kartrekker).post(decide_url(response), {"status": status}, follow=True)
    assert "Choose “chosen” or “not chosen”." in page.content.decode()
    response.refresh_from_db()
    assert response.status == Response.Status.NEW
    assert mailoutbox == []


def test_a_withdrawn_response_cannot_be_chosen(personas, client_for, opportunity):
    response = ResponseFactory(opportunity=opportunity, member=personas.outsider, status=Response.Status.WITHDRAWN)
    page = client_for(personas.kartrekker).post(decide_url(response), {"status": "chosen"}, follow=True)
    assert "withdrew their response" in page.content.decode()
    response.refresh_from_db()
    assert response.status == Response.Status.WITHDRAWN


def test_an_outsider_cannot_decide(personas, client_for, opportunity):
    response = ResponseFactory(opportunity=opportunity, member=personas.member)
    assert client_for(personas.outsider).post(decide_url(response), {"status": "chosen"}).status_code == 403
    response.refresh_from_db()
    assert response.status == Response.Status.NEW


def test_a_response_of_another_opportunity_is_404(personas, client_for, opportunity):
    foreign = ResponseFactory()  # another poster's opportunity
    url = reverse("opportunities:response_decide", args=[opportunity.pk, foreign.pk])
    assert client_for(personas.kartrekker).post(url, {"status": "chosen"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == Response.Status.NEW


def test_the_page_costs_the_same_queries_with_many_responses(
    personas, client_for, opportunity, django_assert_max_num_queries
):
    client = client_for(personas.kartrekker)
    ResponseFactory(opportunity=opportunity, share_themes=True)
    client.get(page_url(opportunity))  # warm the session
    with CaptureQueriesContext(connection) as one:
        client.get(page_url(opportunity))
    with_one = len(one)
    for _ in range(40):
        member = MemberFactory(kind=Member.Kind.EXPERT)
        member.themes.add(ThemeFactory())
        ResponseFactory(opportunity=opportunity, member=member, share_themes=True)
    client.get(page_url(opportunity))  # the new members changed the content version: warm again
    with django_assert_max_num_queries(with_one):
        page = client.get(page_url(opportunity))
    assert page.status_code == 200
    assert page.content.decode().count('class="samenspel-card"') == 41


def test_the_respondents_page_offers_marking_it_filled(personas, client_for, opportunity):
    html = client_for(personas.kartrekker).get(page_url(opportunity)).content.decode()
    assert reverse("opportunities:fill", args=[opportunity.pk]) in html
