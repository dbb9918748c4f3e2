import pytest
from django.urls import reverse

from samenspel.core.models import AuditLogEntry
from samenspel.members.models import Consent, ConsentText
from tests.factories.members import ConsentTextFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(personas, client_for):
    return client_for(personas.coordinator)


def test_a_new_version_is_a_draft_with_the_next_number(client):
    ConsentTextFactory(version=4, published_at=None)
    response = client.post(reverse("members:consent_texts"), {"body_nl": "Nieuwe tekst", "body_en": "New text"})
    assert response.status_code == 302
    text = ConsentText.objects.get(version=5)
    assert text.published_at is None and text.body_nl == "Nieuwe tekst"
    assert AuditLogEntry.objects.filter(action="member.consent_text.created", data={"version": 5}).exists()


def test_the_first_version_is_number_one(client):
    client.post(reverse("members:consent_texts"), {"body_nl": "Tekst", "body_en": "Text"})
    assert ConsentText.objects.get().version == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "This field is required"),
        ({"body_nl": "   ", "body_en": "Text"}, "This field is required"),
        ({"body_nl": "x" * 20001, "body_en": "Text"}, "at most 20000"),
    ],
)
def test_bad_consent_text_input_is_refused(client, data, message):
    response = client.post(reverse("members:consent_texts"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ConsentText.objects.exists()


def test_a_draft_can_be_changed_and_html_is_escaped(client):
    text = ConsentTextFactory(published_at=None)
    client.post(
        reverse("members:consent_text_edit", args=[text.pk]),
        {"body_nl": "<script>alert(1)</script>", "body_en": "Changed"},
    )
    text.refresh_from_db()
    assert text.body_en == "Changed"
    html = client.get(reverse("members:consent_text_edit", args=[text.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_a_published_text_cannot_be_changed(client, personas):
    text = ConsentTextFactory(body_nl="Oud")
    Consent.objects.create(member=personas.coordinator, consent_text=text)
    response = client.post(
        reverse("members:consent_text_edit", args=[text.pk]), {"body_nl": "Nieuw", "body_en": "New"}, follow=True
    )
    assert "cannot be changed" in response.content.decode()
    text.refresh_from_db()
    assert text.body_nl == "Oud"
    page = client.get(reverse("members:consent_text_edit", args=[text.pk]))
    assert page.context["form"] is None
    assert "Oud" in page.content.decode()


def test_publishing_twice_or_an_older_version_is_refused(client, personas):
    old_draft = ConsentTextFactory(version=1, published_at=None)
    newer = ConsentTextFactory(version=2)
    Consent.objects.create(member=personas.coordinator, consent_text=newer)
    response = client.post(reverse("members:consent_text_publish", args=[old_draft.pk]), follow=True)
    assert "newer version is already published" in response.content.decode()
    old_draft.refresh_from_db()
    assert old_draft.published_at is None
    response = client.post(reverse("members:consent_text_publish", args=[newer.pk]), follow=True)
    assert "already published" in response.content.decode()


def test_after_publishing_members_are_asked_again_and_can_continue(client, personas, client_for):
    first = ConsentTextFactory(version=1)
    for person in (personas.member, personas.coordinator):
        Consent.objects.create(member=person, consent_text=first)
    draft = ConsentTextFactory(version=2, published_at=None, body_en="Version two of the text")

    member_client_page = reverse("members:directory")
    assert client_for(personas.member).get(member_client_page).status_code == 200

    client = client_for(personas.coordinator)
    response = client.post(reverse("members:consent_text_publish", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.published_at is not None
    assert AuditLogEntry.objects.filter(action="member.consent_text.published", actor=personas.coordinator).exists()

    member_client = client_for(personas.member)
    response = member_client.get(member_client_page)
    assert response.status_code == 302
    assert response.url.startswith(reverse("members:consent"))
    consent_page = member_client.get(response.url)
    assert "Version two of the text" in consent_page.content.decode()
    response = member_client.post(reverse("members:consent"), {"consent": "on", "next": member_client_page})
    assert response.status_code == 302 and response.url == member_client_page
    assert Consent.objects.filter(member=personas.member, consent_text=draft).exists()
    assert member_client.get(member_client_page).status_code == 200


def test_consent_text_list_has_constant_queries(client, django_assert_max_num_queries):
    for n in range(1, 60):
        ConsentTextFactory(version=n, published_at=None)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("members:consent_texts")).status_code == 200
