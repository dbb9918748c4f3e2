"""The demo consultations: the concept advice with its closed round and reactienota, the Werkkader diff."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from samenspel.consultations.diff import diff_versions
from samenspel.consultations.models import Comment, CommentSupport, Document, Paragraph, ParagraphKey, Round, Version
from samenspel.demo.sections import consultations as demo

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_network")]  # loaded once (tests/fixtures/demo.py)


def seed() -> None:
    call_command("seed_demo", stdout=StringIO())


def snapshot() -> dict:
    return {
        "documents": list(Document.objects.values_list("slug", "title", "is_public").order_by("slug")),
        "versions": list(Version.objects.values_list("document__slug", "number", "label", "status").order_by("pk")),
        "keys": ParagraphKey.objects.count(),
        "paragraphs": list(Paragraph.objects.values_list("version_id", "key_id", "position", "text").order_by("pk")),
        "rounds": list(Round.objects.values_list("title", "opens_at", "closes_at", "next_version_id").order_by("pk")),
        "comments": list(
            Comment.objects.values_list("body", "author_id", "display", "outcome", "reason", "created_at").order_by(
                "pk"
            )
        ),
        "links": list(
            Comment.changed_paragraphs.through.objects.values_list("comment_id", "paragraph_id").order_by("pk")
        ),
        "supports": CommentSupport.objects.count(),
    }


def test_seeding_twice_changes_nothing():
    first = snapshot()
    seed()
    assert snapshot() == first
    assert len(first["documents"]) == 3  # the advice, the framework, and the Buurtteams circle's job profile


def test_the_advice_has_a_closed_round_with_every_outcome_and_a_published_reactienota(client):
    advice = Document.objects.get(slug=demo.ADVICE_SLUG)
    v1, v2 = advice.versions.order_by("number")
    round_ = Round.objects.get(version=v1)
    assert not round_.is_open and round_.next_version == v2 and round_.reactienota_published_at
    comments = list(round_.comments.all())
    assert len(comments) == len(demo.ADVICE_REMARKS)
    assert all(comment.outcome for comment in comments)
    assert {comment.outcome for comment in comments} == set(Comment.Outcome.values)
    assert {comment.source for comment in comments} == set(Comment.Source.values)
    meeting_remark = next(c for c in comments if c.source == Comment.Source.MEETING)
    assert meeting_remark.source_meeting is not None and meeting_remark.paragraph is None
    for comment in comments:
        assert all(p.version_id == v2.pk for p in comment.changed_paragraphs.all())
    # Paragraph identity: the renewed version keeps the keys of the concept and adds one.
    keys_v1 = set(v1.paragraphs.values_list("key_id", flat=True))
    keys_v2 = set(v2.paragraphs.values_list("key_id", flat=True))
    assert keys_v1 < keys_v2 and len(keys_v2 - keys_v1) == 1

    page = client.get(reverse("consultations:reactienota", args=[round_.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Anouk Jansen" not in html and "Bas de Wit" not in html  # anonymous, and shown by role
    assert "Een teamleider van een buurtteam" in html and "Mohamed Amrani" in html


def test_the_framework_has_two_versions_whose_diff_shows_every_kind_of_change(client):
    framework = Document.objects.get(slug=demo.FRAMEWORK_SLUG)
    old, new = framework.versions.order_by("number")
    assert (old.label, new.label) == ("1.1", "2")
    statuses = {entry.status for entry in diff_versions(list(old.paragraphs.all()), list(new.paragraphs.all()))}
    assert statuses == {"unchanged", "changed", "added", "removed", "moved"}
    response = client.get(reverse("consultations:compare", args=[framework.slug]), {"old": 1, "new": 2})
    assert response.status_code == 200
    open_round = Round.objects.get(version=new)
    assert open_round.is_open and open_round.comments.count() == len(demo.FRAMEWORK_REMARKS)
