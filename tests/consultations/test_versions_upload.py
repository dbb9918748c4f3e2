"""Uploading the text of a version: .docx and .md are split for review; bad files get a clear message."""

import io
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samenspel.consultations.models import Version
from samenspel.consultations.services import documents
from tests.factories.consultations import DocumentFactory, VersionFactory


@pytest.fixture
def draft(db):
    return VersionFactory(document=DocumentFactory(slug="advies"), status=Version.Status.DRAFT)


def upload(client, version, name, data, text=""):
    return client.post(
        reverse("consultations:version_text", args=[version.document.slug, version.number]),
        {"text": text, "upload": SimpleUploadedFile(name, data)},
    )


def word_file() -> bytes:
    word = docx.Document()
    word.add_heading("Concept-advies", level=0)  # the "Title" style
    word.add_paragraph("Ervaringskennis hoort in elk buurtteam.")
    word.add_paragraph("")  # empty paragraphs are skipped
    word.add_heading("Randvoorwaarden", level=2)
    word.add_paragraph("Opleiding   en\tbegeleiding.")
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def rows(response):
    return [(row.parsed.kind, row.parsed.level, row.parsed.text) for row in response.context["rows"]]


def test_a_word_file_is_split_into_headings_and_paragraphs(personas, client_for, draft):
    response = upload(client_for(personas.coordinator), draft, "advies.docx", word_file(), text="ignored")
    assert response.status_code == 200
    assert rows(response) == [
        ("heading", 1, "Concept-advies"),
        ("paragraph", 0, "Ervaringskennis hoort in elk buurtteam."),
        ("heading", 2, "Randvoorwaarden"),
        ("paragraph", 0, "Opleiding en begeleiding."),
    ]
    assert not draft.paragraphs.exists()  # shown for review only


def test_a_markdown_file_is_split(personas, client_for, draft):
    data = "\ufeff# Titel\r\n\r\nEerste regel\r\nzelfde alinea.\r\n\r\n### Kop 3 ###\r\nTekst.".encode()
    response = upload(client_for(personas.coordinator), draft, "tekst.MD", data)
    assert rows(response) == [
        ("heading", 1, "Titel"),
        ("paragraph", 0, "Eerste regel\nzelfde alinea."),
        ("heading", 3, "Kop 3"),
        ("paragraph", 0, "Tekst."),
    ]


def zipped(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("geheim.docx", OLE2, "protected with a password"),
        ("kapot.docx", b"dit is geen word-bestand", "cannot be read as a Word document"),
        ("kapot.docx", word_file()[:2000], "cannot be read as a Word document"),
        ("leeg.docx", zipped({"hello.txt": b"hi"}), "cannot be read as a Word document"),
        ("bom.docx", zipped({"word/document.xml": b"\x00" * (25 * 1024 * 1024)}), "unpacks to far too much data"),
        ("ratio.docx", zipped({"word/document.xml": b"a" * (2 * 1024 * 1024)}), "unpacks to far too much data"),
        ("plaatje.pdf", b"%PDF-1.4", "Upload a Word file (.docx) or a Markdown file (.md)."),
        ("zonder-naam", b"# Kop", "Upload a Word file (.docx) or a Markdown file (.md)."),
        ("latin.md", "café".encode("latin-1"), "not plain text in UTF-8"),
        ("leeg.md", b"\n\n", "The text is empty"),
        ("groot.md", b"a" * (documents.MAX_UPLOAD_BYTES + 1), "larger than 5 MB"),
    ],
)
def test_bad_files_get_a_clear_message_and_nothing_is_saved(personas, client_for, draft, name, data, message):
    response = upload(client_for(personas.coordinator), draft, name, data)
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["upload"])
    assert not draft.paragraphs.exists()


def test_an_empty_word_file_says_the_text_is_empty(personas, client_for, draft):
    out = io.BytesIO()
    docx.Document().save(out)
    response = upload(client_for(personas.coordinator), draft, "leeg.docx", out.getvalue())
    assert "The text is empty" in str(response.context["form"].errors["upload"])


def test_the_upload_field_only_offers_the_allowed_types(personas, client_for, draft):
    response = client_for(personas.coordinator).get(
        reverse("consultations:version_text", args=[draft.document.slug, draft.number])
    )
    assert 'accept=".docx,.md,.markdown,.txt"' in response.content.decode()
