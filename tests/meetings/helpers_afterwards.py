"""Helpers for the afterwards tests: participants, groups and minimal presentation files."""

import io
import zipfile

from samenspel.meetings.models import BreakoutGroup, ParticipantRole, Registration
from tests.factories.meetings import RegistrationFactory
from tests.factories.members import MemberFactory

ODP_MIMETYPE = b"application/vnd.oasis.opendocument.presentation"


def add_participants(meeting, count: int, *, role: str = ParticipantRole.EXPERT, **fields) -> list[Registration]:
    return [RegistrationFactory(meeting=meeting, role=role, **fields) for _ in range(count)]


def add_group(meeting, name: str = "Groep", **fields) -> BreakoutGroup:
    fields.setdefault("question", f"Wat vindt {name}?")
    return BreakoutGroup.objects.create(meeting=meeting, name=name, **fields)


def register(meeting, member, **fields) -> Registration:
    return RegistrationFactory(meeting=meeting, member=member, **fields)


def new_member(**fields):
    return MemberFactory(**fields)


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _zip(entries: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    """The same bytes on every call: each entry has a fixed date (writestr with a name stamps the current
    time, to two seconds, so two calls across such a boundary differed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in entries.items():
            entry = zipfile.ZipInfo(name, date_time=(2026, 2, 8, 12, 0, 0))
            entry.external_attr = 0o600 << 16
            archive.writestr(entry, data, compress_type=zipfile.ZIP_STORED if name == "mimetype" else compression)
    return buffer.getvalue()


def pptx_bytes() -> bytes:
    return _zip(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
            "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
            "ppt/presentation.xml": b'<?xml version="1.0"?><p:presentation/>',
        }
    )


def odp_bytes(mimetype: bytes = ODP_MIMETYPE) -> bytes:
    return _zip(
        {
            "mimetype": mimetype,
            "META-INF/manifest.xml": b'<?xml version="1.0"?><manifest/>',
            "content.xml": b'<?xml version="1.0"?><office:document-content/>',
        }
    )


def docx_bytes() -> bytes:
    """A zip with Office structure but no ppt/ folder (a Word file)."""
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


def zip_bomb_bytes() -> bytes:
    """Small on disk, huge when unpacked: 50 MB of zeros deflates to about 50 kB."""
    return _zip({"[Content_Types].xml": b"<Types/>", "ppt/slides/slide1.xml": b"\0" * (50 * 1024 * 1024)})


def exe_bytes() -> bytes:
    return (
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
        + b"\0" * 200
        + b"This program cannot be run in DOS mode."
    )
