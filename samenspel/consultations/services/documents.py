"""Services for documents and versions: create, write (Markdown or an upload), review, publish.

A new version starts as a copy of the last one: the same paragraphs with the same keys. When a
coordinator saves new text for a draft version, the new paragraphs are paired with the version's
current paragraphs by `diff.match_paragraphs` (identical text first, then the most similar
paragraph with a difflib ratio of at least 0.5, each used once), so an edited or moved
paragraph keeps its key and comments can be traced. Unpaired paragraphs get a new key.
A published version cannot be changed.

Uploads: a .docx (python-docx; headings from the "Heading N" and "Title" styles, paragraphs
from the rest, empty ones skipped) or a Markdown/text file. A .docx is refused when it is
larger than 5 MB, is an OLE2 file (password-protected or an old .doc), is not a zip, or
would unpack to more than 20 MB or with a compression ratio over 100 (a zip bomb). Sizes are
read from the zip's table of contents before anything is unpacked.
"""

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samenspel.core.audit import log_action
from samenspel.lib.errors import DomainError

from .. import access
from ..diff import match_paragraphs
from ..models import Document, Paragraph, ParagraphKey, Version

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
MAX_PARAGRAPHS = 2000
MAX_PARAGRAPH_CHARS = 20000
MAX_TOTAL_CHARS = 400_000  # the reviewed split travels back in a signed form field
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SIGNING_SALT = "samenspel.consultations.version-review"
REVIEW_MAX_AGE = 2 * 60 * 60  # seconds
RESERVED_SLUGS = frozenset({"new", "rounds"})  # web addresses of other consultation pages

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_DOCX_HEADING = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)


class DocumentError(DomainError):
    """A problem a coordinator can fix; `message` is shown to them."""


@dataclass(frozen=True)
class ParsedParagraph:
    kind: str  # Paragraph.Kind value
    level: int
    text: str


# --- documents and versions ---------------------------------------------------------------


def _unique_slug(title: str) -> str:
    base = (slugify(title) or "document")[:70].strip("-") or "document"
    slug, counter = base, 2
    while Document.objects.filter(slug=slug).exists() or slug in RESERVED_SLUGS:
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


@transaction.atomic
def create_document(
    *, actor, title: str, kind: str, slug: str = "", summary: str = "", is_public: bool = True, circle=None
) -> Document:
    """A new document; without a short name one is made from the title.

    For a circle (its kartrekkers or a coordinator): only the circle's members will read it.
    """
    access.require_may_create_document(actor, circle)
    slug = slug or _unique_slug(title)
    if Document.objects.filter(slug=slug).exists():
        raise DocumentError(_("Another document already uses this short name."))
    try:
        with transaction.atomic():
            document = Document.objects.create(
                title=title,
                slug=slug,
                kind=kind,
                summary=summary,
                is_public=is_public,
                circle=circle,
                created_by=actor,
            )
    except IntegrityError:
        raise DocumentError(_("Another document already uses this short name.")) from None
    log_action(
        actor=actor,
        action="consultation.document.created",
        target=document,
        data={"public": is_public, "circle": circle.pk if circle else None},
    )
    return document


@transaction.atomic
def update_document(*, actor, document: Document, title: str, kind: str, summary: str, is_public: bool) -> Document:
    """Change title, kind, summary and who may read it (the short name stays, so links keep working)."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    changed = [
        name
        for name, value in (("title", title), ("kind", kind), ("summary", summary), ("is_public", is_public))
        if getattr(document, name) != value
    ]
    if not changed:
        return document
    document.title, document.kind, document.summary, document.is_public = title, kind, summary, is_public
    document.save(update_fields=changed)
    log_action(actor=actor, action="consultation.document.updated", target=document, data={"fields": changed})
    return document


@transaction.atomic
def create_version(*, actor, document: Document, label: str, note: str = "") -> Version:
    """A new draft version: a copy of the last version, with the same paragraph keys."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    label = label.strip()
    if not label or len(label) > Version._meta.get_field("label").max_length:
        raise DocumentError(_("Give a version label of at most 20 characters."))
    if document.versions.filter(label=label).exists():
        raise DocumentError(_("This document already has a version with this label."))
    last = document.versions.order_by("-number").first()
    number = (document.versions.aggregate(Max("number"))["number__max"] or 0) + 1
    try:
        with transaction.atomic():
            version = Version.objects.create(
                document=document, label=label, note=note, number=number, based_on=last, created_by=actor
            )
    except IntegrityError:
        raise DocumentError(_("This document already has a version with this label.")) from None
    if last is not None:
        Paragraph.objects.bulk_create(
            Paragraph(version=version, key_id=p.key_id, position=p.position, kind=p.kind, level=p.level, text=p.text)
            for p in last.paragraphs.all()
        )
    log_action(
        actor=actor,
        action="consultation.version.created",
        target=version,
        data={"document": document.pk, "number": number, "based_on": last.pk if last else None},
    )
    return version


