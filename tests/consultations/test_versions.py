"""Versions: a new version copies the last one, its text is written or uploaded, reviewed, saved and published.

Paragraph identity is kept through three versions; only coordinators write; published versions stay as they are.
"""

import pytest
from django.urls import reverse

from samenspel.consultations.models import Paragraph, ParagraphKey, Version
from samenspel.consultations.services import documents
from samenspel.core.models import AuditLogEntry
from tests.factories.consultations import DocumentFactory, ParagraphFactory, VersionFactory

TEXT_V1 = """# Inleiding

Ervaringsdeskundigen werken in elk buurtteam van de stad.

De gemeente betaalt de opleiding en de begeleiding van de ervaringsdeskundigen.

## Afspraken

Elk jaar kijkt het netwerk terug op wat goed ging en wat niet.
"""


def url(name, document, number=None):
    args = [document.slug] if number is None else [document.slug, number]
    return reverse(f"consultations:{name}", args=args)


def write_and_save(client, document, number, text):
    """Send the text, check the review page, and save what was reviewed."""
    review = client.post(url("version_text", document, number), {"text": text})
    assert review.status_code == 200, review.content
    token = review.context["confirm_form"]["reviewed"].value()
    return client.post(url("version_text_save", document, number), {"reviewed": token})


@pytest.fixture
def document(db):
    return DocumentFactory(slug="werkkader", title="Werkkader")


def keys(version):
    return list(version.paragraphs.order_by("position").values_list("key_id", flat=True))


def test_the_whole_cycle_keeps_paragraph_identity_across_three_versions(personas, client_for, document):
    client = client_for(personas.coordinator)
    response = client.post(url("version_create", document), {"label": "1.1", "note": ""})
    v1 = document.versions.get(label="1.1")
    assert response["Location"] == url("version_text", document, v1.number)
    assert write_and_save(client, document, v1.number, TEXT_V1).status_code == 302
    assert [p.kind for p in v1.paragraphs.order_by("position")] == [
        "heading",
        "paragraph",
        "paragraph",
        "heading",
        "paragraph",
    ]
    assert client.post(url("version_publish", document, v1.number)).status_code == 302
    v1.refresh_from_db()
    assert v1.status == Version.Status.PUBLISHED and v1.published_at is not None

    # Version 2 starts as a copy of 1.1: same text, same keys.
    client.post(url("version_create", document), {"label": "2", "note": "Na de ronde"})
    v2 = document.versions.get(label="2")
    assert v2.based_on == v1 and v2.status == Version.Status.DRAFT
    assert keys(v2) == keys(v1)
    form_text = client.get(url("version_text", document, v2.number)).context["form"]["text"].value()
    assert form_text.startswith("# Inleiding\n\nErvaringsdeskundigen werken")

    # Edit one paragraph, move another, add a new one: edited and moved paragraphs keep their key.
    k = keys(v1)
    text_v2 = """# Inleiding

Elk jaar kijkt het netwerk terug op wat goed ging en wat niet.

Ervaringsdeskundigen werken in alle buurtteams van de stad, in een tandem.

Een nieuwe alinea over geld voor het netwerk en de kringen.

## Afspraken
"""
    write_and_save(client, document, v2.number, text_v2)
    v2_paragraphs = list(v2.paragraphs.order_by("position"))
    assert [p.key_id for p in v2_paragraphs[:3]] == [k[0], k[4], k[1]]
    assert v2_paragraphs[3].key_id not in k  # new
    assert v2_paragraphs[4].key_id == k[3]  # heading moved to the end
    assert k[2] not in keys(v2)  # removed
    client.post(url("version_publish", document, v2.number))

    # Version 3 carries the keys of version 2 on, also for the paragraph that was new in 2.
    client.post(url("version_create", document), {"label": "3"})
    v3 = document.versions.get(label="3")
    write_and_save(client, document, v3.number, text_v2.replace("Een nieuwe alinea", "Een herschreven alinea"))
    assert keys(v3) == keys(v2)
    assert ParagraphKey.objects.filter(document=document).count() == 6
    actions = set(AuditLogEntry.objects.values_list("action", flat=True))
    assert {
        "consultation.version.created",
        "consultation.version.text_saved",
        "consultation.version.published",
    } <= actions


def test_the_review_shows_the_split_and_saves_nothing(personas, client_for, document):
    version = VersionFactory(document=document, status=Version.Status.DRAFT)
    paragraph = ParagraphFactory(version=version, text="Ervaringsdeskundigen werken in elk buurtteam van de stad.")
    response = client_for(personas.coordinator).post(
        url("version_text", document, version.number),
        {"text": "# Kop\n\nErvaringsdeskundigen werken in elk buurtteam van de stad!\n\nNieuw."},
    )
    rows = response.context["rows"]
    assert [(r.parsed.kind, r.parsed.text) for r in rows] == [
        ("heading", "Kop"),
        ("paragraph", "Ervaringsdeskundigen werken in elk buurtteam van de stad!"),
        ("paragraph", "Nieuw."),
    ]
    assert [r.kept_from for r in rows] == [None, paragraph, None]
    content = response.content.decode()
    assert "Changed paragraph 1" in content and "Heading (level 1)" in content
    assert list(version.paragraphs.values_list("text", flat=True)) == [paragraph.text]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Write the text or upload a file."),
        ("   \n\n  ", "Write the text or upload a file."),
        ("x" * (documents.MAX_PARAGRAPH_CHARS + 1), "A paragraph is too long"),
        ("\n\n".join(["alinea"] * (documents.MAX_PARAGRAPHS + 1)), "too many paragraphs"),
        ("\n\n".join(["y" * 19000] * 22), "The text is too long"),
    ],
)
def test_bad_text_gets_a_message(personas, client_for, document, text, message):
    version = VersionFactory(document=document, status=Version.Status.DRAFT)
    response = client_for(personas.coordinator).post(url("version_text", document, version.number), {"text": text})
    assert response.status_code == 200
    assert message in str(response.context["form"].errors)
    assert not version.paragraphs.exists()


