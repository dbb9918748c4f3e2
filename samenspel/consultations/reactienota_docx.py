"""The reactienota as a .docx document (python-docx), built from the same sections as the page.

Comments are shown as their authors chose (`shown_as`): an anonymous author's name is never written.
"""

import io
import re

from django.utils import formats
from django.utils.translation import gettext as _
from docx import Document as DocxDocument
from docx.oxml.ns import qn
from lxml.etree import SubElement

from .models import Round

# Characters XML 1.0 does not allow; a comment pasted from elsewhere may hold them.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", (text or "").replace("\r\n", "\n").replace("\r", "\n"))


W_P, W_PPR, W_PSTYLE, W_VAL = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:val")
W_R, W_RPR, W_B, W_T, W_BR = qn("w:r"), qn("w:rPr"), qn("w:b"), qn("w:t"), qn("w:br")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class _Writer:
    """Appends paragraphs to the document body in linear time, building the XML directly.

    python-docx's `add_paragraph` looks the style up by name and searches the body for its
    section properties on every call, and `add_run` adds text character by character: a
    reactienota of 2,000 comments (10,000 paragraphs) took half a minute. Here the styles are
    looked up once, the section properties are taken out while writing and put back at the end
    (they must stay the body's last element), and each paragraph is one `w:p` with `w:r` runs;
    a line break in a text becomes a `w:br`. Call `finish()` before saving.
    """

    STYLES = ("Title", "Heading 1", "Heading 2", "Quote", "List Bullet")

    def __init__(self, docx):
        self.docx = docx
        self.style_ids = {name: docx.styles[name].style_id for name in self.STYLES}
        self.body = docx.element.body
        self.section = self.body.sectPr
        if self.section is not None:
            self.body.remove(self.section)

    def add_paragraph(self, *runs: str | tuple[str, bool], style: str | None = None) -> None:
        """A paragraph of runs: plain text, or (text, bold)."""
        paragraph = SubElement(self.body, W_P)
        if style is not None:
            properties = SubElement(paragraph, W_PPR)
            SubElement(properties, W_PSTYLE).set(W_VAL, self.style_ids[style])
        for run in runs:
            text, bold = (run, False) if isinstance(run, str) else run
            if not text:
                continue
            element = SubElement(paragraph, W_R)
            if bold:
                SubElement(SubElement(element, W_RPR), W_B)
            for index, line in enumerate(_clean(text).split("\n")):
                if index:
                    SubElement(element, W_BR)
                if line:
                    piece = SubElement(element, W_T)
                    piece.text = line
                    piece.set(XML_SPACE, "preserve")

    def add_heading(self, text: str, level: int) -> None:
        self.add_paragraph(text, style="Title" if level == 0 else f"Heading {level}")

    def finish(self) -> None:
        if self.section is not None:
            self.body.append(self.section)
            self.section = None


def reactienota_docx(round_: Round, sections) -> bytes:
    version = round_.version
    document = version.document
    next_version = round_.next_version
    docx = _Writer(DocxDocument())
    docx.docx.core_properties.title = _clean(_("Reactienota: %(title)s") % {"title": document.title})
    docx.docx.core_properties.author = ""
    docx.add_heading(_clean(_("Reactienota: %(title)s") % {"title": document.title}), level=0)
    docx.add_paragraph(_clean(_("Round: %(title)s") % {"title": round_.title}))
    docx.add_paragraph(_clean(_("Consulted version: %(label)s") % {"label": version.label}))
    if next_version is not None:
        docx.add_paragraph(_clean(_("Next version: %(label)s") % {"label": next_version.label}))
    if round_.reactienota_published_at:
        published = formats.date_format(round_.reactienota_published_at, "DATE_FORMAT")
        docx.add_paragraph(_("Published on %(date)s") % {"date": published})
    else:
        docx.add_paragraph(_("Draft: not published yet."))
    if not sections:
        docx.add_paragraph(_("There were no comments in this round."))
    for section in sections:
        if section.paragraph is None:
            docx.add_heading(_("The document as a whole"), level=1)
        else:
            docx.add_heading(_("Paragraph %(number)s") % {"number": section.number}, level=1)
            if section.heading and section.paragraph.kind != section.paragraph.Kind.HEADING:
                docx.add_paragraph(_clean(_("Under the heading: %(heading)s") % {"heading": section.heading}))
            docx.add_paragraph(section.paragraph.text, style="Quote")
        for comment in section.comments:
            docx.add_heading(_clean(_("Comment by %(author)s") % {"author": comment.shown_as}), level=2)
            docx.add_paragraph(comment.body)
            docx.add_paragraph((_("Outcome:") + " ", True), comment.get_outcome_display() or _("No outcome yet"))
            if comment.reason:
                docx.add_paragraph((_("Reason:") + " ", True), comment.reason)
            for change in comment.changes:
                docx.add_paragraph(
                    _clean(
                        _("Changed in paragraph %(number)s of version %(label)s")
                        % {"number": change.number, "label": next_version.label if next_version else ""}
                    ),
                    style="List Bullet",
                )
    docx.finish()
    buffer = io.BytesIO()
    docx.docx.save(buffer)
    return buffer.getvalue()
