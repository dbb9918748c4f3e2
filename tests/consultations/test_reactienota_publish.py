"""Publishing the reactienota: refused while comments lack an outcome, then every commenter gets one email."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from samenspel.consultations.models import Comment, Version
from samenspel.consultations.services import reactienota
from samenspel.core.models import AuditLogEntry
from tests.factories.members import MemberFactory

from .helpers_reactienota import answer_all, comment, make_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://samenspel.example"


def publish_url(consultation):
    return reverse("consultations:reactienota_publish", args=[consultation.round.pk])


def test_it_cannot_be_published_while_comments_have_no_outcome(personas, client_for, consultation):
    first, second, third = comment(consultation), comment(consultation, index=2), comment(consultation, index=None)
    reactienota.set_next_version(
        round_=consultation.round, version=consultation.next_version, actor=personas.coordinator
    )
    reactienota.set_outcome(
        round_=consultation.round, comment=first, outcome="adopted", reason="", actor=personas.coordinator
    )
    client = client_for(personas.coordinator)
    page = client.get(reverse("consultations:reactienota", args=[consultation.round.pk])).content.decode()
    assert "2 of 3 comments still have no outcome" in page
    response = client.post(publish_url(consultation), follow=True)
    assert "2 comments still have no outcome. Give every comment an outcome first." in response.content.decode()
    consultation.round.refresh_from_db()
    assert consultation.round.reactienota_published_at is None
    assert second.pk and third.pk


def test_withdrawn_comments_need_no_outcome(personas, consultation, django_capture_on_commit_callbacks):
    withdrawn = comment(consultation, withdrawn_at=timezone.now() - timedelta(days=3))
    answered = comment(consultation)
    answer_all(consultation, personas.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        sent = reactienota.publish_reactienota(round_=consultation.round, actor=personas.coordinator)
    assert sent == 1
    assert [message.to for message in mail.outbox] == [[answered.author.email]]
    withdrawn.refresh_from_db()
    assert withdrawn.outcome == ""


def test_it_needs_a_published_next_version(personas, client_for):
    draft_next = make_consultation(next_status=Version.Status.DRAFT)
    comment(draft_next)
    answer_all(draft_next, personas.coordinator)
    response = client_for(personas.coordinator).post(publish_url(draft_next), follow=True)
    assert "Publish the next version first" in response.content.decode()

    without_next = make_consultation()
    item = comment(without_next)
    reactienota.set_outcome(
        round_=without_next.round, comment=item, outcome="covered", reason="Staat al in 2.", actor=personas.coordinator
    )
    with pytest.raises(reactienota.ReactienotaError, match="Choose the next version first"):
        reactienota.publish_reactienota(round_=without_next.round, actor=personas.coordinator)


def test_publishing_emails_every_commenter_once_in_their_language(
    personas, client_for, consultation, django_capture_on_commit_callbacks
):
    dutch = MemberFactory(name="Dirk Dutch", preferred_language="nl")
    english = MemberFactory(name="Emma English", preferred_language="en")
    inactive = MemberFactory(name="Ina Inactive", is_active=False)
    comment(consultation, author=dutch)
    comment(consultation, author=dutch, index=2)
    comment(consultation, author=english, display=Comment.Display.ANONYMOUS)
    comment(consultation, author=inactive)
    comment(consultation, author=None, submitter_name="Per Email", source=Comment.Source.EMAIL)
    answer_all(consultation, personas.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(personas.coordinator).post(publish_url(consultation), follow=True)
    assert "2 commenters get an email." in response.content.decode()
    consultation.round.refresh_from_db()
    assert consultation.round.reactienota_published_at is not None
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == sorted([dutch.email, english.email])
    link = f"https://samenspel.example/consultations/rounds/{consultation.round.pk}/reactienota/"
    nl_message, en_message = by_address[dutch.email], by_address[english.email]
    # A notification (samenspel.notifications), emailed at once by default.
    assert nl_message.subject == f"Wat er met je reactie op {consultation.document.title} is gedaan (nieuwe versie 2)"
    assert "Hallo Dirk Dutch" in nl_message.body and "versie 2" in nl_message.body
    assert en_message.subject == f"What was done with your comment on {consultation.document.title} (new version 2)"
    assert "Hello Emma English" in en_message.body and "version 2" in en_message.body
    for message in (nl_message, en_message):
        assert link in message.body and link in message.alternatives[0][0]
    assert AuditLogEntry.objects.get(action="consultation.reactienota.published").data == {"emails": 2}


def test_after_publication_outcomes_and_next_version_are_fixed(personas, client_for, consultation):
    item = comment(consultation)
    answer_all(consultation, personas.coordinator)
    reactienota.publish_reactienota(round_=consultation.round, actor=personas.coordinator)
    with pytest.raises(reactienota.ReactienotaError, match="can no longer change"):
        reactienota.set_outcome(
            round_=consultation.round, comment=item, outcome="adopted", reason="", actor=personas.coordinator
        )
    with pytest.raises(reactienota.ReactienotaError, match="can no longer change"):
        reactienota.set_next_version(
            round_=consultation.round, version=consultation.next_version, actor=personas.coordinator
        )
    response = client_for(personas.coordinator).post(publish_url(consultation), follow=True)
    assert "The reactienota has already been published." in response.content.decode()
    page = client_for(personas.coordinator).get(reverse("consultations:outcomes", args=[consultation.round.pk]))
    assert "The outcomes can no longer change." in page.content.decode()
    assert f'name="c{item.pk}-outcome"' not in page.content.decode()
    assert "Not adopted" in page.content.decode()


def test_only_coordinators_publish(personas, client_for, consultation):
    comment(consultation)
    answer_all(consultation, personas.coordinator)
    assert client_for(None).post(publish_url(consultation)).status_code == 302
    for name in ["pending", "member", "kartrekker", "orgrep", "municipality"]:
        assert client_for(getattr(personas, name)).post(publish_url(consultation)).status_code == 403, name
    consultation.round.refresh_from_db()
    assert consultation.round.reactienota_published_at is None
    assert client_for(personas.coordinator).get(publish_url(consultation)).status_code == 405


def test_a_round_that_is_still_open_cannot_be_published(personas, consultation):
    consultation.round.closes_at = timezone.now() + timedelta(days=1)
    consultation.round.save()
    with pytest.raises(reactienota.ReactienotaError, match="still open"):
        reactienota.publish_reactienota(round_=consultation.round, actor=personas.coordinator)
