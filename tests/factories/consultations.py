"""Factories for the consultations app: documents, versions, paragraphs, rounds, comments."""

import datetime

import factory
from django.utils import timezone

from samenspel.consultations.models import Comment, Document, Paragraph, ParagraphKey, Round, Version

from .members import MemberFactory


class DocumentFactory(factory.django.DjangoModelFactory):
    """A public advice document."""

    class Meta:
        model = Document

    title = factory.Sequence(lambda n: f"Advies {n}")
    slug = factory.Sequence(lambda n: f"advies-{n}")
    kind = Document.Kind.ADVICE
    summary = "Een advies aan de gemeente."
    is_public = True


def _next_version_number(version) -> int:
    return Version.objects.filter(document=version.document).count() + 1


class VersionFactory(factory.django.DjangoModelFactory):
    """A published version; number is the next one within its document, label the same as text."""

    class Meta:
        model = Version

    document = factory.SubFactory(DocumentFactory)
    number = factory.LazyAttribute(_next_version_number)
    label = factory.LazyAttribute(lambda o: f"{o.number}.0")
    status = Version.Status.PUBLISHED
    published_at = factory.LazyAttribute(lambda o: timezone.now() if o.status == Version.Status.PUBLISHED else None)


class ParagraphKeyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParagraphKey

    document = factory.SubFactory(DocumentFactory)


def _next_paragraph_position(paragraph) -> int:
    return Paragraph.objects.filter(version=paragraph.version).count() + 1


class ParagraphFactory(factory.django.DjangoModelFactory):
    """A paragraph at the end of its version, with a new key (pass key= to carry one over)."""

    class Meta:
        model = Paragraph

    version = factory.SubFactory(VersionFactory)
    key = factory.SubFactory(ParagraphKeyFactory, document=factory.SelfAttribute("..version.document"))
    position = factory.LazyAttribute(_next_paragraph_position)
    kind = Paragraph.Kind.PARAGRAPH
    level = 0
    text = factory.Sequence(lambda n: f"Ervaringsdeskundigen werken samen in het netwerk, alinea {n}.")


class RoundFactory(factory.django.DjangoModelFactory):
    """A round for members on a published version, open now for two weeks."""

    class Meta:
        model = Round

    version = factory.SubFactory(VersionFactory)
    title = factory.Sequence(lambda n: f"Consultatieronde {n}")
    introduction = "Wat vind je van dit concept?"
    audience = Round.Audience.MEMBERS
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(minutes=1))
    closes_at = factory.LazyAttribute(lambda o: o.opens_at + datetime.timedelta(days=14))


class CommentFactory(factory.django.DjangoModelFactory):
    """A comment by a member on a paragraph of the round's version (pass paragraph=None for the whole document)."""

    class Meta:
        model = Comment

    round = factory.SubFactory(RoundFactory)
    paragraph = factory.SubFactory(ParagraphFactory, version=factory.SelfAttribute("..round.version"))
    author = factory.SubFactory(MemberFactory)
    display = Comment.Display.NAME
    body = factory.Sequence(lambda n: f"Opmerking {n}: dit kan duidelijker.")
