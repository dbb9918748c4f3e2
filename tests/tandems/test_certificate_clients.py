"""The certificate PDF read back by independent parsers: pypdf (structure) and pdfminer.six (layout).

Fonts embedded (TrueType: /FontFile2), the document language set (/Lang), every letter inside
the frame with a margin and on one page, and names with diacritics coming back as written.
"""

import datetime
import io
import itertools

import pytest
from django.conf import settings
from django.urls import reverse
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTCurve, LTTextLine
from pypdf import PdfReader

from samenspel.tandems.certificate import printable
from samenspel.tandems.services import trajectory as services_trajectory
from tests.factories.tandems import ModuleFactory, SessionFactory

MM = 72 / 25.4  # points per millimetre
MARGIN_INSIDE_FRAME = 8 * MM
NAME = "Zoë Çelik-Ñúñez"


def complete(tot):
    for module in tot.trajectory.modules.order_by("position"):
        services_trajectory.mark_module_done(
            actor=tot.coach, enrolment=tot.enrolment, module=module, on=datetime.date(2024, 6, 1)
        )


def certificate(tot, client_for, language="nl") -> bytes:
    client = client_for(tot.expert)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("tandems:certificate", args=[tot.enrolment.pk]))
    assert response.status_code == 200
    return response.content


def fonts(reader: PdfReader) -> list:
    """Every font the pages use, with the font dictionary that holds its descriptor."""
    found = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            described = font["/DescendantFonts"][0].get_object() if font["/Subtype"] == "/Type0" else font
            found.append((font, described))
    return found


def frame_and_characters(pdf: bytes):
    """Per page: the frame (the largest drawn rectangle, pdfminer bbox and line width) and every character."""
    pages = []
    for page in extract_pages(io.BytesIO(pdf)):
        shapes = [item for item in page if isinstance(item, LTCurve)]
        frame = max(shapes, key=lambda shape: shape.width * shape.height)
        lines = [line for box in page if hasattr(box, "__iter__") for line in box if isinstance(line, LTTextLine)]
        chars = [char for line in lines for char in line if isinstance(char, LTChar)]
        pages.append((frame, lines, chars))
    return pages


@pytest.fixture
def long_certificate(tot):
    """A tandem whose names, organisation and trajectory are as long as the fields allow, with 24 modules."""
    tot.expert.name = ("Zoë Çelik-Ñúñez van der Berghe-Wiśniewska " * 3)[:120]
    tot.expert.save()
    tot.professional.name = ("Bartholomeus Alexander Vanderbilt-Oosterhout " * 3)[:120]
    tot.professional.save()
    tot.tandem.organisation.name = "Stichting Buurtteams Amsterdam Noord en Nieuw-West voor Ervaringskennis"
    tot.tandem.organisation.save()
    tot.trajectory.title = ("Leertraject Ervaringskennis in de Wijk en in het Buurtteam " * 4)[:200]
    tot.trajectory.save()
    for position in range(3, 25):
        module = ModuleFactory(
            trajectory=tot.trajectory, position=position, title=f"Module over samenwerken in de wijk, deel {position}"
        )
        SessionFactory(module=module)
    return tot


def test_the_fonts_are_embedded_truetype(tot, client_for):
    complete(tot)
    used = fonts(PdfReader(io.BytesIO(certificate(tot, client_for))))
    assert used
    for font, described in used:
        assert "/FontDescriptor" in described, f"{font['/BaseFont']} is not embedded"
        assert "/FontFile2" in described["/FontDescriptor"], f"{font['/BaseFont']} is not an embedded TrueType font"


@pytest.mark.parametrize(("language", "tag", "word"), [("nl", "nl-NL", "Certificaat"), ("en", "en-GB", "Certificate")])
def test_the_document_language_is_set(tot, client_for, language, tag, word):
    complete(tot)
    reader = PdfReader(io.BytesIO(certificate(tot, client_for, language)))
    assert reader.trailer["/Root"]["/Lang"] == tag
    assert word in reader.pages[0].extract_text()
    assert reader.metadata.author == settings.NETWORK_NAME


def test_names_with_diacritics_come_back_as_written(tot, client_for):
    tot.expert.name = NAME
    tot.expert.save()
    tot.professional.name = "Łucja Wiśniewska-Ōta “Lu”"
    tot.professional.save()
    complete(tot)
    pdf = certificate(tot, client_for, "en")
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert f"{NAME} and Łucja Wiśniewska-Ōta “Lu”" in text
    lines = [line.get_text().strip() for _frame, page_lines, _chars in frame_and_characters(pdf) for line in page_lines]
    assert any(NAME in line for line in lines)


@pytest.mark.parametrize("size", ["usual", "long"])
def test_all_text_stays_inside_the_frame_with_a_margin_on_one_page(tot, client_for, request, size):
    if size == "long":
        request.getfixturevalue("long_certificate")
    else:
        tot.expert.name = NAME
        tot.expert.save()
    complete(tot)
    pdf = certificate(tot, client_for)
    pages = frame_and_characters(pdf)
    assert len(pages) == 1
    frame, lines, chars = pages[0]
    inner = (
        frame.x0 + frame.linewidth / 2 + MARGIN_INSIDE_FRAME,
        frame.y0 + frame.linewidth / 2 + MARGIN_INSIDE_FRAME,
        frame.x1 - frame.linewidth / 2 - MARGIN_INSIDE_FRAME,
        frame.y1 - frame.linewidth / 2 - MARGIN_INSIDE_FRAME,
    )
    assert frame.width > 700 and frame.height > 500  # the frame around an A4 landscape page
    outside = [
        char.get_text()
        for char in chars
        if char.x0 < inner[0] or char.y0 < inner[1] or char.x1 > inner[2] or char.y1 > inner[3]
    ]
    assert outside == []
    for first, second in itertools.combinations(lines, 2):  # no line is written over another
        overlap_x = min(first.x1, second.x1) - max(first.x0, second.x0)
        overlap_y = min(first.y1, second.y1) - max(first.y0, second.y0)
        assert overlap_x <= 0.5 or overlap_y <= 0.5, (first.get_text(), second.get_text())
    text = " ".join("".join(char.get_text() for char in chars).split())
    assert "Certificaatnummer" in text.replace(" ", "")


def test_letters_the_font_lacks_lose_their_accent_or_become_a_question_mark():
    assert printable("Café Noël – één “Łucja” Ōta") == "Café Noël – één “Łucja” Ōta"
    assert printable("李 ǅ ő") == "? Dz ő"
