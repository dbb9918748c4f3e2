"""Outcomes per comment: who may set them, what a valid outcome is, and bad input through HTTP."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from samenspel.consultations.models import Comment
from samenspel.consultations.services import reactienota
from samenspel.core.models import AuditLogEntry
from tests.factories.consultations import CommentFactory, VersionFactory

from .helpers_reactienota import comment, make_consultation

pytestmark = pytest.mark.django_db


def outcome_url(consultation, item):
    return reverse("consultations:outcome_set", args=[consultation.round.pk, item.pk])


def post_outcome(client, consultation, item, **fields):
    data = {f"c{item.pk}-{name}": value for name, value in fields.items()}
    return client.post(outcome_url(consultation, item), data)


def test_only_coordinators_open_the_outcomes_page(personas, client_for, consultation):
    comment(consultation)
    url = reverse("consultations:outcomes", args=[consultation.round.pk])
    assert client_for(None).get(url).status_code == 302
    for name in ["pending", "member", "outsider", "kartrekker", "orgrep", "municipality"]:
        assert client_for(getattr(personas, name)).get(url).status_code == 403, name
    page = client_for(personas.coordinator).get(url)
    assert page.status_code == 200
    assert "1 of 1 comments still has no outcome" in page.content.decode()


def test_outcomes_of_a_hidden_round_answer_404(personas, client_for):
    hidden = make_consultation(is_public=False)
    comment(hidden)
    url = reverse("consultations:outcomes", args=[hidden.round.pk])
    assert client_for(personas.pending).get(url).status_code == 404
    assert client_for(personas.coordinator).get(reverse("consultations:outcomes", args=[999999])).status_code == 404


def test_a_member_cannot_set_an_outcome(personas, client_for, consultation):
    item = comment(consultation)
    for name in ["member", "kartrekker", "outsider"]:
        response = post_outcome(client_for(getattr(personas, name)), consultation, item, outcome="adopted")
        assert response.status_code == 403
    assert client_for(None).post(outcome_url(consultation, item), {}).status_code == 302
    item.refresh_from_db()
    assert item.outcome == ""
    with pytest.raises(PermissionDenied):  # the service refuses too, whatever the view does
        reactienota.set_outcome(
            round_=consultation.round, comment=item, outcome="adopted", reason="", actor=personas.member
        )


def test_the_coordinator_sets_an_outcome_with_reason_and_changed_paragraphs(personas, client_for, consultation):
    item = comment(consultation)
    client = client_for(personas.coordinator)
    reactienota.set_next_version(
        round_=consultation.round, version=consultation.next_version, actor=personas.coordinator
    )
    response = post_outcome(
        client, consultation, item, outcome="partly", reason="Deels overgenomen.", changed_in="2, 3"
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{item.pk}")
    item.refresh_from_db()
    assert (item.outcome, item.reason, item.decided_by) == ("partly", "Deels overgenomen.", personas.coordinator)
    assert list(item.changed_paragraphs.order_by("position")) == consultation.next_paragraphs[1:3]
    entry = AuditLogEntry.objects.get(action="consultation.comment.answered")
    assert entry.data["outcome"] == "partly"
    # The form shows what was saved.
    page = client.get(reverse("consultations:outcomes", args=[consultation.round.pk])).content.decode()
    assert 'value="2, 3"' in page
    assert "0 of 1 comments still have no outcome" in page


def test_htmx_gets_the_form_back_with_a_saved_message(personas, client_for, consultation):
    item = comment(consultation)
    client = client_for(personas.coordinator)
    response = client.post(
        outcome_url(consultation, item), {f"c{item.pk}-outcome": "adopted"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="outcome-{item.pk}"' in html and "The outcome has been saved." in html
    assert "<html" not in html
    item.refresh_from_db()
    assert item.outcome == "adopted"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"outcome": ""}, "This field is required."),
        ({"outcome": "maybe"}, "Select a valid choice."),
        ({"outcome": "not_adopted", "reason": "   "}, "Give a reason. Only"),
        ({"outcome": "covered", "reason": "x" * 5001}, "at most 5000 characters"),
        ({"outcome": "adopted", "changed_in": "2"}, "Choose the next version first."),
    ],
)
def test_bad_outcomes_are_refused_with_a_message(personas, client_for, consultation, fields, message):
    item = comment(consultation)
    response = post_outcome(client_for(personas.coordinator), consultation, item, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    item.refresh_from_db()
    assert item.outcome == "" and item.reason == ""


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"outcome": "adopted", "changed_in": "99"}, "The next version has no paragraph 99."),
        ({"outcome": "adopted", "changed_in": "two; <b>"}, "Give paragraph numbers only"),
        ({"outcome": "adopted", "changed_in": "1" * 201}, "at most 200 characters"),
        ({"outcome": "not_adopted", "reason": "Nee.", "changed_in": "2"}, "Only an adopted or partly adopted"),
    ],
)
def test_bad_links_to_the_next_version_are_refused(personas, client_for, consultation, fields, message):
    item = comment(consultation)
    reactienota.set_next_version(
        round_=consultation.round, version=consultation.next_version, actor=personas.coordinator
    )
    response = post_outcome(client_for(personas.coordinator), consultation, item, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    item.refresh_from_db()
    assert item.outcome == "" and not item.changed_paragraphs.exists()


def test_paragraphs_of_another_version_cannot_be_linked(personas, consultation):
    item = comment(consultation)
    reactienota.set_next_version(
        round_=consultation.round, version=consultation.next_version, actor=personas.coordinator
    )
    with pytest.raises(reactienota.ReactienotaError, match="only paragraphs of the next version"):
        reactienota.set_outcome(
            round_=consultation.round,
            comment=item,
            outcome="adopted",
            reason="",
            changed_paragraphs=[consultation.paragraphs[1]],
            actor=personas.coordinator,
        )


def test_a_comment_of_another_round_or_withdrawn_answers_404(personas, client_for, consultation):
    other = make_consultation()
    foreign = comment(other)
    withdrawn = comment(consultation, withdrawn_at=timezone.now() - timedelta(days=2))
    client = client_for(personas.coordinator)
    assert post_outcome(client, consultation, foreign, outcome="adopted").status_code == 404
    assert post_outcome(client, consultation, withdrawn, outcome="adopted").status_code == 404
    assert (
        client.post(reverse("consultations:outcome_set", args=[consultation.round.pk, 999999]), {}).status_code == 404
    )
    foreign.refresh_from_db()
    assert foreign.outcome == ""
    with pytest.raises(reactienota.ReactienotaError, match="another round"):
        reactienota.set_outcome(
            round_=consultation.round, comment=foreign, outcome="adopted", reason="", actor=personas.coordinator
        )


def test_outcomes_wait_until_the_round_has_closed(personas, client_for):
    item = CommentFactory()  # the factory's round is open now
    response = client_for(personas.coordinator).post(
        reverse("consultations:outcome_set", args=[item.round.pk, item.pk]), {f"c{item.pk}-outcome": "adopted"}
    )
    assert response.status_code == 400
    assert "The round is still open" in response.content.decode()
    item.refresh_from_db()
    assert item.outcome == ""


def test_html_in_a_reason_is_shown_as_text(personas, client_for, consultation):
    item = comment(consultation)
    client = client_for(personas.coordinator)
    post_outcome(client, consultation, item, outcome="not_adopted", reason="<script>alert(1)</script>")
    answer_page = client.get(reverse("consultations:reactienota", args=[consultation.round.pk])).content.decode()
    assert "<script>alert(1)</script>" not in answer_page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in answer_page


def test_the_next_version_must_be_a_later_version_of_the_same_document(personas, client_for, consultation):
    client = client_for(personas.coordinator)
    url = reverse("consultations:next_version_set", args=[consultation.round.pk])
    other_document_version = VersionFactory()
    for bad in [consultation.version.pk, other_document_version.pk, "abc", ""]:
        response = client.post(url, {"version": bad}, follow=True)
        assert "Choose a later version of the same document." in response.content.decode()
    consultation.round.refresh_from_db()
    assert consultation.round.next_version is None
    assert client.post(url, {"version": consultation.next_version.pk}).status_code == 302
    consultation.round.refresh_from_db()
    assert consultation.round.next_version == consultation.next_version
    assert client_for(personas.member).post(url, {"version": consultation.next_version.pk}).status_code == 403


def test_changing_the_next_version_drops_links_to_the_old_one(personas, consultation):
    item = comment(consultation)
    coordinator = personas.coordinator
    reactienota.set_next_version(round_=consultation.round, version=consultation.next_version, actor=coordinator)
    reactienota.set_outcome(
        round_=consultation.round,
        comment=item,
        outcome="adopted",
        reason="",
        changed_paragraphs=[consultation.next_paragraphs[1]],
        actor=coordinator,
    )
    third = VersionFactory(document=consultation.document, label="3")
    reactienota.set_next_version(round_=consultation.round, version=third, actor=coordinator)
    assert not item.changed_paragraphs.exists()
    item.refresh_from_db()
    assert item.outcome == Comment.Outcome.ADOPTED


def test_the_outcomes_page_has_a_constant_number_of_queries(
    personas, client_for, consultation, django_assert_max_num_queries
):
    client = client_for(personas.coordinator)
    reactienota.set_next_version(
        round_=consultation.round, version=consultation.next_version, actor=personas.coordinator
    )
    url = reverse("consultations:outcomes", args=[consultation.round.pk])
    comment(consultation)
    with django_assert_max_num_queries(15):
        assert client.get(url).status_code == 200
    for index in range(60):
        item = comment(consultation, index=1 + index % 2)
        if index % 3 == 0:
            item.changed_paragraphs.add(consultation.next_paragraphs[1])
    with django_assert_max_num_queries(15):
        page = client.get(url)
    assert page.status_code == 200
    assert "Page 1 of 2" in page.content.decode()
