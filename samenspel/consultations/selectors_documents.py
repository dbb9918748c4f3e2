"""Reads for the documents pages, each in a fixed number of queries."""

from django.db.models import Count, OuterRef, Q, Subquery

from samenspel.members.rules import is_coordinator

from . import access
from .models import Document, Paragraph, Version


def documents_for_list(user):
    """Documents the user may see, with the latest visible version's label and date, in one query."""
    versions = Version.objects.filter(document=OuterRef("pk"))
    if not is_coordinator(user):
        versions = versions.filter(status=Version.Status.PUBLISHED)
    latest = versions.order_by("-number")
    published = Q(versions__status=Version.Status.PUBLISHED)
    return access.visible_documents_for(user).annotate(
        latest_label=Subquery(latest.values("label")[:1]),
        latest_number=Subquery(latest.values("number")[:1]),
        latest_published_at=Subquery(latest.values("published_at")[:1]),
        published_count=Count("versions", filter=published, distinct=True),
    )


def versions_of(user, document: Document) -> list[Version]:
    return list(access.visible_versions_for(user, document).order_by("number"))


def rounds_of(user, document: Document):
    return list(access.visible_rounds_for(user).filter(version__document=document).order_by("opens_at"))


def paragraphs_of(version: Version) -> list[Paragraph]:
    return list(version.paragraphs.select_related("key").order_by("position"))
