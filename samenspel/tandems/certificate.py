"""The certificate of completion of a learning trajectory, as a PDF (fpdf2, pure Python).

One A4 page in landscape: the network, the trajectory, the two partners of the tandem, their
organisation and team, the date of completion and the modules they did. It is written in the
language of the request (Dutch or English).

The PDF uses the built-in Helvetica font (no font files to ship), which covers Western European
letters (Latin-1: é, ë, ç, ñ, ß ...). Other letters are written without their accent where that
is possible (ł stays l, ő becomes o) so a name never breaks the certificate.
"""

import unicodedata

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _
from fpdf import FPDF

from .models import Enrolment, ModuleProgress

# Letters NFKD cannot take apart; the rest of the non-Latin-1 letters lose their accent.
_SPECIAL = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ı": "i", "œ": "oe", "Œ": "OE"})
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."})


def latin1(text: str) -> str:
    """`text` in the characters the PDF core fonts have (Latin-1)."""
    text = str(text).translate(_QUOTES).translate(_SPECIAL)
    out = []
    for char in text:
        try:
            char.encode("latin-1")
        except UnicodeEncodeError:
            base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
            try:
                base.encode("latin-1")
            except UnicodeEncodeError:
                base = "?"
            out.append(base)
        else:
            out.append(char)
    return "".join(out)


def _date(value) -> str:
    return formats.date_format(value, "j F Y")


def certificate_pdf(enrolment: Enrolment) -> bytes:
    """The certificate of a completed enrolment (enrolment.tandem must be loaded)."""
    tandem = enrolment.tandem
    trajectory = enrolment.trajectory
    done = list(
        ModuleProgress.objects.filter(enrolment=enrolment).select_related("module").order_by("module__position")
    )

    pdf = FPDF(orientation="landscape", unit="mm", format="A4")
    pdf.set_title(latin1(_("Certificate: %(trajectory)s") % {"trajectory": trajectory.title}))
    pdf.set_author(latin1(settings.NETWORK_NAME))
    pdf.set_creator("Samenspel")
    pdf.set_lang(translation.get_language() or settings.LANGUAGE_CODE)  # for screen readers
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    pdf.set_draw_color(1, 104, 155)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)

    def line(text, *, size, style="", height=None, space_after=0.0):
        pdf.set_font("Helvetica", style=style, size=size)
        pdf.multi_cell(width, height or size * 0.5, latin1(text), align="C", new_x="LMARGIN", new_y="NEXT")
        if space_after:
            pdf.ln(space_after)

    pdf.set_y(24)
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
        line(titles, size=10, height=5, space_after=4)

    pdf.set_y(pdf.h - 38)
    pdf.set_font("Helvetica", size=10)
    half = width / 2
    pdf.cell(half, 6, latin1(_("Started together on %(date)s") % {"date": _date(enrolment.enrolled_on)}), align="L")
    pdf.cell(half, 6, latin1(_("For the network: the coordinators")), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=8)
    pdf.set_text_color(90, 90, 90)
    reference = f"{trajectory.slug}-{enrolment.pk}"
    pdf.cell(width, 6, latin1(_("Certificate number %(number)s") % {"number": reference}), align="L")
    return bytes(pdf.output())