def _require_draft(version: Version) -> None:
    if version.status != Version.Status.DRAFT:
        raise DocumentError(_("This version is published and cannot be changed. Make a new version."))


@transaction.atomic
def save_paragraphs(
    *, actor, version: Version, paragraphs: list[ParsedParagraph], reviewed_base: str | None = None
) -> Version:
    """Replace the text of a draft version; paragraphs keep their key when matched (see the module doc).

    `reviewed_base` is the text fingerprint the coordinator reviewed against: when the version
    changed meanwhile (another coordinator saved), nothing is saved and they review again.
    """
    version = Version.objects.select_for_update().select_related("document").get(pk=version.pk)
    _require_draft(version)
    if reviewed_base is not None and reviewed_base != text_fingerprint(version):
        raise DocumentError(
            _("Someone else changed this version while you were reviewing. Check the text and send it again.")
        )
    _check_paragraphs(paragraphs)
    current = list(version.paragraphs.order_by("position"))
    pairs = match_paragraphs([(p.kind, p.text) for p in current], [(p.kind, p.text) for p in paragraphs])
    new_keys = ParagraphKey.objects.bulk_create(
        ParagraphKey(document=version.document) for index in range(len(paragraphs)) if index not in pairs
    )
    new_keys_iter = iter(new_keys)
    version.paragraphs.all().delete()
    rows = []
    for index, parsed in enumerate(paragraphs):
        key_id = current[pairs[index]].key_id if index in pairs else next(new_keys_iter).pk
        rows.append(
            Paragraph(
                version=version,
                key_id=key_id,
                position=index + 1,
                kind=parsed.kind,
                level=parsed.level,
                text=parsed.text,
            )
        )
    Paragraph.objects.bulk_create(rows)
    log_action(
        actor=actor,
        action="consultation.version.text_saved",
        target=version,
        data={"paragraphs": len(rows), "kept_keys": len(pairs), "new_keys": len(new_keys)},
    )
    return version


@transaction.atomic
def publish_version(*, actor, version: Version) -> Version:
    version = Version.objects.select_for_update().get(pk=version.pk)
    _require_draft(version)
    if not version.paragraphs.exists():
        raise DocumentError(_("This version has no text yet. Write or upload the text first."))
    version.status = Version.Status.PUBLISHED
    version.published_at = timezone.now()
    version.save(update_fields=["status", "published_at"])
    log_action(actor=actor, action="consultation.version.published", target=version)
    return version


# --- reading text in ------------------------------------------------------------------------


def _check_paragraphs(paragraphs: list[ParsedParagraph]) -> None:
    if not paragraphs:
        raise DocumentError(_("The text is empty. Write at least one paragraph."))
    if len(paragraphs) > MAX_PARAGRAPHS:
        raise DocumentError(_("The text has too many paragraphs (at most %(max)d).") % {"max": MAX_PARAGRAPHS})
    if any(len(p.text) > MAX_PARAGRAPH_CHARS for p in paragraphs):
        raise DocumentError(
            _("A paragraph is too long (at most %(max)d characters). Split it up.") % {"max": MAX_PARAGRAPH_CHARS}
        )
    if sum(len(p.text) for p in paragraphs) > MAX_TOTAL_CHARS:
        raise DocumentError(
            _("The text is too long (at most %(max)d characters). Split it into more documents.")
            % {"max": MAX_TOTAL_CHARS}
        )


def parse_markdown(text: str) -> list[ParsedParagraph]:
    """Headings are lines starting with # (level = number of #, at most 4); paragraphs are split by blank lines.

    Text is kept as plain text: HTML in it is stored as typed and shown escaped.
    """
    paragraphs: list[ParsedParagraph] = []
    block: list[str] = []

    def flush() -> None:
        if block:
            paragraphs.append(ParsedParagraph(Paragraph.Kind.PARAGRAPH, 0, "\n".join(block)))
            block.clear()

    for raw_line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw_line.strip()
        if not line:
            flush()
            continue
        heading = _HEADING.match(line)
        if heading and heading.group(2):
            flush()
            level = min(len(heading.group(1)), 4)
            paragraphs.append(ParsedParagraph(Paragraph.Kind.HEADING, level, heading.group(2)))
            continue
        block.append(line)
    flush()
    _check_paragraphs(paragraphs)
    return paragraphs


def to_markdown(paragraphs) -> str:
    """The text of a version as Markdown, for the editing box (the reverse of parse_markdown)."""
    parts = []
    for p in paragraphs:
        parts.append(f"{'#' * max(p.level, 1)} {p.text}" if p.kind == Paragraph.Kind.HEADING else p.text)
    return "\n\n".join(parts)


