"""The demo presentation of 8 February: a small PDF made in code with fpdf2 (as the certificate).

Three slides in landscape: the title, the three questions of the groups, and what happens next.
The font is Source Sans Pro from the `font-source-sans-pro` package (embedded), so Dutch letters
print as they are. No file is kept in the repository.
"""

from fpdf import FPDF

from samenspel.tandems.certificate import FONT, FONT_FILES


def presentation_pdf(*, title: str, date: str, slides: list[tuple[str, list[str]]]) -> bytes:
    """A PDF of a title slide and one slide per (heading, lines)."""
    pdf = FPDF(orientation="L", format="A4")
    for style, path in FONT_FILES.items():
        pdf.add_font(FONT, style, str(path))
    pdf.set_title(title)
    pdf.set_lang("nl-NL")
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.add_page()
    pdf.set_font(FONT, "B", 28)
    pdf.ln(30)
    pdf.multi_cell(0, 12, title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 16)
    pdf.multi_cell(0, 10, date, align="C", new_x="LMARGIN", new_y="NEXT")
    for heading, lines in slides:
        pdf.add_page()
        pdf.set_font(FONT, "B", 20)
        pdf.multi_cell(0, 10, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        pdf.set_font(FONT, "", 13)
        for line in lines:
            pdf.multi_cell(0, 7, f"• {line}", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    return bytes(pdf.output())
