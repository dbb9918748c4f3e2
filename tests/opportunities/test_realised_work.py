"""Realised paid work: recorded by the poster or a coordinator per person; bad input; filled."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.members.models import Member
from samenspel.opportunities.models import Opportunity, RealisedWork, Response
from tests.factories.members import MemberFactory
from tests.factories.opportunities import OpportunityFactory, RealisedWorkFactory, ResponseFactory

pytestmark = pytest.mark.usefixtures("english")

TODAY = datetime.date.today


def url(opportunity):
    return reverse("opportunities:realised", args=[opportunity.pk])


@pytest.fixture
def chosen(personas, opportunity):
    return ResponseFactory(opportunity=opportunity, member=personas.outsider, status=Response.Status.CHOSEN).member


def good(person, **changes):
    today = timezone.localdate()
    return {
        "person": str(person.pk) if hasattr(person, "pk") else person,
        "hours": "12.5",
        "fee": "312.50",
        "started_on": (today - datetime.timedelta(days=30)).isoformat(),
        "ended_on": today.isoformat(),
        **changes,
    }


@pytest.mark.parametrize("persona", ["kartrekker", "coordinator"])
def test_the_poster_or_a_coordinator_records_work_and_reads_it_back(personas, client_for, opportunity, chosen, persona):
    client = client_for(getattr(personas, persona))
    response = client.post(url(opportunity), good(chosen))
    assert response.status_code == 302
    row = RealisedWork.objects.get()
    assert (row.member, row.hours, row.fee) == (chosen, Decimal("12.5"), Decimal("312.50"))
    assert row.by_expert is True  # the member joined as an expert by experience
    assert row.recorded_by == getattr(personas, persona)
    assert row.ended_on == timezone.localdate()
    page = client.get(url(opportunity)).content.decode()
    assert chosen.name in page and "312.50" in page


def test_by_expert_follows_the_members_kind(personas, client_for, opportunity):
    ally = MemberFactory(kind=Member.Kind.ALLY)
    ResponseFactory(opportunity=opportunity, member=ally, status=Response.Status.CHOSEN)
    client_for(personas.kartrekker).post(url(opportunity), good(ally, by_expert="on"))
    assert RealisedWork.objects.get().by_expert is False


@pytest.mark.parametrize("checked", [True, False])
def test_someone_without_an_account_with_the_checkbox(personas, client_for, opportunity, checked):
    data = good("none", **({"by_expert": "on"} if checked else {}))
    client_for(personas.kartrekker).post(url(opportunity), data)
    row = RealisedWork.objects.get()
    assert row.member is None
    assert row.by_expert is checked


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"hours": "-1"}, "Hours cannot be negative."),
        ({"fee": "-0.01"}, "The amount cannot be negative."),
        ({"hours": "veel"}, "Fill in a number"),
        ({"fee": ""}, "Fill in what was paid"),
        ({"hours": "1" * 12}, "Ensure that there are no more than"),
        ({"started_on": "", "ended_on": ""}, "Fill in when the work started."),
        ({"started_on": "31-02-2026"}, "Fill in a date, like 2025-02-08."),
        ({"started_on": "2026-05-02", "ended_on": "2026-05-01"}, "cannot be before the “from” date"),
        ({"ended_on": "2999-01-01"}, "the dates cannot be after today"),
        ({"person": ""}, "Choose who did the work."),
        ({"person": "<script>"}, "Choose one of the people you chose"),
    ],
)
def test_bad_input_is_refused_and_kept(personas, client_for, opportunity, chosen, changes, message):
    data = {**good(chosen), **changes}
    page = client_for(personas.kartrekker).post(url(opportunity), data)
    assert page.status_code == 200
    assert message in page.content.decode()
    assert not RealisedWork.objects.exists()


@pytest.mark.parametrize("who", ["not_chosen", "new", "stranger"])
def test_only_chosen_respondents_can_be_chosen(personas, client_for, opportunity, who):
    member = MemberFactory()
    if who != "stranger":
        ResponseFactory(opportunity=opportunity, member=member, status=who)
    page = client_for(personas.kartrekker).post(url(opportunity), good(member))
    assert "Choose one of the people you chose" in page.content.decode()
    assert not RealisedWork.objects.exists()


def test_a_chosen_respondent_of_another_opportunity_is_refused(personas, client_for, opportunity):
    elsewhere = ResponseFactory(status=Response.Status.CHOSEN)
    page = client_for(personas.kartrekker).post(url(opportunity), good(elsewhere.member))
    assert "Choose one of the people you chose" in page.content.decode()
    assert not RealisedWork.objects.exists()


def test_unpaid_work_records_nothing(personas, client_for):
    unpaid = OpportunityFactory(
        kind=Opportunity.Kind.DESIGN_SESSION, pay=Opportunity.Pay.NONE, created_by=personas.kartrekker
    )
    page = client_for(personas.kartrekker).post(url(unpaid), good("none"))
    assert page.status_code == 200
    assert "only for paid work" in page.content.decode()
    assert not RealisedWork.objects.exists()


def test_a_paid_research_session_counts_as_paid_work(personas, client_for):
    paid = OpportunityFactory(kind=Opportunity.Kind.RESEARCH, pay=Opportunity.Pay.FEE, created_by=personas.kartrekker)
    client_for(personas.kartrekker).post(url(paid), good("none", by_expert="on"))
    assert RealisedWork.objects.filter(opportunity=paid).exists()


def test_edit_round_trip(personas, client_for, opportunity, chosen):
    row = RealisedWorkFactory(opportunity=opportunity, member=chosen)
    edit = reverse("opportunities:realised_edit", args=[opportunity.pk, row.pk])
    client = client_for(personas.kartrekker)
    assert client.get(edit).status_code == 200
    response = client.post(edit, good(chosen, hours="3", fee="75"))
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.hours, row.fee) == (Decimal("3"), Decimal("75"))


def test_edit_with_bad_input_changes_nothing(personas, client_for, opportunity, chosen):
    row = RealisedWorkFactory(opportunity=opportunity, member=chosen, hours=10)
    edit = reverse("opportunities:realised_edit", args=[opportunity.pk, row.pk])
    page = client_for(personas.kartrekker).post(edit, good(chosen, hours="-5"))
    assert "Hours cannot be negative." in page.content.decode()
    row.refresh_from_db()
    assert row.hours == Decimal("10")


def test_delete(personas, client_for, opportunity, chosen):
    row = RealisedWorkFactory(opportunity=opportunity, member=chosen)
    response = client_for(personas.coordinator).post(
        reverse("opportunities:realised_delete", args=[opportunity.pk, row.pk])
    )
    assert response.status_code == 302
    assert not RealisedWork.objects.exists()


def test_a_row_of_another_opportunity_is_404(personas, client_for, opportunity):
    foreign = RealisedWorkFactory()
    client = client_for(personas.kartrekker)
    assert client.get(reverse("opportunities:realised_edit", args=[opportunity.pk, foreign.pk])).status_code == 404
    delete = reverse("opportunities:realised_delete", args=[opportunity.pk, foreign.pk])
    assert client.post(delete).status_code == 404
    assert RealisedWork.objects.filter(pk=foreign.pk).exists()


@pytest.mark.parametrize("persona", ["outsider", "member", "orgrep"])
def test_outsiders_may_not_record_change_or_delete(personas, client_for, opportunity, chosen, persona):
    row = RealisedWorkFactory(opportunity=opportunity, member=chosen, hours=10)
    client = client_for(getattr(personas, persona))
    assert client.get(url(opportunity)).status_code == 403
    assert client.post(url(opportunity), good(chosen)).status_code == 403
    edit = reverse("opportunities:realised_edit", args=[opportunity.pk, row.pk])
    assert client.post(edit, good(chosen, hours="1")).status_code == 403
    delete = reverse("opportunities:realised_delete", args=[opportunity.pk, row.pk])
    assert client.post(delete).status_code == 403
    row.refresh_from_db()
    assert row.hours == Decimal("10") and RealisedWork.objects.count() == 1


def test_the_list_costs_the_same_queries_with_many_rows(
    personas, client_for, opportunity, chosen, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(personas.kartrekker)
    RealisedWorkFactory(opportunity=opportunity, member=chosen)
    client.get(url(opportunity))
    with CaptureQueriesContext(connection) as one:
        client.get(url(opportunity))
    with_one = len(one)
    for _ in range(30):
        member = MemberFactory()
        ResponseFactory(opportunity=opportunity, member=member, status=Response.Status.CHOSEN)
        RealisedWorkFactory(opportunity=opportunity, member=member)
    client.get(url(opportunity))
    with django_assert_max_num_queries(with_one):
        page = client.get(url(opportunity))
    assert page.content.decode().count("/edit/") == 31
