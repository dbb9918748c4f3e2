"""The reactienota as a .docx document (python-docx), built from the same sections as the page.

Comments are shown as their authors chose (`shown_as`): an anonymous author's name is never written.
"""

import io
import re

from django.utils import formats
from django.utils.translation import gettext as _
from docx import Document as DocxDocument

from .models import Round

# Characters XML 1.0 does not allow; a comment pasted from elsewhere may hold them.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text or "")


def reactienota_docx(round_: Round, sections) -> bytes:
    version = round_.version
    document = version.document
    next_version = round_.next_version
    docx = DocxDocument()
    docx.core_properties.title = _clean(_("Reactienota: %(title)s") % {"title": document.title})
    docx.core_properties.author = ""
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
            docx.add_paragraph(_clean(section.paragraph.text), style="Quote")
        for comment in section.comments:
            docx.add_heading(_clean(_("Comment by %(author)s") % {"author": comment.shown_as}), level=2)
            docx.add_paragraph(_clean(comment.body))
            outcome = docx.add_paragraph()
            outcome.add_run(_("Outcome:") + " ").bold = True
            outcome.add_run(comment.get_outcome_display() or _("No outcome yet"))
            if comment.reason:
                reason = docx.add_paragraph()
                reason.add_run(_("Reason:") + " ").bold = True
                reason.add_run(_clean(comment.reason))
            for change in comment.changes:
                docx.add_paragraph(
                    _clean(
                        _("Changed in paragraph %(number)s of version %(label)s")
                        % {"number": change.number, "label": next_version.label if next_version else ""}
                    ),
                    style="List Bullet",
                )
    buffer = io.BytesIO()
    docx.save(buffer)
    return buffer.getvalue()
