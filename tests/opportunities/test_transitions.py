"""The poster's transitions: close, mark filled, reopen before the deadline, withdraw or delete."""

import pytest

from samenspel.core.models import AuditLogEntry
from samenspel.opportunities.models import Opportunity
from tests.factories.opportunities import OpportunityFactory

from .helpers_posting import in_days, url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def make(personas, status, **fields):
    return OpportunityFactory(organisation=personas.organisation, created_by=personas.orgrep, status=status, **fields)


@pytest.mark.parametrize(
    ("status", "action", "result"),
    [
        ("published", "close", "closed"),
        ("published", "fill", "filled"),
        ("closed", "fill", "filled"),
        ("closed", "reopen", "published"),
        ("pending", "withdraw", "draft"),
    ],
)
def test_a_manager_moves_an_opportunity_on(personas, client_for, status, action, result):
    opportunity = make(personas, status)
    response = client_for(personas.orgrep).post(url(action, opportunity.pk))
    assert response.status_code == 302 and response["Location"] == url("detail", opportunity.pk)
    opportunity.refresh_from_db()
    assert opportunity.status == result
    assert AuditLogEntry.objects.filter(target_id=str(opportunity.pk), actor=personas.orgrep).exists()


def test_closing_sets_closed_at_and_reopening_clears_it(personas, client_for):
    opportunity = make(personas, "published")
    client = client_for(personas.orgrep)
    client.post(url("close", opportunity.pk))
    opportunity.refresh_from_db()
    assert opportunity.closed_at is not None
    assert not opportunity.is_open_for_responses()
    client.post(url("reopen", opportunity.pk))
    opportunity.refresh_from_db()
    assert opportunity.closed_at is None
    assert opportunity.is_open_for_responses()


def test_withdrawing_a_draft_deletes_it(personas, client_for):
    opportunity = make(personas, "draft")
    response = client_for(personas.orgrep).post(url("withdraw", opportunity.pk))
    assert response.status_code == 302 and response["Location"] == url("mine")
    assert not Opportunity.objects.filter(pk=opportunity.pk).exists()
    assert AuditLogEntry.objects.filter(action="opportunity.deleted", target_id=str(opportunity.pk)).exists()


def test_a_closed_opportunity_past_its_deadline_cannot_be_reopened(personas, client_for):
    opportunity = make(personas, "closed", respond_by=in_days(-1))
    response = client_for(personas.orgrep).post(url("reopen", opportunity.pk), follow=True)
    assert "The deadline to respond has passed, so it cannot be opened again." in response.content.decode()
    opportunity.refresh_from_db()
    assert opportunity.status == "closed"


@pytest.mark.parametrize(
    ("status", "action", "message"),
    [
        ("draft", "close", "Only a published opportunity can be closed."),
        ("filled", "reopen", "Only a closed opportunity can be opened again."),
        ("published", "withdraw", "Only a draft or one waiting for approval can be withdrawn."),
        ("draft", "fill", "Only a published or closed opportunity can be filled."),
    ],
)
def test_a_transition_from_the_wrong_state_is_refused(personas, client_for, status, action, message):
    opportunity = make(personas, status)
    response = client_for(personas.orgrep).post(url(action, opportunity.pk), follow=True)
    assert message in response.content.decode()
    opportunity.refresh_from_db()
    assert opportunity.status == status


@pytest.mark.parametrize("action", ["close", "fill", "reopen", "withdraw", "submit"])
def test_a_member_who_may_read_it_gets_403(personas, client_for, action):
    opportunity = make(personas, "published")
    assert client_for(personas.outsider).post(url(action, opportunity.pk)).status_code == 403
    opportunity.refresh_from_db()
    assert opportunity.status == "published"


@pytest.mark.parametrize("action", ["close", "fill", "reopen", "withdraw", "submit"])
def test_a_hidden_opportunity_answers_404(personas, client_for, action):
    opportunity = make(personas, "draft")
    assert client_for(personas.outsider).post(url(action, opportunity.pk)).status_code == 404
    assert Opportunity.objects.filter(pk=opportunity.pk, status="draft").exists()


def test_the_kartrekker_of_the_circle_manages_its_opportunity(personas, client_for):
    opportunity = OpportunityFactory(circle=personas.circle, status="published")
    client_for(personas.kartrekker).post(url("close", opportunity.pk))
    opportunity.refresh_from_db()
    assert opportunity.status == "closed"


def test_transitions_need_post(personas, client_for):
    opportunity = make(personas, "published")
    assert client_for(personas.orgrep).get(url("close", opportunity.pk)).status_code == 405
