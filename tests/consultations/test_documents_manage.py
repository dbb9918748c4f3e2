"""Coordinators create and change documents; everyone else is kept out; bad input gets a clear message."""

import pytest
from django.urls import reverse

from samenspel.consultations.models import Document
from samenspel.core.models import AuditLogEntry
from tests.factories.consultations import DocumentFactory

CREATE = reverse("consultations:document_create")


def valid(**overrides):
    data = {
        "title": "Werkkader buurtteams",
        "slug": "",
        "kind": "framework",
        "summary": "Hoe we werken.",
        "is_public": "on",
    }
    data.update(overrides)
    return data


def test_a_coordinator_creates_a_document_and_is_sent_to_its_first_version(personas, client_for):
    response = client_for(personas.coordinator).post(CREATE, valid())
    document = Document.objects.get()
    assert document.slug == "werkkader-buurtteams"
    assert document.is_public and document.kind == "framework" and document.created_by == personas.coordinator
    assert response.status_code == 302
    assert response["Location"] == reverse("consultations:version_create", args=[document.slug])
    assert AuditLogEntry.objects.filter(action="consultation.document.created", target_id=str(document.pk)).exists()


def test_a_made_short_name_never_clashes(personas, client_for):
    DocumentFactory(slug="werkkader-buurtteams")
    client_for(personas.coordinator).post(CREATE, valid())
    assert Document.objects.filter(slug="werkkader-buurtteams-2").exists()


def test_a_members_only_document(personas, client_for):
    client_for(personas.coordinator).post(CREATE, valid(is_public="", slug="intern"))
    assert Document.objects.get(slug="intern").is_public is False


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (valid(title=""), "title", "This field is required."),
        (valid(title="   "), "title", "This field is required."),
        (valid(title="x" * 201), "title", "at most 200 characters"),
        (valid(kind="poem"), "kind", "Select a valid choice"),
        (valid(slug="met spaties"), "slug", "Enter a valid"),
        (valid(slug="new"), "slug", "This short name is not available"),
        (valid(slug="rounds"), "slug", "This short name is not available"),
        (valid(summary="x" * 2001), "summary", "at most 2000 characters"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(personas, client_for, data, field, message):
    response = client_for(personas.coordinator).post(CREATE, data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Document.objects.exists()


def test_a_taken_short_name_is_refused(personas, client_for):
    DocumentFactory(slug="advies")
    response = client_for(personas.coordinator).post(CREATE, valid(slug="advies"))
    assert response.status_code == 200
    assert response.context["form"].errors["slug"]
    assert Document.objects.count() == 1


def test_html_in_the_title_is_shown_as_text(personas, client_for):
    client_for(personas.coordinator).post(CREATE, valid(title="<b>Vet</b> advies", slug="vet"))
    content = client_for(None).get(reverse("consultations:document_detail", args=["vet"])).content.decode()
    assert "&lt;b&gt;Vet&lt;/b&gt; advies" in content
    assert "<b>Vet</b>" not in content


def test_a_coordinator_changes_a_document_but_not_its_short_name(personas, client_for):
    document = DocumentFactory(slug="advies", title="Oud")
    url = reverse("consultations:document_edit", args=["advies"])
    assert "slug" not in client_for(personas.coordinator).get(url).context["form"].fields
    response = client_for(personas.coordinator).post(
        url, {"title": "Nieuw", "slug": "anders", "kind": "advice", "summary": "", "is_public": ""}
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.title, document.slug, document.is_public) == ("Nieuw", "advies", False)
    entry = AuditLogEntry.objects.get(action="consultation.document.updated")
    assert set(entry.data["fields"]) == {"title", "summary", "is_public"}


def test_a_failed_change_keeps_the_saved_title(personas, client_for):
    document = DocumentFactory(slug="advies", title="Oud")
    response = client_for(personas.coordinator).post(
        reverse("consultations:document_edit", args=["advies"]), {"title": "", "kind": "advice"}
    )
    assert response.status_code == 200
    assert "Change Oud" in response.content.decode()
    document.refresh_from_db()
    assert document.title == "Oud"


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("visitor", "login"), ("pending", 403), ("member", 403), ("outsider", 403), ("orgrep", 403)],
)
def test_only_coordinators_create_and_change_documents(personas, client_for, persona, expected):
    DocumentFactory(slug="advies", title="Oud")
    client = client_for(personas.as_dict()[persona])
    for url in (CREATE, reverse("consultations:document_edit", args=["advies"])):
        response = client.post(url, valid(title="Gekaapt"))
        if expected == "login":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == expected
    assert not Document.objects.filter(title="Gekaapt").exists()


def test_a_kartrekker_makes_no_document_without_their_circle(personas, client_for):
    """Kartrekkers make documents for their own circle only (tests/consultations/test_circle_consultations.py)."""
    DocumentFactory(slug="advies", title="Oud")
    client = client_for(personas.kartrekker)
    response = client.post(CREATE, valid(title="Gekaapt"))
    assert response.status_code == 200 and "circle" in response.context["form"].errors
    assert (
        client.post(reverse("consultations:document_edit", args=["advies"]), valid(title="Gekaapt")).status_code == 403
    )
    assert not Document.objects.filter(title="Gekaapt").exists()


def test_a_hidden_document_answers_404_to_its_edit_page(personas, client_for):
    DocumentFactory(slug="intern", is_public=False)
    assert client_for(personas.pending).get(reverse("consultations:document_edit", args=["intern"])).status_code == 404
