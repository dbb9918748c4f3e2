"""The diff page: any two versions, side by side and in one text, readable without colour, with anchors."""

import pytest
from django.urls import reverse

from samenspel.consultations.models import Paragraph, Version
from tests.factories.consultations import DocumentFactory, ParagraphFactory, VersionFactory


@pytest.fixture
def three(db):
    document = DocumentFactory(slug="werkkader", title="Werkkader")
    v1 = VersionFactory(document=document, label="1.1")
    heading = ParagraphFactory(version=v1, kind=Paragraph.Kind.HEADING, level=1, text="Inleiding")
    kept = ParagraphFactory(version=v1, text="Ervaringsdeskundigen werken in elk buurtteam.")
    edited = ParagraphFactory(version=v1, text="De gemeente betaalt de opleiding.")
    removed = ParagraphFactory(version=v1, text="Deze alinea verdwijnt helemaal uit het werkkader.")
    moved = ParagraphFactory(version=v1, text="Elk jaar kijkt het netwerk terug.")
    v2 = VersionFactory(document=document, label="2")
    ParagraphFactory(version=v2, key=heading.key, kind=Paragraph.Kind.HEADING, level=1, text="Inleiding")
    ParagraphFactory(version=v2, key=moved.key, text=moved.text)
    ParagraphFactory(version=v2, key=kept.key, text=kept.text)
    ParagraphFactory(version=v2, key=edited.key, text="De gemeente betaalt de opleiding en de begeleiding.")
    added = ParagraphFactory(version=v2, text="Een nieuwe alinea.")
    draft = VersionFactory(document=document, label="3", status=Version.Status.DRAFT)
    ParagraphFactory(version=draft, key=heading.key, text="Geheim concept")
    return {"document": document, "kept": kept, "edited": edited, "removed": removed, "moved": moved, "added": added}


URL = reverse("consultations:compare", args=["werkkader"])


def by_key(response):
    return {(e.new or e.old).key_id: e for e in response.context["entries"]}


def test_by_default_it_compares_the_last_two_visible_versions_side_by_side(personas, client_for, three):
    response = client_for(None).get(URL)
    assert response.status_code == 200
    assert (response.context["old"].label, response.context["new"].label) == ("1.1", "2")
    entries = by_key(response)
    assert entries[three["edited"].key_id].status == "changed"
    assert entries[three["removed"].key_id].status == "removed"
    assert entries[three["added"].key_id].status == "added"
    assert response.context["summary"] == {"added": 1, "removed": 1, "moved": 1, "changed": 1, "unchanged": 2}
    content = response.content.decode()
    assert "<table" in content and '<th class="utrecht-table__header-cell" scope="row">' in content
    assert "Geheim concept" not in content


def test_words_are_marked_for_screen_readers_and_without_colour(personas, client_for, three):
    content = client_for(None).get(URL, {"old": 1, "new": 2, "view": "inline"}).content.decode()
    inserted = '<ins class="samenspel-diff__ins"><span class="samenspel-visually-hidden">inserted: </span>'
    deleted = '<del class="samenspel-diff__del"><span class="samenspel-visually-hidden">deleted: </span>'
    assert f"De gemeente betaalt de opleiding{inserted} en de begeleiding</ins>." in content
    assert f"{deleted}Deze alinea verdwijnt helemaal uit het werkkader.</del>" in content
    assert f"{inserted}Een nieuwe alinea.</ins>" in content
    for label in ("Added", "Removed", "Changed", "Moved", "Unchanged"):
        assert f">{label}</span>" in content
    assert "was paragraph 4" in content  # the removed paragraph
    assert "paragraph 5, now 2" in content  # the moved paragraph


def test_every_paragraph_has_an_anchor_to_link_to(personas, client_for, three):
    for view in ("side", "inline"):
        content = client_for(None).get(URL, {"old": 1, "new": 2, "view": view}).content.decode()
        for name in ("kept", "edited", "removed", "moved", "added"):
            assert f'id="p-{three[name].key_id}"' in content


def test_versions_can_be_compared_in_either_order(personas, client_for, three):
    response = client_for(None).get(URL, {"old": 2, "new": 1})
    entries = by_key(response)
    assert entries[three["added"].key_id].status == "removed"
    assert entries[three["removed"].key_id].status == "added"


def test_only_changes_leaves_unchanged_paragraphs_out(personas, client_for, three):
    response = client_for(None).get(URL, {"old": 1, "new": 2, "changes_only": "on"})
    statuses = [entry.status for entry in response.context["entries"]]
    assert "unchanged" not in statuses and len(statuses) == 4


def test_coordinators_can_compare_with_a_draft(personas, client_for, three):
    response = client_for(personas.coordinator).get(URL, {"old": 2, "new": 3})
    assert response.status_code == 200
    assert "Geheim concept" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"old": 1, "new": 1}, "Choose two different versions."),
        ({"old": 1, "new": 3}, "Select a valid choice"),  # a draft, for a visitor
        ({"old": 1, "new": 99}, "Select a valid choice"),
        ({"old": "x", "new": 2}, "Select a valid choice"),
        ({"old": 1}, "This field is required."),
        ({"old": 1, "new": 2, "view": "<script>"}, "Select a valid choice"),
    ],
)
def test_bad_choices_get_a_message_not_an_error(personas, client_for, three, params, message):
    response = client_for(None).get(URL, params)
    assert response.status_code == 200
    assert message in str(response.context["form"].errors)
    assert "entries" not in response.context
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_a_document_with_one_version_has_nothing_to_compare(personas, client_for):
    VersionFactory(document=DocumentFactory(slug="enkel"))
    response = client_for(None).get(reverse("consultations:compare", args=["enkel"]))
    assert response.status_code == 200
    assert "fewer than two versions" in response.content.decode()
