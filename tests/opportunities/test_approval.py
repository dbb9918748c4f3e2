"""Approval: send for approval, the coordinators' review page, approve or reject with a reason,
the emails to the poster, the signal for matching, and the item on the coordinator's home page."""

import pytest
from django.urls import reverse

from samenspel.core.models import AuditLogEntry
from samenspel.opportunities.models import Opportunity
from samenspel.opportunities.signals import opportunity_published
from tests.factories.members import MemberFactory
from tests.factories.opportunities import OpportunityFactory

from .helpers_posting import in_days, url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def draft(personas):
    return OpportunityFactory(
        organisation=personas.organisation, created_by=personas.orgrep, status="draft", title="Werk in Zuidoost"
    )


@pytest.fixture
def pending(personas):
    return OpportunityFactory(
        organisation=personas.organisation, created_by=personas.orgrep, status="pending", title="Werk in Noord"
    )


def test_the_poster_sends_a_draft_for_approval(personas, client_for, draft):
    response = client_for(personas.orgrep).post(url("submit", draft.pk))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "pending"
    assert draft.submitted_at is not None
    assert AuditLogEntry.objects.filter(action="opportunity.submitted").count() == 1


def test_a_draft_whose_deadline_passed_cannot_be_sent(personas, client_for, draft):
    Opportunity.objects.filter(pk=draft.pk).update(respond_by=in_days(-1))
    client = client_for(personas.orgrep)
    response = client.post(url("submit", draft.pk), follow=True)
    assert "The deadline to respond has passed. Choose a new date first." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_a_coordinator_approves_and_the_poster_is_emailed(
    personas, client_for, pending, django_capture_on_commit_callbacks, mailoutbox, settings
):
    settings.SITE_URL = "https://samenspel.example"
    personas.orgrep.preferred_language = "en"
    personas.orgrep.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(personas.coordinator).post(url("approve", pending.pk))
    assert response.status_code == 302 and response["Location"] == url("review")
    pending.refresh_from_db()
    assert pending.status == "published"
    assert pending.published_at is not None
    assert pending.decided_by == personas.coordinator and pending.decided_at is not None
    [email] = mailoutbox
    assert email.to == [personas.orgrep.email]
    assert email.subject == "Your opportunity is published: Werk in Noord"
    assert f"https://samenspel.example/opportunities/{pending.pk}/" in email.body
    assert AuditLogEntry.objects.filter(action="opportunity.approved", actor=personas.coordinator).exists()


def test_publishing_sends_the_signal_after_the_commit(personas, pending, django_capture_on_commit_callbacks):
    from samenspel.opportunities.services.posting import approve

    received = []

    def listener(sender, opportunity, **kwargs):
        received.append(opportunity.pk)

    opportunity_published.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            approve(actor=personas.coordinator, opportunity=pending)
        assert received == []  # not before the commit
        for callback in callbacks:
            callback()
        assert received == [pending.pk]
    finally:
        opportunity_published.disconnect(listener)


def test_a_failing_receiver_does_not_undo_the_publication(
    personas, pending, django_capture_on_commit_callbacks, caplog
):
    from samenspel.opportunities.services.posting import approve

    def broken(sender, opportunity, **kwargs):
        raise RuntimeError("matching is down")

    opportunity_published.connect(broken)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            approve(actor=personas.coordinator, opportunity=pending)
    finally:
        opportunity_published.disconnect(broken)
    pending.refresh_from_db()
    assert pending.status == "published"
    assert f"failed for opportunity {pending.pk}" in caplog.text


def test_a_coordinator_rejects_with_a_reason_the_poster_reads(
    personas, client_for, pending, django_capture_on_commit_callbacks, mailoutbox
):
    client = client_for(personas.coordinator)
    assert client.get(url("reject", pending.pk)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("reject", pending.pk), {"reason": "Noem het uurloon, <b>graag</b>."})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == "draft"
    assert pending.rejection_reason == "Noem het uurloon, <b>graag</b>."
    [email] = mailoutbox
    assert email.to == [personas.orgrep.email]
    assert "Noem het uurloon" in email.body
    html = email.alternatives[0][0]
    assert "&lt;b&gt;graag&lt;/b&gt;" in html
    page = client_for(personas.orgrep).get(url("detail", pending.pk)).content.decode()
    assert "Noem het uurloon, &lt;b&gt;graag&lt;/b&gt;." in page


def test_rejecting_without_a_reason_is_refused(personas, client_for, pending, mailoutbox):
    response = client_for(personas.coordinator).post(url("reject", pending.pk), {"reason": "  "})
    assert response.status_code == 400
    assert "Say why, so the poster can change it." in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == "pending"
    assert mailoutbox == []


def test_a_too_long_reason_is_refused_and_kept(personas, client_for, pending):
    response = client_for(personas.coordinator).post(url("reject", pending.pk), {"reason": "x" * 2001})
    assert response.status_code == 400
    assert "Use at most 2000 characters" in response.content.decode()
    assert "x" * 2001 in response.content.decode()


def test_a_public_submitter_is_emailed_the_decision(
    client_for, personas, django_capture_on_commit_callbacks, mailoutbox
):
    opportunity = OpportunityFactory(status="pending", contact_name="Pia Partner", contact_email="pia@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client_for(personas.coordinator).post(url("reject", opportunity.pk), {"reason": "Te weinig informatie."})
    [email] = mailoutbox
    assert email.to == ["pia@example.org"]
    assert "Te weinig informatie." in email.body
    assert "Hallo Pia Partner" in email.body  # their language is not kept: Dutch


def test_only_a_pending_opportunity_can_be_approved(personas, client_for, draft, mailoutbox):
    response = client_for(personas.coordinator).post(url("approve", draft.pk), follow=True)
    assert "This opportunity is not waiting for approval." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert mailoutbox == []


@pytest.mark.parametrize("persona", ["member", "outsider", "kartrekker", "municipality"])
def test_others_cannot_approve_or_reject(personas, client_for, pending, persona):
    client = client_for(getattr(personas, persona))
    assert client.post(url("approve", pending.pk)).status_code == 403
    assert client.post(url("reject", pending.pk), {"reason": "Nee"}).status_code == 403
    assert client.get(url("review")).status_code == 403
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_the_poster_may_not_approve_their_own(personas, client_for, pending):
    assert client_for(personas.orgrep).post(url("approve", pending.pk)).status_code == 403
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_the_review_page_lists_what_waits_with_a_constant_number_of_queries(
    personas, client_for, django_assert_max_num_queries
):
    client = client_for(personas.coordinator)
    OpportunityFactory.create_batch(3, status="pending", organisation=personas.organisation)
    with django_assert_max_num_queries(30) as few:
        client.get(url("review"))
    OpportunityFactory.create_batch(40, status="pending", organisation=personas.organisation)
    OpportunityFactory.create_batch(5, status="published")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("review"))
    assert response.status_code == 200
    assert response.content.decode().count('action="/opportunities/') == 20  # one approve button per row


def test_the_coordinator_home_says_how_many_wait(personas, client_for):
    OpportunityFactory.create_batch(3, status="pending")
    page = client_for(personas.coordinator).get(reverse("home")).content.decode()
    assert "3 opportunities are waiting for approval" in page
    assert url("review") in page


def test_nothing_on_the_home_page_when_nothing_waits(personas, client_for):
    OpportunityFactory(status="published")
    page = client_for(personas.coordinator).get(reverse("home")).content.decode()
    assert "waiting for approval" not in page
    member_page = client_for(MemberFactory()).get(reverse("home")).content.decode()
    assert "waiting for approval" not in member_page