def test_html_in_the_text_is_stored_as_typed_and_shown_escaped(personas, client_for, document):
    version = VersionFactory(document=document, status=Version.Status.DRAFT)
    client = client_for(personas.coordinator)
    write_and_save(client, document, version.number, "<script>alert(1)</script> en <b>vet</b>")
    assert version.paragraphs.get().text == "<script>alert(1)</script> en <b>vet</b>"
    content = client.get(url("version_detail", document, version.number)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; en &lt;b&gt;vet&lt;/b&gt;" in content


def test_a_tampered_or_expired_review_saves_nothing(personas, client_for, document):
    version = VersionFactory(document=document, status=Version.Status.DRAFT)
    client = client_for(personas.coordinator)
    for token in ("", "nonsense", documents.sign_review(version=VersionFactory(document=document), paragraphs=[])):
        response = client.post(url("version_text_save", document, version.number), {"reviewed": token}, follow=True)
        assert "The reviewed text has expired or was changed" in response.content.decode()
    assert not version.paragraphs.exists()


def test_a_change_made_by_someone_else_during_review_is_not_overwritten(personas, client_for, document):
    version = VersionFactory(document=document, status=Version.Status.DRAFT)
    client = client_for(personas.coordinator)
    review = client.post(url("version_text", document, version.number), {"text": "Mijn tekst."})
    token = review.context["confirm_form"]["reviewed"].value()
    documents.save_paragraphs(
        actor=None, version=version, paragraphs=[documents.ParsedParagraph("paragraph", 0, "Tekst van een collega.")]
    )
    response = client.post(url("version_text_save", document, version.number), {"reviewed": token}, follow=True)
    assert "Someone else changed this version while you were reviewing" in response.content.decode()
    assert list(version.paragraphs.values_list("text", flat=True)) == ["Tekst van een collega."]


def test_a_published_version_cannot_be_changed_or_published_again(personas, client_for, document):
    version = VersionFactory(document=document)
    ParagraphFactory(version=version, text="Vast.")
    client = client_for(personas.coordinator)
    response = client.get(url("version_text", document, version.number), follow=True)
    assert "This version is published and cannot be changed" in response.content.decode()
    token = documents.sign_review(version=version, paragraphs=[documents.ParsedParagraph("paragraph", 0, "Nieuw.")])
    client.post(url("version_text_save", document, version.number), {"reviewed": token})
    response = client.post(url("version_publish", document, version.number), follow=True)
    assert "This version is published and cannot be changed" in response.content.decode()
    assert list(version.paragraphs.values_list("text", flat=True)) == ["Vast."]


def test_an_empty_version_cannot_be_published(personas, client_for, document):
    version = VersionFactory(document=document, status=Version.Status.DRAFT)
    response = client_for(personas.coordinator).post(url("version_publish", document, version.number), follow=True)
    assert "This version has no text yet" in response.content.decode()
    version.refresh_from_db()
    assert version.status == Version.Status.DRAFT


@pytest.mark.parametrize(
    ("label", "message"),
    [("", "This field is required."), ("x" * 21, "at most 20 characters"), ("1.0", "already has a version")],
)
def test_bad_version_labels_are_refused(personas, client_for, document, label, message):
    VersionFactory(document=document, label="1.0")
    response = client_for(personas.coordinator).post(url("version_create", document), {"label": label})
    assert response.status_code == 200
    assert message in str(response.context["form"].errors)
    assert document.versions.count() == 1


@pytest.mark.parametrize(
    "persona", ["visitor", "pending", "member", "outsider", "kartrekker", "orgrep", "municipality"]
)
def test_only_coordinators_make_write_and_publish_versions(personas, client_for, document, persona):
    published = VersionFactory(document=document, label="1")
    ParagraphFactory(version=published)
    draft = VersionFactory(document=document, label="2", status=Version.Status.DRAFT)
    ParagraphFactory(version=draft, text="Concept.")
    client = client_for(personas.as_dict()[persona])
    expected = 302 if persona == "visitor" else 403
    assert client.post(url("version_create", document), {"label": "3"}).status_code == expected
    # Coordinators only, checked before the version is looked up: a draft and a missing number answer alike.
    assert client.post(url("version_text", document, draft.number), {"text": "Gekaapt."}).status_code == expected
    assert client.post(url("version_text", document, 99), {"text": "Gekaapt."}).status_code == expected
    assert client.post(url("version_publish", document, draft.number)).status_code == expected
    assert client.post(url("version_publish", document, published.number)).status_code == expected
    assert document.versions.count() == 2
    draft.refresh_from_db()
    assert draft.status == Version.Status.DRAFT
    assert list(draft.paragraphs.values_list("text", flat=True)) == ["Concept."]


def test_copying_a_version_keeps_kinds_and_levels(personas, document):
    first = VersionFactory(document=document)
    ParagraphFactory(version=first, kind=Paragraph.Kind.HEADING, level=2, text="Kop")
    ParagraphFactory(version=first, text="Tekst")
    copy = documents.create_version(actor=personas.coordinator, document=document, label="2")
    assert [(p.kind, p.level, p.text, p.position) for p in copy.paragraphs.order_by("position")] == [
        ("heading", 2, "Kop", 1),
        ("paragraph", 0, "Tekst", 2),
    ]
