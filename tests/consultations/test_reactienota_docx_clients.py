"""The reactienota .docx read back by independent clients: python-docx and LibreOffice (headless).

What each checks: A4 paper, the document language (nl-NL / en-GB) on the styles and every run,
its own core properties and nothing of python-docx's template, and the same content as the
page (the table of outcomes with its total, the links to the paragraphs).
"""

import datetime
import html
import io
import re
import zipfile

import pytest
from django.conf import settings
from django.urls import reverse
from docx import Document as DocxDocument
from docx.oxml.ns import qn
from pypdf import PdfReader

from samenspel.consultations.models import Comment
from samenspel.consultations.services import reactienota
from tests import office
from tests.factories.members import MemberFactory

from .helpers_reactienota import comment

pytestmark = pytest.mark.django_db

A4_MM = (210, 297)
NAME = "Zoë Çelik-Ñúñez"


def page_url(consultation):
    return reverse("consultations:reactienota", args=[consultation.round.pk])


def download_url(consultation):
    return reverse("consultations:reactienota_download", args=[consultation.round.pk])


@pytest.fixture
def published(personas, consultation):
    """A published reactienota: outcomes of three kinds, one comment open, a change with its link."""
    coordinator = personas.coordinator
    author = MemberFactory(name=NAME)
    on_first = comment(consultation, index=1, author=author, body="Noem ook de bondgenoten.")
    on_second = comment(consultation, index=2, body="Dit klopt niet.")
    whole = comment(consultation, index=None, body="Over het hele advies.")
    comment(consultation, index=2, display=Comment.Display.ANONYMOUS, body="Nog open.")
    reactienota.set_next_version(round_=consultation.round, version=consultation.next_version, actor=coordinator)
    reactienota.set_outcome(
        round_=consultation.round,
        comment=on_first,
        outcome="adopted",
        reason="",
        changed_paragraphs=[consultation.next_paragraphs[1]],
        actor=coordinator,
    )
    reactienota.set_outcome(
        round_=consultation.round, comment=on_second, outcome="out_of_scope", reason="Iets anders.", actor=coordinator
    )
    reactienota.set_outcome(
        round_=consultation.round, comment=whole, outcome="adopted", reason="Goed punt.", actor=coordinator
    )
    # Published with one comment still open: the rules allow it when the coordinators choose so.
    consultation.round.reactienota_published_at = datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.UTC)
    consultation.round.save(update_fields=["reactienota_published_at"])
    return consultation


def download(client, consultation) -> bytes:
    response = client.get(download_url(consultation))
    assert response.status_code == 200
    return response.content


def page_table(page: str) -> list[list[str]]:
    """The rows of the page's table of outcomes (header, body, total), as text."""
    table = re.search(r"<table.*?</table>", page, re.S).group(0)
    rows = []
    for row in re.findall(r"<tr.*?</tr>", table, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append([html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in cells])
    return rows


def page_paragraph_links(page: str) -> set[str]:
    """The page's links to paragraphs (#p-...), as absolute addresses."""
    return {settings.SITE_URL + html.unescape(href) for href in re.findall(r'href="([^"]*#p-[^"]*)"', page)}


def docx_links(document) -> set[str]:
    return {link.url for paragraph in document.paragraphs for link in paragraph.hyperlinks}


def test_the_docx_is_a4_with_its_own_core_properties(personas, client_for, published):
    content = download(client_for(personas.member), published)
    document = DocxDocument(io.BytesIO(content))
    for section in document.sections:
        assert (round(section.page_width.mm), round(section.page_height.mm)) == A4_MM
    properties = document.core_properties
    assert properties.title == f"Reactienota: {published.document.title}"
    assert properties.author == settings.NETWORK_NAME
    assert properties.last_modified_by == settings.NETWORK_NAME
    assert properties.created == published.round.reactienota_published_at
    assert properties.modified == properties.created
    assert properties.comments == ""
    package = zipfile.ZipFile(io.BytesIO(content))
    assert not [name for name in package.namelist() if "thumbnail" in name or name.startswith("customXml")]
    for name in ("docProps/core.xml", "docProps/app.xml"):
        text = package.read(name).decode()
        assert "python-docx" not in text and "Microsoft" not in text and "Normal.dotm" not in text


@pytest.mark.parametrize(("language", "tag"), [("nl", "nl-NL"), ("en", "en-GB")])
def test_the_language_is_on_the_styles_and_every_run(personas, client_for, published, language, tag):
    client = client_for(personas.member)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    document = DocxDocument(io.BytesIO(download(client, published)))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}").get(qn("w:val")) == tag
    assert document.settings.element.find(qn("w:themeFontLang")).get(qn("w:val")) == tag
    runs = list(document.element.body.iter(qn("w:r")))
    assert len(runs) > 30
    assert {run.find(f"{qn('w:rPr')}/{qn('w:lang')}").get(qn("w:val")) for run in runs} == {tag}
    assert document.core_properties.language == tag
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert ("Reactie van" in text) == (language == "nl")


def test_the_docx_has_the_pages_table_of_outcomes_and_its_links(personas, client_for, published):
    client = client_for(personas.member)
    page = client.get(page_url(published)).content.decode()
    document = DocxDocument(io.BytesIO(download(client, published)))
    expected = page_table(page)
    assert expected[0] == ["Outcome", "Comments"]
    assert ["Adopted", "2"] in expected and ["No outcome yet", "1"] in expected
    assert expected[-1] == ["Total", "4"]
    assert len(document.tables) == 1
    assert [[cell.text for cell in row.cells] for row in document.tables[0].rows] == expected
    links = docx_links(document)
    key = published.next_paragraphs[1].key_id
    next_url = reverse("consultations:version_detail", args=[published.document.slug, published.next_version.number])
    assert f"{settings.SITE_URL}{next_url}#p-{key}" in links
    assert page_paragraph_links(page) == {link for link in links if "#p-" in link}
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert f"Comment by {NAME}" in text and "Changed in paragraph 2 of version 2" in text


def test_libreoffice_opens_the_docx_as_an_a4_dutch_document(personas, client_for, published, tmp_path):
    source = tmp_path / "reactienota.docx"
    client = client_for(personas.member)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    source.write_bytes(download(client, published))
    converted, process = office.convert(source, "pdf", tmp_path)
    assert process.returncode == 0, process.stderr
    assert office.complaints(process) == []
    assert converted.exists(), process.stdout
    pdf = PdfReader(converted)
    for page in pdf.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)  # A4 in points
    assert pdf.trailer["/Root"]["/Lang"] == "nl-NL"
    assert pdf.metadata.title == f"Reactienota: {published.document.title}"
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert f"Reactie van {NAME}" in text
    assert "Totaal 4" in text and "Nog geen uitkomst 1" in text
