"""The public pages of documents: list with history, document page with anchors, version pages, who sees what."""

import pytest
from django.urls import reverse

from samenspel.consultations.models import Comment, Paragraph, Version
from tests.factories.consultations import (
    CommentFactory,
    DocumentFactory,
    ParagraphFactory,
    RoundFactory,
    VersionFactory,
)


@pytest.fixture
def advice(db):
    document = DocumentFactory(title="Advies over ervaringskennis", slug="advies")
    v1 = VersionFactory(document=document, label="1")
    heading = ParagraphFactory(version=v1, kind=Paragraph.Kind.HEADING, level=1, text="Inleiding")
    body = ParagraphFactory(version=v1, text="Ervaringsdeskundigen werken in elk buurtteam.")
    draft = VersionFactory(document=document, label="2", status=Version.Status.DRAFT)
    ParagraphFactory(version=draft, key=heading.key, kind=Paragraph.Kind.HEADING, level=1, text="Inleiding")
    ParagraphFactory(version=draft, key=body.key, text="Geheime nieuwe tekst in het concept.")
    return {"document": document, "v1": v1, "draft": draft, "heading": heading, "body": body}


def test_the_list_shows_documents_with_versions_and_rounds(personas, client_for, advice):
    round_ = RoundFactory(version=advice["v1"], title="Ronde over het concept")
    response = client_for(None).get(reverse("consultations:document_list"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Advies over ervaringskennis" in content
    assert "Version 1" in content
    assert round_.title in content
    assert "Version 2" not in content  # a draft


def test_the_list_shows_drafts_to_coordinators(personas, client_for, advice):
    response = client_for(personas.coordinator).get(reverse("consultations:document_list"))
    assert "Version 2" in response.content.decode()


def test_the_document_page_shows_the_current_version_with_anchors(personas, client_for, advice):
    response = client_for(None).get(reverse("consultations:document_detail", args=["advies"]))
    assert response.status_code == 200
    content = response.content.decode()
    assert f'id="p-{advice["body"].key_id}"' in content
    assert f'href="#p-{advice["body"].key_id}"' in content
    assert "Ervaringsdeskundigen werken in elk buurtteam." in content
    assert "Geheime nieuwe tekst" not in content
    # The document's level 1 heading comes under the page's h2 "Current version", so it is an h3.
    assert '<h3 class="utrecht-heading-3">Inleiding</h3>' in content


def test_the_document_page_counts_remarks_per_paragraph_without_withdrawn_ones(personas, client_for, advice):
    round_ = RoundFactory(version=advice["v1"])
    CommentFactory.create_batch(3, round=round_, paragraph=advice["body"])
    CommentFactory(round=round_, paragraph=advice["body"], withdrawn_at="2024-01-01T00:00:00Z")
    CommentFactory(round=round_, paragraph=None)
    response = client_for(personas.member).get(reverse("consultations:document_detail", args=["advies"]))
    counts = response.context["counts"]
    assert counts.per_key == {advice["body"].key_id: 3}
    assert counts.whole_document == 1
    assert counts.total == 4
    assert "3 remarks" in response.content.decode()


def test_an_older_version_says_which_version_is_current(personas, client_for, advice):
    v2 = advice["draft"]
    v2.status = Version.Status.PUBLISHED
    v2.save()
    response = client_for(None).get(reverse("consultations:version_detail", args=["advies", 1]))
    assert response.status_code == 200
    assert "This is an older version. The current version is 2." in response.content.decode()
    compare = reverse("consultations:compare", args=["advies"])
    detail = client_for(None).get(reverse("consultations:document_detail", args=["advies"])).content.decode()
    assert f"{compare}?old=1&amp;new=2" in detail


@pytest.mark.parametrize(
    ("persona", "status"),
    [("visitor", 302), ("pending", 404), ("member", 404), ("outsider", 404), ("coordinator", 200)],
)  # a visitor is sent to log in (a coordinator may follow the link)
def test_a_draft_version_is_hidden_from_everyone_but_coordinators(personas, client_for, advice, persona, status):
    person = personas.as_dict()[persona]
    response = client_for(person).get(reverse("consultations:version_detail", args=["advies", 2]))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    [("visitor", 302), ("pending", 404), ("member", 200), ("outsider", 200), ("coordinator", 200)],
)  # a visitor is sent to log in with next
def test_a_members_only_document_is_hidden_from_visitors(personas, client_for, persona, status):
    document = DocumentFactory(slug="intern", title="Intern werkkader", is_public=False)
    VersionFactory(document=document)
    person = personas.as_dict()[persona]
    client = client_for(person)
    for url in (
        reverse("consultations:document_detail", args=["intern"]),
        reverse("consultations:version_detail", args=["intern", 1]),
        reverse("consultations:compare", args=["intern"]),
    ):
        assert client.get(url).status_code == status
    listed = "Intern werkkader" in client.get(reverse("consultations:document_list")).content.decode()
    assert listed is (status == 200)


def test_unknown_documents_and_versions_answer_404(personas, client_for, advice):
    client = client_for(personas.coordinator)
    assert client.get(reverse("consultations:document_detail", args=["bestaat-niet"])).status_code == 404
    assert client.get(reverse("consultations:version_detail", args=["advies", 99])).status_code == 404


def test_text_is_shown_escaped(personas, client_for):
    document = DocumentFactory(slug="html", title="<script>alert(1)</script>Titel")
    version = VersionFactory(document=document)
    ParagraphFactory(version=version, text='<img src=x onerror="alert(1)"> tekst')
    content = client_for(None).get(reverse("consultations:document_detail", args=["html"])).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert '<img src=x onerror="alert(1)">' not in content
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; tekst" in content


def test_a_document_without_published_version_says_so(personas, client_for):
    DocumentFactory(slug="leeg")
    response = client_for(None).get(reverse("consultations:document_detail", args=["leeg"]))
    assert response.status_code == 200
    assert "No version of this document has been published yet." in response.content.decode()


def test_comment_model_is_untouched_by_reading(personas, client_for, advice):
    """Reading pages writes nothing."""
    client_for(None).get(reverse("consultations:document_detail", args=["advies"]))
    assert Comment.objects.count() == 0


def test_coordinators_can_start_a_round_from_a_published_version(personas, client_for, advice):
    url = reverse("consultations:version_detail", args=["advies", 1])
    content = client_for(personas.coordinator).get(url).content.decode()
    assert f"{reverse('consultations:round_create')}?version={advice['v1'].pk}" in content
    assert reverse("consultations:round_create") not in client_for(personas.member).get(url).content.decode()