def _docx_level(style_name: str) -> int:
    if style_name.strip().lower() == "title":
        return 1
    match = _DOCX_HEADING.match(style_name.strip())
    return min(max(int(match.group(1)), 1), 4) if match else 0


def parse_docx(data: bytes) -> list[ParsedParagraph]:
    """Split a .docx into headings and paragraphs, after the safety checks in the module doc."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise DocumentError(_("The file is larger than 5 MB."))
    if data.startswith(OLE2_SIGNATURE):
        raise DocumentError(
            _(
                "This file is protected with a password or is an old Word file (.doc). Save it as a .docx without a password."
            )
        )
    unreadable = DocumentError(_("This file cannot be read as a Word document (.docx). Is it damaged?"))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise unreadable from None
    unpacked = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    too_packed = any(info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1) for info in infos)
    if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_COMPRESSION_RATIO * max(packed, 1) or too_packed:
        raise DocumentError(_("This file unpacks to far too much data. Save it again from Word and try once more."))
    try:
        import docx  # python-docx

        word = docx.Document(io.BytesIO(data))
        paragraphs = []
        for item in word.paragraphs:
            text = " ".join(item.text.split())
            if not text:
                continue
            style_name = item.style.name if item.style is not None else ""
            level = _docx_level(style_name or "")
            kind = Paragraph.Kind.HEADING if level else Paragraph.Kind.PARAGRAPH
            paragraphs.append(ParsedParagraph(kind, level, text))
    except DocumentError:
        raise
    except Exception:  # python-docx raises many kinds of errors on damaged files (KeyError, lxml, ...)
        raise unreadable from None
    _check_paragraphs(paragraphs)
    return paragraphs


def parse_upload(uploaded) -> list[ParsedParagraph]:
    """A .docx, .md or .txt file from a form."""
    name = (uploaded.name or "").lower()
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise DocumentError(_("The file is larger than 5 MB."))
    data = uploaded.read(MAX_UPLOAD_BYTES + 1)
    if name.endswith(".docx"):
        return parse_docx(data)
    if name.endswith((".md", ".markdown", ".txt")):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DocumentError(_("This file is not plain text in UTF-8. Save it as UTF-8 and try again.")) from None
        return parse_markdown(text)
    raise DocumentError(_("Upload a Word file (.docx) or a Markdown file (.md)."))


# --- the review step: the split travels in a signed hidden field ---------------------------------


def text_fingerprint(version: Version) -> str:
    """A short digest of a version's current text, to notice a change made between review and save."""
    digest = hashlib.sha256()
    for key_id, kind, level, text in version.paragraphs.order_by("position").values_list(
        "key_id", "kind", "level", "text"
    ):
        digest.update(f"{key_id}\x1f{kind}\x1f{level}\x1f{text}\x1e".encode())
    return digest.hexdigest()[:32]


def sign_review(*, version: Version, paragraphs: list[ParsedParagraph]) -> str:
    payload = {"base": text_fingerprint(version), "paragraphs": [[p.kind, p.level, p.text] for p in paragraphs]}
    return signing.dumps(payload, salt=f"{SIGNING_SALT}:{version.pk}", compress=True)


def unsign_review(*, version: Version, token: str) -> tuple[str, list[ParsedParagraph]]:
    """The fingerprint the review was made on, and the reviewed paragraphs."""
    try:
        payload = signing.loads(token, salt=f"{SIGNING_SALT}:{version.pk}", max_age=REVIEW_MAX_AGE)
        base = str(payload["base"])
        paragraphs = [
            ParsedParagraph(str(kind), int(level), str(text))
            for kind, level, text in payload["paragraphs"]
            if kind in Paragraph.Kind.values
        ]
    except (signing.BadSignature, TypeError, ValueError, KeyError):
        raise DocumentError(_("The reviewed text has expired or was changed. Please send the text again.")) from None
    return base, paragraphs


@dataclass(frozen=True)
class ReviewRow:
    parsed: ParsedParagraph
    kept_from: Paragraph | None  # the paragraph of the current text whose identity it keeps


def review_split(*, version: Version, paragraphs: list[ParsedParagraph]) -> list[ReviewRow]:
    """How the text was split, and which paragraphs keep their identity (the same pairing as save_paragraphs)."""
    current = list(version.paragraphs.order_by("position"))
    pairs = match_paragraphs([(p.kind, p.text) for p in current], [(p.kind, p.text) for p in paragraphs])
    return [
        ReviewRow(parsed, current[pairs[index]] if index in pairs else None) for index, parsed in enumerate(paragraphs)
    ]
