"""The certificate of completion of a learning trajectory, as a PDF (fpdf2, pure Python).

One A4 page in landscape: the network, the trajectory, the two partners of the tandem, their
organisation and team, the date of completion and the modules they did. It is written in the
language of the request (Dutch or English), and says so (/Lang nl-NL or en-GB).

The font is Source Sans Pro, a TrueType font from the PyPI package `font-source-sans-pro`
(SIL Open Font License; pinned in requirements/base.txt, so it does not depend on the
machine's fonts). It is embedded (a subset of the letters used), covers the Latin letters of
Europe (é, ë, ç, ñ, ł, ő, ş, ț ...) and typographic quotes; a letter it lacks loses its accent
where that gives one it has, else it becomes "?", so a name never breaks the certificate.

All text stays inside the frame with a margin: the frame is 10 mm from the paper's edge and
the text 12 mm inside the frame. A long name or many modules make the letters smaller (down to
half) rather than run into the signature line or onto a second page.
"""

import functools
import unicodedata
from pathlib import Path

import font_source_sans_pro
from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _
from fontTools.ttLib import TTFont
from fpdf import FPDF

from samenspel.lib.languages import document_language

from .models import Enrolment, ModuleProgress

FONT = "SourceSans"
FONT_FILES = {
    "": Path(font_source_sans_pro.__file__).parent / "files" / "SourceSansPro-Regular.ttf",
    "B": Path(font_source_sans_pro.__file__).parent / "files" / "SourceSansPro-Bold.ttf",
}
FRAME = 10.0  # mm from the paper's edge to the frame
FRAME_LINE = 1.2  # mm
PADDING = 12.0  # mm from the frame to the text
MARGIN = FRAME + PADDING
FOOTER_HEIGHT = 24.0  # mm above the bottom margin for the start date, the signature line and the number
SCALES = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)

# Letters NFKD cannot take apart, for a font that lacks them.
_SPECIAL = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ı": "i", "œ": "oe", "Œ": "OE"})


@functools.cache
def _letters() -> frozenset[int]:
    """The code points both fonts have."""
    maps = [set(TTFont(path, lazy=True).getBestCmap()) for path in FONT_FILES.values()]
    return frozenset(set.intersection(*maps))


def printable(text: str) -> str:
    """`text` in the letters the font has: others lose their accent, or become "?"."""
    letters = _letters()
    out = []
    for char in str(text):
        if ord(char) in letters or char in "\n":
            out.append(char)
            continue
        base = char.translate(_SPECIAL)
        base = "".join(c for c in unicodedata.normalize("NFKD", base) if not unicodedata.combining(c))
        out.append(base if base and all(ord(c) in letters for c in base) else "?")
    return "".join(out)


def _date(value) -> str:
    return formats.date_format(value, "j F Y")


def _render(enrolment: Enrolment, done: list, scale: float) -> tuple[FPDF, bool]:
    """The certificate at `scale` (1: the full letter sizes), and whether its body fits."""
    tandem = enrolment.tandem
    trajectory = enrolment.trajectory
    pdf = FPDF(orientation="landscape", unit="mm", format="A4")
    for style, path in FONT_FILES.items():
        pdf.add_font(FONT, style, path)
    pdf.set_title(printable(_("Certificate: %(trajectory)s") % {"trajectory": trajectory.title}))
    pdf.set_author(printable(settings.NETWORK_NAME))
    pdf.set_subject(printable(f"{tandem.expert} · {tandem.professional}"))
    pdf.set_creator("Samenspel")
    pdf.set_lang(document_language())  # for screen readers and for hyphenation and spelling
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(auto=False)
    pdf.add_page()
    width = pdf.w - 2 * MARGIN
    footer_top = pdf.h - MARGIN - FOOTER_HEIGHT

    pdf.set_draw_color(1, 104, 155)
    pdf.set_line_width(FRAME_LINE)
    pdf.rect(FRAME, FRAME, pdf.w - 2 * FRAME, pdf.h - 2 * FRAME)

    def line(text, *, size, style="", height=None, space_after=0.0):
        size *= scale
        pdf.set_font(FONT, style=style, size=size)
        line_height = height * scale if height else size * 0.5
        pdf.multi_cell(width, line_height, printable(text), align="C", new_x="LMARGIN", new_y="NEXT")
        if space_after:
            pdf.ln(space_after * scale)

    pdf.set_y(MARGIN + 2)
    pdf.set_text_color(1, 104, 155)
    line(settings.NETWORK_NAME, size=14, space_after=6)
    pdf.set_text_color(0, 0, 0)
    line(_("Certificate"), size=34, style="B", space_after=4)
    line(_("This is to certify that the tandem"), size=13, space_after=4)
    line(
        _("%(expert)s and %(professional)s") % {"expert": tandem.expert, "professional": tandem.professional},
        size=22,
        style="B",
        space_after=2,
    )
    line(
        _("expert by experience and professional of %(organisation)s, %(team)s")
        % {"organisation": tandem.organisation.name, "team": tandem.team.name},
        size=12,
        space_after=5,
    )
    line(_("has completed the learning trajectory together"), size=13, space_after=3)
    line(trajectory.title, size=20, style="B", space_after=3)
    line(_("on %(date)s.") % {"date": _date(enrolment.completed_on)}, size=13, space_after=6)

    if done:
        line(_("The modules they did:"), size=11, style="B", space_after=1)
        titles = "; ".join(f"{p.module.position}. {p.module.title}" for p in done)
        line(titles, size=10, height=5)
    fits = pdf.get_y() <= footer_top

    pdf.set_y(footer_top + 6)
    pdf.set_font(FONT, size=10)
    half = width / 2
    pdf.set_x(MARGIN)
    started = _("Started together on %(date)s") % {"date": _date(enrolment.enrolled_on)}
    pdf.multi_cell(half, 5, printable(started), align="L")
    pdf.set_xy(MARGIN + half, footer_top + 6)
    pdf.multi_cell(half, 5, printable(_("For the network: the coordinators")), align="R")
    pdf.set_y(footer_top + 16)
    pdf.set_font(FONT, size=8)
    pdf.set_text_color(90, 90, 90)
    reference = f"{trajectory.slug}-{enrolment.pk}"
    pdf.multi_cell(width, 5, printable(_("Certificate number %(number)s") % {"number": reference}), align="L")
    return pdf, fits


def certificate_pdf(enrolment: Enrolment) -> bytes:
    """The certificate of a completed enrolment (enrolment.tandem must be loaded)."""
    done = list(
        ModuleProgress.objects.filter(enrolment=enrolment).select_related("module").order_by("module__position")
    )
    for scale in SCALES:
        pdf, fits = _render(enrolment, done, scale)
        if fits:
            break
    return bytes(pdf.output())
