"""A kartrekker sees who is in their circle (name, role, since when; themes only as each member allows),
plans a meeting from the circle page, and reads the motivation and role that come with a join request."""

import datetime
import json
import zoneinfo

import pytest
from django.urls import reverse

from samenspel.circles.models import Circle, CircleMembership
from samenspel.members.models import Member
from tests.factories.circles import CircleFactory, CircleMembershipFactory
from tests.factories.members import MemberFactory, ThemeFactory
from tests.round_trip import assert_page_offers, assert_saved

pytestmark = pytest.mark.django_db


def members_url(circle):
    return reverse("circles:members", args=[circle.slug])


@pytest.fixture
def members_with_themes(personas):
    shared = ThemeFactory(name_en="Debts", name_nl="Schulden")
    private = ThemeFactory(name_en="Addiction", name_nl="Verslaving")
    open_member = MemberFactory(
        name="Olga Open", kind=Member.Kind.ALLY, theme_visibility=Member.ThemeVisibility.MEMBERS
    )
    open_member.themes.add(shared)
    closed_member = MemberFactory(name="Carl Closed", theme_visibility=Member.ThemeVisibility.COORDINATORS)
    closed_member.themes.add(private)
    # Noon in Amsterdam: at any hour of the run it is 5 March there (now().replace() was the 6th after 23:00 UTC).
    since = datetime.datetime(2024, 3, 5, 12, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Amsterdam"))
    CircleMembershipFactory(circle=personas.circle, member=open_member, active_since=since)
    CircleMembershipFactory(circle=personas.circle, member=closed_member)
    return open_member, closed_member


def test_kartrekker_sees_members_with_role_since_and_only_allowed_themes(personas, client_for, members_with_themes):
    response = client_for(personas.kartrekker).get(members_url(personas.circle))
    assert response.status_code == 200
    page = response.content.decode()
    for name in ("Olga Open", "Carl Closed", personas.member.name, personas.kartrekker.name):
        assert name in page
    assert "Ally" in page and "Circle lead" in page
    assert "5 March 2024" in page
    assert "Debts" in page
    assert "Addiction" not in page
    assert "Not shared with you" in page


def test_coordinator_sees_every_theme(personas, client_for, members_with_themes):
    page = client_for(personas.coordinator).get(members_url(personas.circle)).content.decode()
    assert "Debts" in page and "Addiction" in page


def test_members_page_in_dutch(personas, client_for, members_with_themes):
    page = client_for(personas.kartrekker).get(members_url(personas.circle), HTTP_ACCEPT_LANGUAGE="nl")
    text = page.content.decode()
    assert "Leden van Kring Onderzoek" in text and "Lid sinds" in text and "5 maart 2024" in text


@pytest.mark.parametrize("persona", ["member", "outsider", "pending", "orgrep", "municipality"])
def test_others_may_not_see_the_members(personas, client_for, persona):
    assert client_for(getattr(personas, persona)).get(members_url(personas.circle)).status_code == 403


def test_visitor_is_sent_to_log_in(personas, client_for):
    response = client_for(None).get(members_url(personas.circle))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_unknown_or_inactive_circle_is_404(personas, client_for):
    closed = CircleFactory(is_active=False)
    CircleMembershipFactory(circle=closed, member=personas.kartrekker, role=CircleMembership.Role.LEAD)
    client = client_for(personas.kartrekker)
    assert client.get(members_url(closed)).status_code == 404
    assert client.get(reverse("circles:members", args=["bestaat-niet"])).status_code == 404


def test_a_lead_of_another_circle_may_not_see_the_members(personas, client_for):
    other = CircleFactory()
    CircleMembershipFactory(circle=other, member=personas.outsider, role=CircleMembership.Role.LEAD)
    assert client_for(personas.outsider).get(members_url(personas.circle)).status_code == 403


def test_members_page_query_count_does_not_grow(personas, client_for, django_assert_max_num_queries):
    theme = ThemeFactory()
    for _ in range(45):
        member = MemberFactory(theme_visibility=Member.ThemeVisibility.MEMBERS)
        member.themes.add(theme)
        CircleMembershipFactory(circle=personas.circle, member=member)
    client = client_for(personas.kartrekker)
    with django_assert_max_num_queries(14):
        response = client.get(members_url(personas.circle))
    assert response.content.decode().count('class="samenspel-card"') == 47


def test_kartrekker_plans_a_meeting_from_the_circle_page(personas, client_for):
    client = client_for(personas.kartrekker)
    page = client.get(reverse("circles:detail", args=[personas.circle.slug])).content.decode()
    plan = f"{reverse('meetings:create')}?circle={personas.circle.pk}"
    assert plan in page
    assert members_url(personas.circle) in page
    form = client.get(plan).content.decode()
    assert f'<option value="{personas.circle.pk}" selected>' in form


def test_a_member_gets_no_planning_link(personas, client_for):
    page = client_for(personas.member).get(reverse("circles:detail", args=[personas.circle.slug])).content.decode()
    assert reverse("meetings:create") not in page
    assert members_url(personas.circle) not in page


# --- join requests carry a motivation and a role -------------------------------------------------


@pytest.fixture
def on_request_circle(personas):
    personas.circle.join_policy = Circle.JoinPolicy.ON_REQUEST
    personas.circle.save()
    return personas.circle


def test_join_request_round_trip_with_motivation_and_role(personas, client_for, on_request_circle):
    client = client_for(personas.outsider)
    data = {"work_role": "Werker bij een OKT", "motivation": "Ik werk met de Maatwerk Methode."}
    assert_page_offers(client.get(reverse("circles:detail", args=[on_request_circle.slug])), data)
    response = client.post(reverse("circles:join", args=[on_request_circle.slug]), data)
    assert response.status_code == 302
    membership = CircleMembership.objects.get(circle=on_request_circle, member=personas.outsider)
    assert membership.status == CircleMembership.Status.REQUESTED
    assert membership.active_since is None
    assert_saved(membership, data)
    page = client_for(personas.kartrekker).get(reverse("circles:requests", args=[on_request_circle.slug]))
    text = page.content.decode()
    assert "Werker bij een OKT" in text and "Ik werk met de Maatwerk Methode." in text


def test_join_request_without_motivation_is_fine(personas, client_for, on_request_circle):
    response = client_for(personas.outsider).post(reverse("circles:join", args=[on_request_circle.slug]), {})
    assert response.status_code == 302
    assert CircleMembership.objects.get(circle=on_request_circle, member=personas.outsider).motivation == ""


@pytest.mark.parametrize(
    "data,message",
    [
        ({"motivation": "x" * 501}, "at most 500 characters"),
        ({"work_role": "x" * 121}, "at most 120 characters"),
    ],
)
def test_too_long_join_request_is_refused_with_a_message(personas, client_for, on_request_circle, data, message):
    response = client_for(personas.outsider).post(reverse("circles:join", args=[on_request_circle.slug]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CircleMembership.objects.filter(circle=on_request_circle, member=personas.outsider).exists()


def test_html_in_a_join_request_is_shown_as_text(personas, client_for, on_request_circle):
    client_for(personas.outsider).post(
        reverse("circles:join", args=[on_request_circle.slug]),
        {"work_role": "<b>baas</b>", "motivation": "<script>alert(1)</script>"},
    )
    page = client_for(personas.kartrekker).get(reverse("circles:requests", args=[on_request_circle.slug]))
    text = page.content.decode()
    assert "<script>alert(1)" not in text and "&lt;script&gt;" in text and "&lt;b&gt;baas" in text


def test_approval_sets_member_since(personas, client_for, on_request_circle):
    client_for(personas.outsider).post(reverse("circles:join", args=[on_request_circle.slug]), {"motivation": "Graag"})
    membership = CircleMembership.objects.get(circle=on_request_circle, member=personas.outsider)
    client_for(personas.kartrekker).post(
        reverse("circles:request_decide", args=[on_request_circle.slug, membership.pk]), {"decision": "approve"}
    )
    membership.refresh_from_db()
    assert membership.status == CircleMembership.Status.ACTIVE
    assert membership.active_since is not None


def test_joining_an_open_circle_sets_member_since_and_ignores_a_motivation(personas, client_for):
    client_for(personas.outsider).post(reverse("circles:join", args=[personas.circle.slug]), {"motivation": "Hoi"})
    membership = CircleMembership.objects.get(circle=personas.circle, member=personas.outsider)
    assert membership.status == CircleMembership.Status.ACTIVE
    assert membership.active_since is not None
    assert membership.motivation == ""


def test_the_join_request_is_in_the_members_own_data(personas, client_for, on_request_circle):
    client = client_for(personas.outsider)
    client.post(
        reverse("circles:join", args=[on_request_circle.slug]), {"motivation": "Mijn reden", "work_role": "OKT"}
    )
    data = json.loads(client.get(reverse("members:my_data")).content)
    assert data["circle_memberships"][0]["motivation"] == "Mijn reden"
    assert data["circle_memberships"][0]["work_role"] == "OKT"
